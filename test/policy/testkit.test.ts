import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { checkRuleSet, evaluatePolicies, LANDING_ZONE_RULES, runPolicyTest, runStackFileTest, stackUrn } from "../../src";

describe("the test kit", () => {
  it("plans a stack file through the stack program and finds nothing blocking in prod", async () => {
    const result = await runStackFileTest("Pulumi.prod.yaml");
    expect(result.inventory.stack).toBe("prod");
    result.expectNoMandatoryFindings();
    expect(result.ofType(gcp.compute.Network)).toHaveLength(1);
    expect(result.ofType("gcp:compute/network:Network")).toEqual(result.ofType(gcp.compute.Network));
  });

  it("says what it found when an assertion fails", async () => {
    const result = await runPolicyTest(() => {
      new gcp.storage.Bucket("open", { location: "EU", labels: { environment: "t", owner: "o", "cost-center": "c" } });
    }, { stack: "t" });
    expect(() => result.expectNoMandatoryFindings()).toThrow(/mandatory gcp-bucket-uniform-access on open: uniformBucketLevelAccess is not true/);
    expect(() => result.expectNoFinding("gcp-bucket-public-access-prevention", "open")).toThrow(/expected no gcp-bucket-public-access-prevention finding on open/);
    expect(() => result.expectFinding("gcp-firewall-no-public-ssh")).toThrow(/expected a gcp-firewall-no-public-ssh finding; findings are:\n {2}mandatory/);
    expect(() => result.resource(gcp.storage.Bucket, "closed")).toThrow('expected one gcp:storage/bucket:Bucket named "closed", found 0 (names of that type: open)');
    expect(result.findingsOf("gcp-bucket-versioning", "open").map((f) => f.enforcement)).toEqual(["advisory"]);
  });

  it("reports stack-level findings on the stack's URN", async () => {
    const result = await runPolicyTest(() => { new gcp.compute.Network("n", { autoCreateSubnetworks: false }); }, { project: "p", stack: "s" });
    expect(result.findingsOf("gcp-audit-sink-all-audit-logs").map((f) => f.urn)).toEqual([stackUrn("p", "s")]);
  });
});

describe("rule sets and waivers", () => {
  it("reject a duplicate rule id, and a waiver without a reason or for an unknown rule, all at once", () => {
    const dup = LANDING_ZONE_RULES[0]!;
    expect(() => checkRuleSet([...LANDING_ZONE_RULES, dup], [{ rule: "nope", reason: "x" }, { rule: dup.id, reason: "" }])).toThrow(
      `invalid policy set:\n  - rule id "${dup.id}" is used twice\n  - waiver for unknown rule "nope"\n  - waiver for "${dup.id}" has no reason; record why the rule does not hold`,
    );
  });

  it("apply a waiver to the named resource only", () => {
    const res = (name: string) => ({ urn: `urn:pulumi:s::p::gcp:storage/bucket:Bucket::${name}`, type: "gcp:storage/bucket:Bucket", name, custom: true, protect: false, retainOnDelete: false, dependencies: [], inputs: { versioning: { enabled: false } } });
    const rules = LANDING_ZONE_RULES.filter((r) => r.id === "gcp-bucket-versioning");
    const found = evaluatePolicies([res("a"), res("b")], { rules, waivers: [{ rule: "gcp-bucket-versioning", resource: "a", reason: "scratch data" }] });
    expect(found.map((f) => [f.urn.split("::").pop(), f.suppressed])).toEqual([["a", "scratch data"], ["b", undefined]]);
  });
});
