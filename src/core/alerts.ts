import { joinPath, Problems } from "./errors";

/** How bad a security alert is; each cloud maps it to its own scale. */
export const ALERT_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** One entry of an alert catalogue: what to watch and how loud to be. */
export interface AlertDefinition {
  /** Stable id (kebab-case); it names the alert's resources, so it never changes. */
  readonly id: string;
  /** The benchmark item the alert answers, e.g. `CIS GCP Foundations v4.0 2.7`, or `custom`. */
  readonly cis: string;
  /** One line shown as the alert's title. */
  readonly title: string;
  /** GCP: the Cloud Logging filter of the log-based metric. Alibaba: the SLS search over the ActionTrail logstore. */
  readonly query: string;
  readonly severity: AlertSeverity;
}

/**
 * Changes one catalogue entry, or adds your own, keyed by alert id. Severity is a string so a
 * wrong value is reported with its path instead of failing the type check of other languages.
 */
export interface AlertOverride {
  /** `false` turns the entry off. @default true */
  readonly enabled?: boolean;
  /** Replaces the entry's filter/query; required for an id that is not in the catalogue. @default the catalogue's */
  readonly query?: string;
  /** `critical`, `high`, `medium` or `low`. @default the catalogue's, `medium` for your own */
  readonly severity?: string;
  /** The alert's title. @default the catalogue's, the id for your own */
  readonly title?: string;
}

/** Alert ids: kebab-case, start with a letter, at most 40 characters. */
export const ALERT_ID_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$|^[a-z]$/;

/** True when `s` is one of the alert severities. */
export function isAlertSeverity(s: unknown): s is AlertSeverity {
  return typeof s === "string" && (ALERT_SEVERITIES as readonly string[]).includes(s);
}

/**
 * Applies `overrides` to `catalogue`: entries turned off are dropped, changed ones take the new
 * query/severity/title, ids not in the catalogue are added (they need a query). Returns the
 * enabled alerts, catalogue order first, then added ones by id. Reports every bad override
 * under `path.<id>`.
 */
export function resolveAlerts(catalogue: readonly AlertDefinition[], overrides: Readonly<Record<string, AlertOverride>> | undefined,
  path: string, problems: Problems): AlertDefinition[] {
  const known = new Map(catalogue.map((a) => [a.id, a] as const));
  const own = overrides ?? {};
  for (const [id, o] of Object.entries(own)) {
    const p = joinPath(path, id);
    if (!ALERT_ID_PATTERN.test(id)) {
      problems.add("LZ_ALERT_ID", p, `alert id "${id}" must be 1–40 lowercase letters, digits or hyphens, starting with a letter`,
        "rename the entry, e.g. bucket-deletions");
    }
    if (!known.has(id) && o.query === undefined) {
      problems.add("LZ_ALERT_UNKNOWN", p, `"${id}" is not in the alert catalogue and gives no query`,
        `fix the id (one of ${catalogue.map((a) => a.id).join(", ")}) or add your own alert with a query`);
    }
    if (o.query !== undefined && (typeof o.query !== "string" || o.query.trim() === "")) {
      problems.add("LZ_ALERT_QUERY_EMPTY", joinPath(p, "query"), "the alert's filter/query is empty, so it would match every event",
        "give the filter that selects the events, or set enabled: false to turn the alert off");
    }
    if (o.severity !== undefined && !isAlertSeverity(o.severity)) {
      problems.add("LZ_ALERT_SEVERITY", joinPath(p, "severity"), `severity "${String(o.severity)}" is not one of ${ALERT_SEVERITIES.join(", ")}`,
        "use critical, high, medium or low");
    }
  }
  const apply = (base: AlertDefinition, o: AlertOverride | undefined): AlertDefinition => ({
    ...base,
    query: o?.query ?? base.query,
    severity: isAlertSeverity(o?.severity) ? o!.severity as AlertSeverity : base.severity,
    title: o?.title ?? base.title,
  });
  const result = catalogue.filter((a) => own[a.id]?.enabled !== false).map((a) => apply(a, own[a.id]));
  const added = Object.keys(own).filter((id) => !known.has(id) && own[id]!.enabled !== false && own[id]!.query !== undefined).sort();
  for (const id of added) result.push(apply({ id, cis: "custom", title: id, query: "", severity: "medium" }, own[id]));
  return result;
}

/** Collapses whitespace so two spellings of one filter compare equal. */
export function normalizeQuery(q: string): string {
  return q.replace(/\s+/g, " ").trim();
}

/** A markdown table of a catalogue (id, CIS reference, severity, title, filter/query), as `docs/alerts.md` shows it. */
export function alertCatalogueMarkdown(catalogue: readonly AlertDefinition[]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| Id | CIS | Severity | Title | Filter / query |",
    "| --- | --- | --- | --- | --- |",
    ...catalogue.map((a) => `| \`${a.id}\` | ${cell(a.cis)} | ${a.severity} | ${cell(a.title)} | \`${cell(normalizeQuery(a.query))}\` |`),
  ].join("\n");
}
