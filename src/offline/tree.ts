import stringWidth from "string-width";
import { stackUrn } from "../policy/evaluate";
import { type Finding, type Inventory, type InventoryResource, isProvider } from "./inventory";

/**
 * Rows as aligned columns with no borders, like `pulumi preview` (what a borderless cli-table3
 * table prints, at a fraction of its cost on a few hundred rows): each cell padded to its column's
 * display width, cells two spaces apart, a multi-line cell spanning lines of its row.
 */
function alignColumns(rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map((c) => c.split("\n").map((l) => [l, displayWidth(l)] as const)));
  const widths: number[] = [];
  for (const row of cells) row.forEach((lines, i) => { for (const [, w] of lines) widths[i] = Math.max(widths[i] ?? 0, w); });
  const out: string[] = [];
  for (const row of cells) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let h = 0; h < height; h++) {
      out.push(row.map((lines, i) => { const [l, w] = lines[h] ?? ["", 0]; return l + " ".repeat(widths[i]! - w); }).join("  "));
    }
  }
  return out.join("\n");
}

/** Printable ASCII and the tree's box-drawing characters: one column each. */
const NARROW = /^[\x20-\x7e\u2500-\u257f]*$/;

/** Columns a line takes in a terminal (string-width, except for the common one-column text). */
function displayWidth(line: string): number {
  return NARROW.test(line) ? line.length : stringWidth(line);
}

/**
 * Renders the plan as `pulumi preview` shows it: a tree of resources under the stack, each
 * marked `+` (create), then a summary. Deterministic: children are ordered by URN.
 */
export function renderTree(inv: Inventory): string {
  const children = new Map<string | undefined, InventoryResource[]>();
  for (const r of inv.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const table: string[][] = [["", "Type", "Name", "Plan", "Info"]];
  table.push(["+", "pulumi:pulumi:Stack", `${inv.project}-${inv.stack}`, "create", policyInfo(inv.findings, stackUrn(inv.project, inv.stack))]);
  const walk = (parent: string | undefined, indent: string) => {
    const list = children.get(parent) ?? [];
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      const info = [r.protect ? "protected" : "", r.retainOnDelete ? "retained on delete" : "", policyInfo(inv.findings, r.urn)].filter(Boolean).join(", ");
      table.push(["+", `${indent}${last ? "└─ " : "├─ "}${r.type}`, r.name, "create", info]);
      walk(r.urn, `${indent}${last ? "   " : "│  "}`);
    });
  };
  walk(undefined, "");
  const c = resourceCounts(inv);
  return `Previewing update (${inv.stack}) offline:\n\n${alignColumns(table)}\n\nResources:\n    + ${c.total} to create (${c.cloud} cloud resources, ${c.providers} providers, ${c.components} components, 1 stack)\n`;
}

/**
 * The Info column's policy note for one resource (or the stack): blocking rules by id, then a count
 * of advisory findings, then waived rules with their reason. Empty when nothing was found.
 */
function policyInfo(findings: readonly Finding[], urn: string): string {
  const own = findings.filter((f) => f.urn === urn);
  const blocking = own.filter(isBlocking).map((f) => `✗ ${f.rule}`);
  const advisory = own.filter((f) => !f.suppressed && f.enforcement !== "mandatory").length;
  const waived = own.filter((f) => f.suppressed).map((f) => `waived ${f.rule}: ${f.suppressed}`);
  return [...blocking, advisory > 0 ? `${advisory} advisory` : "", ...waived].filter(Boolean).join(", ");
}

/** Renders policy findings as a table, mandatory first; suppressed ones show their reason. */
export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "Policies: no findings.\n";
  const order = (f: Finding) => (f.suppressed ? 2 : f.enforcement === "mandatory" ? 0 : 1);
  const sorted = [...findings].sort((a, b) => order(a) - order(b) || a.rule.localeCompare(b.rule) || a.urn.localeCompare(b.urn));
  // Loaded here: most plans have no findings to lay out.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Table = require("cli-table3") as typeof import("cli-table3");
  const table = new Table({ head: ["Enforcement", "Severity", "Rule", "Resource", "Message"], style: { head: [], border: [] }, wordWrap: true, colWidths: [13, 10, 44, 36, 56] });
  for (const f of sorted) {
    const name = f.urn.split("::").pop() ?? f.urn;
    table.push([f.suppressed ? "suppressed" : f.enforcement, f.severity, f.rule, name, f.suppressed ? `${f.message} (suppressed: ${f.suppressed})` : f.message]);
  }
  const mandatory = findings.filter((f) => f.enforcement === "mandatory" && !f.suppressed).length;
  return `Policies: ${findings.length} finding(s), ${mandatory} mandatory.\n${table.toString()}\n`;
}

/** True when a finding must fail the plan (mandatory and not suppressed). */
export function isBlocking(f: Finding): boolean {
  return f.enforcement === "mandatory" && !f.suppressed;
}


/** What a plan creates, counted the same way in every output: the stack itself counts in `total`. */
export function resourceCounts(inv: Inventory): { total: number; cloud: number; providers: number; components: number } {
  const providers = inv.resources.filter(isProvider).length;
  const components = inv.resources.filter((r) => !r.custom).length;
  return { total: inv.resources.length + 1, cloud: inv.resources.length - providers - components, providers, components };
}
