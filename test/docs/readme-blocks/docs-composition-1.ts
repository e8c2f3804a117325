// TypeScript block 1 of docs/composition.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { GcpFirewall, GcpVpc } from "../../../src/index";

const vpc = new GcpVpc("core", {
  project: "acme-net",
  cidr: "10.30.0.0/16",
  regions: ["europe-west1"],
  subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 }, data: { tier: "private", size: 24 } },
});
const fw = new GcpFirewall("core-fw", { vpc, denyAllEgress: true });
export const webTag = fw.tierIdentitiesByTier.web; // "tier-web", a plain string
export {};
