import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFERRED, deferUnusedPulumiModules } from "../../src/offline/defer-modules";
import { PulumiInternalsChangedError } from "../../src/offline/pulumi-internals";
import { ROOT } from "../plugin-process";

/** Files that only the real modules load (a stand-in sits at the deferred file's own path). */
const REAL = {
  automation: "/@pulumi/pulumi/automation/(?!index\\.js$)",
  typescript: "/node_modules/typescript/lib/typescript\\.js$",
  codePaths: "/node_modules/@npmcli/arborist/",
};

/** Runs `body` in a fresh Node process (this one has loaded the SDK) after deferring; returns what it prints. */
function probe(body: string): Record<string, unknown> {
  const script = `const { deferUnusedPulumiModules } = require(${JSON.stringify(path.join(ROOT, "src/offline/defer-modules.ts"))});
const REAL = ${JSON.stringify(REAL)};
const loaded = (what) => Object.keys(require.cache).some((f) => new RegExp(REAL[what]).test(f));
deferUnusedPulumiModules();
const pulumi = require("@pulumi/pulumi");
${body}`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Record<string, unknown>;
}


describe("the plan's deferred @pulumi/pulumi modules", () => {
  it("are not loaded with the SDK, and load on first use", () => {
    const out = probe(`const before = { automation: loaded("automation"), typescript: loaded("typescript"), codePaths: loaded("codePaths") };
const fn = typeof pulumi.runtime.computeCodePaths;
try { void Promise.resolve(pulumi.runtime.computeCodePaths(42)).catch(() => undefined); } catch {}
const workspace = typeof pulumi.automation.LocalWorkspace;
process.stdout.write(JSON.stringify({ before, fn, workspace, after: { automation: loaded("automation"), codePaths: loaded("codePaths") } }));`);
    expect(out).toEqual({
      before: { automation: false, typescript: false, codePaths: false },
      fn: "function",
      workspace: "function",
      after: { automation: true, codePaths: true },
    });
  }, 120_000);

  it("name every change in the SDK that would make a stand-in wrong", () => {
    // A copy of the files the deferral reads, each changed: nothing requires the deferred files any
    // more and codePaths no longer exports computeCodePaths.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lz-pulumi-"));
    for (const d of DEFERRED) {
      for (const f of [d.file, d.requiredBy]) {
        fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
        fs.writeFileSync(path.join(root, f), "\"use strict\";\n");
      }
    }
    expect(() => deferUnusedPulumiModules(root)).toThrow(PulumiInternalsChangedError);
    expect(() => deferUnusedPulumiModules(root)).toThrow(
      "index.js no longer requires automation/index.js; runtime/closure/parseFunction.js no longer requires typescript-shim.js; " +
      "runtime/index.js no longer requires runtime/closure/codePaths.js; runtime/closure/codePaths.js no longer exports function computeCodePaths");
  });
});
