import * as fs from "node:fs";
import { parse } from "yaml";
import type { Waiver } from "./evaluate";
import { LANDING_ZONE_RULES } from "./rules";

/**
 * Reads a waiver file for `npm run plan -- --waivers FILE`:
 *
 * ```yaml
 * waivers:
 *   - rule: gcp-audit-bucket-retention-locked
 *     resource: acme-lz-dev-dev-audit   # name or URN; omit for every resource
 *     reason: "dev keeps 30 days unlocked so the bucket can be torn down (SEC-123, until 2027-06)"
 * ```
 *
 * Every waiver needs a known rule id and a non-empty reason; all problems are reported at once.
 */
export function readWaivers(file: string, known: readonly string[] = LANDING_ZONE_RULES.map((r) => r.id)): { ok: true; waivers: Waiver[] } | { ok: false; error: string } {
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    return { ok: false, error: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const list = (doc as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(list)) return { ok: false, error: `${file}: expected a top-level "waivers:" list of { rule, reason, resource? }` };
  const problems: string[] = [];
  const waivers: Waiver[] = [];
  list.forEach((w: Record<string, unknown>, i) => {
    const at = `${file}: waivers[${i}]`;
    if (typeof w?.rule !== "string" || !known.includes(w.rule)) problems.push(`${at}.rule: ${JSON.stringify(w?.rule)} is not a rule id; ids: ${known.join(", ")}`);
    if (typeof w?.reason !== "string" || w.reason.trim() === "") problems.push(`${at}.reason: a waiver needs the recorded reason (why, who agreed, until when)`);
    if (w?.resource !== undefined && typeof w.resource !== "string") problems.push(`${at}.resource: a resource name or URN`);
    if (problems.length === 0) waivers.push({ rule: w.rule as string, reason: (w.reason as string).trim(), ...(typeof w.resource === "string" ? { resource: w.resource } : {}) });
  });
  return problems.length > 0 ? { ok: false, error: `invalid waivers:\n  - ${problems.join("\n  - ")}` } : { ok: true, waivers };
}

/**
 * Waivers whose `resource` names nothing in the plan (neither a URN nor a name): usually a typo,
 * and a waiver that matches nothing protects nothing and hides nothing. The plan warns about them.
 */
export function unmatchedWaivers(waivers: readonly Waiver[], resources: readonly { urn: string; name: string }[]): Waiver[] {
  const known = new Set(resources.flatMap((r) => [r.urn, r.name]));
  return waivers.filter((w) => w.resource !== undefined && !known.has(w.resource));
}
