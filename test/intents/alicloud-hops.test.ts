import { afterEach, describe, expect, it, vi } from "vitest";
import { ALI_VPN_ROUTE_WORDING } from "../../src/intents/alicloud-network";
import { checkIntents } from "../../src/intents/check";
import type { Intent, IntentCatalogue, IntentResult } from "../../src/intents/types";
import type { InventoryResource } from "../../src/offline/inventory";
import { idOf, inventory, outputOf, res } from "./fixtures";

// Alibaba hops: security groups, network ACLs (stateless), route tables (system and custom),
// SNAT, VPN connections and RAM (policies, trust). Ids are wired as the mock runtime makes them.

const vpc = res("alicloud:vpc/network:Network", "core", { vpcName: "core", cidrBlock: "10.20.0.0/16" });
const vpcId = idOf(vpc);
const appSw = res("alicloud:vpc/switch:Switch", "core-app-i", { vswitchName: "core-app-i", vpcId, cidrBlock: "10.20.0.0/24", zoneId: "cn-hangzhou-i" });
const dataSw = res("alicloud:vpc/switch:Switch", "core-data-i", { vswitchName: "core-data-i", vpcId, cidrBlock: "10.20.1.0/24", zoneId: "cn-hangzhou-i" });
const appSg = res("alicloud:ecs/securityGroup:SecurityGroup", "fw-app", { securityGroupName: "fw-app", vpcId, innerAccessPolicy: "Drop" });
const dataSg = res("alicloud:ecs/securityGroup:SecurityGroup", "fw-data", { securityGroupName: "fw-data", vpcId, innerAccessPolicy: "Drop" });

function sgRule(name: string, sg: InventoryResource, inputs: Record<string, unknown>): InventoryResource {
  return res("alicloud:ecs/securityGroupRule:SecurityGroupRule", name, { securityGroupId: idOf(sg), nicType: "intranet", priority: 10, ...inputs });
}

const dataIn = sgRule("data-in-5432", dataSg, { type: "ingress", ipProtocol: "tcp", portRange: "5432/5432", policy: "accept", sourceSecurityGroupId: idOf(appSg) });
const base = [vpc, appSw, dataSw, appSg, dataSg];

const CAT: IntentCatalogue = {
  alicloud: {
    tiers: {
      app: { vswitches: ["core-app-i"], securityGroup: "fw-app", public: false },
      data: { vswitches: ["core-data-i"], securityGroup: "fw-data", public: false },
    },
    ci: { providerArn: "acs:ram::1:oidc-provider/gh", issuer: "https://token.actions.githubusercontent.com", audiences: ["sts.aliyuncs.com"], subjects: ["repo:acme/app:ref:refs/heads/main"] },
    personas: { developer: ["dev-li"] },
    registry: { instanceId: "cri-1", namespace: "prod", region: "cn-hangzhou", account: "1" },
  },
  onPremises: { hq: "192.168.0.0/20" },
  otherRanges: {},
};

function one(resources: InventoryResource[], intent: Intent, expect: "required" | "forbidden" = "required"): IntentResult {
  return checkIntents(inventory(resources), { [expect]: [intent] }, CAT).results[0]!;
}

const appToData = { from: "alicloud:app", to: "alicloud:data", port: 5432 };

describe("Alibaba security groups", () => {
  it("an ingress rule naming the source group admits the path (egress open by default)", () => {
    const r = one([...base, dataIn], appToData);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => `${h.kind}:${h.name}`)).toEqual(["security-group:fw-app", "acl:no network ACL", "route:system route 10.20.1.0/24 (vSwitch core-data-i)",
      "acl:no network ACL", "security-group:data-in-5432", "acl:no network ACL", "acl:no network ACL", "acl:no network ACL", "acl:no network ACL"]);
  });

  it("a drop rule with a smaller priority number wins, and is named", () => {
    const drop = sgRule("drop-app", dataSg, { type: "ingress", ipProtocol: "all", portRange: "-1/-1", policy: "drop", cidrIp: "10.20.0.0/24", priority: 1 });
    const r = one([...base, dataIn, drop], appToData);
    expect([r.ok, r.culprit?.name, r.culprit?.urn]).toEqual([false, "drop-app", drop.urn]);
  });

  it("an egress drop-all on the source group blocks", () => {
    const denyOut = sgRule("app-deny-all-egress", appSg, { type: "egress", ipProtocol: "all", portRange: "-1/-1", policy: "drop", cidrIp: "0.0.0.0/0", priority: 100 });
    expect(one([...base, dataIn, denyOut], appToData).culprit?.name).toBe("app-deny-all-egress");
  });

  it("unmatched ingress is dropped, naming the group", () => {
    expect(one([...base], appToData).culprit?.name).toBe("fw-data");
  });
});

