import { AlicloudSecurityGroups, alicloudVswitchRefs } from "../alicloud/security-groups";
import { GcpFirewall } from "../gcp/firewall";
import { deployArgs } from "../planner/step";
import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the planned firewall components (GCP firewall rules, Alibaba security groups and ACLs) on the VPCs; returns their stack outputs. */
export function deployFirewall(ctx: LandingZoneContext): AreaOutputs {
  const { firewall } = ctx.plan;
  const outputs: AreaOutputs = {};
  if (firewall.gcp && ctx.gcpVpc) {
    const fw = new GcpFirewall(firewall.gcp.name, deployArgs(firewall.gcp, { network: ctx.gcpVpc.networkId }), ctx.gcpOpts);
    outputs.gcpFirewallRules = fw.firewallNames;
    outputs.gcpTierIdentities = fw.tierIdentities;
  }
  if (firewall.alicloud && ctx.alicloudVpc) {
    const vpc = ctx.alicloudVpc;
    const vswitches = alicloudVswitchRefs(vpc.plan, vpc.vswitchIdsByKey);
    const sgs = new AlicloudSecurityGroups(firewall.alicloud.name, deployArgs(firewall.alicloud, { vpcId: vpc.vpcId, vswitches }),
      ctx.alicloudOpts);
    outputs.alicloudSecurityGroupIds = sgs.securityGroupIds;
    outputs.alicloudNetworkAclIds = sgs.networkAclIds;
  }
  return outputs;
}
