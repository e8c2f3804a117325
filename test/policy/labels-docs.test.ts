import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { POLICY_LABEL_PROPERTIES, LANDING_ZONE_RULES } from "../../src/policy";

/** The `<Class>Args` interface text of a type token, read from the installed SDK's .d.ts. */
function argsOf(token: string): string {
  const [pkg, mod, cls] = token.split(":");
  const dir = path.join("node_modules", "@pulumi", pkg!, mod!.split("/")[0]!);
  const js = fs.readdirSync(dir).filter((f) => f.endsWith(".js")).find((f) => fs.readFileSync(path.join(dir, f), "utf8").includes(`__pulumiType = '${token}'`));
  if (js === undefined) throw new Error(`no class registers ${token}`);
  const dts = fs.readFileSync(path.join(dir, js.replace(/\.js$/, ".d.ts")), "utf8");
  return new RegExp(`export interface ${cls}Args \\{([\\s\\S]*?)\\n\\}`).exec(dts)?.[1] ?? "";
}

describe("the cost-labels rule's table", () => {
  it.each(Object.entries(POLICY_LABEL_PROPERTIES))("%s takes its labels in %s", (token, prop) => {
    expect(argsOf(token)).toMatch(new RegExp(`^\\s+${prop}\\?:`, "m"));
  });
});

describe("docs/policies.md", () => {
  it("lists every rule with its kind, severity and enforcement", () => {
    const doc = fs.readFileSync("docs/policies.md", "utf8");
    for (const r of LANDING_ZONE_RULES) expect(doc, r.id).toContain(`| \`${r.id}\` | ${r.kind} | ${r.severity} | ${r.enforcement} |`);
  });
});
