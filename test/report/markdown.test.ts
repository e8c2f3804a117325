import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { escapeLabel } from "../../src/offline/diagram";
import type { Finding, Inventory } from "../../src/offline/inventory";
import { cell, renderMarkdown } from "../../src/offline/markdown";
import { KNOWN_BROKEN } from "../intents/known-broken";
import { parseMermaid } from "./mermaid-parse";
import { plannedStackFile } from "../stack-plans";

const ROOT = path.join(__dirname, "..", "..");

/** The rows of the Markdown table under `## <heading>`, as cells. */
function tableUnder(md: string, heading: string): string[][] {
  const section = md.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`no section ${heading}`);
  const lines = section.split("\n");
  const isRule = (l: string | undefined) => l !== undefined && /^\|( --- \|)+$/.test(l);
  // Table rows: lines in a table that are neither a header (followed by the rule) nor the rule.
  return lines.filter((l, i) => l.startsWith("| ") && !isRule(l) && !isRule(lines[i + 1])).map((l) => l.slice(2, -2).split(" | "));
}

describe("the Markdown report of the dev stack", () => {
  let inv: Inventory;
  let md: string;
  beforeAll(async () => {
    inv = await plannedStackFile(path.join(ROOT, "Pulumi.dev.yaml"));
    md = renderMarkdown(inv);
  });

  it("has a title with the stack and the counts", () => {
    const components = inv.resources.filter((r) => !r.custom).length;
    const n = inv.findings.length;
    expect(md.split("\n")[0]).toBe(`# Landing zone plan: \`dev\` · ${inv.resources.length + 1} to create · ${components} components · ${n} finding${n === 1 ? "" : "s"}`);
  });

  it("has one component row per landing-zone component with its type token, name, cloud and child count", () => {
    const rows = tableUnder(md, "Components");
    const components = inv.resources.filter((r) => !r.custom && r.type.startsWith("landing-zone:"));
    expect(rows).toHaveLength(components.length);
    for (const c of components) {
      const row = rows.find((r) => r[0] === `\`${c.type}\`` && r[1] === c.name);
      expect(row, c.urn).toBeDefined();
      expect(row![2]).toBe(c.type.includes(":Gcp") ? "Google Cloud" : "Alibaba Cloud");
      const children = inv.resources.filter((r) => r.urn.includes(`::${c.type}$`) && r.parent !== undefined);
      expect(Number(row![3])).toBe(children.length);
    }
  });

  it("has one row per cloud whose counts add up to the plan", () => {
    const rows = tableUnder(md, "Clouds");
    expect(rows.map((r) => r[0])).toEqual(["Alibaba Cloud", "Google Cloud"]);
    const total = rows.reduce((sum, r) => sum + Number(r[1]) + Number(r[2]), 0);
    expect(total).toBe(inv.resources.length);
  });

  it("says so when there is no finding, and carries a Mermaid diagram that parses", () => {
    const clean = renderMarkdown({ ...inv, findings: [] });
    expect(clean).toContain("## Policy findings\n\nNo policy findings.\n");
    const block = /```mermaid\n([\s\S]*?)```/.exec(clean)![1]!;
    const chart = parseMermaid(block);
    expect(chart.nodes.length).toBeGreaterThan(0);
  });

  it("lists open findings mandatory first, and waived ones apart with their reason, escaping table text", () => {
    const urn = inv.resources.find((r) => r.type === "gcp:compute/network:Network")!.urn;
    const findings: Finding[] = [
      { rule: "advisory-rule", severity: "low", enforcement: "advisory", urn, message: "consider this" },
      { rule: "mandatory-rule", severity: "high", enforcement: "mandatory", urn, message: "ports 22|3389 open to <0.0.0.0/0>" },
      { rule: "waived-rule", severity: "medium", enforcement: "mandatory", urn: "dev", message: "stack-wide", suppressed: "accepted until 2027-01 (ticket SEC-12)" },
    ];
    const out = renderMarkdown({ ...inv, findings });
    expect(out.split("\n")[0]).toMatch(/· 3 findings$/);
    const rows = tableUnder(out, "Policy findings");
    // open findings table first, then the waived table
    expect(rows.map((r) => r.find((c) => c.includes("-rule`")))).toEqual(["`mandatory-rule`", "`advisory-rule`", "`waived-rule`"]);
    expect(out).toContain("ports 22\\|3389 open to &lt;0.0.0.0/0&gt;");
    expect(out).toContain("### Waived (1)");
    expect(rows[2]).toEqual(["`waived-rule`", "medium", "dev", "stack-wide", "accepted until 2027-01 (ticket SEC-12)"]);
    expect(out).toContain("Policies: 1 mandatory, 1 advisory, 1 waived.");
  });

  it("is what `npm run plan -- --format markdown` prints and writes with --out", async () => {
    let printed = "";
    // Exit 1 only while dev has known-broken intents (test/intents/known-broken.ts).
    const code = Object.keys(KNOWN_BROKEN.dev!).length > 0 ? 1 : 0;
    expect(await runPlan(["--stack", "dev", "--format", "markdown"], (s) => { printed += s; }, () => undefined)).toBe(code);
    expect(printed).toBe(md);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lz-md-")), "report.md");
    expect(await runPlan(["--stack", "dev", "--format", "markdown", "--out", out], () => undefined, () => undefined)).toBe(code);
    expect(fs.readFileSync(out, "utf8")).toBe(md);
  });
});

describe("escaping", () => {
  it("Mermaid labels: # first, then quotes, angle brackets, backticks and pipes as entity codes", () => {
    expect(escapeLabel(`a "b" <c> #d \`e\` f|g\nh`)).toBe("a #quot;b#quot; #lt;c#gt; #35;d #96;e#96; f#124;g h");
  });

  it("a resource name with Mermaid syntax in it stays inside its label", () => {
    const inv: Inventory = {
      project: "p", stack: "s", outputs: {}, findings: [],
      resources: [{
        urn: "urn:pulumi:s::p::gcp:pubsub/topic:Topic::x", type: "gcp:pubsub/topic:Topic", name: "x", custom: true,
        protect: false, retainOnDelete: false, dependencies: [], inputs: { name: "x" },
      }, {
        urn: "urn:pulumi:s::p::gcp:logging/projectSink:ProjectSink::a\"]; end; b[\"#", type: "gcp:logging/projectSink:ProjectSink",
        name: "a\"]; end; b[\"#", custom: true, protect: false, retainOnDelete: false,
        dependencies: ["urn:pulumi:s::p::gcp:pubsub/topic:Topic::x"], inputs: { destination: "pubsub.googleapis.com/projects/p/topics/x" },
      }],
    };
    const chart = parseMermaid(renderMarkdown(inv).split("```mermaid\n")[1]!.split("```")[0]!);
    expect(chart.nodes.map((n) => n.label).sort()).toEqual(["Pub/Sub topic x", "log sink a\"]; end; b[\"#"]);
    expect(chart.edges).toHaveLength(1);
  });

  it("Markdown cells: pipes, backslashes, newlines and HTML", () => {
    expect(cell("a|b\\c\nd <e>")).toBe("a\\|b\\\\c d &lt;e&gt;");
  });
});
