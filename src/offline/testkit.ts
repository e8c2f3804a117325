import { checkIntents } from "../intents/check";
import type { IntentCatalogue, IntentResult, IntentSet } from "../intents/types";
import type { Waiver } from "../policy/evaluate";
import { type Rule, tokenOf } from "../policy/rule";
import { planStackFile, runOffline, type OfflineRunOptions, type StackFileRunOptions } from "./harness";
import type { Finding, Inventory, InventoryResource } from "./inventory";
import { isBlocking } from "./tree";

/** A resource type: the SDK class (`gcp.compute.Firewall`) or its token (`gcp:compute/firewall:Firewall`). */
export type ResourceType = string | (abstract new (...args: any[]) => unknown);

function tokenFor(t: ResourceType): string {
  return typeof t === "string" ? t : tokenOf(t);
}

function describeFinding(f: Finding): string {
  return `${f.enforcement} ${f.rule} on ${f.urn.split("::").pop()}: ${f.message}${f.suppressed ? ` (waived: ${f.suppressed})` : ""}`;
}

/**
 * What a policy test gets back: the inventory (every registered resource with its inputs) and
 * the policy findings, with helpers to query and assert. The `expect…` helpers throw a plain
 * `Error` listing what was found, so they work under any test runner (vitest, jest, mocha,
 * node:test).
 */
export class PolicyTestResult {
  constructor(readonly inventory: Inventory) {}

  /** Every resource, components included, in URN order. */
  get resources(): readonly InventoryResource[] {
    return this.inventory.resources;
  }

  /** Every finding, waived ones included (with `suppressed` set to the reason). */
  get findings(): readonly Finding[] {
    return this.inventory.findings;
  }

  /** Findings that fail the plan: mandatory and not waived. */
  get blocking(): readonly Finding[] {
    return this.findings.filter(isBlocking);
  }

  /** Resources of a type. */
  ofType(type: ResourceType): InventoryResource[] {
    const token = tokenFor(type);
    return this.resources.filter((r) => r.type === token);
  }

  /** The one resource of a type with this name; throws listing the names there are. */
  resource(type: ResourceType, name: string): InventoryResource {
    const token = tokenFor(type);
    const found = this.ofType(token).filter((r) => r.name === name);
    if (found.length !== 1) {
      throw new Error(`expected one ${token} named "${name}", found ${found.length} (names of that type: ${this.ofType(token).map((r) => r.name).join(", ") || "none"})`);
    }
    return found[0]!;
  }

  /** Findings of a rule, optionally on one resource (by name or URN). */
  findingsOf(rule: string, resource?: string): Finding[] {
    return this.findings.filter((f) => f.rule === rule && (resource === undefined || f.urn === resource || f.urn.endsWith(`::${resource}`)));
  }

  /** Intent results (empty when no intents were checked). */
  get intents(): readonly IntentResult[] {
    return this.inventory.intents ?? [];
  }

  /** Intents that do not hold: a required path blocked or a forbidden one open. */
  get brokenIntents(): readonly IntentResult[] {
    return this.intents.filter((r) => !r.ok);
  }

  /** Throws unless every checked intent holds, naming the deciding hop of each broken one. */
  expectIntentsHold(): void {
    const broken = this.brokenIntents;
    if (broken.length > 0) {
      throw new Error(`expected every intent to hold, ${broken.length} broken:\n  ${broken.map((r) =>
        `${r.expect} "${r.name}" (${r.detail}): ${r.culprit ? `${r.culprit.kind} ${r.culprit.name}: ${r.culprit.detail}` : "no instance in the plan"}`).join("\n  ")}`);
    }
  }

  /** The result of the intent with this name (see `intentName`); throws listing the names there are. */
  intent(name: string): IntentResult {
    const found = this.intents.find((r) => r.name === name);
    if (!found) throw new Error(`no intent named "${name}"; intents are:\n  ${this.intents.map((r) => r.name).join("\n  ") || "(none)"}`);
    return found;
  }

  /** Throws unless nothing blocks: no mandatory finding left unwaived. */
  expectNoMandatoryFindings(): void {
    if (this.blocking.length > 0) {
      throw new Error(`expected no mandatory policy findings, found ${this.blocking.length}:\n  ${this.blocking.map(describeFinding).join("\n  ")}`);
    }
  }

  /** Throws unless the rule reported a finding (on the resource, if given). Returns the findings. */
  expectFinding(rule: string, resource?: string): Finding[] {
    const found = this.findingsOf(rule, resource);
    if (found.length === 0) {
      throw new Error(`expected a ${rule} finding${resource ? ` on ${resource}` : ""}; findings are:\n  ${this.findings.map(describeFinding).join("\n  ") || "(none)"}`);
    }
    return found;
  }

  /** Throws if the rule reported anything (on the resource, if given). */
  expectNoFinding(rule: string, resource?: string): void {
    const found = this.findingsOf(rule, resource);
    if (found.length > 0) throw new Error(`expected no ${rule} finding${resource ? ` on ${resource}` : ""}, found:\n  ${found.map(describeFinding).join("\n  ")}`);
  }
}

/** Options of a policy test: the offline run's, plus your own rules and waivers. */
export interface PolicyTestOptions extends Omit<OfflineRunOptions, "policies"> {
  /** Your organisation's rules, checked beside the landing zone's. @default [] */
  readonly extraRules?: readonly Rule[];
  /** Rules turned off, each with its recorded reason (shown in the findings). @default [] */
  readonly waivers?: readonly Waiver[];
  /** Intents to check over the plan (docs/intents.md). @default none */
  readonly intents?: IntentSet;
  /** What the intents' tier, range and identity names stand for in your program. @default no tiers, ranges or identities */
  readonly catalogue?: IntentCatalogue;
}

/**
 * Runs your Pulumi program offline under Pulumi's mock runtime and checks the landing zone's
 * policies (plus your `extraRules`). No cloud credentials, no Pulumi CLI.
 *
 * ```ts
 * const result = await runPolicyTest(() => { new GcpVpc("core", {...}); });
 * result.expectNoMandatoryFindings();
 * ```
 */
export async function runPolicyTest(program: () => unknown, opts: PolicyTestOptions = {}): Promise<PolicyTestResult> {
  const { extraRules, waivers, intents, catalogue, ...run } = opts;
  const inv = await runOffline(program, { ...run, policies: { extraRules: extraRules ?? [], waivers: waivers ?? [] } });
  if (intents === undefined) return new PolicyTestResult(inv);
  return new PolicyTestResult({ ...inv, intents: checkIntents(inv, intents, catalogue ?? { onPremises: {}, otherRanges: {} }).results });
}

/**
 * Plans a `Pulumi.<stack>.yaml` with the landing zone's stack program offline, and checks the
 * policies and the stack's intents (its defaults, `landing-zone:intents`, plus `intents`).
 */
export async function runStackFileTest(file: string, opts: Omit<PolicyTestOptions, "config" | "secretKeys" | "intents" | "catalogue"> & StackFileRunOptions = {}): Promise<PolicyTestResult> {
  const { extraRules, waivers, ...run } = opts;
  return new PolicyTestResult(await planStackFile(file, { ...run, policies: { extraRules: extraRules ?? [], waivers: waivers ?? [] } }));
}

export { checkIntents };
