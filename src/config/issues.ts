import type { core } from "zod";
import { Problem, Problems } from "../core/errors";
import { checkKey } from "../core/naming";

/** The config namespace: every key lives under `landing-zone:`. */
export const NAMESPACE = "landing-zone";

/** Renders a zod path as a config key path: `landing-zone:gcp.network.subnets.web.size`. */
export function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return `${NAMESPACE}:`;
  const [head, ...rest] = path.map((p) => (typeof p === "number" ? `[${p}]` : String(p)));
  return `${NAMESPACE}:${head}${rest.map((r) => (r.startsWith("[") ? r : `.${r}`)).join("")}`;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}

/** Turns one zod issue into problems (one per unknown key) with a fix a person can act on. */
export function problemsFromIssue(issue: core.$ZodIssue, input: unknown): Problem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({ code: "LZ_CONFIG_UNKNOWN_KEY", path: keyPath([...issue.path, k]), message: `unknown key "${k}"`,
      fix: "remove it or correct its spelling (the README's Configuration section links every area's keys)" }));
  }
  return [problemFromIssue(issue, input)];
}

/** Turns one zod issue into a problem with a fix a person can act on. */
export function problemFromIssue(issue: core.$ZodIssue, input: unknown): Problem {
  const path = keyPath(issue.path);
  let at: unknown = input;
  for (const p of issue.path) at = at == null ? undefined : (at as Record<PropertyKey, unknown>)[p as PropertyKey];
  switch (issue.code) {
    case "invalid_type":
      if (at === undefined) {
        return { code: "LZ_CONFIG_MISSING", path, message: `required key is missing (expected ${issue.expected})`,
          fix: `add it to Pulumi.<env>.yaml, or run: pulumi config set --path '${path}' <value>` };
      }
      return { code: "LZ_CONFIG_TYPE", path, message: `expected ${issue.expected}, got ${describe(at)}`,
        fix: `set it to ${issue.expected === "array" ? "a list" : /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`}` };
    case "unrecognized_keys":
      return { code: "LZ_CONFIG_UNKNOWN_KEY", path, message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
        fix: "remove it or correct its spelling (the README's Configuration section links every area's keys)" };
    case "invalid_value":
      return { code: "LZ_CONFIG_VALUE", path, message: `${JSON.stringify(at)} is not allowed`,
        fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}` };
    case "too_small":
      return { code: "LZ_CONFIG_TOO_SMALL", path, message: issue.message,
        fix: issue.origin === "array" ? `give at least ${issue.minimum} item(s)` : issue.origin === "string" ? `use at least ${issue.minimum} character(s)` : `use a value of at least ${issue.minimum}` };
    case "too_big":
      return { code: "LZ_CONFIG_TOO_BIG", path, message: issue.message,
        fix: issue.origin === "array" ? `give at most ${issue.maximum} item(s)` : issue.origin === "string" ? `use at most ${issue.maximum} character(s)` : `use a value of at most ${issue.maximum}` };
    case "invalid_format":
      return { code: "LZ_CONFIG_FORMAT", path, message: `${JSON.stringify(at)}: ${issue.message}`,
        fix: issue.message.startsWith("must ") ? `change it to ${issue.message.slice("must ".length)}` : "correct the value's format" };
    case "invalid_key": {
      // A key of a named collection (subnet, rule, range …): the same rule and words as the components'.
      const key = String(issue.path[issue.path.length - 1] ?? "");
      const found = new Problems();
      checkKey(key, path, found);
      return found.items[0] ?? { code: "LZ_KEY_INVALID", path, message: `key "${key}": ${issue.issues[0]?.message ?? issue.message}`,
        fix: "rename the key, e.g. web, app-tier, data" };
    }
    case "custom": {
      const params = (issue.params ?? {}) as { code?: string; fix?: string };
      return { code: params.code ?? "LZ_CONFIG_INVALID", path, message: issue.message, fix: params.fix ?? "correct the value" };
    }
    default:
      return { code: "LZ_CONFIG_INVALID", path, message: issue.message, fix: "correct the value" };
  }
}
