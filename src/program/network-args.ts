import type { AlicloudVpcArgs } from "../alicloud/vpc";
import { costLabels } from "../core/labels";
import type { GcpVpcArgs } from "../gcp/vpc";
import type { EnvironmentSpec } from "../config/schema";

/** The labels (GCP) and tags (Alibaba) every resource of the environment carries. */
export function environmentLabels(spec: EnvironmentSpec): Record<string, string> {
  return costLabels({ environment: spec.environment, owner: spec.owner, costCenter: spec.costCenter }, spec.labels);
}

/** Name prefix of the environment's core network, e.g. `dev-core`. */
export function corePrefix(spec: EnvironmentSpec): string {
  return `${spec.environment}-core`;
}

/** `GcpVpcArgs` from `landing-zone:gcp` (the spec must have a gcp section). */
export function gcpVpcArgs(spec: EnvironmentSpec): GcpVpcArgs {
  const gcp = spec.gcp!;
  const n = gcp.network;
  return {
    project: gcp.project,
    cidr: n.cidr,
    regions: gcp.regions,
    secondaryCidr: n.secondaryCidr,
    locationSlots: n.locationSlots,
    routingMode: n.routingMode,
    mtu: n.mtu,
    flowLogs: n.flowLogs,
    nat: n.nat,
    allowPublicRange: n.allowPublicRange,
    labels: environmentLabels(spec),
    subnets: n.subnets,
  };
}

/** `AlicloudVpcArgs` from `landing-zone:alicloud` (the spec must have an alicloud section). */
export function alicloudVpcArgs(spec: EnvironmentSpec): AlicloudVpcArgs {
  const ali = spec.alicloud!;
  const v = ali.vpc;
  return {
    cidr: v.cidr,
    zones: ali.zones,
    locationSlots: v.locationSlots,
    allowPublicRange: v.allowPublicRange,
    resourceGroupId: v.resourceGroupId,
    nat: v.nat,
    deletionProtection: spec.production,
    tags: environmentLabels(spec),
    subnets: v.subnets,
  };
}