describe("Alibaba network ACLs (stateless)", () => {
  const acl = (egress: Record<string, unknown>[]) => res("alicloud:vpc/networkAcl:NetworkAcl", "private-acl", { networkAclName: "private-acl", vpcId,
    resources: [{ resourceId: idOf(appSw), resourceType: "VSwitch" }, { resourceId: idOf(dataSw), resourceType: "VSwitch" }],
    ingressAclEntries: [{ networkAclEntryName: "vpc-in", sourceCidrIp: "10.20.0.0/16", protocol: "all", port: "-1/-1", policy: "accept" }],
    egressAclEntries: egress });

  it("both directions accepted: the path holds", () => {
    const r = one([...base, dataIn, acl([{ networkAclEntryName: "vpc-out", destinationCidrIp: "10.20.0.0/16", protocol: "all", port: "-1/-1", policy: "accept" }])], appToData);
    expect(r.ok).toBe(true);
  });

  it("replies to the client's ephemeral port need their own egress entry: the ACL is named", () => {
    const only5432 = acl([{ networkAclEntryName: "pg-out", destinationCidrIp: "10.20.0.0/16", protocol: "tcp", port: "5432/5432", policy: "accept" }]);
    const r = one([...base, dataIn, only5432], appToData);
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "acl", "private-acl"]);
    expect(r.culprit?.detail).toBe("reply: egress tcp/32768 to 10.20.0.2 at data@core-data-i: no entry of network ACL private-acl matches and unmatched traffic is dropped");
  });

  it("the first matching entry decides: a drop listed first wins", () => {
    const r = one([...base, dataIn, acl([
      { networkAclEntryName: "drop-data", destinationCidrIp: "10.20.1.0/24", protocol: "all", port: "-1/-1", policy: "drop" },
      { networkAclEntryName: "vpc-out", destinationCidrIp: "10.20.0.0/16", protocol: "all", port: "-1/-1", policy: "accept" }])], appToData);
    expect(r.culprit?.name).toBe("private-acl/drop-data");
  });

  it("DNS resolvers are not filtered by the ACL, NTP is", () => {
    const strict = acl([]);
    expect(one([...base, strict], { from: "alicloud:app", to: "alicloud-service:dns" }).ok).toBe(true);
    expect(one([...base, strict], { from: "alicloud:app", to: "alicloud-service:ntp" }).culprit?.name).toBe("private-acl");
  });
});

