import * as gcp from "@pulumi/gcp";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { LANDING_ZONE_RULES, runCheck, toPolicies, tokenOf } from "../../src/policy";

class NotApplicable extends Error {}

/** Calls a CrossGuard resource validation the way the engine does; returns the violations or "n/a: reason". */
function validate(policy: ResourceValidationPolicy, type: string, props: Record<string, unknown>, config: object = {}): string[] {
  const out: string[] = [];
  const args = {
    type, props, urn: `urn:pulumi:dev::p::${type}::r`, name: "r", opts: {} as never, stackTags: new Map(),
    isType: () => false, asType: () => undefined, getConfig: () => config,
    notApplicable: (reason?: string): never => { throw new NotApplicable(reason); },
  };
  try {
    const fns = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
    for (const fn of fns) void fn(args as never, (m) => out.push(m));
  } catch (e) {
    if (e instanceof NotApplicable) return [`n/a: ${e.message}`];
    throw e;
  }
  return out;
}

const policies = toPolicies(LANDING_ZONE_RULES);
const byName = new Map(policies.map((p) => [p.name, p]));
const FW = tokenOf(gcp.compute.Firewall);
const openSsh = { network: "n", sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["22"] }], logConfig: { metadata: "INCLUDE_ALL_METADATA" } };

describe("the CrossGuard policies", () => {
  it("are built from the same rules: one policy per rule, same names, enforcement and severity", () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel, p.severity])).toEqual(LANDING_ZONE_RULES.map((r) => [r.id, r.enforcement, r.severity]));
    expect(policies.map((p) => ("validateStack" in p ? "stack" : "resource"))).toEqual(LANDING_ZONE_RULES.map((r) => r.kind));
  });

  it("carry the CIS framework and item where the rule has one", () => {
    expect(byName.get("gcp-firewall-no-public-ssh")!.framework).toEqual({
      name: "CIS Google Cloud Platform Foundation Benchmark", version: "4.0", reference: "3.6", specification: "No GCP firewall rule allows SSH (tcp/22) from 0.0.0.0/0 or ::/0.",
    });
    expect(byName.get("alicloud-ram-no-full-admin-policy")!.framework?.name).toBe("CIS Alibaba Cloud Foundation Benchmark");
    expect(byName.get("gcp-registry-cleanup-policies")!.framework).toBeUndefined();
  });

  it("report the same violation as the offline check", () => {
    const rule = LANDING_ZONE_RULES.find((r) => r.id === "gcp-firewall-no-public-ssh")!;
    const offline = runCheck(rule as never, FW, openSsh);
    expect(offline.status).toBe("fail");
    expect(validate(byName.get("gcp-firewall-no-public-ssh") as ResourceValidationPolicy, FW, openSsh)).toEqual([(offline as { message: string }).message]);
  });

  it("skip types a rule does not cover, and pass not-applicable reasons through", () => {
    expect(validate(byName.get("gcp-firewall-no-public-ssh") as ResourceValidationPolicy, tokenOf(gcp.storage.Bucket), {})).toEqual([]);
    expect(validate(byName.get("gcp-firewall-no-public-ssh") as ResourceValidationPolicy, FW, { ...openSsh, direction: "EGRESS" })).toEqual(["n/a: egress rule"]);
  });

  it("honour a waiver from the pack config, showing its reason", () => {
    const cfg = { waivers: [{ resource: "r", reason: "bastion subnet, SEC-7" }] };
    expect(validate(byName.get("gcp-firewall-no-public-ssh") as ResourceValidationPolicy, FW, openSsh, cfg)).toEqual(["n/a: waived: bastion subnet, SEC-7"]);
  });

  it("run stack rules over the stack's resources", () => {
    const policy = byName.get("gcp-audit-sink-all-audit-logs") as StackValidationPolicy;
    const found: string[] = [];
    const resources = [{ type: FW, urn: "urn:fw", name: "fw", props: openSsh, opts: {}, dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined }];
    void policy.validateStack({ resources, getConfig: () => ({}), stackTags: new Map() } as never, (m) => found.push(m));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^no log sink takes all audit logs/);
  });

  it("waive a stack-level violation by the stack's name, as the offline plan does", () => {
    const policy = byName.get("gcp-audit-sink-all-audit-logs") as StackValidationPolicy;
    const res = (type: string, urn: string, name: string, props: object) => ({ type, urn, name, props, opts: {}, dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined });
    const resources = [res("pulumi:pulumi:Stack", "urn:pulumi:dev::landing-zone::pulumi:pulumi:Stack::landing-zone-dev", "landing-zone-dev", {}), res(FW, "urn:fw", "fw", openSsh)];
    const run = (waivers: object[]) => {
      const found: string[] = [];
      void policy.validateStack({ resources, getConfig: () => ({ waivers }), stackTags: new Map() } as never, (m) => found.push(m));
      return found.length;
    };
    expect(run([])).toBe(1);
    expect(run([{ resource: "fw", reason: "another resource" }])).toBe(1);
    expect(run([{ resource: "landing-zone-dev", reason: "central audit stack, SEC-42" }])).toBe(0);
    expect(run([{ resource: "urn:pulumi:dev::landing-zone::pulumi:pulumi:Stack::landing-zone-dev", reason: "central audit stack, SEC-42" }])).toBe(0);
  });

  it("are built by the pack from the same module", async () => {
    const src = await import("node:fs").then((fs) => fs.readFileSync("policy-pack/index.ts", "utf8"));
    expect(src).toContain("toPolicies(LANDING_ZONE_RULES");
    expect(src).toMatch(/from "\.\.\/src\/policy"/);
  });
});
