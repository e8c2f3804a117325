// TypeScript block 2 of README.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { expect, test } from "vitest";
import * as gcp from "@pulumi/gcp";
import { GcpVpc, runPolicyTest } from "../../../src/index";

test("private subnets egress only through NAT", async () => {
  const result = await runPolicyTest(() => {
    new GcpVpc("core", { project: "p-test-1", cidr: "10.0.0.0/16", regions: ["europe-west1"],
      subnets: { app: { tier: "private", size: 24 } },
      labels: { environment: "test", owner: "platform", "cost-center": "cc-1" } });
  }, { waivers: [{ rule: "gcp-audit-sink-all-audit-logs", reason: "the central audit stack routes our logs" }] });
  const nat = result.resource(gcp.compute.RouterNat, "core-nat-europe-west1");
  expect(nat.inputs.sourceSubnetworkIpRangesToNat).toBe("LIST_OF_SUBNETWORKS");
  result.expectNoMandatoryFindings(); // the waived finding is still listed, with its reason
});
export {};