describe("Alibaba route tables, SNAT and VPN", () => {
  const nat = res("alicloud:vpc/natGateway:NatGateway", "nat", { natGatewayName: "nat", vpcId });
  const rt = res("alicloud:vpc/routeTable:RouteTable", "private-rt", { routeTableName: "private-rt", vpcId, associateType: "VSwitch" });
  const attach = res("alicloud:vpc/routeTableAttachment:RouteTableAttachment", "private-rt-app", { routeTableId: idOf(rt), vswitchId: idOf(appSw) });
  const natRoute = res("alicloud:vpc/routeEntry:RouteEntry", "private-default", { routeTableId: idOf(rt), destinationCidrblock: "0.0.0.0/0", nexthopType: "NatGateway", nexthopId: idOf(nat) });
  const snat = res("alicloud:vpc/snatEntry:SnatEntry", "snat-app", { snatTableId: outputOf(nat, "snatTableIds"), sourceVswitchId: idOf(appSw), snatIp: "47.0.0.1" });
  const gw = res("alicloud:vpn/gateway:Gateway", "vpn-gw", { vpnGatewayName: "vpn-gw", vpcId, autoPropagate: true });
  const conn = res("alicloud:vpn/connection:Connection", "vpn-conn", { vpnConnectionName: "vpn-conn", vpnGatewayId: idOf(gw), enableTunnelsBgp: true,
    localSubnets: ["10.20.0.0/16"], remoteSubnets: ["192.168.0.0/20"] });
  const ssh = sgRule("app-ssh-onprem", appSg, { type: "ingress", ipProtocol: "tcp", portRange: "22/22", policy: "accept", cidrIp: "192.168.0.0/20" });
  const onPremToApp = { from: "onprem:hq", to: "alicloud:app", port: 22 };

  it("egress to the internet through the custom table's NAT route and an SNAT entry for the vSwitch", () => {
    const r = one([...base, nat, rt, attach, natRoute, snat], { from: "alicloud:app", to: "internet", port: 443 });
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => h.name)).toContain("snat-app");
  });

  it("without an SNAT entry for the vSwitch the NAT gateway is named", () => {
    const r = one([...base, nat, rt, attach, natRoute], { from: "alicloud:app", to: "internet", port: 443 });
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "nat", "no SNAT entry for core-app-i"]);
  });

  it("on-premises reaches a vSwitch on the system table: BGP routes are propagated there", () => {
    const r = one([...base, gw, conn, ssh], onPremToApp);
    expect(r.ok).toBe(true);
    expect(r.hops[r.hops.length - 1]!.name).toBe("192.168.0.0/20 learned over BGP by vpn-gw (propagated to the system route table)");
  });

  it("a custom route table gets no VPN routes: replies take its NAT default route, which is named", () => {
    const r = one([...base, gw, conn, ssh, nat, rt, attach, natRoute], onPremToApp);
    expect([r.ok, r.culprit?.kind, r.culprit?.urn]).toEqual([false, "route", natRoute.urn]);
  });

  it("a route entry to the VPN gateway in the custom table brings the replies back", () => {
    const vpnRoute = res("alicloud:vpc/routeEntry:RouteEntry", "private-hq", { routeTableId: idOf(rt), destinationCidrblock: "192.168.0.0/20", nexthopType: "VpnGateway", nexthopId: idOf(gw) });
    expect(one([...base, gw, conn, ssh, nat, rt, attach, natRoute, vpnRoute], onPremToApp).ok).toBe(true);
  });

  describe("a VPN gateway route is matched by its range, never by its wording", () => {
    afterEach(() => vi.restoreAllMocks());
    const reworded = (range: string, by: string) => `route via ${by} to ${range}`;
    const lastRoute = (r: IntentResult) => r.hops.filter((h) => h.kind === "route").pop()?.name;

    it("BGP-learned", () => {
      vi.spyOn(ALI_VPN_ROUTE_WORDING, "learned").mockImplementation(reworded);
      const r = one([...base, gw, conn, ssh], onPremToApp);
      expect([r.ok, lastRoute(r)]).toEqual([true, "route via vpn-gw to 192.168.0.0/20"]);
    });

    it("configured by a connection (autoConfigRoute)", () => {
      vi.spyOn(ALI_VPN_ROUTE_WORDING, "configured").mockImplementation(reworded);
      const staticConn = res("alicloud:vpn/connection:Connection", "vpn-conn", { ...conn.inputs, enableTunnelsBgp: false, autoConfigRoute: true });
      const r = one([...base, gw, staticConn, ssh], onPremToApp);
      expect([r.ok, lastRoute(r)]).toEqual([true, "route via vpn-conn to 192.168.0.0/20"]);
    });

    it("published to the VPC by a VPN route entry", () => {
      vi.spyOn(ALI_VPN_ROUTE_WORDING, "published").mockImplementation(reworded);
      const staticConn = res("alicloud:vpn/connection:Connection", "vpn-conn", { ...conn.inputs, enableTunnelsBgp: false });
      const published = res("alicloud:vpn/routeEntry:RouteEntry", "vpn-hq", { vpnGatewayId: idOf(gw), routeDest: "192.168.0.0/20", nextHop: "vco-1", weight: 0, publishVpc: true });
      const r = one([...base, gw, staticConn, published, ssh], onPremToApp);
      expect([r.ok, lastRoute(r)]).toEqual([true, "route via vpn-hq to 192.168.0.0/20"]);
    });

    it("and the hint for a custom route table still finds the gateway's route", () => {
      vi.spyOn(ALI_VPN_ROUTE_WORDING, "learned").mockImplementation(reworded);
      const r = one([...base, gw, conn, ssh, rt, attach], onPremToApp);
      expect(r.ok).toBe(false);
      expect(r.culprit?.detail).toContain("the VPN gateway's routes reach only the system route table");
    });
  });

  it("a connection whose remote subnets miss the range blocks, naming the connection", () => {
    const narrow = res("alicloud:vpn/connection:Connection", "vpn-conn", { ...conn.inputs, remoteSubnets: ["172.16.0.0/16"] });
    const r = one([...base, gw, narrow, ssh], onPremToApp);
    expect([r.culprit?.kind, r.culprit?.name]).toEqual(["vpn", "vpn-conn"]);
  });
});

