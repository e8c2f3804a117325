import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentSpec } from "../config/spec";
import { NAMESPACE } from "../config/issues";
import { configValueFromText } from "../config/load";
import { EnvironmentPlan, planConfig, planEnvironment } from "../planner/environment";
import { deployAlerts } from "./alerts";
import { deployAudit } from "./audit";
import { deployConnectivity } from "./connectivity";
import type { AreaOutputs } from "./context";
import { deployFirewall } from "./firewall";
import { deployIam } from "./iam";
import { deployKeys } from "./keys";
import { deployNetwork } from "./network";
import { deployRegistry } from "./registry";

/**
 * Deploys an environment plan: network first, then the perimeter (firewalls, then IAM),
 * connectivity (VPN), keys (before the areas that use them), audit (logging, budgets), security
 * alerts and the registry. Creates components only (every check ran in the planner). Returns the stack outputs.
 */
export function deployLandingZone(plan: EnvironmentPlan): AreaOutputs {
  const { ctx, outputs } = deployNetwork(plan);
  const areas = [deployFirewall, deployIam, deployConnectivity, deployKeys, deployAudit, deployAlerts, deployRegistry];
  for (const deploy of areas) {
    for (const [k, v] of Object.entries(deploy(ctx))) {
      if (k in outputs) throw new Error(`internal: two areas export the stack output "${k}"`);
      outputs[k] = v;
    }
  }
  return { environment: plan.spec.environment, ...outputs };
}

/**
 * Builds the whole landing zone for one environment spec: plans it (`planEnvironment`, which
 * throws on any problem), then deploys the plan. Prefer `deployLandingZone(planConfig(raw))`.
 */
export function buildLandingZone(spec: EnvironmentSpec): AreaOutputs {
  return deployLandingZone(planEnvironment(spec));
}

/**
 * Reads every `landing-zone:` key of the stack's config as plain data: objects and lists are
 * JSON in Pulumi's runtime config, scalars are plain strings. Secret values are read too; the
 * components that take them wrap them with `pulumi.secret`, and no error message echoes them.
 */
export function readNamespace(): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    const [ns, key] = fullKey.split(/:(.*)/s);
    if (ns !== NAMESPACE || key === undefined) continue;
    raw[key] = configValueFromText(key, text);
  }
  return raw;
}

/**
 * The stack program: read config, plan all of it (every check), then deploy the plan. `source`
 * names the config in error messages (default `Pulumi.<stack>.yaml`; the offline plan passes the file it read).
 */
export function main(source?: string): AreaOutputs {
  return deployLandingZone(planConfig(readNamespace(), source ?? `Pulumi.${pulumi.getStack()}.yaml`));
}
