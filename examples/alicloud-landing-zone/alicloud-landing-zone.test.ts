import { beforeAll, describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import alicloudLandingZone from "./index";

let inv: Inventory;
beforeAll(async () => { inv = await runOffline(alicloudLandingZone, { project: "alicloud-landing-zone", stack: "dev" }); });

const names = (type: string) => resourcesOfType(inv, type).map((r) => r.name).sort();
const TAGS = { environment: "dev", owner: "platform", "cost-center": "cc-1234" };

describe("examples/alicloud-landing-zone", () => {
  it("creates the seven components", () => {
    expect(names("landing-zone:index:AlicloudVpn")).toEqual(["office"]);
    expect(names("landing-zone:index:AlicloudVpc")).toEqual(["core"]);
    expect(names("landing-zone:index:AlicloudSecurityGroups")).toEqual(["core"]);
    expect(names("landing-zone:index:AlicloudRam")).toEqual(["iam"]);
    expect(names("landing-zone:index:AlicloudRegistry")).toEqual(["images"]);
    expect(names("landing-zone:index:AlicloudLogging")).toEqual(["audit"]);
    expect(names("landing-zone:index:AlicloudBudget")).toEqual(["budget"]);
  });

  it("builds the VPC with vSwitches per zone and NAT egress for the private tier only", () => {
    expect(findResource(inv, "alicloud:vpc/network:Network", "core").inputs).toEqual({
      cidrBlock: "10.20.0.0/16", description: "Landing zone VPC 10.20.0.0/16", tags: TAGS, vpcName: "core",
    });
    expect(names("alicloud:vpc/switch:Switch")).toEqual([
      "core-app-cn-hangzhou-i", "core-app-cn-hangzhou-j", "core-data-cn-hangzhou-i", "core-web-cn-hangzhou-i", "core-web-cn-hangzhou-j",
    ]);
    expect(findResource(inv, "alicloud:vpc/switch:Switch", "core-app-cn-hangzhou-i").inputs).toMatchObject({ cidrBlock: "10.20.16.0/22", zoneId: "cn-hangzhou-i" });
    expect(names("alicloud:vpc/snatEntry:SnatEntry")).toEqual(["core-nat-app-cn-hangzhou-i", "core-nat-app-cn-hangzhou-j", "core-nat-data-cn-hangzhou-i"]);
    expect(findResource(inv, "alicloud:vpc/routeEntry:RouteEntry", "core-private-default").inputs).toMatchObject({
      destinationCidrblock: "0.0.0.0/0", nexthopType: "NatGateway",
    });
  });

  it("gives every tier a security group that drops traffic between its own instances", () => {
    expect(names("alicloud:ecs/securityGroup:SecurityGroup")).toEqual(["core-app", "core-data", "core-web"]);
    expect(findResource(inv, "alicloud:ecs/securityGroup:SecurityGroup", "core-data").inputs).toEqual({
      description: "Tier data of core", innerAccessPolicy: "Drop", securityGroupName: "core-data", securityGroupType: "normal",
      tags: TAGS, vpcId: inv.outputs.vpcId,
    });
  });

  it("connects the office over a dual-tunnel VPN with BGP and a secret generated key", () => {
    const vswitch = (key: string) => (inv.outputs.vswitchIds as Record<string, string>)[key];
    expect(findResource(inv, "alicloud:vpn/gateway:Gateway", "office-gw").inputs).toMatchObject({
      vpcId: inv.outputs.vpcId, vswitchId: vswitch("app-cn-hangzhou-i"), disasterRecoveryVswitchId: vswitch("app-cn-hangzhou-j"),
      enableIpsec: true, enableSsl: false, paymentType: "PayAsYouGo",
    });
    expect(names("alicloud:vpn/customerGateway:CustomerGateway")).toEqual(["office-cgw-primary", "office-cgw-secondary"]);
    expect(findResource(inv, "alicloud:vpn/connection:Connection", "office-conn").inputs).toMatchObject({
      enableTunnelsBgp: true, localSubnets: ["10.20.0.0/16"], remoteSubnets: ["192.168.0.0/16"],
    });
    expect(JSON.stringify(findResource(inv, "alicloud:vpn/connection:Connection", "office-conn").inputs)).not.toMatch(/"psk":"[^[]/);
    expect(inv.outputs.vpnSharedSecrets).toBe("[secret]");
  });

  it("creates RAM persona groups and grants registry push and pull through them", () => {
    expect(names("alicloud:ram/group:Group")).toEqual([
      "iam-billing-viewer", "iam-ci-deployer", "iam-developer", "iam-network-admin", "iam-platform-admin", "iam-security-auditor", "iam-tester",
    ]);
    expect(findResource(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment", "images-push-developer").inputs).toEqual({
      groupName: "iam-developer", policyName: "images-push", policyType: "Custom",
    });
    expect(findResource(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment", "images-pull-tester").inputs).toEqual({
      groupName: "iam-tester", policyName: "images-pull", policyType: "Custom",
    });
    expect(resourcesOfType(inv, "alicloud:ram/accessKey:AccessKey")).toEqual([]);
  });

  it("puts a private namespace on the existing registry instance, linked into the VPC, with scanning and clean-up", () => {
    const vpcId = inv.outputs.vpcId;
    const appI = (inv.outputs.vswitchIds as Record<string, string>)["app-cn-hangzhou-i"];
    expect(resourcesOfType(inv, "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance")).toEqual([]);
    expect(findResource(inv, "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace", "images-ns").inputs).toEqual({
      autoCreate: false, defaultVisibility: "PRIVATE", instanceId: "cri-0123456789abcdef", name: "acme-dev",
    });
    expect(findResource(inv, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo", "images-web").inputs).toMatchObject({
      name: "web", namespace: "acme-dev", repoType: "PRIVATE",
    });
    expect(findResource(inv, "alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc", "images-vpc").inputs).toMatchObject({
      instanceId: "cri-0123456789abcdef", moduleName: "Registry", vpcId, vswitchId: appI,
    });
    expect(findResource(inv, "alicloud:cr/scanRule:ScanRule", "images-scan").inputs).toMatchObject({ scanType: "VUL", triggerType: "AUTO" });
  });

  it("trails every API call into SLS and logs the VPC's flows", () => {
    expect(findResource(inv, "alicloud:actiontrail/trail:Trail", "audit-trail").inputs).toMatchObject({ eventRw: "All", status: "Enable" });
    expect(findResource(inv, "alicloud:vpc/flowLog:FlowLog", "audit-vpc-flow").inputs).toMatchObject({ resourceId: inv.outputs.vpcId, projectName: "audit-sls" });
    expect(findResource(inv, "alicloud:cms/alarmContactGroup:AlarmContactGroup", "budget-contacts").inputs).toMatchObject({ contacts: ["budget-platform"] });
    expect(findResource(inv, "pulumi-nodejs:dynamic:Resource", "budget").inputs).toMatchObject({
      budgetName: "budget", quota: "3000", cycleStartPeriod: "2027-01", cycleEndPeriod: "2027-12", endpoint: "business.aliyuncs.com",
    });
  });

  it("exports what workload stacks read through a StackReference", () => {
    expect(inv.outputs).toMatchObject({
      region: "cn-hangzhou",
      vpcId: expect.stringMatching(/^vpc-/),
      registryUrl: "acme-images-registry.cn-hangzhou.cr.aliyuncs.com/acme-dev",
      registryVpcUrl: "acme-images-registry-vpc.cn-hangzhou.cr.aliyuncs.com/acme-dev",
    });
  });

  it("breaks no mandatory policy", () => {
    // Advisories may remain (e.g. the network ACLs' stateless return range); they do not block.
    expect(inv.findings.filter((f) => f.enforcement === "mandatory")).toEqual([]);
  });
});
