import type { EnvironmentSpec } from "../config/schema";
import { costLabels } from "../core/labels";

/** The labels (GCP) and tags (Alibaba) every resource of the environment carries. */
export function environmentLabels(spec: EnvironmentSpec): Record<string, string> {
  return costLabels({ environment: spec.environment, owner: spec.owner, costCenter: spec.costCenter }, spec.labels);
}

/** Name prefix of the environment's core network, e.g. `dev-core`. */
export function corePrefix(spec: EnvironmentSpec): string {
  return `${spec.environment}-core`;
}

/** Name of the environment's firewall components, e.g. `prod-fw`. */
export function firewallName(spec: EnvironmentSpec): string {
  return `${spec.environment}-fw`;
}

/** Name of the environment's IAM components, e.g. `prod-iam`. */
export function iamName(spec: EnvironmentSpec): string {
  return `${spec.environment}-iam`;
}

/** Name of the environment's VPN components, e.g. `prod-vpn`. */
export function connectivityName(spec: EnvironmentSpec): string {
  return `${spec.environment}-vpn`;
}

/** Name of the environment's key components, e.g. `prod-keys` (also the GCP key ring id). */
export function keysName(spec: EnvironmentSpec): string {
  return `${spec.environment}-keys`;
}

/** Name of the environment's logging components, e.g. `prod-audit`: every audit name carries the environment. */
export function auditName(spec: EnvironmentSpec): string {
  return `${spec.environment}-audit`;
}

/** Name of the environment's budget components, e.g. `prod-budget`. */
export function budgetName(spec: EnvironmentSpec): string {
  return `${spec.environment}-budget`;
}

/** Name of the environment's registry components, e.g. `prod-registry`. */
export function registryName(spec: EnvironmentSpec): string {
  return `${spec.environment}-registry`;
}
