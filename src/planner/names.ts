import type { EnvironmentSpec } from "../config/spec";
import { costLabels } from "../core/labels";

/** The labels (GCP) and tags (Alibaba) every resource of the environment carries. */
export function environmentLabels(spec: EnvironmentSpec): Record<string, string> {
  return costLabels({ environment: spec.environment, owner: spec.owner, costCenter: spec.costCenter }, spec.labels);
}

/** The name `<environment>-<suffix>`: every component name carries the environment. */
const componentName = (suffix: string) => (spec: Pick<EnvironmentSpec, "environment">): string => `${spec.environment}-${suffix}`;

/** Name prefix of the environment's core network, e.g. `dev-core`. */
export const corePrefix = componentName("core");
/** Name of the environment's firewall components, e.g. `prod-fw`. */
export const firewallName = componentName("fw");
/** Name of the environment's IAM components, e.g. `prod-iam`. */
export const iamName = componentName("iam");
/** Name of the environment's workload identity pool component (and default pool id), e.g. `prod-ci`. */
export const workloadIdentityName = componentName("ci");
/** Name of the environment's VPN components, e.g. `prod-vpn`. */
export const connectivityName = componentName("vpn");
/** Name of the environment's key components, e.g. `prod-keys` (also the GCP key ring id). */
export const keysName = componentName("keys");
/** Name of the environment's logging components, e.g. `prod-audit`. */
export const auditName = componentName("audit");
/** Name of the environment's budget components, e.g. `prod-budget`. */
export const budgetName = componentName("budget");
/** Name of the environment's security alert components, e.g. `prod-alerts`. */
export const alertsName = componentName("alerts");
/** Name of the environment's registry components, e.g. `prod-registry`. */
export const registryName = componentName("registry");
