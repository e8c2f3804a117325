import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runPolicyTest, runStackFileTest } from "../../src";
import { ROOT } from "../plugin-process";
import { GOOD_NAMES, goodProgram, throwingProgram } from "./poison-programs";

// A program that throws leaves registrations behind (inside applies, a component's
// registerOutputs). Each run has its own Pulumi runtime store, so they can neither show up in the
// next run's inventory nor fail against the next run's mock monitor ("unknown resource").
describe("a failed run does not poison the next one in the same file", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => { unhandled.push(e); };
  beforeEach(() => { unhandled.length = 0; process.on("unhandledRejection", onUnhandled); });
  afterEach(() => { process.off("unhandledRejection", onUnhandled); });

  it("runPolicyTest: the failed run rejects with its own error, the next inventory is exactly the next program's", async () => {
    await expect(runPolicyTest(throwingProgram, { stack: "t" })).rejects.toThrow("the program failed");
    const result = await runPolicyTest(goodProgram, { stack: "t" });
    expect(result.resources.map((r) => r.name)).toEqual(GOOD_NAMES);
    expect(result.inventory.outputs).toEqual({ networkId: "projects/mock-project/global/networks/good-net" });
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it("runStackFileTest after a failed run plans the same inventory as in a fresh run", async () => {
    const fresh = await runStackFileTest(path.join(ROOT, "Pulumi.dev.yaml"));
    await expect(runPolicyTest(throwingProgram, { stack: "dev" })).rejects.toThrow("the program failed");
    const after = await runStackFileTest(path.join(ROOT, "Pulumi.dev.yaml"));
    expect(after.inventory).toEqual(fresh.inventory);
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it("under node:test as well (a runner that fails a file on any unhandled rejection)", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", path.join(__dirname, "isolation.node-test.ts")],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(run.stdout).toMatch(/^# fail 0$/m);
    expect(run.stdout).toMatch(/^# pass 2$/m);
    expect(run.status).toBe(0);
  });
});
