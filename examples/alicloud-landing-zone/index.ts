// A complete Alibaba Cloud landing zone from the components, without the stack program: a VPC
// with public and private vSwitches in two zones (NAT gateway with SNAT for the private ones),
// tier security groups, a dual-tunnel VPN with BGP to the office, RAM persona groups, a
// Container Registry Enterprise Edition namespace on an existing instance linked into the VPC,
// ActionTrail into SLS plus VPC flow logs, and a budget with its alert contacts. In your own project import
// from "pulumi-landing-zone" instead of "../../src".
import * as pulumi from "@pulumi/pulumi";
import { AlicloudBudget, AlicloudLogging, AlicloudRam, AlicloudRegistry, AlicloudSecurityGroups, AlicloudVpc, AlicloudVpn, AlicloudVswitchRef } from "../../src";

export default function alicloudLandingZone() {
  const config = new pulumi.Config();
  // An Enterprise Edition instance is prepaid; this example reuses one rather than buying one.
  const registryInstanceId = config.get("registryInstanceId") ?? "cri-0123456789abcdef";
  const region = "cn-hangzhou";
  const tags = { environment: "dev", owner: "platform", "cost-center": "cc-1234" };

  const vpc = new AlicloudVpc("core", {
    cidr: "10.20.0.0/16",
    zones: ["cn-hangzhou-i", "cn-hangzhou-j"],
    subnets: {
      web: { tier: "public", size: 24 },
      app: { tier: "private", size: 22 },
      data: { tier: "private", size: 24, zones: ["cn-hangzhou-i"] },
    },
    tags,
  });

  // Security groups per tier; each vSwitch says which subnet and tier it belongs to.
  const vswitches: Record<string, AlicloudVswitchRef> = {};
  for (const s of vpc.plan.subnets) {
    const key = `${s.name}-${s.location}`;
    vswitches[key] = { subnet: s.name, public: s.tier === "public", cidr: s.cidr, id: vpc.vswitches[key]!.id };
  }
  const onPremisesRanges = { hq: "192.168.0.0/16" };
  const securityGroups = new AlicloudSecurityGroups("core", { vpcId: vpc.vpcId, vpcCidr: "10.20.0.0/16", vswitches, onPremisesRanges, tags });

  // VPN gateway in two zones, two tunnels to the office router; the pre-shared key is generated and secret.
  const vpn = new AlicloudVpn("office", {
    vpcId: vpc.vpcId,
    vswitchId: vpc.vswitches["app-cn-hangzhou-i"]!.id,
    disasterRecoveryVswitchId: vpc.vswitches["app-cn-hangzhou-j"]!.id,
    localSubnets: { vpc: "10.20.0.0/16" },
    onPremisesRanges,
    peer: { asn: 65010, ip: "81.2.69.10", secondaryIp: "81.2.69.11" },
    tags,
  });

  const ram = new AlicloudRam("iam", { members: { developer: ["alice.dev"], securityAuditor: ["sam.sec"] }, tags });

  const registry = new AlicloudRegistry("images", {
    region,
    instanceId: registryInstanceId,
    instanceName: "acme-images",
    namespace: "acme-dev",
    repositories: { web: { summary: "Web front end" } },
    vpcId: vpc.vpcId,
    vswitchId: vpc.vswitchIds.apply((ids) => ids["app-cn-hangzhou-i"]!),
    personaGroups: ram.groupNames,
    tags,
  });

  const audit = new AlicloudLogging("audit", { region, flowLogVpcId: vpc.vpcId, tags });

  const budget = new AlicloudBudget("budget", {
    amount: 3000,
    currency: "CNY",
    startMonth: "2027-01",
    endMonth: "2027-12",
    emails: { platform: "platform@acme.example" },
  });

  // Stack outputs: what workload stacks read through a StackReference.
  return {
    region,
    vpcId: vpc.vpcId,
    vswitchIds: vpc.vswitchIds,
    subnets: vpc.subnets,
    securityGroupIds: securityGroups.securityGroupIds,
    vpnGatewayIps: vpn.gatewayIps,
    vpnTunnels: vpn.onPremisesConfig,
    vpnSharedSecrets: vpn.sharedSecrets,
    registryUrl: registry.url,
    registryVpcUrl: registry.vpcUrl,
    registryPullPolicy: registry.pullPolicy.policyName,
    auditProject: audit.slsProjectName,
    budgetContactGroup: budget.contactGroupName,
    budgetName: budget.budgetName,
  };
}
