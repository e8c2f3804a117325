import type { EnvironmentSpec } from "../config/spec";
import { keyPath } from "../config/issues";
import { parseSpec } from "../config/load";
import { checkAlicloudTagLimits } from "../alicloud/tags";
import { checkLabels } from "../core/labels";
import { Problems } from "../core/errors";
import { AlertsPlan, planAlerts } from "./alerts";
import { AuditPlan, planAudit } from "./audit";
import { ConnectivityPlan, planConnectivity } from "./connectivity";
import { FirewallPlan, planFirewall } from "./firewall";
import { IamPlan, planIam } from "./iam";
import { KeysPlan, planKeys } from "./keys";
import { IntentsPlan, planIntents } from "./intents";
import { environmentLabels } from "./names";
import { NetworkPlan, planNetwork, planWellFormedNetworks } from "./network";
import { planRegistry, RegistryPlan } from "./registry";
import { gcpLandingZoneServices } from "./services";

/**
 * Everything the stack program deploys, as plain data: each component's name, args (without
 * deploy-time ids) and plan, by area. Made by `planEnvironment` from a schema-valid spec; the
 * program only creates components from it.
 */
export interface EnvironmentPlan {
  /** The config it was planned from. */
  readonly spec: EnvironmentSpec;
  /** Labels / tags for every resource that takes them. */
  readonly labels: Readonly<Record<string, string>>;
  /** Google APIs to turn on before anything else (GCP only; empty without GCP). */
  readonly gcpServices: readonly string[];
  readonly network: NetworkPlan;
  readonly firewall: FirewallPlan;
  readonly iam: IamPlan;
  readonly connectivity: ConnectivityPlan;
  /** The landing zone's keys: planned before audit and registry, which use them. */
  readonly keys: KeysPlan;
  readonly audit: AuditPlan;
  readonly alerts: AlertsPlan;
  readonly registry: RegistryPlan;
  /** Intents checked over the plan's inventory (docs/intents.md). */
  readonly intents: IntentsPlan;
}

/**
 * Plans a schema-valid environment: labels, each area's components (each component's pure
 * planner runs once, with the real config paths) and the checks across areas. Every problem is
 * reported to `problems`; the plan is only meaningful when none was added.
 */
export function planEnvironmentInto(spec: EnvironmentSpec, problems: Problems): EnvironmentPlan {
  checkLabels(spec.labels, keyPath(["labels"]), problems);
  // Every Alibaba resource carries these labels as tags: Alibaba's limits are checked here, under
  // the key the user wrote, before any component is planned or registered.
  if (spec.alicloud) {
    const all = environmentLabels(spec);
    checkAlicloudTagLimits(all, keyPath(["labels"]), problems, Object.keys(all).length - Object.keys(spec.labels).length);
  }
  const network = planNetwork(spec, problems);
  const firewall = planFirewall(spec, network, problems);
  const iam = planIam(spec, problems);
  const connectivity = planConnectivity(spec, network, problems);
  const keys = planKeys(spec, problems);
  const audit = planAudit(spec, problems);
  const alerts = planAlerts(spec, audit, problems);
  const registry = planRegistry(spec, network, problems);
  // Intents name tiers, ranges and identities of the other areas' plans: when an area failed its
  // catalogue is incomplete, so intent problems would only be knock-ons (checked on the next run).
  const intents = planIntents({ spec, iam, network, firewall, registry }, problems.empty ? problems : new Problems());
  return {
    spec,
    labels: environmentLabels(spec),
    gcpServices: spec.gcp ? gcpLandingZoneServices(spec) : [],
    network, firewall, iam, connectivity, keys, audit, alerts, registry, intents,
  };
}

/** Plans a schema-valid environment; throws one `LandingZoneValidationError` listing every problem. */
export function planEnvironment(spec: EnvironmentSpec, source = "landing-zone config"): EnvironmentPlan {
  const problems = new Problems();
  const plan = planEnvironmentInto(spec, problems);
  problems.throwIfAny(source);
  return plan;
}

/**
 * Parses the raw `landing-zone:` namespace (keys without the prefix) and plans it. Every problem
 * (schema, cross-field, each component's) is collected, then thrown once as a
 * `LandingZoneValidationError`; nothing is created before this returns.
 */
export function planConfig(raw: Record<string, unknown>, source = "landing-zone config"): EnvironmentPlan {
  const problems = new Problems();
  const spec = parseSpec(raw, problems);
  if (spec === undefined) {
    // Still plan the networks whose own section is well-formed, so that one run shows all.
    planWellFormedNetworks(raw, problems);
    problems.throwIfAny(source);
  }
  const plan = planEnvironmentInto(spec!, problems);
  problems.throwIfAny(source);
  return plan;
}

/**
 * Parses and checks the raw `landing-zone:` namespace like `planConfig`, returning the typed spec.
 * Kept for callers that only validate; the program uses `planConfig` (one planning run).
 */
export function parseEnvironment(raw: Record<string, unknown>, source = "landing-zone config"): EnvironmentSpec {
  return planConfig(raw, source).spec;
}
