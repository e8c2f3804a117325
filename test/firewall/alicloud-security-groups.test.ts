import { describe, expect, it } from "vitest";
import { AlicloudSecurityGroups, AlicloudSecurityGroupsArgs } from "../../src/alicloud/security-groups";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";
import { digest } from "../../src/offline/mock-outputs";
import { componentProblems } from "../helpers";

const vs = (subnet: string, pub: boolean, cidr: string, zone: string) => ({ subnet, public: pub, cidr, id: `vsw-${subnet}-${zone}` });
const ARGS: AlicloudSecurityGroupsArgs = {
  vpcId: "vpc-1",
  vpcCidr: "10.20.0.0/16",
  vswitches: {
    "web-i": vs("web", true, "10.20.0.0/24", "i"), "web-j": vs("web", true, "10.20.1.0/24", "j"),
    "app-i": vs("app", false, "10.20.4.0/22", "i"), "data-i": vs("data", false, "10.20.2.0/24", "i"),
  },
  onPremisesRanges: { hq: "192.168.0.0/20" },
  tags: { environment: "dev" },
};
const SG = "alicloud:ecs/securityGroup:SecurityGroup";
const RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const ACL = "alicloud:vpc/networkAcl:NetworkAcl";
/** The offline id of a security group (see the mock-outputs table). */
const sgId = (name: string) => `sg-${digest("sg", name).slice(0, 20)}`;

const ruleNames = (inv: { resources: readonly { type: string; name: string }[] }) => inv.resources.filter((r) => r.type === RULE).map((r) => r.name).sort();
const entry = (networkAclEntryName: string, policy: string, protocol: string, port: string, description: string) => ({ networkAclEntryName, policy, protocol, port, description });

