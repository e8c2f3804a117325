import { cloudOf, cloudTitle, renderDiagram } from "./diagram";
import { type Finding, type Inventory, type InventoryResource, isProvider, PROVIDER_PREFIX } from "./inventory";
import { renderIntentsMarkdown } from "./intents-report";
import { resourceCounts } from "./tree";

/**
 * Renders a plan as a Markdown report a platform team can post on a pull request (GitHub
 * flavoured): a title with the stack and counts, a summary table per landing-zone component
 * and per cloud, the policy findings (waived ones apart, with their reason) and a Mermaid
 * diagram of the landing zone. Deterministic: the same inventory gives the same text.
 */
export function renderMarkdown(inv: Inventory): string {
  const active = inv.findings.filter((f) => !f.suppressed);
  const mandatory = active.filter((f) => f.enforcement === "mandatory").length;
  const protectedCount = inv.resources.filter((r) => r.custom && r.protect && !isProvider(r)).length;
  const parts: string[] = [];
  const counts = resourceCounts(inv);
  parts.push(`# Landing zone plan: \`${inv.stack}\` · ${counts.total} to create · ${counts.components} components · ${plural(inv.findings.length, "finding")}`);
  parts.push(
    `Project \`${inv.project}\`, stack \`${inv.stack}\`: ${counts.cloud} cloud resources, ${plural(counts.providers, "provider")}, ${counts.components} components and the stack` +
    `; ${protectedCount} protected. Policies: ${mandatory} mandatory, ${active.length - mandatory} advisory, ${inv.findings.length - active.length} waived.` +
    ` Planned offline under Pulumi's mock runtime (\`npm run plan -- --stack ${inv.stack} --format markdown\`).`,
  );
  parts.push(`## Components\n\n${componentTable(inv)}`);
  parts.push(`## Clouds\n\n${cloudTable(inv)}`);
  parts.push(`## Policy findings\n\n${findingsSection(inv.findings)}`);
  if (inv.intents !== undefined) parts.push(`## Intents\n\n${renderIntentsMarkdown(inv.intents)}`);
  parts.push(`## Diagram\n\n\`\`\`mermaid\n${renderDiagram(inv)}\`\`\``);
  parts.push(`<details><summary>Resources by type</summary>\n\n${typeTable(inv)}\n</details>`);
  return `${parts.join("\n\n")}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * `gcp`, `alicloud`, … for a provider type token or a landing-zone component token (`landing-zone:index:GcpVpc` → `gcp`);
 * a dynamic resource (e.g. the Alibaba budget) counts for its parent component's cloud.
 */
function cloudOfResource(r: Pick<InventoryResource, "type" | "parent">): string {
  if (r.type.startsWith("pulumi-nodejs:dynamic") && r.parent) {
    return cloudOfResource({ type: r.parent.split("::")[2]?.split("$").pop() ?? "" });
  }
  if (r.type.startsWith("landing-zone:")) {
    const name = r.type.split(":").pop() ?? "";
    if (name.startsWith("Gcp")) return "gcp";
    if (name.startsWith("Alicloud")) return "alicloud";
    return "shared";
  }
  if (isProvider(r)) return r.type.slice(PROVIDER_PREFIX.length);
  return cloudOf(r.type);
}


/** Every resource under a URN, at any depth. */
function descendants(inv: Inventory, urn: string): InventoryResource[] {
  const out: InventoryResource[] = [];
  const walk = (parent: string) => {
    for (const r of inv.resources) if (r.parent === parent) { out.push(r); walk(r.urn); }
  };
  walk(urn);
  return out;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function componentTable(inv: Inventory): string {
  const components = inv.resources.filter((r) => !r.custom && r.type.startsWith("landing-zone:"))
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  if (components.length === 0) return "No landing-zone components in this plan.";
  return table(["Component", "Name", "Cloud", "Children", "Protected"], components.map((c) => {
    const children = descendants(inv, c.urn);
    return [`\`${cell(c.type)}\``, cell(c.name), cloudTitle(cloudOfResource(c)), String(children.length), String(children.filter((r) => r.protect).length)];
  }));
}

function cloudTable(inv: Inventory): string {
  const clouds = [...new Set(inv.resources.map(cloudOfResource))].sort();
  return table(["Cloud", "Components", "Cloud resources", "Resource types", "Protected", "Findings"], clouds.map((c) => {
    const mine = inv.resources.filter((r) => cloudOfResource(r) === c);
    const urns = new Set(mine.map((r) => r.urn));
    return [
      cloudTitle(c),
      String(mine.filter((r) => !r.custom).length),
      String(mine.filter((r) => r.custom).length),
      String(new Set(mine.filter((r) => r.custom).map((r) => r.type)).size),
      String(mine.filter((r) => r.protect).length),
      String(inv.findings.filter((f) => urns.has(f.urn)).length),
    ];
  }));
}

function typeTable(inv: Inventory): string {
  const counts = new Map<string, number>();
  for (const r of inv.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return table(["Type", "Count"], [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => [`\`${cell(t)}\``, String(n)]));
}

const SEVERITY = ["critical", "high", "medium", "low"];

function resourceOf(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return urn;
  return `${parts[3]} (${parts[2]!.split("$").pop()})`;
}

function findingsSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No policy findings.";
  const order = (f: Finding) => (f.enforcement === "mandatory" ? 0 : 1) * 10 + (SEVERITY.indexOf(f.severity) + 1 || 9);
  const sorted = [...findings].sort((a, b) => order(a) - order(b) || a.rule.localeCompare(b.rule) || a.urn.localeCompare(b.urn));
  const active = sorted.filter((f) => !f.suppressed);
  const waived = sorted.filter((f) => f.suppressed);
  const out: string[] = [];
  if (active.length > 0) {
    out.push(table(["", "Enforcement", "Severity", "Rule", "Resource", "Message"], active.map((f) => [
      f.enforcement === "mandatory" ? "❌" : "⚠️", f.enforcement, f.severity, `\`${cell(f.rule)}\``, cell(resourceOf(f.urn)), cell(f.message),
    ])));
  } else {
    out.push("No open findings.");
  }
  if (waived.length > 0) {
    out.push(`### Waived (${waived.length})\n\n${table(["Rule", "Severity", "Resource", "Message", "Reason"], waived.map((f) => [
      `\`${cell(f.rule)}\``, f.severity, cell(resourceOf(f.urn)), cell(f.message), cell(f.suppressed!),
    ]))}`);
  }
  return out.join("\n\n");
}
