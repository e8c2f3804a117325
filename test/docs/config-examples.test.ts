import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import * as YAML from "yaml";
import { parseEnvironment } from "../../src/planner";

/** The root keys a partial example leaves out, so that it validates as a whole environment. */
const ROOT = { environment: "doc", owner: "platform-team", costCenter: "cc-1", clouds: ["gcp", "alicloud"] };

/** The `landing-zone:` keys of the first yaml block after `heading` in `file`, without the prefix. */
function configBlock(file: string, heading: string): Record<string, unknown> {
  const text = fs.readFileSync(file, "utf8");
  const after = text.slice(text.indexOf(heading));
  const block = /```yaml\n([\s\S]*?)```/.exec(after)?.[1];
  if (block === undefined) throw new Error(`no yaml block after "${heading}" in ${file}`);
  const doc = YAML.parse(block) as Record<string, unknown>;
  const config = (doc.config ?? doc) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^landing-zone:/, ""), v]));
}

describe("config examples in the docs are valid configs", () => {
  it.each([
    ["README.md", "## Configuration"],
    ["docs/network.md", "## Config keys"],
  ])("%s (%s) validates with every area's checks", (file, heading) => {
    expect(() => parseEnvironment({ ...ROOT, ...configBlock(file, heading) }, file)).not.toThrow();
  });
});
