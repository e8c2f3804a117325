// TypeScript block 1 of README.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { GcpVpc } from "../../../src/index";

const vpc = new GcpVpc("shared", {
  project: "acme-net",
  cidr: "10.30.0.0/16",
  regions: ["europe-west1"],
  subnets: {
    web: { tier: "public", size: 24 },
    app: { tier: "private", size: 22 },
  },
});
export const subnets = vpc.subnets; // { "web-europe-west1": { cidr: "10.30.0.0/24", ... }, ... }
export {};