describe("Alibaba registry VPC endpoint", () => {
  const endpoint = (dns: boolean) => res("alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc", "registry-vpc", { instanceId: "cri-1", vpcId, vswitchId: idOf(appSw), moduleName: "Registry", enableCreateDnsRecordInPvzt: dns });
  it("the endpoint's domain record and an open path reach it", () => {
    expect(one([...base, endpoint(true)], { from: "alicloud:data", to: "alicloud-service:registry" }).ok).toBe(true);
  });
  it("without the PrivateZone record the name leaves the VPC", () => {
    expect(one([...base, endpoint(false)], { from: "alicloud:data", to: "alicloud-service:registry" }).culprit?.kind).toBe("dns");
  });
  it("without an endpoint linked to the VPC", () => {
    expect(one([...base], { from: "alicloud:data", to: "alicloud-service:registry" }).culprit?.name).toBe("no registry VPC endpoint");
  });
});

describe("Alibaba RAM: trust policies and cr:GetAuthorizationToken", () => {
  const trust = (sub: string) => JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Federated: ["acs:ram::1:oidc-provider/gh"] },
    Condition: { StringEquals: { "oidc:iss": ["https://token.actions.githubusercontent.com"], "oidc:aud": ["sts.aliyuncs.com"] }, StringLike: { "oidc:sub": [sub] } } }] });
  const role = (sub: string) => res("alicloud:ram/role:Role", "registry-ci", { roleName: "registry-ci", assumeRolePolicyDocument: trust(sub) });
  const policy = (tokenResource: string) => res("alicloud:ram/policy:Policy", "registry-push", { policyName: "registry-push", policyDocument: JSON.stringify({ Version: "1", Statement: [
    { Effect: "Allow", Action: ["cr:GetAuthorizationToken"], Resource: [tokenResource] },
    { Effect: "Allow", Action: ["cr:PushRepository", "cr:PullRepository"], Resource: ["acs:cr:cn-hangzhou:1:repository/cri-1/prod/*"] }] }) });
  const attach = res("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", "registry-push-robot", { roleName: "registry-ci", policyName: "registry-push", policyType: "Custom" });
  const push = { identity: "alicloud:ci", action: "push" as const, on: "alicloud:registry" };

  it("a role trusting the subject with the token on * and push on the namespace: keyless push holds", () => {
    const r = one([role("repo:acme/app:*"), policy("*"), attach], push);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => `${h.kind}:${h.name}`)).toEqual(["trust:registry-ci", "policy:registry-push", "policy:registry-push"]);
  });

  it("cr:GetAuthorizationToken granted on the instance ARN is not the resource the API checks: the policy is named", () => {
    const r = one([role("repo:acme/app:*"), policy("acs:cr:cn-hangzhou:1:instance/cri-1"), attach], push);
    expect([r.ok, r.culprit?.name]).toEqual([false, "registry-push"]);
    expect(r.culprit?.detail).toContain("but not on *, the resource the API checks");
  });

  it("a trust policy for another subject admits nobody", () => {
    const r = one([role("repo:other/app:*"), policy("*"), attach], push);
    expect([r.culprit?.kind, r.culprit?.name]).toEqual(["trust", "no role trusts repo:acme/app:ref:refs/heads/main"]);
  });

  it("an explicit Deny wins over the Allow", () => {
    const deny = res("alicloud:ram/policy:Policy", "no-push", { policyName: "no-push", policyDocument: JSON.stringify({ Version: "1", Statement: [{ Effect: "Deny", Action: "cr:Push*", Resource: "*" }] }) });
    const attachDeny = res("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", "no-push-robot", { roleName: "registry-ci", policyName: "no-push", policyType: "Custom" });
    expect(one([role("repo:acme/app:*"), policy("*"), attach, deny, attachDeny], push).culprit?.name).toBe("no-push");
  });

  it("a RAM user pulls through its group's policy, and may not push (forbidden holds)", () => {
    const pull = res("alicloud:ram/policy:Policy", "registry-pull", { policyName: "registry-pull", policyDocument: JSON.stringify({ Version: "1", Statement: [
      { Effect: "Allow", Action: "cr:GetAuthorizationToken", Resource: "*" }, { Effect: "Allow", Action: "cr:PullRepository", Resource: "acs:cr:*:*:repository/cri-1/prod/*" }] }) });
    const member = res("alicloud:ram/userGroupAttachment:UserGroupAttachment", "dev-li", { groupName: "developers", userName: "dev-li" });
    const grant = res("alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment", "dev-pull", { groupName: "developers", policyName: "registry-pull", policyType: "Custom" });
    expect(one([pull, member, grant], { identity: "alicloud:persona:developer", action: "pull", on: "alicloud:registry" }).ok).toBe(true);
    expect(one([pull, member, grant], { identity: "alicloud:user:dev-li", action: "push", on: "alicloud:registry" }, "forbidden").ok).toBe(true);
  });
});
