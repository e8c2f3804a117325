import type { Inventory, InventoryResource } from "./inventory";

/**
 * URN stability check: compares a golden list of URNs (a stack's previous plan) with a new
 * plan. A golden URN that the new plan neither registers nor covers with an alias would be
 * deleted and re-created by `pulumi up` (a rename or a re-parent); new URNs are additions.
 *
 * Aliases are taken from the inventory's `options.aliases` (the harness records them from
 * the mock `registerResource` request as `{ urn, spec: { name, type, stack, project,
 * parenturn, noparent } }`). Pulumi's engine also gives every child the aliases of its
 * parent (a child named `<parent>-x` follows its parent's rename); this check does the same.
 */

/** One alias as the harness records it (the protobuf `Alias` as a plain object). */
interface RecordedAlias {
  readonly urn?: string;
  readonly spec?: {
    readonly name?: string;
    readonly type?: string;
    readonly stack?: string;
    readonly project?: string;
    readonly parenturn?: string;
    readonly noparent?: boolean;
  };
}

/** The outcome of comparing golden URNs with a new plan. */
export interface UrnDiff {
  /** Golden URNs gone from the new plan and not covered by an alias: these would be replaced. */
  readonly missing: string[];
  /** Golden URNs gone from the new plan but covered by an alias, mapped to the new URN that covers each. */
  readonly aliased: Record<string, string>;
  /** URNs of the new plan that the golden list does not hold (additions, or the new side of an alias). */
  readonly added: string[];
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, split. */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; type: string; name: string } {
  const m = /^urn:pulumi:([^:]*)::([^:]*)::(.+?)::(.*)$/s.exec(urn);
  if (!m) throw new Error(`not a Pulumi URN: ${urn}`);
  const qualifiedType = m[3]!;
  return { stack: m[1]!, project: m[2]!, qualifiedType, type: qualifiedType.split("$").pop()!, name: m[4]! };
}

/** The URN Pulumi gives a resource of `type` named `name` under `parent` (none, or the root stack: top level). */
export function makeUrn(stack: string, project: string, type: string, name: string, parent?: string): string {
  let qualified = type;
  if (parent) {
    const p = parseUrn(parent);
    if (p.type !== "pulumi:pulumi:Stack") qualified = `${p.qualifiedType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The URNs a resource's own `aliases` option stands for. */
export function explicitAliasUrns(r: InventoryResource): string[] {
  const me = parseUrn(r.urn);
  const recorded = (r.options?.aliases ?? []) as readonly (RecordedAlias | string)[];
  const urns: string[] = [];
  for (const a of recorded) {
    if (typeof a === "string") {
      urns.push(a);
    } else if (a.urn) {
      urns.push(a.urn);
    } else if (a.spec) {
      const s = a.spec;
      const parent = s.noparent ? undefined : s.parenturn || r.parent;
      urns.push(makeUrn(s.stack || me.stack, s.project || me.project, s.type || r.type, s.name || r.name, parent));
    }
  }
  return urns;
}

/**
 * Every URN a resource of the plan answers to besides its own: its explicit aliases, plus
 * one per alias of each ancestor (the child under the aliased parent, its name's parent-name
 * prefix replaced by the alias's name), as Pulumi's engine computes them.
 */
export function aliasUrnsOf(inv: Inventory): Map<string, string[]> {
  const byUrn = new Map(inv.resources.map((r) => [r.urn, r] as const));
  const memo = new Map<string, string[]>();
  const resolve = (r: InventoryResource): string[] => {
    const cached = memo.get(r.urn);
    if (cached) return cached;
    memo.set(r.urn, []); // cycle guard; a plan has no cycles
    const out = new Set(explicitAliasUrns(r));
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (parent) {
      const me = parseUrn(r.urn);
      for (const parentAlias of resolve(parent)) {
        const pa = parseUrn(parentAlias);
        const name = r.name.startsWith(parent.name) ? pa.name + r.name.slice(parent.name.length) : r.name;
        out.add(makeUrn(me.stack, me.project, r.type, name, parentAlias));
        // The child's own aliases under the aliased parent, too.
        for (const own of explicitAliasUrns(r)) {
          const o = parseUrn(own);
          out.add(makeUrn(o.stack, o.project, o.type, o.name, parentAlias));
        }
      }
    }
    out.delete(r.urn);
    const list = [...out].sort();
    memo.set(r.urn, list);
    return list;
  };
  const result = new Map<string, string[]>();
  for (const r of inv.resources) result.set(r.urn, resolve(r));
  return result;
}

/** Compares golden URNs with a new plan. */
export function diffUrns(golden: readonly string[], inv: Inventory): UrnDiff {
  const current = new Set(inv.resources.map((r) => r.urn));
  const goldenSet = new Set(golden);
  const coveredBy = new Map<string, string>();
  for (const [urn, aliases] of aliasUrnsOf(inv)) {
    for (const a of aliases) if (!coveredBy.has(a)) coveredBy.set(a, urn);
  }
  const missing: string[] = [];
  const aliased: Record<string, string> = {};
  for (const urn of [...goldenSet].sort()) {
    if (current.has(urn)) continue;
    const by = coveredBy.get(urn);
    if (by) aliased[urn] = by;
    else missing.push(urn);
  }
  const added = [...current].filter((u) => !goldenSet.has(u)).sort();
  return { missing, aliased, added };
}

/** The golden file's text for a plan: its URNs, sorted, one a line. */
export function goldenText(inv: Inventory): string {
  return `${inv.resources.map((r) => r.urn).sort().join("\n")}\n`;
}

/** Parses a golden file's text (blank lines and `#` comments ignored). */
export function parseGolden(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

/** A human-readable account of a diff, for test failures and the update script. */
export function describeDiff(stack: string, d: UrnDiff): string {
  const lines: string[] = [];
  if (d.missing.length > 0) {
    lines.push(`${stack}: ${d.missing.length} resource(s) would be replaced (renamed or re-parented without an alias):`);
    for (const u of d.missing) lines.push(`  - ${u}`);
    lines.push("  fix: add `aliases` to the resource (e.g. { name: \"<old name>\" } or { parent: <old parent> }), or, for an intended replacement, regenerate the goldens with `npx tsx scripts/update-urn-goldens.ts`");
  }
  const aliasedEntries = Object.entries(d.aliased);
  if (aliasedEntries.length > 0) {
    lines.push(`${stack}: ${aliasedEntries.length} resource(s) moved with an alias:`);
    for (const [from, to] of aliasedEntries) lines.push(`  ~ ${from}\n    -> ${to}`);
  }
  if (d.added.length > 0) {
    lines.push(`${stack}: ${d.added.length} new resource(s):`);
    for (const u of d.added) lines.push(`  + ${u}`);
  }
  return lines.length > 0 ? lines.join("\n") : `${stack}: URNs unchanged`;
}