describe("AlicloudSecurityGroups defaults (egress open)", () => {
  it("creates one normal, inner-drop security group per tier with the environment's tags", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityGroups("dev-fw", ARGS); }, { stack: "test" });
    for (const tier of ["web", "app", "data"]) {
      expect(findResource(inv, SG, `dev-fw-${tier}`).inputs).toEqual({
        securityGroupName: `dev-fw-${tier}`, description: `Tier ${tier} of dev-fw`, vpcId: "vpc-1", securityGroupType: "normal",
        innerAccessPolicy: "Drop", tags: { environment: "dev" },
      });
    }
  });

  it("gives each tier exactly its default rules: web from the internet on 80/443, app from web's group, data from app's group, admin from on-premises", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityGroups("dev-fw", ARGS); }, { stack: "test" });
    const admin = (tier: string) => [`dev-fw-${tier}-admin-onprem-192-168-0-0-20-22`, `dev-fw-${tier}-admin-onprem-192-168-0-0-20-3389`];
    const deny = (tier: string) => `dev-fw-${tier}-deny-all-ingress-internet-all`;
    expect(ruleNames(inv)).toEqual([
      ...admin("app"), "dev-fw-app-app-in-sg-web-8080", "dev-fw-app-app-in-sg-web-8443", deny("app"),
      ...admin("data"), "dev-fw-data-data-in-sg-app-3306", "dev-fw-data-data-in-sg-app-5432", "dev-fw-data-data-in-sg-app-6379", deny("data"),
      ...admin("web"), deny("web"), "dev-fw-web-web-in-internet-0-0-0-0-0-443", "dev-fw-web-web-in-internet-0-0-0-0-0-80",
    ]);
    const common = { nicType: "intranet", type: "ingress", ipProtocol: "tcp", policy: "accept", priority: 10 };
    expect(findResource(inv, RULE, "dev-fw-web-web-in-internet-0-0-0-0-0-443").inputs).toEqual({
      ...common, securityGroupId: sgId("dev-fw-web"), portRange: "443/443", cidrIp: "0.0.0.0/0", description: "web-in: web accepts tcp 80, 443 from internet",
    });
    expect(findResource(inv, RULE, "dev-fw-app-app-in-sg-web-8080").inputs).toEqual({
      ...common, securityGroupId: sgId("dev-fw-app"), portRange: "8080/8080", sourceSecurityGroupId: sgId("dev-fw-web"), description: "app-in: app accepts tcp 8080, 8443 from web",
    });
    expect(findResource(inv, RULE, "dev-fw-data-data-in-sg-app-5432").inputs).toEqual({
      ...common, securityGroupId: sgId("dev-fw-data"), portRange: "5432/5432", sourceSecurityGroupId: sgId("dev-fw-app"), description: "data-in: data accepts tcp 5432, 3306, 6379 from app",
    });
    expect(findResource(inv, RULE, "dev-fw-data-admin-onprem-192-168-0-0-20-22").inputs).toEqual({
      ...common, securityGroupId: sgId("dev-fw-data"), portRange: "22/22", cidrIp: "192.168.0.0/20", description: "admin: admin access (22, 3389) from onprem",
    });
    expect(findResource(inv, RULE, deny("app")).inputs).toEqual({
      nicType: "intranet", type: "ingress", ipProtocol: "all", policy: "drop", priority: 100, portRange: "-1/-1",
      securityGroupId: sgId("dev-fw-app"), cidrIp: "0.0.0.0/0", description: "deny-all-ingress: deny every ingress not allowed above",
    });
  });

  it("puts stateless ACLs on the public and the private vSwitches", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityGroups("dev-fw", ARGS); }, { stack: "test" });
    const inside = "traffic inside the VPC (security groups filter it per tier)";
    const returns = "returns of outbound connections";
    const admin = "admin access (22, 3389) from onprem";
    const inn = (e: ReturnType<typeof entry>, sourceCidrIp: string) => ({ ...e, sourceCidrIp });
    const out = (e: ReturnType<typeof entry>, destinationCidrIp: string) => ({ ...e, destinationCidrIp });
    expect(findResource(inv, ACL, "dev-fw-public-acl").inputs).toEqual({
      vpcId: "vpc-1", networkAclName: "dev-fw-public-acl", description: "Stateless second layer of the public vSwitches", tags: { environment: "dev" },
      resources: [{ resourceId: "vsw-web-i", resourceType: "VSwitch" }, { resourceId: "vsw-web-j", resourceType: "VSwitch" }],
      ingressAclEntries: [
        inn(entry("web-in-internet-0-0-0-0-0-80", "accept", "tcp", "80/80", "web accepts tcp 80, 443 from internet"), "0.0.0.0/0"),
        inn(entry("web-in-internet-0-0-0-0-0-443", "accept", "tcp", "443/443", "web accepts tcp 80, 443 from internet"), "0.0.0.0/0"),
        inn(entry("admin-onprem-192-168-0-0-20-22", "accept", "tcp", "22/22", admin), "192.168.0.0/20"),
        inn(entry("admin-onprem-192-168-0-0-20-3389", "accept", "tcp", "3389/3389", admin), "192.168.0.0/20"),
        inn(entry("vpc-in", "accept", "all", "-1/-1", inside), "10.20.0.0/16"),
        inn(entry("return-ntp", "accept", "udp", "123/123", "NTP replies from the Alibaba Cloud NTP servers"), "100.64.0.0/10"),
        inn(entry("return-tcp", "accept", "tcp", "32768/65535", returns), "0.0.0.0/0"),
        inn(entry("return-udp", "accept", "udp", "32768/65535", returns), "0.0.0.0/0"),
        inn(entry("deny-all-in", "drop", "all", "-1/-1", "deny every ingress not allowed above"), "0.0.0.0/0"),
      ],
      egressAclEntries: [
        out(entry("vpc-out", "accept", "all", "-1/-1", inside), "10.20.0.0/16"),
        out(entry("reply-0-0-0-0-0", "accept", "tcp", "1024/65535", "replies to inbound connections from 0.0.0.0/0"), "0.0.0.0/0"),
        out(entry("reply-192-168-0-0-20", "accept", "tcp", "1024/65535", "replies to inbound connections from 192.168.0.0/20"), "192.168.0.0/20"),
        out(entry("all-out", "accept", "all", "-1/-1", "egress of the public vSwitches (deny-all egress is off)"), "0.0.0.0/0"),
      ],
    });
    const priv = findResource(inv, ACL, "dev-fw-private-acl").inputs as Record<string, any>;
    expect(priv.resources).toEqual([{ resourceId: "vsw-app-i", resourceType: "VSwitch" }, { resourceId: "vsw-data-i", resourceType: "VSwitch" }]);
    // The private vSwitches take nothing from the internet but returns.
    expect(priv.ingressAclEntries.map((e: { networkAclEntryName: string }) => e.networkAclEntryName)).toEqual([
      "admin-onprem-192-168-0-0-20-22", "admin-onprem-192-168-0-0-20-3389", "vpc-in", "return-ntp", "return-tcp", "return-udp", "deny-all-in",
    ]);
  });

  it("outputs the security-group ids by tier and the ACL ids by vSwitch group", async () => {
    const inv = await runOffline(() => {
      const c = new AlicloudSecurityGroups("dev-fw", ARGS);
      return { sgs: c.securityGroupIds, acls: c.networkAclIds };
    }, { stack: "test" });
    expect(inv.outputs.sgs).toEqual({ web: sgId("dev-fw-web"), app: sgId("dev-fw-app"), data: sgId("dev-fw-data") });
    expect(inv.outputs.acls).toEqual({ public: `nacl-${digest("nacl", "dev-fw-public-acl").slice(0, 20)}`, private: `nacl-${digest("nacl", "dev-fw-private-acl").slice(0, 20)}` });
  });

  it("has no admin rule and no on-premises entries without on-premises ranges, and can skip the ACLs", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityGroups("dev-fw", { ...ARGS, onPremisesRanges: {}, networkAcls: false }); }, { stack: "test" });
    expect(ruleNames(inv).filter((n) => n.includes("admin"))).toEqual([]);
    expect(inv.resources.filter((r) => r.type === ACL)).toEqual([]);
  });
});

