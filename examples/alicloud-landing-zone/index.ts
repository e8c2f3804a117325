// A complete Alibaba Cloud landing zone from the components, without the stack program: a VPC
// with public and private vSwitches in two zones (NAT gateway with SNAT for the private ones), a
// Container Registry Enterprise Edition namespace on an existing instance linked into the VPC,
// ActionTrail into SLS plus VPC flow logs, and budget alert contacts. In your own project import
// from "pulumi-landing-zone" instead of "../../src".
import * as pulumi from "@pulumi/pulumi";
import { AlicloudBudget, AlicloudLogging, AlicloudVpc } from "../../src";
import { AlicloudRegistry } from "../../src/alicloud/registry";

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
    },
    tags,
  });

  const registry = new AlicloudRegistry("images", {
    region,
    instanceId: registryInstanceId,
    instanceName: "acme-images",
    namespace: "acme-dev",
    repositories: { web: { summary: "Web front end" } },
    vpcId: vpc.vpcId,
    vswitchId: vpc.vswitchIds.apply((ids) => ids["app-cn-hangzhou-i"]!),
    tags,
  });

  const audit = new AlicloudLogging("audit", { region, flowLogVpcId: vpc.vpcId, tags });

  const budget = new AlicloudBudget("budget", {
    amount: 3000,
    currency: "CNY",
    emails: { platform: "platform@acme.example" },
  });

  // Stack outputs: what workload stacks read through a StackReference.
  return {
    region,
    vpcId: vpc.vpcId,
    vswitchIds: vpc.vswitchIds,
    subnets: vpc.subnets,
    registryUrl: registry.url,
    registryVpcUrl: registry.vpcUrl,
    auditProject: audit.slsProjectName,
    budgetContactGroup: budget.contactGroupName,
  };
}
