import { describe, expect, it } from "vitest";
import { AlicloudVpn, AlicloudVpnArgs } from "../../src/alicloud/vpn";
import { runOffline } from "../../src/offline/harness";
import { findResource, inventoryToJson, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: AlicloudVpnArgs = {
  vpcId: "vpc-test",
  vswitchId: "vsw-a",
  disasterRecoveryVswitchId: "vsw-b",
  localSubnets: { vpc: "10.20.0.0/16" },
  onPremisesRanges: { hq: "192.168.0.0/20", dc: "172.16.0.0/16" },
  peer: { asn: 65010, ip: "81.2.69.10", secondaryIp: "81.2.69.11" },
  linkLocalRanges: { primary: "169.254.210.0/30", secondary: "169.254.210.4/30" },
  healthCheck: { sourceIp: "10.20.255.254", destinationIp: "192.168.0.10" },
  tags: { environment: "test" },
};

const IKE = { ikeAuthAlg: "sha256", ikeEncAlg: "aes256", ikeLifetime: 28800, ikeMode: "main", ikePfs: "group14", ikeVersion: "ikev2", psk: "[secret]" };
const IPSEC = { ipsecAuthAlg: "sha256", ipsecEncAlg: "aes256", ipsecLifetime: 3600, ipsecPfs: "group14" };

describe("AlicloudVpn children", () => {
  it("dual tunnel with BGP: gateway over two vSwitches, a customer gateway per device, one connection with strong tunnel options", async () => {
    const inv = await runOffline(() => {
      const vpn = new AlicloudVpn("vpn", ARGS);
      return { ips: vpn.gatewayIps, tunnels: vpn.onPremisesConfig, keys: vpn.sharedSecrets };
    }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "alicloud:vpn/connection:Connection::vpn-conn",
      "alicloud:vpn/customerGateway:CustomerGateway::vpn-cgw-primary",
      "alicloud:vpn/customerGateway:CustomerGateway::vpn-cgw-secondary",
      "alicloud:vpn/gateway:Gateway::vpn-gw",
      "landing-zone:index:AlicloudVpn::vpn",
      "random:index/randomPassword:RandomPassword::vpn-primary-psk",
      "random:index/randomPassword:RandomPassword::vpn-secondary-psk",
    ]);
    expect(findResource(inv, "alicloud:vpn/gateway:Gateway", "vpn-gw").inputs).toEqual({
      autoPropagate: true, bandwidth: 10, description: "Site-to-site VPN to on-premises (vpn)", disasterRecoveryVswitchId: "vsw-b",
      enableIpsec: true, enableSsl: false, networkType: "public", paymentType: "PayAsYouGo", tags: { environment: "test" },
      vpcId: "vpc-test", vpnGatewayName: "vpn-gw", vpnType: "Normal", vswitchId: "vsw-a",
    });
    expect(findResource(inv, "alicloud:vpn/customerGateway:CustomerGateway", "vpn-cgw-secondary").inputs).toEqual({
      asn: "65010", customerGatewayName: "vpn-cgw-secondary", description: "On-premises VPN device (secondary) of vpn",
      ipAddress: "81.2.69.11", tags: { environment: "test" },
    });
    const primaryCgw = findResource(inv, "alicloud:vpn/customerGateway:CustomerGateway", "vpn-cgw-primary");
    const conn = findResource(inv, "alicloud:vpn/connection:Connection", "vpn-conn");
    expect(conn.inputs).toEqual({
      autoConfigRoute: false,
      effectImmediately: true,
      enableTunnelsBgp: true,
      healthCheckConfig: { dip: "192.168.0.10", enable: true, interval: 3, retry: 3, sip: "10.20.255.254" },
      localSubnets: ["10.20.0.0/16"],
      networkType: "public",
      remoteSubnets: ["192.168.0.0/20", "172.16.0.0/16"],
      tags: { environment: "test" },
      tunnelOptionsSpecifications: [
        {
          customerGatewayId: expect.stringMatching(/^cgw-/), enableDpd: true, enableNatTraversal: true, role: "master",
          tunnelBgpConfig: { localAsn: "64515", localBgpIp: "169.254.210.1", tunnelCidr: "169.254.210.0/30" },
          tunnelIkeConfig: IKE, tunnelIpsecConfig: IPSEC,
        },
        {
          customerGatewayId: expect.stringMatching(/^cgw-/), enableDpd: true, enableNatTraversal: true, role: "slave",
          tunnelBgpConfig: { localAsn: "64515", localBgpIp: "169.254.210.5", tunnelCidr: "169.254.210.4/30" },
          tunnelIkeConfig: IKE, tunnelIpsecConfig: IPSEC,
        },
      ],
      vpnConnectionName: "vpn-conn",
      vpnGatewayId: expect.stringMatching(/^vpn-/),
    });
    const specs = conn.inputs.tunnelOptionsSpecifications as { customerGatewayId: string }[];
    expect(specs[0]!.customerGatewayId).not.toBe(specs[1]!.customerGatewayId);
    expect(conn.dependencies).toContain(primaryCgw.urn);
    expect(conn.options).toEqual({ additionalSecretOutputs: ["tunnelOptionsSpecifications"] });
    const ips = inv.outputs.ips as Record<string, string>;
    expect(Object.keys(ips)).toEqual(["primary", "secondary"]);
    expect(inv.outputs.tunnels).toEqual([
      {
        tunnel: "vpn-primary", cloudGatewayIp: ips.primary, peerIp: "81.2.69.10", linkLocalRange: "169.254.210.0/30",
        cloudBgpIp: "169.254.210.1", peerBgpIp: "169.254.210.2", cloudAsn: 64515, peerAsn: 65010,
        ike: { version: 2, mode: "main", encryption: "aes256", integrity: "sha256", dhGroup: 14, lifetimeSeconds: 28800 },
        ipsec: { protocol: "ESP", encryption: "aes256", integrity: "sha256", pfsGroup: 14, lifetimeSeconds: 3600 },
        localTrafficSelectors: ["10.20.0.0/16"], remoteTrafficSelectors: ["192.168.0.0/20", "172.16.0.0/16"],
      },
      expect.objectContaining({ tunnel: "vpn-secondary", cloudGatewayIp: ips.secondary, peerIp: "81.2.69.11", peerBgpIp: "169.254.210.6" }),
    ]);
    expect(inv.outputs.keys).toBe("[secret]");
  });

  it("single tunnel with static routes: top-level IKE/IPsec config, a published VPN route per on-premises range", async () => {
    const key = "AnotherConfiguredKey0123456789";
    const inv = await runOffline(() => {
      new AlicloudVpn("vpn", {
        ...ARGS, dualTunnel: false, disasterRecoveryVswitchId: undefined, peer: { asn: 65010, ip: "81.2.69.10" },
        routing: "static", healthCheck: undefined, linkLocalRanges: undefined, sharedSecret: key, bandwidth: 50,
      });
    }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:vpn/customerGateway:CustomerGateway").map((r) => r.name)).toEqual(["vpn-cgw-primary"]);
    expect(resourcesOfType(inv, "random:index/randomPassword:RandomPassword")).toEqual([]);
    const gw = findResource(inv, "alicloud:vpn/gateway:Gateway", "vpn-gw").inputs;
    expect([gw.autoPropagate, gw.bandwidth, gw.disasterRecoveryVswitchId]).toEqual([false, 50, undefined]);
    const conn = findResource(inv, "alicloud:vpn/connection:Connection", "vpn-conn");
    expect(conn.inputs).toEqual({
      autoConfigRoute: false, customerGatewayId: expect.stringMatching(/^cgw-/), effectImmediately: true, enableDpd: true, enableNatTraversal: true,
      ikeConfig: IKE, ipsecConfig: IPSEC, localSubnets: ["10.20.0.0/16"], networkType: "public",
      remoteSubnets: ["192.168.0.0/20", "172.16.0.0/16"], tags: { environment: "test" }, vpnConnectionName: "vpn-conn",
      vpnGatewayId: expect.stringMatching(/^vpn-/),
    });
    expect(conn.options).toEqual({ additionalSecretOutputs: ["ikeConfig"] });
    expect(findResource(inv, "alicloud:vpn/routeEntry:RouteEntry", "vpn-route-hq").inputs).toEqual({
      nextHop: expect.stringMatching(/^vco-/), publishVpc: true, routeDest: "192.168.0.0/20", vpnGatewayId: expect.stringMatching(/^vpn-/), weight: 100,
    });
    expect(findResource(inv, "alicloud:vpn/routeEntry:RouteEntry", "vpn-route-dc").inputs.routeDest).toBe("172.16.0.0/16");
    expect(findResource(inv, "landing-zone:index:AlicloudVpn", "vpn").inputs.sharedSecret).toBe("[secret]");
    expect(inventoryToJson(inv)).not.toContain(key);
  });

  it("generated keys never appear in clear in the JSON", async () => {
    const inv = await runOffline(() => {
      const vpn = new AlicloudVpn("vpn", ARGS);
      return { keys: vpn.sharedSecrets };
    }, { stack: "test" });
    // The offline RandomPassword result starts with "offline-" (src/offline/mock-outputs.ts).
    expect(inventoryToJson(inv)).not.toContain("offline-");
  });

  it("rejects bad peers, ASNs, overlaps, health check addresses, bandwidth and link-local reuse, all at once", async () => {
    expect(await componentProblems(() => new AlicloudVpn("vpn", {
      ...ARGS,
      asn: 45104,
      disasterRecoveryVswitchId: undefined,
      peer: { asn: 65010, ip: "100.64.1.1", secondaryIp: "81.2.69.999" },
      onPremisesRanges: { lab: "10.20.128.0/17" },
      reservedRanges: [{ cidr: "172.16.0.0/12", path: "landing-zone:onPremises.otherEnvironmentRanges.old" }],
      healthCheck: { sourceIp: "192.168.0.1", destinationIp: "10.1.1.1", interval: 0 },
      bandwidth: 7,
      linkLocalRanges: { primary: "169.254.210.0/30", secondary: "169.254.210.0/30" },
      sharedSecret: "x",
    }))).toEqual([
      ["LZ_ASN_NOT_PRIVATE", "AlicloudVpn args.asn"],
      ["LZ_VPN_PEER_IP", "AlicloudVpn args.peer.ip"],
      ["LZ_VPN_PEER_IP", "AlicloudVpn args.peer.secondaryIp"],
      ["LZ_VPN_DR_VSWITCH_MISSING", "AlicloudVpn args.disasterRecoveryVswitchId"],
      ["LZ_VPN_BANDWIDTH", "AlicloudVpn args.bandwidth"],
      ["LZ_ONPREM_OVERLAP", "AlicloudVpn args.onPremisesRanges.lab"],
      ["LZ_VPN_HEALTH_CHECK_SOURCE", "AlicloudVpn args.healthCheck.sourceIp"],
      ["LZ_VPN_HEALTH_CHECK_DESTINATION", "AlicloudVpn args.healthCheck.destinationIp"],
      ["LZ_VPN_HEALTH_CHECK", "AlicloudVpn args.healthCheck.interval"],
      ["LZ_PSK_WEAK", "AlicloudVpn args.sharedSecret"],
      ["LZ_LINK_LOCAL_REUSED", "AlicloudVpn args.linkLocalRanges.secondary"],
    ]);
  });

  it("rejects equal ASNs, on-premises ranges overlapping other environments, a second peer without dual tunnel, and ranges another VPN uses", async () => {
    expect(await componentProblems(() => new AlicloudVpn("vpn", {
      ...ARGS,
      dualTunnel: false,
      asn: 65010,
      onPremisesRanges: { hq: "192.168.0.0/20", old: "172.20.0.0/16" },
      reservedRanges: [{ cidr: "172.16.0.0/12", path: "landing-zone:onPremises.otherEnvironmentRanges.old" }],
      linkLocalRanges: { primary: "169.254.220.0/30", secondary: "169.254.221.0/30" },
      avoidLinkLocalRanges: ["169.254.220.0/30"],
    }))).toEqual([
      ["LZ_ASN_SAME", "AlicloudVpn args.peer.asn"],
      ["LZ_VPN_SECONDARY_PEER", "AlicloudVpn args.peer.secondaryIp"],
      ["LZ_ONPREM_OVERLAP", "AlicloudVpn args.onPremisesRanges.old"],
      ["LZ_VPN_UNKNOWN_TUNNEL", "AlicloudVpn args.linkLocalRanges.secondary"],
      ["LZ_LINK_LOCAL_REUSED", "AlicloudVpn args.linkLocalRanges.primary"],
    ]);
  });

  it("rejects a component name that makes a VPN name or description longer than the 100 characters the VPN API takes", async () => {
    const name = `v${"x".repeat(62)}`;
    // "On-premises VPN device (secondary) of <63 characters>" is 101 characters; every other text fits.
    expect(await componentProblems(() => new AlicloudVpn(name, ARGS))).toEqual([
      ["LZ_NAME_TOO_LONG", "AlicloudVpn args"],
    ]);
    const inv = await runOffline(() => { new AlicloudVpn(name, { ...ARGS, peer: { ...ARGS.peer, secondaryIp: undefined } }); }, { stack: "test" });
    expect(findResource(inv, "alicloud:vpn/customerGateway:CustomerGateway", `${name}-cgw-primary`).inputs.description).toBe(`On-premises VPN device (primary) of ${name}`);
  });

  it("routes every on-premises range from each custom route table to the VPN gateway (BGP and static alike)", async () => {
    for (const routing of ["bgp", "static"] as const) {
      const inv = await runOffline(() => {
        new AlicloudVpn("vpn", { ...ARGS, routing, routeTableIds: { public: "vtb-public", private: "vtb-private" } });
      }, { stack: "test" });
      const routes = resourcesOfType(inv, "alicloud:vpc/routeEntry:RouteEntry");
      expect(routes.map((r) => r.name).sort()).toEqual(["vpn-rt-private-dc", "vpn-rt-private-hq", "vpn-rt-public-dc", "vpn-rt-public-hq"]);
      const gatewayId = expect.stringMatching(/^vpn-[0-9a-f]{20}$/);
      expect(findResource(inv, "alicloud:vpc/routeEntry:RouteEntry", "vpn-rt-private-hq").inputs).toEqual({
        routeTableId: "vtb-private", destinationCidrblock: "192.168.0.0/20", nexthopType: "VpnGateway", nexthopId: gatewayId,
        name: "vpn-rt-private-hq", description: "On-premises range hq through the VPN gateway",
      });
      expect(findResource(inv, "alicloud:vpc/routeEntry:RouteEntry", "vpn-rt-public-dc").inputs).toMatchObject({
        routeTableId: "vtb-public", destinationCidrblock: "172.16.0.0/16", nexthopType: "VpnGateway", nexthopId: gatewayId,
      });
    }
    const none = await runOffline(() => { new AlicloudVpn("vpn", ARGS); }, { stack: "test" });
    expect(resourcesOfType(none, "alicloud:vpc/routeEntry:RouteEntry")).toEqual([]);
  });

  it("refuses a single-tunnel gateway in a region whose gateways are dual-tunnel, and accepts one elsewhere", async () => {
    const single = { ...ARGS, dualTunnel: false, disasterRecoveryVswitchId: undefined, peer: { asn: 65010, ip: "81.2.69.10" }, linkLocalRanges: undefined };
    expect(await componentProblems(() => new AlicloudVpn("vpn", { ...single, region: "cn-hangzhou" }))).toEqual([
      ["LZ_VPN_DUAL_TUNNEL_REQUIRED", "AlicloudVpn args.dualTunnel"],
    ]);
    const inv = await runOffline(() => { new AlicloudVpn("vpn", { ...single, region: "me-central-1" }); }, { stack: "test" });
    expect(findResource(inv, "alicloud:vpn/gateway:Gateway", "vpn-gw").inputs.disasterRecoveryVswitchId).toBeUndefined();
    const dual = await runOffline(() => { new AlicloudVpn("vpn", { ...ARGS, region: "cn-hangzhou" }); }, { stack: "test" });
    expect(findResource(dual, "alicloud:vpn/gateway:Gateway", "vpn-gw").inputs.disasterRecoveryVswitchId).toBe("vsw-b");
  });

  it("rejects a route table key that makes a route entry name longer than 128 characters", async () => {
    expect(await componentProblems(() => new AlicloudVpn("vpn", { ...ARGS, routeTableIds: { [`t${"x".repeat(120)}`]: "vtb-1" } }))).toEqual([
      ["LZ_NAME_TOO_LONG", `AlicloudVpn args.routeTableIds.t${"x".repeat(120)}`],
    ]);
  });

  it("checks its tags like every Alibaba component", async () => {
    expect(await componentProblems(() => new AlicloudVpn("vpn", { ...ARGS, tags: { "aliyun-team": "net" } }))).toEqual([
      ["LZ_TAG_KEY_RESERVED", "AlicloudVpn args.tags.aliyun-team"],
    ]);
  });
});
