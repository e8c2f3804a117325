import { describe, expect, it } from "vitest";
import { GcpHaVpn, GcpHaVpnArgs } from "../../src/gcp/ha-vpn";
import { runOffline } from "../../src/offline/harness";
import { findResource, inventoryToJson, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: GcpHaVpnArgs = {
  project: "acme-test",
  region: "europe-west1",
  network: "projects/acme-test/global/networks/core",
  peer: { asn: 65010, interfaces: ["81.2.69.10", "81.2.69.11", "81.2.69.12", "81.2.69.13"] },
  advertisedRanges: { web: "10.10.0.0/24", app: "10.10.4.0/22" },
  onPremisesRanges: { hq: "192.168.0.0/20" },
  linkLocalRanges: { "gw1-peer3": "169.254.200.0/30" },
  labels: { environment: "test" },
};

const CIPHERS = {
  phase1: { dhs: ["Group-14"], encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"] },
  phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] },
};

describe("GcpHaVpn children", () => {
  it("builds the 4-interface 99.99% topology: gateway, peer gateway, custom-advertising router, 4 tunnels with BGP", async () => {
    const inv = await runOffline(() => {
      const vpn = new GcpHaVpn("vpn", ARGS);
      return { ips: vpn.gatewayIps, tunnels: vpn.onPremisesConfig, keys: vpn.sharedSecrets };
    }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "gcp:compute/externalVpnGateway:ExternalVpnGateway::vpn-peer",
      "gcp:compute/haVpnGateway:HaVpnGateway::vpn-gw",
      "gcp:compute/router:Router::vpn-router",
      ...["gw0-peer0", "gw0-peer1", "gw1-peer2", "gw1-peer3"].map((k) => `gcp:compute/routerInterface:RouterInterface::vpn-${k}`),
      ...["gw0-peer0", "gw0-peer1", "gw1-peer2", "gw1-peer3"].map((k) => `gcp:compute/routerPeer:RouterPeer::vpn-${k}-bgp`),
      ...["gw0-peer0", "gw0-peer1", "gw1-peer2", "gw1-peer3"].map((k) => `gcp:compute/vPNTunnel:VPNTunnel::vpn-${k}`),
      "landing-zone:index:GcpHaVpn::vpn",
      ...["gw0-peer0", "gw0-peer1", "gw1-peer2", "gw1-peer3"].map((k) => `random:index/randomPassword:RandomPassword::vpn-${k}-psk`),
    ]);
    expect(findResource(inv, "gcp:compute/haVpnGateway:HaVpnGateway", "vpn-gw").inputs).toEqual({
      description: "HA VPN to on-premises (vpn)", labels: { environment: "test" }, name: "vpn-gw",
      network: "projects/acme-test/global/networks/core", project: "acme-test", region: "europe-west1", stackType: "IPV4_ONLY",
    });
    expect(findResource(inv, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "vpn-peer").inputs).toEqual({
      description: "On-premises VPN device(s) of vpn", labels: { environment: "test" }, name: "vpn-peer", project: "acme-test",
      redundancyType: "FOUR_IPS_REDUNDANCY",
      interfaces: [{ id: 0, ipAddress: "81.2.69.10" }, { id: 1, ipAddress: "81.2.69.11" }, { id: 2, ipAddress: "81.2.69.12" }, { id: 3, ipAddress: "81.2.69.13" }],
    });
    expect(findResource(inv, "gcp:compute/router:Router", "vpn-router").inputs).toEqual({
      bgp: {
        advertiseMode: "CUSTOM", asn: 64514, keepaliveInterval: 20,
        advertisedIpRanges: [{ description: "web", range: "10.10.0.0/24" }, { description: "app", range: "10.10.4.0/22" }],
      },
      description: "BGP for the HA VPN vpn", name: "vpn-router", network: "projects/acme-test/global/networks/core",
      project: "acme-test", region: "europe-west1",
    });
    expect(findResource(inv, "gcp:compute/vPNTunnel:VPNTunnel", "vpn-gw1-peer2").inputs).toEqual({
      cipherSuite: CIPHERS,
      description: "Tunnel from HA VPN interface 1 to peer interface 2",
      ikeVersion: 2,
      labels: { environment: "test" },
      name: "vpn-gw1-peer2",
      peerExternalGateway: "projects/acme-test/global/externalVpnGateways/vpn-peer",
      peerExternalGatewayInterface: 2,
      project: "acme-test",
      region: "europe-west1",
      router: "projects/acme-test/regions/europe-west1/routers/vpn-router",
      sharedSecret: "[secret]",
      vpnGateway: "projects/acme-test/regions/europe-west1/vpnGateways/vpn-gw",
      vpnGatewayInterface: 1,
    });
    expect(findResource(inv, "gcp:compute/routerInterface:RouterInterface", "vpn-gw1-peer3").inputs).toEqual({
      ipRange: "169.254.200.1/30", name: "vpn-gw1-peer3", project: "acme-test", region: "europe-west1", router: "vpn-router", vpnTunnel: "vpn-gw1-peer3",
    });
    expect(findResource(inv, "gcp:compute/routerPeer:RouterPeer", "vpn-gw1-peer3-bgp").inputs).toEqual({
      advertisedRoutePriority: 100, enable: true, interface: "vpn-gw1-peer3", ipAddress: "169.254.200.1", name: "vpn-gw1-peer3-bgp",
      peerAsn: 65010, peerIpAddress: "169.254.200.2", project: "acme-test", region: "europe-west1", router: "vpn-router",
    });
    expect(findResource(inv, "random:index/randomPassword:RandomPassword", "vpn-gw0-peer0-psk").inputs).toEqual({
      length: 32, lower: true, minLower: 2, minNumeric: 2, minUpper: 2, numeric: true, special: false, upper: true,
    });
    // Every tunnel's /30 is distinct.
    const ranges = resourcesOfType(inv, "gcp:compute/routerInterface:RouterInterface").map((r) => r.inputs.ipRange);
    expect(new Set(ranges).size).toBe(4);
    // What the on-premises team gets: per tunnel gateway IP, peer IP, BGP addresses, ASNs, proposals.
    const ips = inv.outputs.ips as string[];
    expect(ips).toHaveLength(2);
    const tunnels = inv.outputs.tunnels as Record<string, unknown>[];
    expect(tunnels.map((t) => [t.tunnel, t.cloudGatewayIp, t.peerIp])).toEqual([
      ["vpn-gw0-peer0", ips[0], "81.2.69.10"], ["vpn-gw0-peer1", ips[0], "81.2.69.11"],
      ["vpn-gw1-peer2", ips[1], "81.2.69.12"], ["vpn-gw1-peer3", ips[1], "81.2.69.13"],
    ]);
    expect(tunnels[3]).toEqual({
      tunnel: "vpn-gw1-peer3", cloudGatewayIp: ips[1], peerIp: "81.2.69.13", linkLocalRange: "169.254.200.0/30",
      cloudBgpIp: "169.254.200.1", peerBgpIp: "169.254.200.2", cloudAsn: 64514, peerAsn: 65010,
      ike: { version: 2, encryption: "aes256 (AES-CBC-256)", integrity: "sha256 (HMAC-SHA2-256-128)", prf: "sha256", dhGroup: 14, lifetimeSeconds: 36000 },
      ipsec: { protocol: "ESP", encryption: "aes256 (AES-CBC-256)", integrity: "sha256 (HMAC-SHA2-256-128)", pfsGroup: 14, lifetimeSeconds: 10800 },
      localTrafficSelectors: ["0.0.0.0/0"], remoteTrafficSelectors: ["0.0.0.0/0"],
    });
    expect(inv.outputs.keys).toBe("[secret]");
  });

  it("gives a single peer interface a tunnel from each gateway interface (SINGLE_IP_INTERNALLY_REDUNDANT)", async () => {
    const inv = await runOffline(() => { new GcpHaVpn("vpn", { ...ARGS, peer: { asn: 65010, interfaces: ["81.2.69.10"] }, linkLocalRanges: undefined }); }, { stack: "test" });
    expect(findResource(inv, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "vpn-peer").inputs.redundancyType).toBe("SINGLE_IP_INTERNALLY_REDUNDANT");
    expect(resourcesOfType(inv, "gcp:compute/vPNTunnel:VPNTunnel").map((r) => [r.name, r.inputs.vpnGatewayInterface, r.inputs.peerExternalGatewayInterface]))
      .toEqual([["vpn-gw0-peer0", 0, 0], ["vpn-gw1-peer0", 1, 0]]);
  });

  it("keeps a configured pre-shared key secret everywhere: tunnel inputs, component inputs, outputs, JSON", async () => {
    const key = "ConfiguredKeyThatMustNeverLeak123";
    const inv = await runOffline(() => {
      const vpn = new GcpHaVpn("vpn", { ...ARGS, sharedSecret: key });
      return { keys: vpn.sharedSecrets, tunnels: vpn.onPremisesConfig };
    }, { stack: "test" });
    expect(resourcesOfType(inv, "random:index/randomPassword:RandomPassword")).toEqual([]);
    for (const t of resourcesOfType(inv, "gcp:compute/vPNTunnel:VPNTunnel")) expect(t.inputs.sharedSecret).toBe("[secret]");
    expect(findResource(inv, "landing-zone:index:GcpHaVpn", "vpn").inputs.sharedSecret).toBe("[secret]");
    expect(inventoryToJson(inv)).not.toContain(key);
  });

  it("rejects bad peers, ASNs, link-local ranges and overlapping on-premises ranges, all at once, registering nothing", async () => {
    expect(await componentProblems(() => new GcpHaVpn("vpn", {
      ...ARGS,
      asn: 65010,
      peer: { asn: 65010, interfaces: ["10.1.2.3", "81.2.69.10", "192.0.2.1"] },
      onPremisesRanges: { lab: "10.10.0.0/23" },
      linkLocalRanges: { "gw0-peer0": "10.0.0.0/30", "gw9-peer9": "169.254.100.0/30" },
      sharedSecret: "short",
    }))).toEqual([
      ["LZ_ASN_SAME", "GcpHaVpn args.peer.asn"],
      ["LZ_VPN_INTERFACE_COUNT", "GcpHaVpn args.peer.interfaces"],
      ["LZ_VPN_PEER_IP", "GcpHaVpn args.peer.interfaces[0]"],
      ["LZ_VPN_PEER_IP", "GcpHaVpn args.peer.interfaces[2]"],
      ["LZ_ONPREM_OVERLAP", "GcpHaVpn args.onPremisesRanges.lab"],
      ["LZ_PSK_WEAK", "GcpHaVpn args.sharedSecret"],
      ["LZ_VPN_UNKNOWN_TUNNEL", "GcpHaVpn args.linkLocalRanges.gw0-peer0"],
      ["LZ_VPN_UNKNOWN_TUNNEL", "GcpHaVpn args.linkLocalRanges.gw9-peer9"],
      ["LZ_LINK_LOCAL_OUTSIDE", "GcpHaVpn args.linkLocalRanges.gw0-peer0"],
    ]);
  });

  it("rejects public or invalid ASNs and reused link-local ranges", async () => {
    expect(await componentProblems(() => new GcpHaVpn("vpn", {
      ...ARGS,
      asn: 15169,
      peer: { ...ARGS.peer, asn: 4294967295 },
      linkLocalRanges: { "gw0-peer0": "169.254.100.0/30", "gw0-peer1": "169.254.100.0/30", "gw1-peer2": "169.254.169.252/30" },
    }))).toEqual([
      ["LZ_ASN_NOT_PRIVATE", "GcpHaVpn args.asn"],
      ["LZ_ASN_INVALID", "GcpHaVpn args.peer.asn"],
      ["LZ_LINK_LOCAL_REUSED", "GcpHaVpn args.linkLocalRanges.gw0-peer1"],
      ["LZ_LINK_LOCAL_RESERVED", "GcpHaVpn args.linkLocalRanges.gw1-peer2"],
    ]);
  });

  it("rejects a duplicate peer IP, nothing advertised, a bad advertised range and a keepalive outside 20–60", async () => {
    expect(await componentProblems(() => new GcpHaVpn("vpn", {
      ...ARGS,
      peer: { ...ARGS.peer, interfaces: ["81.2.69.10", "81.2.69.10"] },
      advertisedRanges: {},
      onPremisesRanges: {},
      linkLocalRanges: {},
      keepaliveInterval: 61,
    }))).toEqual([
      ["LZ_VPN_PEER_IP_DUPLICATE", "GcpHaVpn args.peer.interfaces"],
      ["LZ_VPN_NO_ADVERTISED", "GcpHaVpn args.advertisedRanges"],
      ["LZ_BGP_KEEPALIVE", "GcpHaVpn args.keepaliveInterval"],
    ]);
    expect(await componentProblems(() => new GcpHaVpn("vpn", { ...ARGS, advertisedRanges: { web: "10.10.0.0/33" }, keepaliveInterval: 19 }))).toEqual([
      ["LZ_CIDR_INVALID", "GcpHaVpn args.advertisedRanges.web"],
      ["LZ_BGP_KEEPALIVE", "GcpHaVpn args.keepaliveInterval"],
    ]);
  });

  it("accepts a public on-premises ASN only when allowed", async () => {
    const inv = await runOffline(() => { new GcpHaVpn("vpn", { ...ARGS, peer: { ...ARGS.peer, asn: 3320, allowPublicAsn: true } }); }, { stack: "test" });
    expect(findResource(inv, "gcp:compute/routerPeer:RouterPeer", "vpn-gw0-peer0-bgp").inputs.peerAsn).toBe(3320);
  });
});
