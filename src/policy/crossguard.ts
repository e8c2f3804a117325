import { appliesTo, checkRuleSet, type Waiver, waiverCovers } from "./evaluate";
import type { Enforcement, Rule, RuleInfo, Severity, StackResource } from "./rule";

// The policies below have `@pulumi/policy`'s shapes (`PolicyPack` takes them as they are), but the
// public types are declared here: `@pulumi/policy`'s own declarations do not compile in a project
// without `skipLibCheck`, and the library's declarations must.

/** A compliance framework a policy maps to (`@pulumi/policy`'s `PolicyComplianceFramework`). */
export interface ComplianceFramework {
  readonly name: string;
  readonly version: string;
  readonly reference: string;
  readonly specification: string;
}

/** Reports a violation, optionally on another resource (`@pulumi/policy`'s `ReportViolation`). */
export type ReportViolation = (message: string, urn?: string) => void;

/** What a resource policy reads of `@pulumi/policy`'s `ResourceValidationArgs`. */
export interface PolicyResourceArgs {
  readonly type: string;
  readonly props: Record<string, any>;
  readonly urn: string;
  readonly name: string;
  getConfig<T extends object>(): T;
  /** Marks the resource not applicable; throws (ends the validation), as in `@pulumi/policy`. */
  notApplicable(reason?: string): never;
}

/** What a stack policy reads of `@pulumi/policy`'s `StackValidationArgs`. */
export interface PolicyStackArgs {
  readonly resources: readonly {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, any>;
    readonly dependencies: readonly { readonly urn: string }[];
  }[];
  getConfig<T extends object>(): T;
}

/** What every CrossGuard policy built from a rule carries. */
export interface LandingZonePolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: Enforcement;
  readonly severity: Severity;
  readonly framework?: ComplianceFramework;
  readonly tags: string[];
  readonly configSchema: typeof CROSSGUARD_WAIVER_SCHEMA;
}

/** A resource policy (`@pulumi/policy`'s `ResourceValidationPolicy`). */
export interface LandingZoneResourcePolicy extends LandingZonePolicyInfo {
  validateResource(args: PolicyResourceArgs, reportViolation: ReportViolation): void;
}

/** A stack policy (`@pulumi/policy`'s `StackValidationPolicy`). */
export interface LandingZoneStackPolicy extends LandingZonePolicyInfo {
  validateStack(args: PolicyStackArgs, reportViolation: ReportViolation): void;
}

/** A CrossGuard policy built from a rule: pass the list to `new PolicyPack(name, { policies })`. */
export type LandingZonePolicy = LandingZoneResourcePolicy | LandingZoneStackPolicy;

/** Options of `toPolicies`. */
export interface ToPoliciesOptions {
  /** Waivers applied in the pack, as in the offline plan (also settable per policy in the pack config). @default [] */
  readonly waivers?: readonly Waiver[];
}

const FRAMEWORKS: Readonly<Record<string, string>> = {
  "GCP Foundations": "CIS Google Cloud Platform Foundation Benchmark",
  "Alibaba Cloud": "CIS Alibaba Cloud Foundation Benchmark",
};

/** The CIS framework of a rule's source (`CIS GCP Foundations v4.0 3.6; …`), if it has one. */
export function frameworkOf(rule: RuleInfo): ComplianceFramework | undefined {
  const m = /^CIS (GCP Foundations|Alibaba Cloud) v([\d.]+) ([\d.]+)/.exec(rule.source);
  if (!m) return undefined;
  return { name: FRAMEWORKS[m[1]!]!, version: m[2]!, reference: m[3]!, specification: rule.description };
}

/** Pack config of every policy: waivers for single resources, each with its reason. */
export const CROSSGUARD_WAIVER_SCHEMA = {
  properties: {
    waivers: {
      type: "array" as const,
      description: "Resources this policy is turned off for, each with the recorded reason.",
      items: {
        type: "object" as const,
        properties: { resource: { type: "string" as const }, reason: { type: "string" as const, minLength: 1 } },
        required: ["reason"],
      },
    },
  },
};

interface PackWaiver {
  readonly resource?: string;
  readonly reason: string;
}

function findWaiver(list: readonly PackWaiver[], urn: string, name?: string): PackWaiver | undefined {
  return list.find((w) => waiverCovers(w, urn, name));
}

function common(rule: Rule): LandingZonePolicyInfo {
  const framework = frameworkOf(rule);
  return {
    name: rule.id,
    description: `${rule.description} ${rule.rationale} (${rule.source})`,
    enforcementLevel: rule.enforcement,
    severity: rule.severity,
    ...(framework ? { framework } : {}),
    tags: [rule.id.split("-")[0]!, rule.kind],
    configSchema: CROSSGUARD_WAIVER_SCHEMA,
  };
}

/**
 * Builds CrossGuard policies from rules: the same checks `npm run plan` runs offline, for
 * `pulumi preview --policy-pack`. A waived resource is reported as not applicable with the
 * reason. Pure: builds no PolicyPack (that starts a server), so tests can call it.
 */
export function toPolicies(rules: readonly Rule[], opts: ToPoliciesOptions = {}): LandingZonePolicy[] {
  const waivers = opts.waivers ?? [];
  checkRuleSet(rules, waivers);
  return rules.map((rule): LandingZonePolicy => {
    const own = waivers.filter((w) => w.rule === rule.id);
    const waiversOf = (cfg: { waivers?: PackWaiver[] }) => [...own, ...(cfg.waivers ?? [])];
    if (rule.kind === "resource") {
      return {
        ...common(rule),
        validateResource: (args, reportViolation) => {
          if (!appliesTo(rule, args.type)) return;
          const w = findWaiver(waiversOf(args.getConfig<{ waivers?: PackWaiver[] }>()), args.urn, args.name);
          if (w) args.notApplicable(`waived: ${w.reason}`);
          const out = rule.check(args.type, args.props);
          if (out.status === "fail") reportViolation(out.message);
          else if (out.status === "not-applicable" && out.reason !== undefined) args.notApplicable(out.reason);
        },
      };
    }
    return {
      ...common(rule),
      validateStack: (args, reportViolation) => {
        const list = waiversOf(args.getConfig<{ waivers?: PackWaiver[] }>());
        const resources: StackResource[] = args.resources.map((r) => ({
          urn: r.urn, type: r.type, name: r.name, inputs: r.props, dependencies: r.dependencies.map((d) => d.urn),
        }));
        // A stack-level violation answers to the stack resource's URN and name, as in the offline plan.
        const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
        for (const v of rule.check(resources)) {
          const target = v.urn === undefined ? stack : resources.find((r) => r.urn === v.urn);
          if (findWaiver(list, target?.urn ?? v.urn ?? "", target?.name)) continue;
          reportViolation(v.message, v.urn);
        }
      },
    };
  });
}
