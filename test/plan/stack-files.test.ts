import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { readStackFile } from "../../src/config/load";
import { parseEnvironment } from "../../src/planner";
import { vpcRanges } from "../../src/planner";
import { mustParseCidr, overlaps } from "../../src/core/cidr";
import { planStackFile } from "../../src/offline/harness";
import { inventoryToJson } from "../../src/offline/inventory";
import { KNOWN_BROKEN } from "../intents/known-broken";
import { plannedStackFile } from "../stack-plans";

const STACKS = ["dev", "staging", "prod"];

describe.each(STACKS)("the %s stack file", (stack) => {
  it("plans every resource under the stack's VPC components with the environment's names", async () => {
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    expect(inv.stack).toBe(stack);
    expect(inv.project).toBe("landing-zone");
    const types = new Set(inv.resources.map((r) => r.type));
    for (const t of ["landing-zone:index:GcpVpc", "landing-zone:index:AlicloudVpc", "gcp:compute/network:Network", "alicloud:vpc/network:Network"]) {
      expect(types).toContain(t);
    }
    for (const r of inv.resources) {
      expect(r.urn).toBe(`urn:pulumi:${stack}::landing-zone::${r.parent ? `${r.parent.split("::")[2]}$` : ""}${r.type}::${r.name}`);
    }
    expect(inv.outputs.environment).toBe(stack);
    expect(Object.keys(inv.outputs.gcpSubnets as object).length).toBeGreaterThan(0);
  });

  it("is deterministic: two runs give byte-identical JSON", async () => {
    // The worker's shared plan of this file (made earlier, between other runs) and a fresh run.
    const a = inventoryToJson(await plannedStackFile(`Pulumi.${stack}.yaml`));
    const b = inventoryToJson(await planStackFile(`Pulumi.${stack}.yaml`));
    expect(a).toBe(b);
  });

  // Exit 1 while a default intent is listed as known broken (test/intents/known-broken.ts), else 0.
  it("has no mandatory policy finding, so `npm run plan` exits 0 (1 only for known-broken intents) and writes the JSON inventory", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-plan-"));
    const json = path.join(dir, `${stack}.json`);
    let out = "";
    const code = await runPlan(["--stack", stack, "--json", json], (s) => { out += s; }, () => undefined);
    const blocking = (JSON.parse(fs.readFileSync(json, "utf8")).findings as { enforcement: string; suppressed?: string; rule: string; urn: string }[])
      .filter((f) => f.enforcement === "mandatory" && !f.suppressed).map((f) => `${f.rule} ${f.urn}`);
    expect(blocking).toEqual([]);
    const broken = (JSON.parse(fs.readFileSync(json, "utf8")).intents as { name: string; ok: boolean }[]).filter((r) => !r.ok).map((r) => r.name).sort();
    expect(broken).toEqual(Object.keys(KNOWN_BROKEN[stack]!).sort());
    expect(code).toBe(broken.length > 0 ? 1 : 0);
    expect(out).toContain(`Previewing update (${stack}) offline:`);
    expect(out).toContain("landing-zone:index:GcpVpc");
  });
});

describe("the stack files together", () => {
  it("use VPC ranges that do not overlap one another", async () => {
    const ranges = STACKS.flatMap((s) => vpcRanges(parseEnvironment(readStackFile(`Pulumi.${s}.yaml`).values)).map((r) => ({ ...r, s })));
    for (let i = 0; i < ranges.length; i++) {
      for (let j = i + 1; j < ranges.length; j++) {
        if (ranges[i]!.s === ranges[j]!.s) continue;
        expect(overlaps(mustParseCidr(ranges[i]!.cidr), mustParseCidr(ranges[j]!.cidr)), `${ranges[i]!.s} ${ranges[i]!.cidr} vs ${ranges[j]!.s} ${ranges[j]!.cidr}`).toBe(false);
      }
    }
  });
});
