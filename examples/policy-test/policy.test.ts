// A policy test as a platform team writes it in its own repository. It runs the stack program
// offline under Pulumi's mock runtime (no cloud, no Pulumi CLI) and asserts on the inventory and
// the policy findings. The kit's `expect…` helpers throw plain errors, so this works under
// vitest, jest, mocha or node:test alike.
//
// In your repository the only change is the import:
//   import { runPolicyTest, tokenOf, type Rule } from "pulumi-landing-zone";
import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { fail, pass, type ResourceRule, runPolicyTest, tokenOf } from "../../src";
import dataPlatform from "./index";

/** The team's own rule: data stays in the EU. */
const bucketsInEu: ResourceRule = {
  kind: "resource",
  id: "acme-buckets-in-eu",
  description: "Buckets are located in the EU.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Customer data must stay in the EU (contract DPA-7).",
  source: "acme data policy 4.2",
  types: [tokenOf(gcp.storage.Bucket)],
  check: (_type, inputs) => (typeof inputs.location === "string" && /^(EU|europe-)/i.test(inputs.location) ? pass : fail(`location ${String(inputs.location)} is outside the EU`)),
};

describe("the data platform stack", () => {
  it("plans with no mandatory policy finding, the team's own rule included", async () => {
    const result = await runPolicyTest(dataPlatform, { project: "policy-test", stack: "dev", extraRules: [bucketsInEu] });
    result.expectNoMandatoryFindings();
    result.expectNoFinding("acme-buckets-in-eu");
    expect(result.resource(gcp.compute.Network, "data").inputs.autoCreateSubnetworks).toBe(false);
    expect(result.resource(gcp.storage.Bucket, "exports").inputs).toMatchObject({ location: "EU", publicAccessPrevention: "enforced" });
    expect(result.ofType(gcp.compute.Subnetwork).map((s) => s.name).sort()).toEqual(["data-jobs-europe-west1", "data-web-europe-west1"]);
  });

  it("fails when someone opens SSH to the internet", async () => {
    const result = await runPolicyTest(() => {
      const out = dataPlatform();
      new gcp.compute.Firewall("debug-ssh", {
        network: out.networkId,
        sourceRanges: ["0.0.0.0/0"],
        allows: [{ protocol: "tcp", ports: ["22"] }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
      });
      return out;
    }, { project: "policy-test", stack: "dev" });
    expect(result.blocking.map((f) => f.rule)).toEqual(["gcp-firewall-no-public-ssh"]);
    expect(() => result.expectNoMandatoryFindings()).toThrow(/gcp-firewall-no-public-ssh on debug-ssh/);
  });

  it("turns a rule off only with a recorded reason, which stays visible in the findings", async () => {
    const result = await runPolicyTest(dataPlatform, {
      project: "policy-test",
      stack: "dev",
      waivers: [{ rule: "gcp-audit-bucket-retention-locked", resource: "acme-data-dev-audit", reason: "dev bucket is torn down weekly (SEC-88, until 2027-03)" }],
    });
    const [waived] = result.expectFinding("gcp-audit-bucket-retention-locked");
    expect(waived!.suppressed).toBe("dev bucket is torn down weekly (SEC-88, until 2027-03)");
    await expect(runPolicyTest(dataPlatform, { waivers: [{ rule: "gcp-audit-bucket-retention-locked", reason: " " }] })).rejects.toThrow(/has no reason/);
  });
});
