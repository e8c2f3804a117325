import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { planStackFile } from "../../src/offline/harness";
import type { Inventory } from "../../src/offline/inventory";
import { PLAN_GOLDEN_DIR, planGoldenText } from "../../src/offline/plan-golden";
import { describeDiff, diffUrns, parseGolden } from "../../src/offline/urns";

const GOLDEN_DIR = path.join(__dirname, "golden");
const ROOT = path.join(__dirname, "..", "..");
const STACKS = fs.readdirSync(path.join(__dirname, "..", "..")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();

describe("URN goldens", () => {
  it("exist for every stack file (regenerate with `npx tsx scripts/update-urn-goldens.ts`)", () => {
    expect(STACKS.length).toBeGreaterThan(0);
    expect(fs.readdirSync(GOLDEN_DIR).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort()).toEqual(STACKS);
  });
});

describe("full-plan goldens", () => {
  it("exist for every stack file (regenerate with `npm run goldens:update`)", () => {
    expect(fs.readdirSync(path.join(ROOT, PLAN_GOLDEN_DIR)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort()).toEqual(STACKS);
  });
});

describe.each(STACKS)("the %s stack's plan", (stack) => {
  let inv: Inventory;
  beforeAll(async () => {
    inv = await planStackFile(path.join(ROOT, `Pulumi.${stack}.yaml`), { stack, policies: false });
  });

  it("keeps every golden URN, or covers it with an alias (new URNs are reported, not failed)", () => {
    const golden = parseGolden(fs.readFileSync(path.join(GOLDEN_DIR, `${stack}.txt`), "utf8"));
    expect(golden.length).toBeGreaterThan(0);
    const d = diffUrns(golden, inv);
    if (d.added.length > 0 || Object.keys(d.aliased).length > 0) console.info(describeDiff(stack, d));
    expect(d.missing, describeDiff(stack, d)).toEqual([]);
  });

  it("matches its full-plan golden byte for byte: every input, option and output (run `npm run goldens:update` and review the diff)", () => {
    const golden = fs.readFileSync(path.join(ROOT, PLAN_GOLDEN_DIR, `${stack}.json`), "utf8");
    const text = planGoldenText(inv);
    if (text !== golden) expect(text).toBe(golden);
    expect(JSON.parse(golden).resources).toHaveLength(inv.resources.length);
  });
});
