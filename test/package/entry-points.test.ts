import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../plugin-process";

// A project that uses one cloud imports its entry point and installs only that cloud's SDK: the
// GCP entry point must never load @pulumi/alicloud, and the Alibaba one never @pulumi/gcp.
// A fresh process per entry point (vitest's own process has loaded both).
function sdksLoadedBy(entry: string): string[] {
  const probe = `require(${JSON.stringify(path.join(ROOT, "src", entry))});
const sdks = new Set(Object.keys(require.cache).flatMap((f) => { const m = /node_modules\\/(@pulumi\\/[a-z]+)\\//.exec(f); return m ? [m[1]] : []; }));
process.stdout.write(JSON.stringify([...sdks].sort()));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", probe], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as string[];
}

describe("entry points per cloud", () => {
  it("pulumi-landing-zone/gcp loads @pulumi/gcp and never @pulumi/alicloud", () => {
    expect(sdksLoadedBy("gcp")).toEqual(["@pulumi/gcp", "@pulumi/pulumi", "@pulumi/random"]);
  });
  it("pulumi-landing-zone/alicloud loads @pulumi/alicloud and never @pulumi/gcp", () => {
    expect(sdksLoadedBy("alicloud")).toEqual(["@pulumi/alicloud", "@pulumi/pulumi", "@pulumi/random"]);
  });
});
