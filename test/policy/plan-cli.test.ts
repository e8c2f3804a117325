import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, runPlan } from "../../src/cli/plan";

const BAD = "test/fixtures/Pulumi.policy-violation.yaml";
const WAIVERS = "test/fixtures/waivers.policy-violation.yaml";

async function plan(args: string[]): Promise<{ code: number; out: string; err: string; json: { findings: { rule: string; enforcement: string; suppressed?: string; urn: string }[] } | undefined }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-policy-"));
  const file = path.join(dir, "plan.json");
  let out = "";
  let err = "";
  const code = await runPlan([...args, "--json", file], (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err, json: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined };
}

describe("npm run plan on a stack file with a mandatory violation", () => {
  it("exits 1 and reports the mandatory finding on the stack", async () => {
    const r = await plan(["--config", BAD]);
    expect(r.code).toBe(EXIT.policyViolation);
    const blocking = r.json!.findings.filter((f) => f.enforcement === "mandatory" && !f.suppressed);
    expect(blocking.map((f) => [f.rule, f.urn])).toEqual([
      ["gcp-audit-sink-all-audit-logs", "urn:pulumi:policy-violation::landing-zone::pulumi:pulumi:Stack::landing-zone-policy-violation"],
    ]);
    expect(r.out).toMatch(/Policies: \d+ finding\(s\), 1 mandatory\./);
    expect(r.out).toMatch(/^\+ +pulumi:pulumi:Stack +landing-zone-policy-violation +create +✗ gcp-audit-sink-all-audit-logs/m);
  });

  it("exits 0 with the rule waived, and shows the waiver's reason in the table and the JSON", async () => {
    const r = await plan(["--config", BAD, "--waivers", WAIVERS]);
    expect(r.code).toBe(EXIT.ok);
    const waived = r.json!.findings.filter((f) => f.rule === "gcp-audit-sink-all-audit-logs");
    expect(waived.map((f) => f.suppressed)).toEqual(["fixture: the central audit stack routes the other audit logs (SEC-42, until 2027-01-31)"]);
    expect(r.out).toMatch(/^\+ +pulumi:pulumi:Stack +landing-zone-policy-violation +create +waived gcp-audit-sink-all-audit-logs: fixture: the central audit stack routes the other audit logs \(SEC-42, until 2027-01-31\)/m);
    expect(r.out.replace(/[│\s]+/g, " ")).toContain("(suppressed: fixture: the central audit stack routes the other audit logs (SEC-42, until 2027-01-31))");
  });

  it("exits 2 on a waiver with no reason or an unknown rule, planning nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-waivers-"));
    const file = path.join(dir, "w.yaml");
    fs.writeFileSync(file, "waivers:\n  - rule: gcp-audit-sink-all-audit-logs\n  - rule: no-such-rule\n    reason: because\n");
    const r = await plan(["--config", BAD, "--waivers", file]);
    expect(r.code).toBe(EXIT.invalidConfig);
    expect(r.err).toContain(`${file}: waivers[0].reason: a waiver needs the recorded reason`);
    expect(r.err).toContain(`${file}: waivers[1].rule: "no-such-rule" is not a rule id`);
    expect(r.json).toBeUndefined();
  });

  it("warns about a waiver whose resource the plan does not have, and still plans", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-waivers-"));
    const file = path.join(dir, "w.yaml");
    fs.writeFileSync(file, "waivers:\n  - rule: gcp-bucket-versioning\n    resource: typo-bucket\n    reason: scratch data\n"
      + "  - rule: gcp-audit-sink-all-audit-logs\n    resource: landing-zone-policy-violation\n    reason: the stack by name\n");
    const r = await plan(["--config", BAD, "--waivers", file]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toBe('warning: the waiver for gcp-bucket-versioning names resource "typo-bucket", which this plan does not have: it waives nothing\n');
  });
});
