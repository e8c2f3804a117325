/**
 * The shape of a policy rule. A rule is a small pure function: over one resource's type and
 * inputs (a resource rule) or over every resource of the stack (a stack rule). The same rule
 * objects feed the offline plan (`evaluatePolicies`) and the CrossGuard pack (`toPolicies`).
 */

/** How bad a violation is (CrossGuard's severities). */
export type Severity = "critical" | "high" | "medium" | "low";
/** `mandatory` violations fail the plan (exit 1) and block `pulumi preview --policy-pack`; `advisory` ones are reported. */
export type Enforcement = "mandatory" | "advisory";

/** The result of a resource rule on one resource. */
export type Outcome =
  | { readonly status: "pass" }
  | { readonly status: "fail"; readonly message: string }
  | { readonly status: "not-applicable"; readonly reason?: string };

export const pass: Outcome = { status: "pass" };
/** A violation, with a message that says what is wrong and how to fix it. */
export function fail(message: string): Outcome {
  return { status: "fail", message };
}
/** The rule does not apply to this resource (e.g. an egress firewall for an ingress rule). */
export function notApplicable(reason?: string): Outcome {
  return reason === undefined ? { status: "not-applicable" } : { status: "not-applicable", reason };
}

/** Resource inputs as the rules see them: plain JSON (secrets `"[secret]"`, unknowns `"[unknown]"`). */
export type Inputs = Readonly<Record<string, unknown>>;

/** One resource of the stack, for stack rules. */
export interface StackResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Inputs;
  /** URNs the resource depends on (explicit `dependsOn` and Outputs passed as inputs). */
  readonly dependencies: readonly string[];
}

/** A violation found by a stack rule; `urn` absent means the stack as a whole. */
export interface StackViolation {
  readonly urn?: string;
  readonly message: string;
}

/** What every rule carries beside its check. */
export interface RuleInfo {
  /** Stable id, kebab-case, e.g. `gcp-firewall-no-public-ssh`. Waivers and the pack refer to it. */
  readonly id: string;
  /** One line: what the rule requires. */
  readonly description: string;
  readonly severity: Severity;
  readonly enforcement: Enforcement;
  /** Why the rule exists. */
  readonly rationale: string;
  /** The benchmark item the rule comes from, e.g. `CIS GCP Foundations v4.0 3.6; CKV_GCP_2`, or `landing-zone` for our own. */
  readonly source: string;
}

/** A rule over one resource's type and inputs. */
export interface ResourceRule extends RuleInfo {
  readonly kind: "resource";
  /**
   * The provider type tokens the rule applies to (from the SDK classes, never hand-written), or
   * `"all"` for a rule that picks its resources itself (and returns not applicable for others).
   */
  readonly types: readonly string[] | "all";
  readonly check: (type: string, inputs: Inputs) => Outcome;
}

/** A rule over the whole stack: returns its violations, none when the stack complies. */
export interface StackRule extends RuleInfo {
  readonly kind: "stack";
  readonly check: (resources: readonly StackResource[]) => readonly StackViolation[];
}

export type Rule = ResourceRule | StackRule;

/**
 * The registered type token of a provider resource class (`gcp.compute.Firewall` →
 * `gcp:compute/firewall:Firewall`). Rules name their types through this, so a token with odd
 * casing (`gcp:projects/iAMMember:IAMMember`) is never hand-written.
 */
export function tokenOf(cls: abstract new (...args: any[]) => unknown): string {
  const token = (cls as unknown as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") throw new Error(`internal: ${cls.name} has no __pulumiType`);
  return token;
}

/** Reads a nested input (`get(inputs, "logConfig", "enable")`); undefined when any step is absent. */
export function get(inputs: unknown, ...keys: readonly (string | number)[]): unknown {
  let v: unknown = inputs;
  for (const k of keys) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** Values of an `environment` label (GCP) or tag (Alibaba) that mark production. */
export const PRODUCTION_ENVIRONMENTS = ["prod", "production"] as const;

/** True when an `environment` label or tag value marks production (`prod` or `production`). */
export function isProductionEnvironment(value: unknown): boolean {
  return typeof value === "string" && (PRODUCTION_ENVIRONMENTS as readonly string[]).includes(value);
}

/** The value as an array (absent → []). */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** The value as a string array, dropping non-strings. */
export function strings(v: unknown): string[] {
  return list(v).filter((x): x is string => typeof x === "string");
}