describe("AlicloudSecurityGroups with deny-all egress", () => {
  it("adds egress to the peer tier's group, the intranet services, and closes egress in groups and ACLs", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityGroups("prod-fw", { ...ARGS, denyAllEgress: true }); }, { stack: "test" });
    const web = ruleNames(inv).filter((n) => n.startsWith("prod-fw-web-"));
    expect(web).toEqual([
      "prod-fw-web-admin-onprem-192-168-0-0-20-22", "prod-fw-web-admin-onprem-192-168-0-0-20-3389",
      "prod-fw-web-app-in-egress-sg-app-8080", "prod-fw-web-app-in-egress-sg-app-8443",
      "prod-fw-web-cloud-dns-cloud-services-100-64-0-0-10-53", "prod-fw-web-cloud-dns-tcp-cloud-services-100-64-0-0-10-53",
      "prod-fw-web-cloud-ntp-cloud-services-100-64-0-0-10-123",
      "prod-fw-web-cloud-services-cloud-services-100-64-0-0-10-443", "prod-fw-web-cloud-services-cloud-services-100-64-0-0-10-80",
      "prod-fw-web-deny-all-egress-internet-all", "prod-fw-web-deny-all-ingress-internet-all",
      "prod-fw-web-web-in-internet-0-0-0-0-0-443", "prod-fw-web-web-in-internet-0-0-0-0-0-80",
    ]);
    expect(findResource(inv, RULE, "prod-fw-web-app-in-egress-sg-app-8443").inputs).toEqual({
      nicType: "intranet", type: "egress", ipProtocol: "tcp", policy: "accept", priority: 10, portRange: "8443/8443",
      securityGroupId: sgId("prod-fw-web"), sourceSecurityGroupId: sgId("prod-fw-app"), description: "app-in-egress: egress side of app-in: web to app",
    });
    expect(findResource(inv, RULE, "prod-fw-data-cloud-dns-cloud-services-100-64-0-0-10-53").inputs).toEqual({
      nicType: "intranet", type: "egress", ipProtocol: "udp", policy: "accept", priority: 10, portRange: "53/53",
      securityGroupId: sgId("prod-fw-data"), cidrIp: "100.64.0.0/10", description: "cloud-dns: Alibaba Cloud DNS resolvers",
    });
    expect(findResource(inv, RULE, "prod-fw-data-cloud-dns-tcp-cloud-services-100-64-0-0-10-53").inputs).toEqual({
      nicType: "intranet", type: "egress", ipProtocol: "tcp", policy: "accept", priority: 10, portRange: "53/53",
      securityGroupId: sgId("prod-fw-data"), cidrIp: "100.64.0.0/10", description: "cloud-dns-tcp: Alibaba Cloud DNS resolvers over tcp",
    });
    expect(findResource(inv, RULE, "prod-fw-app-cloud-ntp-cloud-services-100-64-0-0-10-123").inputs).toEqual({
      nicType: "intranet", type: "egress", ipProtocol: "udp", policy: "accept", priority: 10, portRange: "123/123",
      securityGroupId: sgId("prod-fw-app"), cidrIp: "100.64.0.0/10", description: "cloud-ntp: Alibaba Cloud NTP servers",
    });
    expect(findResource(inv, RULE, "prod-fw-data-deny-all-egress-internet-all").inputs).toEqual({
      nicType: "intranet", type: "egress", ipProtocol: "all", policy: "drop", priority: 100, portRange: "-1/-1",
      securityGroupId: sgId("prod-fw-data"), cidrIp: "0.0.0.0/0", description: "deny-all-egress: deny every egress not allowed above",
    });
    const priv = findResource(inv, ACL, "prod-fw-private-acl").inputs as Record<string, any>;
    const names = (l: { networkAclEntryName: string }[]) => l.map((e) => e.networkAclEntryName);
    expect(names(priv.egressAclEntries)).toEqual([
      "vpc-out", "reply-192-168-0-0-20",
      "cloud-services-cloud-services-100-64-0-0-10-80", "cloud-services-cloud-services-100-64-0-0-10-443", "cloud-dns-cloud-services-100-64-0-0-10-53",
      "cloud-dns-tcp-cloud-services-100-64-0-0-10-53", "cloud-ntp-cloud-services-100-64-0-0-10-123",
      "deny-all-out",
    ]);
    expect(names(priv.ingressAclEntries)).toEqual([
      "admin-onprem-192-168-0-0-20-22", "admin-onprem-192-168-0-0-20-3389", "vpc-in", "return-ntp",
      "return-tcp-100-64-0-0-10", "return-udp-100-64-0-0-10", "deny-all-in",
    ]);
  });

  it("reaches the VPC endpoints of cloud services (serviceEndpoints) on 443 from every tier", async () => {
    const inv = await runOffline(() => {
      new AlicloudSecurityGroups("prod-fw", { ...ARGS, denyAllEgress: true, serviceEndpoints: { registry: "10.20.16.0/20" } });
    }, { stack: "test" });
    expect(ruleNames(inv).filter((n) => n.includes("cloud-endpoints"))).toEqual([
      "prod-fw-app-cloud-endpoints-endpoints-10-20-16-0-20-443", "prod-fw-data-cloud-endpoints-endpoints-10-20-16-0-20-443",
      "prod-fw-web-cloud-endpoints-endpoints-10-20-16-0-20-443",
    ]);
    expect(findResource(inv, RULE, "prod-fw-app-cloud-endpoints-endpoints-10-20-16-0-20-443").inputs).toEqual({
      nicType: "intranet", type: "egress", ipProtocol: "tcp", policy: "accept", priority: 10, portRange: "443/443",
      securityGroupId: sgId("prod-fw-app"), cidrIp: "10.20.16.0/20", description: "cloud-endpoints: VPC endpoints of cloud services (container registry)",
    });
  });

  it("plans no endpoint egress without serviceEndpoints, and rejects a bad endpoint CIDR", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityGroups("prod-fw", { ...ARGS, denyAllEgress: true }); }, { stack: "test" });
    expect(ruleNames(inv).filter((n) => n.includes("cloud-endpoints"))).toEqual([]);
    expect(await componentProblems(() => new AlicloudSecurityGroups("prod-fw", { ...ARGS, denyAllEgress: true, serviceEndpoints: { registry: "10.20.16.0/33" } })))
      .toEqual([["LZ_CIDR_INVALID", "AlicloudSecurityGroups args.serviceEndpoints.registry"]]);
  });
});

