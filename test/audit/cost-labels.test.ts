import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import * as gcp from "@pulumi/gcp";
import { runOffline } from "../../src/offline/harness";
import type { Inventory } from "../../src/offline/inventory";
import { plannedStackFile } from "../stack-plans";

/**
 * Which property of a resource type carries its cost labels, derived from the installed SDK:
 * the type token's class is found by its `__pulumiType` in the module's .js files, then its
 * `<Class>Args` interface in the .d.ts is read. A `userLabels` property wins over `labels`
 * (on such types `labels` is configuration, e.g. a notification channel's address); Alibaba
 * types use `tags`. Undefined when the type takes none.
 */
function labelProperty(token: string): string | undefined {
  const [pkg, mod, cls] = token.split(":");
  if (pkg !== "gcp" && pkg !== "alicloud") return undefined;
  const dir = path.join("node_modules", "@pulumi", pkg!, mod!.split("/")[0]!);
  const js = fs.readdirSync(dir).filter((f) => f.endsWith(".js")).find((f) => fs.readFileSync(path.join(dir, f), "utf8").includes(`__pulumiType = '${token}'`));
  if (js === undefined) throw new Error(`no class registers ${token} in ${dir}`);
  const dts = fs.readFileSync(path.join(dir, js.replace(/\.js$/, ".d.ts")), "utf8");
  const args = new RegExp(`export interface ${cls}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1] ?? "";
  const has = (p: string) => new RegExp(`^\\s+${p}\\?:`, "m").test(args);
  if (pkg === "gcp") return has("userLabels") ? "userLabels" : has("labels") ? "labels" : undefined;
  return has("tags") ? "tags" : undefined;
}

const REQUIRED = ["environment", "owner", "cost-center"] as const;

/** Resources that take labels/tags but lack a required one (or carry another environment). */
function unlabelled(inv: Inventory, env: string): { checked: string[]; missing: string[] } {
  const cache = new Map<string, string | undefined>();
  const checked: string[] = [];
  const missing: string[] = [];
  for (const r of inv.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    if (!cache.has(r.type)) cache.set(r.type, labelProperty(r.type));
    const prop = cache.get(r.type);
    if (prop === undefined) continue;
    checked.push(r.type);
    const labels = (r.inputs[prop] ?? {}) as Record<string, unknown>;
    const absent = REQUIRED.filter((k) => typeof labels[k] !== "string" || labels[k] === "");
    if (absent.length > 0 || labels.environment !== env) missing.push(`${r.type}::${r.name} (${prop}: missing ${absent.join(", ") || `environment=${env}`})`);
  }
  return { checked, missing };
}

describe("cost labels", () => {
  it("derives label properties from the SDK", () => {
    expect([
      labelProperty("gcp:storage/bucket:Bucket"),
      labelProperty("gcp:monitoring/notificationChannel:NotificationChannel"),
      labelProperty("gcp:logging/projectSink:ProjectSink"),
      labelProperty("alicloud:log/project:Project"),
      labelProperty("alicloud:actiontrail/trail:Trail"),
    ]).toEqual(["labels", "userLabels", undefined, "tags", undefined]);
  });

  it("catches a resource without cost labels", async () => {
    const inv = await runOffline(() => {
      new gcp.storage.Bucket("bare", { location: "EU" });
      new gcp.storage.Bucket("labelled", { location: "EU", labels: { environment: "test", owner: "a", "cost-center": "b" } });
      new gcp.logging.ProjectSink("sink", { destination: "x" });
    }, { stack: "test" });
    expect(unlabelled(inv, "test")).toEqual({
      checked: ["gcp:storage/bucket:Bucket", "gcp:storage/bucket:Bucket"],
      missing: ["gcp:storage/bucket:Bucket::bare (labels: missing environment, owner, cost-center)"],
    });
  });

  for (const file of ["Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml"]) {
    it(`every resource that takes labels or tags carries environment, owner and cost-center in ${file}`, async () => {
      const inv = await plannedStackFile(file);
      const { checked, missing } = unlabelled(inv, inv.stack);
      expect(checked.length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    });
  }
});
