import { AlicloudSecurityGroupsPlan, AlicloudSecurityGroupsPlanArgs, alicloudVswitchRefs, planAlicloudSecurityGroups } from "../alicloud/security-groups-plan";
import type { AlicloudVpcPlan } from "../alicloud/vpc-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import type { Problems } from "../core/errors";
import { gcpFirewallSubnets, GcpFirewallPlan, GcpFirewallPlanArgs, planGcpFirewall } from "../gcp/firewall-plan";
import type { GcpVpcPlan } from "../gcp/vpc-plan";
import { onPremisesRanges } from "./connectivity";
import { environmentLabels, firewallName } from "./names";
import type { NetworkPlan } from "./network";
import { registryVswitch } from "./registry";
import { Planned, planStep } from "./step";

/** The firewall area's plan (a cloud's entry is absent when it is off or its VPC did not plan cleanly). */
export interface FirewallPlan {
  /** GCP firewall rules; the program adds the network id. */
  readonly gcp?: Planned<GcpFirewallPlanArgs, GcpFirewallPlan>;
  /** Alibaba security groups and network ACLs; the program adds the VPC and vSwitch ids. */
  readonly alicloud?: Planned<AlicloudSecurityGroupsPlanArgs, AlicloudSecurityGroupsPlan>;
}

/** The rule-model args both clouds share, from a cloud's `firewall` config. Deny-all egress defaults to `production`. */
function ruleModelArgs<F extends Pick<GcpFirewallPlanArgs, "tiers" | "rules" | "ranges" | "adminSources" | "adminPorts" | "denyAllEgress">>(
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

/** `GcpFirewallArgs` (without the network) from `landing-zone:gcp.firewall` and the VPC plan. */
export function gcpFirewallArgs(spec: EnvironmentSpec, vpc: GcpVpcPlan): GcpFirewallPlanArgs {
  const gcp = spec.gcp!;
  const fw = gcp.firewall ?? {};
  return {
    project: gcp.project,
    vpcCidr: gcp.network.cidr,
    subnets: gcpFirewallSubnets(vpc),
    ...ruleModelArgs(spec, fw),
    targetBy: fw.targetBy,
  };
}

/** CIDRs of the cloud-service VPC endpoints: the vSwitch the registry's VPC endpoint is linked to. */
export function alicloudServiceEndpoints(spec: EnvironmentSpec, vpc: AlicloudVpcPlan): Record<string, string> {
  const vswitch = spec.alicloud?.registry ? registryVswitch(spec, vpc) : undefined;
  const subnet = vpc.subnets.find((s) => `${s.name}-${s.location}` === vswitch);
  return subnet === undefined ? {} : { registry: subnet.cidr };
}

/** `AlicloudSecurityGroupsArgs` (without the VPC and vSwitch ids) from `landing-zone:alicloud.firewall` and the VPC plan. */
export function alicloudFirewallArgs(spec: EnvironmentSpec, vpc: AlicloudVpcPlan): AlicloudSecurityGroupsPlanArgs {
  const ali = spec.alicloud!;
  const fw = ali.firewall ?? {};
  return {
    vpcCidr: ali.vpc.cidr,
    vswitches: alicloudVswitchRefs(vpc),
    ...ruleModelArgs(spec, fw),
    networkAcls: fw.networkAcls,
    serviceEndpoints: alicloudServiceEndpoints(spec, vpc),
    resourceGroupId: ali.vpc.resourceGroupId,
    tags: environmentLabels(spec),
  };
}

/**
 * Plans the firewalls. They place tiers on the VPC's subnets, so each is planned only against a
 * VPC that planned cleanly. On-premises ranges that do not parse are left out (the connectivity
 * area reports them); tags are checked under `landing-zone:labels`.
 */
export function planFirewall(spec: EnvironmentSpec, network: NetworkPlan, problems: Problems): FirewallPlan {
  const name = firewallName(spec);
  return {
    gcp: network.gcp && network.clean.gcp
      ? planStep(planGcpFirewall, name, gcpFirewallArgs(spec, network.gcp.plan), keyPath(["gcp", "firewall"]), problems)
      : undefined,
    alicloud: network.alicloud && network.clean.alicloud
      ? planStep(planAlicloudSecurityGroups, name, alicloudFirewallArgs(spec, network.alicloud.plan), keyPath(["alicloud", "firewall"]), problems, { tags: undefined })
      : undefined,
  };
}
