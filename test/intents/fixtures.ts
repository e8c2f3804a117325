import type { Inventory, InventoryResource } from "../../src/offline/inventory";
import { mockOutputs } from "../../src/offline/mock-outputs";
import type { IntentCatalogue } from "../../src/intents/types";

/** A custom resource of a synthetic inventory: URN from type and name. */
export function res(type: string, name: string, inputs: Record<string, unknown>): InventoryResource {
  return { urn: `urn:pulumi:t::p::${type}::${name}`, type, name, custom: true, protect: false, retainOnDelete: false, dependencies: [], inputs };
}

export function inventory(resources: readonly InventoryResource[]): Inventory {
  return { project: "p", stack: "t", resources, outputs: {}, findings: [] };
}

/** The id other resources use for `r` (offline: the mock runtime's id). */
export function idOf(r: InventoryResource): string {
  return mockOutputs(r.type, r.name, r.inputs as Record<string, unknown>).id;
}

export function outputOf(r: InventoryResource, key: string): unknown {
  return mockOutputs(r.type, r.name, r.inputs as Record<string, unknown>).outputs[key];
}

const NET = "projects/p1/global/networks/core";

/** A GCP network with two private subnets (app in europe-west1, data in europe-west4) and Cloud Routers for NAT. */
export function gcpBase(routingMode: "GLOBAL" | "REGIONAL" = "GLOBAL"): InventoryResource[] {
  return [
    res("gcp:compute/network:Network", "core", { name: "core", project: "p1", routingMode, autoCreateSubnetworks: false }),
    res("gcp:compute/subnetwork:Subnetwork", "core-app-europe-west1", { name: "core-app-europe-west1", network: NET, project: "p1", region: "europe-west1", ipCidrRange: "10.0.0.0/24", privateIpGoogleAccess: true }),
    res("gcp:compute/subnetwork:Subnetwork", "core-data-europe-west4", { name: "core-data-europe-west4", network: NET, project: "p1", region: "europe-west4", ipCidrRange: "10.0.1.0/24", privateIpGoogleAccess: true }),
  ];
}

export function gcpRule(name: string, inputs: Record<string, unknown>): InventoryResource {
  return res("gcp:compute/firewall:Firewall", name, { name, network: NET, project: "p1", priority: 1000, ...inputs });
}

/** HA VPN pieces: router (europe-west1) advertising `advertised`, one interface, peer and tunnel. */
export function gcpVpn(opts: { advertised?: string[]; tunnel?: boolean; enable?: boolean } = {}): InventoryResource[] {
  const bgp = opts.advertised ? { advertiseMode: "CUSTOM", advertisedIpRanges: opts.advertised.map((range) => ({ range })), asn: 64514 } : { asn: 64514 };
  return [
    res("gcp:compute/router:Router", "vpn-router", { name: "vpn-router", network: NET, project: "p1", region: "europe-west1", bgp }),
    res("gcp:compute/routerInterface:RouterInterface", "if0", { name: "if0", router: "vpn-router", region: "europe-west1", vpnTunnel: "tun0" }),
    res("gcp:compute/routerPeer:RouterPeer", "peer0", { name: "peer0", router: "vpn-router", region: "europe-west1", interface: "if0", peerAsn: 65010, ...(opts.enable === false ? { enable: false } : {}) }),
    ...(opts.tunnel === false ? [] : [res("gcp:compute/vPNTunnel:VPNTunnel", "tun0", { name: "tun0", region: "europe-west1", router: "projects/p1/regions/europe-west1/routers/vpn-router" })]),
  ];
}

export const GCP_CATALOGUE: IntentCatalogue = {
  gcp: {
    project: "p1",
    tiers: {
      app: { subnetworks: ["core-app-europe-west1"], tags: ["tier-app"], serviceAccounts: [], public: false },
      data: { subnetworks: ["core-data-europe-west4"], tags: ["tier-data"], serviceAccounts: [], public: false },
    },
    ci: ["principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/subject/repo:acme/app:ref:refs/heads/main"],
    personas: { developer: ["group:dev@acme.example"] },
    registry: "containers",
  },
  onPremises: { hq: "192.168.0.0/20" },
  otherRanges: {},
};
