import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { AlicloudVpc } from "../alicloud/vpc";
import type { EnvironmentSpec } from "../config/schema";
import { GcpVpc } from "../gcp/vpc";
import type { AreaOutputs, LandingZoneContext } from "./context";
import { alicloudVpcArgs, corePrefix, environmentLabels, gcpVpcArgs } from "./network-args";
import { gcpProviderAfterServices } from "./services";

/** Creates the providers and VPCs; returns the context every later area builds on. */
export function deployNetwork(spec: EnvironmentSpec): { ctx: LandingZoneContext; outputs: AreaOutputs } {
  const labels = environmentLabels(spec);
  const outputs: AreaOutputs = {};
  let gcpProvider: gcp.Provider | undefined;
  let gcpVpc: GcpVpc | undefined;
  if (spec.gcp) {
    gcpProvider = gcpProviderAfterServices(spec, labels);
    gcpVpc = new GcpVpc(corePrefix(spec), gcpVpcArgs(spec), { provider: gcpProvider });
    outputs.gcpNetworkId = gcpVpc.networkId;
    outputs.gcpNetworkSelfLink = gcpVpc.networkSelfLink;
    outputs.gcpSubnetIds = gcpVpc.subnetIds;
    outputs.gcpSubnets = gcpVpc.subnets;
  }
  let alicloudProvider: alicloud.Provider | undefined;
  let alicloudVpc: AlicloudVpc | undefined;
  if (spec.alicloud) {
    alicloudProvider = new alicloud.Provider(`${spec.environment}-alicloud`, { region: spec.alicloud.region });
    alicloudVpc = new AlicloudVpc(corePrefix(spec), alicloudVpcArgs(spec), { provider: alicloudProvider });
    outputs.alicloudVpcId = alicloudVpc.vpcId;
    outputs.alicloudVswitchIds = alicloudVpc.vswitchIds;
    outputs.alicloudSubnets = alicloudVpc.subnets;
    outputs.alicloudNatPublicIp = alicloudVpc.natPublicIp;
  }
  return { ctx: { spec, labels, gcpProvider, alicloudProvider, gcpVpc, alicloudVpc, shared: {} }, outputs };
}
