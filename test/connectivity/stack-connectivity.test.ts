import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { readStackFile } from "../../src/config/load";
import { parseEnvironment } from "../../src/planner";
import { planStackFile, runOffline } from "../../src/offline/harness";
import { buildLandingZone } from "../../src/program/landing-zone";
import { findResource, inventoryToJson, resourcesOfType } from "../../src/offline/inventory";
import { configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

const STAGING = readStackFile("Pulumi.staging.yaml").values;
const PROD = readStackFile("Pulumi.prod.yaml").values;

function writeStack(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-vpn-"));
  const file = path.join(dir, `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

describe("VPNs in the stack files", () => {
  it("prod: a 2-interface HA VPN on GCP and a dual-tunnel BGP VPN on Alibaba, every tunnel on its own /30, keys secret", async () => {
    const inv = await plannedStackFile("Pulumi.prod.yaml");
    expect(findResource(inv, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "prod-vpn-peer").inputs.redundancyType).toBe("TWO_IPS_REDUNDANCY");
    expect(resourcesOfType(inv, "gcp:compute/vPNTunnel:VPNTunnel").map((r) => r.name)).toEqual(["prod-vpn-gw0-peer0", "prod-vpn-gw1-peer1"]);
    const conn = findResource(inv, "alicloud:vpn/connection:Connection", "prod-vpn-conn").inputs;
    expect(conn.remoteSubnets).toEqual(["192.168.0.0/20", "172.16.0.0/16"]);
    expect(conn.localSubnets).toEqual(["10.80.0.0/14"]);
    expect((conn.tunnelOptionsSpecifications as unknown[]).length).toBe(2);
    const gw = findResource(inv, "alicloud:vpn/gateway:Gateway", "prod-vpn-gw").inputs;
    expect(gw.disasterRecoveryVswitchId).toMatch(/^vsw-/);
    expect(gw.disasterRecoveryVswitchId).not.toBe(gw.vswitchId);
    const ranges = [
      ...resourcesOfType(inv, "gcp:compute/routerInterface:RouterInterface").filter((r) => r.name.startsWith("prod-vpn")).map((r) => String(r.inputs.ipRange).replace(/\.\d+\/30$/, "")),
      ...(conn.tunnelOptionsSpecifications as { tunnelBgpConfig: { tunnelCidr: string } }[]).map((t) => t.tunnelBgpConfig.tunnelCidr.replace(/\.\d+\/30$/, "")),
    ];
    expect(ranges).toHaveLength(4);
    // The /30s of different tunnels never share a /24 here, so their first three octets differ.
    expect(new Set(ranges).size).toBe(4);
    // The GCP router advertises the primary subnet ranges only, never the 100.64/10 secondary ranges.
    const advertised = (findResource(inv, "gcp:compute/router:Router", "prod-vpn-router").inputs.bgp as { advertisedIpRanges: { range: string }[] }).advertisedIpRanges;
    expect(advertised.length).toBe(9);
    for (const a of advertised) expect(a.range.startsWith("10.64.") || a.range.startsWith("10.65.") || a.range.startsWith("10.66.") || a.range.startsWith("10.67.")).toBe(true);
    expect(inv.outputs.gcpVpnSharedSecrets).toBe("[secret]");
    expect(inv.outputs.alicloudVpnSharedSecrets).toBe("[secret]");
    expect((inv.outputs.gcpVpnTunnels as unknown[]).length).toBe(2);
    expect((inv.outputs.alicloudVpnTunnels as unknown[]).length).toBe(2);
    expect(inventoryToJson(inv)).not.toContain("offline-");
  });

  it("staging: single peer, two GCP tunnels to it, and both Alibaba tunnels on the one device (cn-hangzhou gateways are dual-tunnel)", async () => {
    const inv = await plannedStackFile("Pulumi.staging.yaml");
    expect(findResource(inv, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "staging-vpn-peer").inputs.redundancyType).toBe("SINGLE_IP_INTERNALLY_REDUNDANT");
    expect(resourcesOfType(inv, "gcp:compute/vPNTunnel:VPNTunnel").length).toBe(2);
    expect(resourcesOfType(inv, "alicloud:vpn/customerGateway:CustomerGateway").map((r) => r.name)).toEqual(["staging-vpn-cgw-primary"]);
    const conn = findResource(inv, "alicloud:vpn/connection:Connection", "staging-vpn-conn").inputs;
    const tunnels = conn.tunnelOptionsSpecifications as Record<string, unknown>[];
    expect(tunnels.map((t) => t.role)).toEqual(["master", "slave"]);
    expect(new Set(tunnels.map((t) => t.customerGatewayId)).size).toBe(1);
    expect(findResource(inv, "alicloud:vpn/gateway:Gateway", "staging-vpn-gw").inputs.disasterRecoveryVswitchId).toEqual(expect.stringMatching(/^vsw-/));
  });

  it("dev: no VPN", async () => {
    const inv = await plannedStackFile("Pulumi.dev.yaml");
    expect(inv.resources.filter((r) => /vpn|VpnGateway|VPNTunnel/i.test(r.type))).toEqual([]);
    expect(Object.keys(inv.outputs).filter((k) => /Vpn/.test(k))).toEqual([]);
  });

  it("a pre-shared key set with `pulumi config set --secret` stays secret in the plan JSON and outputs", async () => {
    const text = fs.readFileSync("Pulumi.prod.yaml", "utf8")
      .replace("      peer: {asn: 65010, interfaces: [81.2.69.10, 81.2.69.11]}\n",
        "      peer: {asn: 65010, interfaces: [81.2.69.10, 81.2.69.11]}\n      sharedSecret:\n        secure: v1:AAAABBBBCCCC\n");
    expect(text).toContain("secure: v1:AAAABBBBCCCC");
    const inv = await planStackFile(writeStack("prod", text));
    expect(resourcesOfType(inv, "random:index/randomPassword:RandomPassword").filter((r) => r.name.startsWith("prod-vpn-gw"))).toEqual([]);
    for (const t of resourcesOfType(inv, "gcp:compute/vPNTunnel:VPNTunnel")) expect(t.inputs.sharedSecret).toBe("[secret]");
    const json = inventoryToJson(inv);
    expect(json).not.toContain("offline-placeholder-secret");
    expect(json).not.toContain("AAAABBBBCCCC");
  });
});

describe("VPN config variants", () => {
  it("static routing on Alibaba: no BGP, a published VPN route per on-premises range; REGIONAL routing on GCP advertises the VPN region only", async () => {
    const raw = structuredClone(STAGING) as Record<string, any>;
    raw.alicloud.vpn.routing = "static";
    raw.gcp.network.routingMode = "REGIONAL";
    const inv = await runOffline(() => buildLandingZone(parseEnvironment(raw)), { stack: "staging" });
    expect(resourcesOfType(inv, "alicloud:vpn/routeEntry:RouteEntry").map((r) => [r.name, r.inputs.routeDest, r.inputs.publishVpc, r.inputs.weight])).toEqual([
      ["staging-vpn-route-datacenter", "172.16.0.0/16", true, 100],
      ["staging-vpn-route-hq", "192.168.0.0/20", true, 100],
    ]);
    const conn = findResource(inv, "alicloud:vpn/connection:Connection", "staging-vpn-conn").inputs;
    expect(conn.bgpConfig).toBeUndefined();
    expect(findResource(inv, "alicloud:vpn/gateway:Gateway", "staging-vpn-gw").inputs.autoPropagate).toBe(false);
    const advertised = (findResource(inv, "gcp:compute/router:Router", "staging-vpn-router").inputs.bgp as { advertisedIpRanges: { description: string }[] }).advertisedIpRanges;
    expect(advertised.map((a) => a.description)).toEqual(["staging-core-web-europe-west1", "staging-core-app-europe-west1", "staging-core-data-europe-west1"]);
  });

  it("custom advertised ranges replace the subnets, and on-premises ranges must not overlap them", () => {
    const raw = structuredClone(STAGING) as Record<string, any>;
    raw.gcp.vpn.advertisedRanges = { shared: "192.168.8.0/24" };
    expect(configProblems(raw)).toEqual([["LZ_ONPREM_OVERLAP", "landing-zone:onPremises.ranges.hq"]]);
  });

  it("the GCP VPN region must be one of the environment's regions", () => {
    const raw = structuredClone(STAGING) as Record<string, any>;
    raw.gcp.vpn.region = "us-east1";
    expect(configProblems(raw)).toEqual([["LZ_VPN_REGION", "landing-zone:gcp.vpn.region"]]);
  });

  it("a dual-tunnel gateway needs its subnet in two zones", () => {
    const raw = structuredClone(STAGING) as Record<string, any>;
    raw.alicloud.vpn.dualTunnel = true;
    raw.alicloud.zones = ["cn-hangzhou-i"];
    expect(configProblems(raw)).toEqual([["LZ_VPN_SUBNET_ZONES", "landing-zone:alicloud.vpn.subnet"]]);
  });
});

describe("VPN config errors", () => {
  it("reports on-premises overlaps (own VPCs, other environments), bad peers and equal ASNs with key paths", () => {
    const raw = structuredClone(STAGING) as Record<string, any>;
    raw.onPremises.ranges = { hq: "192.168.0.0/20", lab: "10.40.8.0/24", old: "10.65.0.0/16" };
    raw.gcp.vpn.peer.interfaces = ["81.2.69.10", "10.0.0.1", "81.2.69.12"];
    raw.alicloud.vpn.peer = { asn: 64515, ip: "169.254.1.1" };
    expect(configProblems(raw)).toEqual([
      ["LZ_ONPREM_OVERLAP", "landing-zone:onPremises.ranges.lab"],
      ["LZ_ONPREM_OVERLAP", "landing-zone:onPremises.ranges.old"],
      ["LZ_VPN_INTERFACE_COUNT", "landing-zone:gcp.vpn.peer.interfaces"],
      ["LZ_VPN_PEER_IP", "landing-zone:gcp.vpn.peer.interfaces[1]"],
      ["LZ_ASN_SAME", "landing-zone:alicloud.vpn.peer.asn"],
      ["LZ_VPN_PEER_IP", "landing-zone:alicloud.vpn.peer.ip"],
    ]);
  });

  it("reports link-local ranges outside 169.254.0.0/16, reused across clouds, and public ASNs", () => {
    const raw = structuredClone(PROD) as Record<string, any>;
    raw.gcp.vpn.asn = 15169;
    raw.gcp.vpn.linkLocalRanges = { "gw0-peer0": "169.254.230.0/30", "gw1-peer1": "192.168.1.0/30" };
    raw.alicloud.vpn.linkLocalRanges = { primary: "169.254.230.0/30" };
    expect(configProblems(raw)).toEqual([
      ["LZ_ASN_NOT_PRIVATE", "landing-zone:gcp.vpn.asn"],
      ["LZ_LINK_LOCAL_OUTSIDE", "landing-zone:gcp.vpn.linkLocalRanges.gw1-peer1"],
      ["LZ_LINK_LOCAL_REUSED", "landing-zone:alicloud.vpn.linkLocalRanges.primary"],
    ]);
  });

  it("pinned link-local ranges that differ across clouds are accepted", () => {
    const raw = structuredClone(PROD) as Record<string, any>;
    raw.gcp.vpn.linkLocalRanges = { "gw0-peer0": "169.254.230.0/30" };
    raw.alicloud.vpn.linkLocalRanges = { primary: "169.254.230.4/30" };
    expect(() => configProblems(raw)).toThrow("expected the config to be rejected");
  });

  it("needs on-premises ranges when a VPN is configured, and a known subnet for the Alibaba gateway", () => {
    const raw = structuredClone(PROD) as Record<string, any>;
    delete raw.onPremises;
    // The app tier's on-premises clients go with the ranges.
    delete raw.gcp.firewall.tiers;
    delete raw.alicloud.firewall.tiers;
    raw.alicloud.vpn.subnet = "nope";
    raw.alicloud.vpn.healthCheck = undefined;
    expect(configProblems(raw)).toEqual([
      ["LZ_VPN_NO_ONPREM", "landing-zone:onPremises.ranges"],
      ["LZ_UNKNOWN_SUBNET", "landing-zone:alicloud.vpn.subnet"],
    ]);
  });

  it("the plan command exits 2 on a bad VPN config and plans nothing", async () => {
    const file = writeStack("broken", fs.readFileSync("Pulumi.prod.yaml", "utf8").replace("interfaces: [81.2.69.10, 81.2.69.11]", "interfaces: [81.2.69.10, 81.2.69.11, 81.2.69.12]"));
    let out = "";
    let err = "";
    const code = await runPlan(["--config", file], (s) => { out += s; }, (s) => { err += s; });
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("landing-zone:gcp.vpn.peer.interfaces: 3 peer interfaces; an external VPN gateway has 1, 2 or 4 [LZ_VPN_INTERFACE_COUNT]");
  });
});
