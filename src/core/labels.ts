import { Problems, joinPath } from "./errors";

/** GCP label keys and values: lowercase letters, digits, `_` and `-`; keys start with a letter; ≤ 63. */
const GCP_LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const GCP_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** The labels every landing-zone resource carries, on both clouds. */
export interface CostLabels {
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /** Owning team, e.g. `platform-team`. */
  readonly owner: string;
  /** Cost center to charge, e.g. `cc-1234`. */
  readonly costCenter: string;
}

/** The label key for the managing tool. */
export const MANAGED_BY = "managed-by";
export const MANAGED_BY_VALUE = "pulumi-landing-zone";

/**
 * Builds the label map applied to every child that takes labels (GCP) or tags (Alibaba):
 * `environment`, `owner`, `cost-center`, `managed-by`, then `extra`. The mandatory keys win
 * over `extra`.
 */
export function costLabels(base: CostLabels, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...extra,
    environment: base.environment,
    owner: base.owner,
    "cost-center": base.costCenter,
    [MANAGED_BY]: MANAGED_BY_VALUE,
  };
}

/**
 * Checks labels against GCP's rules (the stricter of the two clouds, so one label map serves
 * both): at most 64, keys `[a-z][a-z0-9_-]{0,62}`, values `[a-z0-9_-]{0,63}`.
 */
export function checkLabels(labels: Readonly<Record<string, string>>, path: string, problems: Problems): void {
  const entries = Object.entries(labels);
  if (entries.length > 64) {
    problems.add("LZ_LABELS_TOO_MANY", path, `${entries.length} labels; GCP allows at most 64`, "drop some labels");
  }
  for (const [k, v] of entries) {
    const p = joinPath(path, k);
    if (!GCP_LABEL_KEY.test(k)) {
      problems.add("LZ_LABEL_KEY", p, `label key "${k}" must be 1–63 lowercase letters, digits, _ or -, starting with a letter`,
        `rename it, e.g. "${k.toLowerCase().replace(/[^a-z0-9_-]/g, "-").replace(/^[^a-z]+/, "") || "team"}"`);
    }
    if (typeof v !== "string" || !GCP_LABEL_VALUE.test(v)) {
      problems.add("LZ_LABEL_VALUE", p, `label value "${v}" must be at most 63 lowercase letters, digits, _ or -`,
        `use "${String(v).toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63)}"`);
    }
  }
}
