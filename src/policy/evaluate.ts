import { type Finding, type InventoryResource, isProvider } from "../offline/inventory";
import { type Inputs, type Outcome, type Rule } from "./rule";
import { LANDING_ZONE_RULES } from "./rules";

/**
 * Turns one rule off, for one resource or for all, with the reason recorded. A waived
 * violation is still reported, marked `suppressed: <reason>`, and no longer fails the plan.
 */
export interface Waiver {
  /** The rule id, e.g. `gcp-firewall-no-public-ssh`. */
  readonly rule: string;
  /** Why the rule does not hold here, who agreed and until when. Required, non-empty. */
  readonly reason: string;
  /** The resource: its URN or its name. @default every resource (and the stack) */
  readonly resource?: string;
}

/** Options of a policy evaluation. */
export interface EvaluateOptions {
  /** Stack name, for stack-level findings. @default "dev" */
  readonly stack?: string;
  /** Project name, for stack-level findings. @default "landing-zone" */
  readonly project?: string;
  /** The rule set. @default LANDING_ZONE_RULES */
  readonly rules?: readonly Rule[];
  /** Rules added to the rule set (your organisation's own). @default [] */
  readonly extraRules?: readonly Rule[];
  /** Rules turned off, each with its recorded reason. @default [] */
  readonly waivers?: readonly Waiver[];
}

/** The text the offline inventory uses for values known only after `pulumi up`. */
const UNKNOWN = "[unknown]";

class UnknownInput extends Error {
  constructor(readonly path: string) {
    super(`${path} is unknown until apply`);
  }
}

/**
 * Wraps inputs so that reading a value only known after apply throws, as CrossGuard's
 * `unknownCheckingProxy` does at preview: the rule then reports "could not check" as advisory
 * instead of judging a placeholder.
 */
function unknownChecking(value: unknown, path: string): unknown {
  if (value === UNKNOWN) throw new UnknownInput(path);
  if (value === null || typeof value !== "object") return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key === "symbol" || (Array.isArray(target) && key === "length")) return v;
      if (typeof v === "function") return v;
      return unknownChecking(v, Array.isArray(target) ? `${path}[${String(key)}]` : path === "" ? key : `${path}.${key}`);
    },
  });
}

/** Runs a resource rule's check, turning a read of an unknown value into a not-checkable outcome. */
export function runCheck(rule: Extract<Rule, { kind: "resource" }>, type: string, inputs: Inputs): Outcome | { status: "unknown"; message: string } {
  try {
    return rule.check(type, unknownChecking(inputs, "") as Inputs);
  } catch (e) {
    if (e instanceof UnknownInput) return { status: "unknown", message: `could not check: ${e.message}` };
    throw e;
  }
}

/** True when a resource rule applies to the type. */
export function appliesTo(rule: Extract<Rule, { kind: "resource" }>, type: string): boolean {
  return rule.types === "all" || rule.types.includes(type);
}

/** Checks a rule set: unique ids, kebab-case; waivers name known rules and give a reason. Throws on the first problem list. */
export function checkRuleSet(rules: readonly Rule[], waivers: readonly Waiver[] = []): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const r of rules) {
    if (!/^[a-z][a-z0-9-]*$/.test(r.id)) problems.push(`rule id "${r.id}" must be kebab-case`);
    if (ids.has(r.id)) problems.push(`rule id "${r.id}" is used twice`);
    ids.add(r.id);
  }
  for (const w of waivers) {
    if (!ids.has(w.rule)) problems.push(`waiver for unknown rule "${w.rule}"`);
    if (typeof w.reason !== "string" || w.reason.trim() === "") problems.push(`waiver for "${w.rule}"${w.resource ? ` on ${w.resource}` : ""} has no reason; record why the rule does not hold`);
  }
  if (problems.length > 0) throw new Error(`invalid policy set:\n  - ${problems.join("\n  - ")}`);
}

/** True when a waiver's `resource` covers the resource: unset (every resource), its URN or its name. */
export function waiverCovers(w: { readonly resource?: string }, urn: string, name: string | undefined): boolean {
  return w.resource === undefined || w.resource === urn || (name !== undefined && w.resource === name);
}

function waiverFor(waivers: readonly Waiver[], rule: string, urn: string, name: string | undefined): Waiver | undefined {
  return waivers.find((w) => w.rule === rule && waiverCovers(w, urn, name));
}

/** The URN that stands for the stack in stack-level findings. */
export function stackUrn(project: string, stack: string): string {
  return `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
}

/**
 * Evaluates the policy rules over an inventory's resources: every failing rule gives a finding
 * (mandatory or advisory, per the rule); waived ones carry `suppressed` with the reason. A
 * mandatory rule that reads a value only known after apply reports an advisory "could not check".
 * Deterministic: rules in order, resources in the inventory's (URN) order.
 */
export function evaluatePolicies(resources: readonly InventoryResource[], opts: EvaluateOptions = {}): Finding[] {
  const rules = [...(opts.rules ?? LANDING_ZONE_RULES), ...(opts.extraRules ?? [])];
  const waivers = opts.waivers ?? [];
  checkRuleSet(rules, waivers);
  const urnOfStack = stackUrn(opts.project ?? "landing-zone", opts.stack ?? "dev");
  const custom = resources.filter((r) => !isProvider(r));
  const nameByUrn = new Map(custom.map((r) => [r.urn, r.name] as const));
  const stackName = `${opts.project ?? "landing-zone"}-${opts.stack ?? "dev"}`;
  const findings: Finding[] = [];
  const add = (rule: Rule, urn: string, name: string | undefined, message: string, enforcement = rule.enforcement) => {
    const w = waiverFor(waivers, rule.id, urn, name);
    findings.push({ rule: rule.id, severity: rule.severity, enforcement, urn, message, ...(w ? { suppressed: w.reason } : {}) });
  };
  const stackResources = custom.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.inputs, dependencies: r.dependencies }));
  for (const rule of rules) {
    if (rule.kind === "resource") {
      for (const r of custom) {
        if (!r.custom || !appliesTo(rule, r.type)) continue;
        const out = runCheck(rule, r.type, r.inputs);
        if (out.status === "fail") add(rule, r.urn, r.name, out.message);
        else if (out.status === "unknown") add(rule, r.urn, r.name, out.message, "advisory");
      }
    } else {
      for (const v of rule.check(stackResources)) {
        // A stack-level finding answers to the stack's name too (`<project>-<stack>`), as its URN ends.
        if (v.urn === undefined) add(rule, urnOfStack, stackName, v.message);
        else add(rule, v.urn, nameByUrn.get(v.urn), v.message);
      }
    }
  }
  return findings;
}
