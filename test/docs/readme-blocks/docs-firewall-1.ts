// TypeScript block 1 of docs/firewall.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { GcpFirewall, GcpVpc } from "../../../src/index";

const vpc = new GcpVpc("core", {
  project: "acme-dev", cidr: "10.10.0.0/16", regions: ["europe-west1"],
  subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 }, data: { tier: "private", size: 24 } },
});
// Tiers sit on the VPC's subnets; their CIDRs are plain data in the VPC's plan.
const subnets: Record<string, string[]> = {};
for (const s of vpc.plan.subnets) (subnets[s.name] ??= []).push(s.cidr);

const fw = new GcpFirewall("core-fw", {
  project: "acme-dev", network: vpc.networkId, vpcCidr: "10.10.0.0/16", subnets,
  denyAllEgress: true,
  rules: { "app-https-out": { direction: "egress", tiers: ["app"], destinations: ["internet"], ports: ["443"] } },
});
export const tierTags = fw.tierIdentities; // { web: "tier-web", app: "tier-app", data: "tier-data" }
export {};
