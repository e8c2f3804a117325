// TypeScript block 1 of docs/connectivity.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { GcpHaVpn } from "../../../src/index";

const vpn = new GcpHaVpn("branch-vpn", {
  project: "acme-net",
  region: "europe-west1",
  network: "projects/acme-net/global/networks/core",
  peer: { asn: 65010, interfaces: ["81.2.69.10", "81.2.69.11"] },
  advertisedRanges: { apps: "10.10.0.0/20" },
  onPremisesRanges: { hq: "192.168.0.0/20" },
  labels: { environment: "dev", owner: "team-a", "cost-center": "cc-1001" },
});
export const gatewayIps = vpn.gatewayIps;
export const tunnels = vpn.onPremisesConfig;
export const keys = vpn.sharedSecrets; // secret
export {};
