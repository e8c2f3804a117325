import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** The modules a fresh Node process has loaded after requiring `entries` (through tsx, as `npm run plan` does). */
function loadedModules(entries: string[], then = ""): string[] {
  const script = [
    ...entries.map((e) => `require(${JSON.stringify(path.join(ROOT, e))});`),
    then,
    "process.stdout.write(JSON.stringify(Object.keys(require.cache)));",
  ].join("\n");
  const out = execFileSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out) as string[];
}

describe("config and planner are pure", () => {
  it("importing the config and the planner (and planning a stack) loads no @pulumi module", () => {
    const mods = loadedModules(["src/config/load.ts", "src/config/schema.ts", "src/planner/index.ts"], [
      `const { readStackFile } = require(${JSON.stringify(path.join(ROOT, "src/config/load.ts"))});`,
      `const { planConfig } = require(${JSON.stringify(path.join(ROOT, "src/planner/index.ts"))});`,
      `if (!planConfig(readStackFile("Pulumi.prod.yaml").values).network.gcp) throw new Error("no plan");`,
    ].join("\n"));
    expect(mods.some((m) => m.includes(`${path.sep}src${path.sep}planner${path.sep}environment.ts`))).toBe(true);
    expect(mods.filter((m) => m.includes(`node_modules${path.sep}@pulumi${path.sep}`))).toEqual([]);
  });

  it("the check itself sees @pulumi modules when a component is imported", () => {
    const mods = loadedModules(["src/resource-options.ts"]);
    expect(mods.filter((m) => m.includes(`node_modules${path.sep}@pulumi${path.sep}`)).length).toBeGreaterThan(0);
  });
});
