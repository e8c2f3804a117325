import * as pulumi from "@pulumi/pulumi";
import { parseEnvironment } from "../config/load";
import type { EnvironmentSpec } from "../config/schema";
import { NAMESPACE } from "../config/issues";
import { deployAlerts } from "./alerts";
import { deployAudit } from "./audit";
import { deployConnectivity } from "./connectivity";
import type { AreaOutputs } from "./context";
import { deployFirewall } from "./firewall";
import { deployIam } from "./iam";
import { deployNetwork } from "./network";
import { deployRegistry } from "./registry";

/**
 * Builds the whole landing zone for one validated environment: network first, then the
 * perimeter (firewalls, then IAM), connectivity (VPN), audit (logging, budgets), security alerts and the registry.
 * Returns the stack outputs.
 */
export function buildLandingZone(spec: EnvironmentSpec): AreaOutputs {
  const { ctx, outputs } = deployNetwork(spec);
  const areas = [deployFirewall, deployIam, deployConnectivity, deployAudit, deployAlerts, deployRegistry];
  for (const deploy of areas) {
    for (const [k, v] of Object.entries(deploy(ctx))) {
      if (k in outputs) throw new Error(`internal: two areas export the stack output "${k}"`);
      outputs[k] = v;
    }
  }
  return { environment: spec.environment, ...outputs };
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
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text;
    }
  }
  return raw;
}

/**
 * The stack program: read config, validate all of it, then build. `source` names the config in
 * error messages (default `Pulumi.<stack>.yaml`; the offline plan passes the file it read).
 */
export function main(source?: string): AreaOutputs {
  const spec = parseEnvironment(readNamespace(), source ?? `Pulumi.${pulumi.getStack()}.yaml`);
  return buildLandingZone(spec);
}
