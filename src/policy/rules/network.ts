import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { fail, get, type Inputs, notApplicable, type Outcome, pass, type ResourceRule, type StackRule, tokenOf } from "../rule";

const GCP_NETWORK = tokenOf(gcp.compute.Network);
const GCP_SUBNETWORK = tokenOf(gcp.compute.Subnetwork);
/** Subnet purposes that carry no VM traffic: flow logs and Private Google Access do not apply. */
const PROXY_PURPOSES = new Set(["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT", "PRIVATE_NAT"]);

/** Not applicable for a subnetwork whose purpose carries no VM traffic (proxy-only, PSC, private NAT); undefined otherwise. */
function proxyOnly(i: Inputs): Outcome | undefined {
  return typeof i.purpose === "string" && PROXY_PURPOSES.has(i.purpose) ? notApplicable(`purpose ${i.purpose} carries no VM traffic`) : undefined;
}

export const gcpNetworkCustomMode: ResourceRule = {
  kind: "resource",
  id: "gcp-network-custom-mode",
  description: "VPC networks are custom-mode: autoCreateSubnetworks is false.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "An auto-mode network creates a subnet in every region with fixed, overlapping ranges, outside any IP plan and without flow logs.",
  source: "CIS GCP Foundations v4.0 3.1 (default network, adapted); CKV_GCP_27",
  types: [GCP_NETWORK],
  check: (_t, i) => (i.autoCreateSubnetworks === false ? pass
    : fail("autoCreateSubnetworks is not false (unset means auto mode); set autoCreateSubnetworks: false and plan subnets explicitly")),
};

export const gcpSubnetFlowLogs: ResourceRule = {
  kind: "resource",
  id: "gcp-subnet-flow-logs",
  description: "Subnetworks have VPC flow logs on (logConfig set).",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "Flow logs are the record of who talked to whom; incident response needs them from the first day.",
  source: "CIS GCP Foundations v4.0 3.8; CKV_GCP_26",
  types: [GCP_SUBNETWORK],
  check: (_t, i) => {
    const proxy = proxyOnly(i);
    if (proxy) return proxy;
    return i.logConfig && typeof i.logConfig === "object" ? pass
      : fail("no logConfig: flow logs are off; set logConfig { aggregationInterval: INTERVAL_5_SEC, flowSampling: 0.5, metadata: INCLUDE_ALL_METADATA }");
  },
};

export const gcpSubnetPrivateGoogleAccess: ResourceRule = {
  kind: "resource",
  id: "gcp-subnet-private-google-access",
  description: "Subnetworks have Private Google Access on.",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "Without it, VMs with no external IP reach Google APIs only through NAT, over the internet path.",
  source: "CKV_GCP_74",
  types: [GCP_SUBNETWORK],
  check: (_t, i) => {
    const proxy = proxyOnly(i);
    if (proxy) return proxy;
    return i.privateIpGoogleAccess === true ? pass : fail("privateIpGoogleAccess is not true; set privateIpGoogleAccess: true");
  },
};

export const gcpNatPrivateSubnetsOnly: ResourceRule = {
  kind: "resource",
  id: "gcp-nat-listed-subnets-only",
  description: "Cloud NAT serves a listed set of (private) subnetworks, not every subnetwork.",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "NAT for all subnetworks gives egress to tiers that should have none; the landing zone lists its private subnets.",
  source: "landing-zone",
  types: [tokenOf(gcp.compute.RouterNat)],
  check: (_t, i) => (i.sourceSubnetworkIpRangesToNat === "LIST_OF_SUBNETWORKS" ? pass
    : fail(`sourceSubnetworkIpRangesToNat is ${String(i.sourceSubnetworkIpRangesToNat ?? "unset")}; use LIST_OF_SUBNETWORKS and list the private subnetworks`)),
};

export const alicloudSnatPerVswitch: ResourceRule = {
  kind: "resource",
  id: "alicloud-snat-per-vswitch",
  description: "SNAT entries name one vSwitch (sourceVswitchId), so only listed private vSwitches get NAT egress.",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "An SNAT entry for a whole CIDR (or the VPC) gives egress to public-tier vSwitches too.",
  source: "landing-zone",
  types: [tokenOf(alicloud.vpc.SnatEntry)],
  check: (_t, i) => (typeof i.sourceVswitchId === "string" && i.sourceVswitchId !== "" ? pass
    : fail(`SNAT entry for ${JSON.stringify(i.sourceCidr ?? "the VPC")} instead of a vSwitch; set sourceVswitchId to a private vSwitch`)),
};

/** True when `r` references `target`, i.e. depends on it (an `Output` of the target among its inputs). */
function references(r: { dependencies: readonly string[] }, target: { urn: string }): boolean {
  return r.dependencies.includes(target.urn);
}

const ALI_VPC = tokenOf(alicloud.vpc.Network);
const ALI_FLOW_LOG = tokenOf(alicloud.vpc.FlowLog);

export const alicloudVpcFlowLogs: StackRule = {
  kind: "stack",
  id: "alicloud-vpc-flow-logs",
  description: "Every Alibaba VPC has an active VPC-level flow log.",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "Flow logs are the record of who talked to whom; incident response needs them from the first day.",
  source: "CIS Alibaba Cloud v2.0 3.3",
  check: (resources) => {
    const logs = resources.filter((r) => r.type === ALI_FLOW_LOG && get(r.inputs, "resourceType") === "VPC" && get(r.inputs, "status") !== "Inactive");
    return resources
      .filter((r) => r.type === ALI_VPC)
      .filter((vpc) => !logs.some((l) => references(l, vpc)))
      .map((vpc) => ({ urn: vpc.urn, message: `VPC ${vpc.name} has no flow log; add an alicloud.vpc.FlowLog with resourceType VPC and resourceId set to this VPC's id` }));
  },
};

export const NETWORK_RULES = [gcpNetworkCustomMode, gcpSubnetFlowLogs, gcpSubnetPrivateGoogleAccess, gcpNatPrivateSubnetsOnly, alicloudSnatPerVswitch, alicloudVpcFlowLogs] as const;
