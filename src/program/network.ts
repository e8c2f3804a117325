import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { alicloudAssumeRole } from "../alicloud/account";
import { AlicloudVpc } from "../alicloud/vpc";
import { GcpVpc } from "../gcp/vpc";
import type { EnvironmentPlan } from "../planner/environment";
import type { AreaOutputs, LandingZoneContext } from "./context";
import { gcpProviderAfterServices } from "./services";

/** Creates the providers and the planned VPCs; returns the context every later area builds on. */
export function deployNetwork(plan: EnvironmentPlan): { ctx: LandingZoneContext; outputs: AreaOutputs } {
  const { spec } = plan;
  const outputs: AreaOutputs = {};
  let gcpProvider: gcp.Provider | undefined;
  let gcpVpc: GcpVpc | undefined;
  if (spec.gcp && plan.network.gcp) {
    gcpProvider = gcpProviderAfterServices(plan);
    gcpVpc = new GcpVpc(plan.network.gcp.name, plan.network.gcp.args, { provider: gcpProvider });
    outputs.gcpNetworkId = gcpVpc.networkId;
    outputs.gcpNetworkSelfLink = gcpVpc.networkSelfLink;
    outputs.gcpSubnetIds = gcpVpc.subnetIds;
    outputs.gcpSubnets = gcpVpc.subnets;
  }
  let alicloudProvider: alicloud.Provider | undefined;
  let alicloudVpc: AlicloudVpc | undefined;
  if (spec.alicloud && plan.network.alicloud) {
    const account = spec.alicloud.account;
    // The environment's own account: every Alibaba resource lands there by construction.
    alicloudProvider = new alicloud.Provider(`${spec.environment}-alicloud`, {
      region: spec.alicloud.region,
      ...(account ? { assumeRole: alicloudAssumeRole(spec.environment, account) } : {}),
    });
    alicloudVpc = new AlicloudVpc(plan.network.alicloud.name, plan.network.alicloud.args, { provider: alicloudProvider });
    outputs.alicloudVpcId = alicloudVpc.vpcId;
    outputs.alicloudVswitchIds = alicloudVpc.vswitchIds;
    outputs.alicloudSubnets = alicloudVpc.subnets;
    outputs.alicloudNatPublicIp = alicloudVpc.natPublicIp;
  }
  return { ctx: { plan, gcpOpts: { provider: gcpProvider }, alicloudOpts: { provider: alicloudProvider }, gcpVpc, alicloudVpc, shared: {} }, outputs };
}
