import type { AlicloudVpcPlan } from "../alicloud/vpc";
import { AlicloudSecurityGroups, AlicloudSecurityGroupsArgs, AlicloudVswitchRef } from "../alicloud/security-groups";
import type { EnvironmentSpec } from "../config/schema";
import { GcpFirewall, GcpFirewallArgs } from "../gcp/firewall";
import type { GcpVpcPlan } from "../gcp/vpc";
import type * as pulumi from "@pulumi/pulumi";
import { onPremisesRanges } from "./connectivity";
import type { AreaOutputs, LandingZoneContext } from "./context";
import { environmentLabels } from "./network-args";

/** Name of the environment's firewall components, e.g. `prod-fw`. */
export function firewallName(spec: EnvironmentSpec): string {
  return `${spec.environment}-fw`;
}

/** The rule-model args both clouds share, from a cloud's `firewall` config. Deny-all egress defaults to `production`. */
function ruleModelArgs<F extends Pick<GcpFirewallArgs, "tiers" | "rules" | "ranges" | "adminSources" | "adminPorts" | "denyAllEgress">>(
  spec: EnvironmentSpec, fw: Partial<F>) {
  return {
    tiers: fw.tiers,
    rules: fw.rules,
    ranges: fw.ranges,
    adminSources: fw.adminSources,
    adminPorts: fw.adminPorts,
    denyAllEgress: fw.denyAllEgress ?? spec.production,
    onPremisesRanges: onPremisesRanges(spec),
  };
}

/** `GcpFirewallArgs` from `landing-zone:gcp.firewall` and the VPC plan. Deny-all egress defaults to `production`. */
export function gcpFirewallArgs(spec: EnvironmentSpec, vpc: GcpVpcPlan, network: pulumi.Input<string>): GcpFirewallArgs {
  const gcp = spec.gcp!;
  const fw = gcp.firewall ?? {};
  const subnets: Record<string, string[]> = {};
  for (const s of vpc.subnets) (subnets[s.name] ??= []).push(s.cidr);
  return {
    project: gcp.project,
    network,
    vpcCidr: gcp.network.cidr,
    subnets,
    ...ruleModelArgs(spec, fw),
    targetBy: fw.targetBy,
  };
}

/** `AlicloudSecurityGroupsArgs` from `landing-zone:alicloud.firewall` and the VPC plan. Deny-all egress defaults to `production`. */
export function alicloudFirewallArgs(spec: EnvironmentSpec, vpc: AlicloudVpcPlan, vpcId: pulumi.Input<string>,
  vswitchIds: Readonly<Record<string, pulumi.Input<string>>>): AlicloudSecurityGroupsArgs {
  const ali = spec.alicloud!;
  const fw = ali.firewall ?? {};
  const vswitches: Record<string, AlicloudVswitchRef> = {};
  for (const s of vpc.subnets) {
    const key = `${s.name}-${s.location}`;
    vswitches[key] = { subnet: s.name, public: s.tier === "public", cidr: s.cidr, id: vswitchIds[key] ?? "" };
  }
  return {
    vpcId,
    vpcCidr: ali.vpc.cidr,
    vswitches,
    ...ruleModelArgs(spec, fw),
    networkAcls: fw.networkAcls,
    resourceGroupId: ali.vpc.resourceGroupId,
    tags: environmentLabels(spec),
  };
}

/** Creates the firewall components (GCP firewall rules, Alibaba security groups and ACLs); returns their stack outputs. */
export function deployFirewall(ctx: LandingZoneContext): AreaOutputs {
  const { spec } = ctx;
  const outputs: AreaOutputs = {};
  if (spec.gcp && ctx.gcpVpc) {
    const fw = new GcpFirewall(firewallName(spec), gcpFirewallArgs(spec, ctx.gcpVpc.plan, ctx.gcpVpc.networkId),
      { provider: ctx.gcpProvider });
    outputs.gcpFirewallRules = fw.firewallNames;
    outputs.gcpTierIdentities = fw.tierIdentities;
  }
  if (spec.alicloud && ctx.alicloudVpc) {
    const vpc = ctx.alicloudVpc;
    const ids = Object.fromEntries(Object.entries(vpc.vswitches).map(([k, v]) => [k, v.id]));
    const sgs = new AlicloudSecurityGroups(firewallName(spec), alicloudFirewallArgs(spec, vpc.plan, vpc.vpcId, ids),
      { provider: ctx.alicloudProvider });
    outputs.alicloudSecurityGroupIds = sgs.securityGroupIds;
    outputs.alicloudNetworkAclIds = sgs.networkAclIds;
  }
  return outputs;
}
