import { describe, expect, it } from "vitest";
import { AlicloudVpc, AlicloudVpcArgs } from "../../src/alicloud/vpc";
import { LandingZoneValidationError } from "../../src/core/errors";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const TAGS = { environment: "test", owner: "platform", "cost-center": "cc-1" };
const ARGS: AlicloudVpcArgs = {
  cidr: "10.20.0.0/16",
  zones: ["cn-hangzhou-i", "cn-hangzhou-j"],
  tags: TAGS,
  subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 } },
};

describe("AlicloudVpc children", () => {
  it("creates the VPC, a vSwitch per zone and tier, NAT with EIP and SNAT for private vSwitches only", async () => {
    const inv = await runOffline(() => { new AlicloudVpc("core", ARGS); }, { stack: "test" });
    expect(findResource(inv, "alicloud:vpc/network:Network", "core").inputs).toEqual({
      cidrBlock: "10.20.0.0/16", description: "Landing zone VPC 10.20.0.0/16", tags: TAGS, vpcName: "core",
    });
    expect(resourcesOfType(inv, "alicloud:vpc/switch:Switch").map((r) => r.inputs)).toEqual([
      ["app", "cn-hangzhou-i", "10.20.16.0/22", "private"],
      ["app", "cn-hangzhou-j", "10.20.20.0/22", "private"],
      ["web", "cn-hangzhou-i", "10.20.0.0/24", "public"],
      ["web", "cn-hangzhou-j", "10.20.1.0/24", "public"],
    ].map(([n, z, c, t]) => ({
      cidrBlock: c, description: `${t} subnet ${n}`, tags: TAGS, vpcId: findResource(inv, "alicloud:vpc/network:Network", "core").urn ? expect.stringMatching(/^vpc-/) : "", vswitchName: `core-${n}-${z}`, zoneId: z,
    })));
    const web = findResource(inv, "alicloud:vpc/switch:Switch", "core-web-cn-hangzhou-i");
    const nat = findResource(inv, "alicloud:vpc/natGateway:NatGateway", "core-nat");
    expect(nat.inputs).toEqual({
      deletionProtection: false, description: "Egress for private vSwitches", eipBindMode: "NAT", internetChargeType: "PayByLcu",
      natGatewayName: "core-nat", natType: "Enhanced", networkType: "internet", paymentType: "PayAsYouGo", tags: TAGS,
      vpcId: expect.stringMatching(/^vpc-/), vswitchId: expect.stringMatching(/^vsw-/),
    });
    expect(nat.dependencies).toContain(web.urn);
    expect(findResource(inv, "alicloud:ecs/eipAddress:EipAddress", "core-nat-eip").inputs).toEqual({
      addressName: "core-nat-eip", bandwidth: "100", deletionProtection: false, description: "NAT gateway egress IP",
      internetChargeType: "PayByTraffic", isp: "BGP", paymentType: "PayAsYouGo", tags: TAGS,
    });
    expect(findResource(inv, "alicloud:ecs/eipAssociation:EipAssociation", "core-nat-eip").inputs).toEqual({
      allocationId: expect.stringMatching(/^eip-/), instanceId: expect.stringMatching(/^ngw-/), instanceType: "Nat",
    });
    const snat = resourcesOfType(inv, "alicloud:vpc/snatEntry:SnatEntry");
    expect(snat.map((s) => s.name)).toEqual(["core-nat-app-cn-hangzhou-i", "core-nat-app-cn-hangzhou-j"]);
    expect(snat[0]!.inputs).toEqual({
      snatEntryName: "core-nat-app-cn-hangzhou-i", snatIp: expect.stringMatching(/^47\./), snatTableId: expect.stringMatching(/^stb-/),
      sourceVswitchId: expect.stringMatching(/^vsw-/),
    });
    expect(snat[0]!.dependencies).toContain(findResource(inv, "alicloud:ecs/eipAssociation:EipAssociation", "core-nat-eip").urn);
    expect(findResource(inv, "alicloud:vpc/routeEntry:RouteEntry", "core-private-default").inputs).toEqual({
      description: "Private tier egress through the NAT gateway", destinationCidrblock: "0.0.0.0/0", name: "core-private-default",
      nexthopId: expect.stringMatching(/^ngw-/), nexthopType: "NatGateway", routeTableId: expect.stringMatching(/^vtb-/),
    });
    expect(resourcesOfType(inv, "alicloud:vpc/routeTable:RouteTable").map((r) => [r.name, r.inputs.associateType])).toEqual([
      ["core-private-rt", "VSwitch"], ["core-public-rt", "VSwitch"],
    ]);
    expect(resourcesOfType(inv, "alicloud:vpc/routeTableAttachment:RouteTableAttachment").map((r) => r.name)).toEqual([
      "core-private-rt-app-cn-hangzhou-i", "core-private-rt-app-cn-hangzhou-j", "core-public-rt-web-cn-hangzhou-i", "core-public-rt-web-cn-hangzhou-j",
    ]);
  });

  it("creates no NAT when there is no private subnet", async () => {
    const inv = await runOffline(() => { new AlicloudVpc("core", { ...ARGS, subnets: { web: { tier: "public", size: 24 } } }); }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:vpc/natGateway:NatGateway")).toEqual([]);
    expect(resourcesOfType(inv, "alicloud:vpc/snatEntry:SnatEntry")).toEqual([]);
  });
});

describe("AlicloudVpc bad input", () => {
  it("reports vSwitch size limits, a VPC outside Alibaba's limits and unknown NAT subnet at once, creating nothing", async () => {
    let error: unknown;
    const inv = await runOffline(() => {
      try {
        new AlicloudVpc("core", { ...ARGS, cidr: "10.0.0.0/7", nat: { subnet: "dmz" }, subnets: { web: { tier: "public", size: 15 }, app: { tier: "private", cidrs: { "cn-hangzhou-i": "10.0.0.0/24" } } } });
      } catch (e) {
        error = e;
      }
    }, { stack: "test", policies: false });
    expect(inv.resources).toEqual([]);
    expect(error).toBeInstanceOf(LandingZoneValidationError);
    expect((error as LandingZoneValidationError).problems.map((p) => [p.code, p.path, p.message])).toEqual([
      ["LZ_VPC_SIZE", "AlicloudVpc args.cidr", "10.0.0.0/7 is outside Alibaba's VPC limits (/8 to /28)"],
      ["LZ_RANGE_NOT_PRIVATE", "AlicloudVpc args.cidr", "10.0.0.0/7 is outside the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16"],
      ["LZ_SUBNET_SIZE", "AlicloudVpc args.subnets.web.size", "/15 is outside the provider's limits (/16 to /29)"],
      ["LZ_SUBNET_CIDR_MISSING", "AlicloudVpc args.subnets.app.cidrs", "no CIDR for zone \"cn-hangzhou-j\""],
      ["LZ_UNKNOWN_SUBNET", "AlicloudVpc args.nat.subnet", "subnet \"dmz\" does not exist"],
    ]);
  });
});

describe("AlicloudVpc provider limits", () => {
  it("rejects a NAT EIP bandwidth above 200 Mbit/s, the PayAsYouGo + PayByTraffic limit, and accepts 200", async () => {
    expect(await componentProblems(() => new AlicloudVpc("core", { ...ARGS, nat: { eipBandwidth: 201 } }))).toEqual([
      ["LZ_EIP_BANDWIDTH", "AlicloudVpc args.nat.eipBandwidth"],
    ]);
    const inv = await runOffline(() => { new AlicloudVpc("core", { ...ARGS, nat: { eipBandwidth: 200 } }); }, { stack: "test" });
    expect(findResource(inv, "alicloud:ecs/eipAddress:EipAddress", "core-nat-eip").inputs.bandwidth).toBe("200");
  });

  it("rejects a SNAT entry name over 128 characters even when the vSwitch name fits", async () => {
    const prefix = `a${"b".repeat(86)}`;
    const subnets = { "application-servers-tier": { tier: "private", size: 24 } } as const;
    // vSwitch name: 87 + "-application-servers-tier-cn-hangzhou-i" = 126; SNAT entry name adds "-nat": 130.
    expect(await componentProblems(() => new AlicloudVpc("core", { ...ARGS, namePrefix: prefix, subnets }))).toEqual([
      ["LZ_NAME_TOO_LONG", "AlicloudVpc args.subnets.application-servers-tier"],
      ["LZ_NAME_TOO_LONG", "AlicloudVpc args.subnets.application-servers-tier"],
    ]);
    const inv = await runOffline(() => { new AlicloudVpc("core", { ...ARGS, namePrefix: prefix, subnets, nat: { enabled: false } }); }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:vpc/switch:Switch").map((r) => r.inputs.vswitchName)).toEqual([
      `${prefix}-application-servers-tier-cn-hangzhou-i`, `${prefix}-application-servers-tier-cn-hangzhou-j`,
    ]);
  });

  it("rejects more than 20 tags and tag keys Alibaba reserves (aliyun…), which GCP's label rules let through", async () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"]));
    expect(await componentProblems(() => new AlicloudVpc("core", { ...ARGS, tags: many }))).toEqual([
      ["LZ_TAGS_TOO_MANY", "AlicloudVpc args.tags"],
    ]);
    expect(await componentProblems(() => new AlicloudVpc("core", { ...ARGS, tags: { "aliyun-team": "net" } }))).toEqual([
      ["LZ_TAG_KEY_RESERVED", "AlicloudVpc args.tags.aliyun-team"],
    ]);
  });
});