describe("AlicloudSecurityGroups bad input", () => {
  it("reports Alibaba's priority range, GCP-only ranges, missing on-premises ranges and taken names, all at once", async () => {
    expect(await componentProblems(() => new AlicloudSecurityGroups("dev-fw", {
      ...ARGS,
      onPremisesRanges: {},
      adminSources: ["iap"],
      rules: {
        "cloud-services": { sources: ["vpc"], ports: ["80"] },
        "vpn-ssh": { sources: ["onprem"], ports: ["22"], priority: 0 },
        "late": { sources: ["vpc"], ports: ["80"], priority: 101 },
        "half": { sources: ["10.1.2.3/8"], ports: ["443"], tiers: ["web", "cache"] },
      },
    }))).toEqual([
      ["LZ_FW_UNKNOWN_REFERENCE", "AlicloudSecurityGroups args.adminSources[0]"],
      ["LZ_FW_DUPLICATE_RULE", "AlicloudSecurityGroups args.rules.cloud-services"],
      ["LZ_FW_PRIORITY", "AlicloudSecurityGroups args.rules.vpn-ssh.priority"],
      ["LZ_FW_RANGE_EMPTY", "AlicloudSecurityGroups args.rules.vpn-ssh.sources[0]"],
      ["LZ_FW_PRIORITY", "AlicloudSecurityGroups args.rules.late.priority"],
      ["LZ_CIDR_INVALID", "AlicloudSecurityGroups args.rules.half.sources[0]"],
      ["LZ_FW_UNKNOWN_TIER", "AlicloudSecurityGroups args.rules.half.tiers[1]"],
    ]);
  });

  it("rejects a rule description longer than the 256 characters a network ACL entry takes, and accepts 256", async () => {
    const rule = (description: string) => ({ hq: { sources: ["onprem"], ports: ["443"], tiers: ["web"], description } });
    expect(await componentProblems(() => new AlicloudSecurityGroups("dev-fw", { ...ARGS, rules: rule("d".repeat(257)) }))).toEqual([
      ["LZ_FW_DESCRIPTION_TOO_LONG", "AlicloudSecurityGroups args.rules.hq.description"],
    ]);
    const inv = await runOffline(() => { new AlicloudSecurityGroups("dev-fw", { ...ARGS, rules: rule("d".repeat(256)) }); }, { stack: "test" });
    expect(findResource(inv, RULE, "dev-fw-web-hq-onprem-192-168-0-0-20-443").inputs.description).toBe(`hq: ${"d".repeat(256)}`);
    const acl = findResource(inv, ACL, "dev-fw-public-acl").inputs as { ingressAclEntries: { networkAclEntryName: string; description: string }[] };
    expect(acl.ingressAclEntries.find((e) => e.networkAclEntryName === "hq-onprem-192-168-0-0-20-443")?.description).toBe("d".repeat(256));
  });

  it("treats the on-premises ranges as trusted for admin ports, and a public CIDR as the world", async () => {
    const inv = await runOffline(() => {
      new AlicloudSecurityGroups("dev-fw", { ...ARGS, onPremisesRanges: { office: "198.51.100.0/24" }, rules: { "office-rdp": { sources: ["198.51.100.0/25"], ports: ["3389"], tiers: ["web"] } } });
    }, { stack: "test" });
    expect(findResource(inv, RULE, "dev-fw-web-office-rdp-198-51-100-0-25-3389").inputs.cidrIp).toBe("198.51.100.0/25");
    expect(await componentProblems(() => new AlicloudSecurityGroups("dev-fw", { ...ARGS, rules: { "office-rdp": { sources: ["198.51.100.0/25"], ports: ["1-65535"] } } }))).toEqual([
      ["LZ_FW_PUBLIC_ADMIN", "AlicloudSecurityGroups args.rules.office-rdp.ports"],
    ]);
  });

  it("rejects a tier on a missing subnet, a range named like a tier, bad tags and a bad on-premises CIDR", async () => {
    expect(await componentProblems(() => new AlicloudSecurityGroups("dev-fw", {
      ...ARGS, onPremisesRanges: { hq: "192.168.0.1/20" }, tags: { Env: "dev" }, ranges: { web: ["10.0.0.0/8"] }, tiers: { data: { subnets: ["db"] } },
    }))).toEqual([
      ["LZ_LABEL_KEY", "AlicloudSecurityGroups args.tags.Env"],
      ["LZ_CIDR_INVALID", "AlicloudSecurityGroups args.onPremisesRanges.hq"],
      ["LZ_FW_UNKNOWN_SUBNET", "AlicloudSecurityGroups args.tiers.data.subnets[0]"],
      ["LZ_FW_NAME_CLASH", "AlicloudSecurityGroups args.ranges.web"],
    ]);
  });
});
