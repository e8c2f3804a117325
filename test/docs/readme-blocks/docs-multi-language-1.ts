// TypeScript block 1 of docs/multi-language.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { GcpRegistry, GcpVpc } from "../../../src/index";

const project = "acme-net";
const labels = { environment: "dev", owner: "platform", "cost-center": "cc-1234" };
const vpc = new GcpVpc("core", {
  project,
  cidr: "10.30.0.0/16",
  regions: ["europe-west1"],
  subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 } },
  labels,
});
const registry = new GcpRegistry("images", {
  project,
  location: "europe-west1",
  members: { developer: ["group:developers@acme.example"] },
  labels,
});
export const networkSelfLink = vpc.networkSelfLink;
export const subnetIds = vpc.subnetIds;
export const registryUrl = registry.url;
export const ciRobot = registry.robotEmail;
export {};
