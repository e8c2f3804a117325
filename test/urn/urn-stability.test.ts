import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { planStackFile } from "../../src/offline/harness";
import { describeDiff, diffUrns, parseGolden } from "../../src/offline/urns";

const GOLDEN_DIR = path.join(__dirname, "golden");
const STACKS = fs.readdirSync(path.join(__dirname, "..", "..")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();

describe("URN goldens", () => {
  it("exist for every stack file (regenerate with `npx tsx scripts/update-urn-goldens.ts`)", () => {
    expect(STACKS.length).toBeGreaterThan(0);
    expect(fs.readdirSync(GOLDEN_DIR).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, -4)).sort()).toEqual(STACKS);
  });
});

describe.each(STACKS)("the %s stack's URNs", (stack) => {
  it("keep every golden URN, or cover it with an alias (new URNs are reported, not failed)", async () => {
    const golden = parseGolden(fs.readFileSync(path.join(GOLDEN_DIR, `${stack}.txt`), "utf8"));
    expect(golden.length).toBeGreaterThan(0);
    const inv = await planStackFile(path.join(__dirname, "..", "..", `Pulumi.${stack}.yaml`), { stack, policies: false });
    const d = diffUrns(golden, inv);
    if (d.added.length > 0 || Object.keys(d.aliased).length > 0) console.info(describeDiff(stack, d));
    expect(d.missing, describeDiff(stack, d)).toEqual([]);
  });
});
