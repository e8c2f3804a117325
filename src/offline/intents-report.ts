import { isAuthIntent, type IntentResult } from "../intents/types";
import { cell } from "./markdown";

function verdict(r: IntentResult): string {
  if (r.expect === "required") return r.ok ? "reachable" : "BLOCKED";
  return r.ok ? "not reachable" : "OPEN";
}

function deciding(r: IntentResult): string {
  const h = r.culprit;
  if (!h) return "";
  return `${h.kind} ${h.name}${h.urn ? ` (${h.urn})` : ""}: ${h.detail}`;
}

/** One line per broken intent, naming the hop that decides it; empty when every intent holds. */
export function renderIntentProblems(results: readonly IntentResult[]): string {
  const broken = results.filter((r) => !r.ok);
  if (results.length === 0) return "";
  if (broken.length === 0) return `Intents: ${results.length} checked, all hold.\n`;
  const lines = broken.map((r) => `  ${r.expect} intent "${r.name}" ${verdict(r)} (${r.detail})\n    ${r.expect === "required" ? "blocked by" : "allowed by"} ${deciding(r)}`);
  return `Intents: ${broken.length} of ${results.length} broken (the plan fails):\n${lines.join("\n")}\n`;
}

/** The first source/destination pair of a reach intent, or the identity and target of an auth intent. */
function axes(r: IntentResult): { row: string; col: string } {
  const i = r.intent;
  return isAuthIntent(i) ? { row: i.identity, col: `${i.action} ${i.on}` } : { row: i.from, col: i.to };
}

/**
 * The intents as Markdown: a matrix (rows: sources and identities, columns: destinations and
 * actions; ✅ holds, ❌ broken; R required, F forbidden) and a table naming the deciding hop.
 */
export function renderIntentsMarkdown(results: readonly IntentResult[]): string {
  if (results.length === 0) return "No intents were checked.";
  const rows = [...new Set(results.map((r) => axes(r).row))];
  const cols = [...new Set(results.map((r) => axes(r).col))];
  const broken = results.filter((r) => !r.ok).length;
  const head = `${broken === 0 ? "All" : `${broken} of`} ${results.length} intents ${broken === 0 ? "hold" : "are broken"}. R = required, F = forbidden; ✅ holds, ❌ broken.`;
  const matrix = [
    `| from \\ to | ${cols.map(cell).join(" | ")} |`,
    `|---|${cols.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${cell(row)} | ${cols.map((col) => results.filter((r) => axes(r).row === row && axes(r).col === col)
      .map((r) => `${r.expect === "required" ? "R" : "F"}${r.ok ? "✅" : "❌"}`).join(" ")).join(" | ")} |`),
  ].join("\n");
  const table = [
    "| | Intent | Result | Case | Deciding hop |",
    "|---|---|---|---|---|",
    ...results.map((r) => `| ${r.ok ? "✅" : "❌"} | ${cell(`${r.expect}: ${r.name}`)} | ${verdict(r)} | ${cell(r.detail)} | ${cell(r.culprit ? deciding(r) : r.hops.map((h) => h.name).join(" → "))} |`),
  ].join("\n");
  return `${head}\n\n${matrix}\n\n<details><summary>Every intent and its deciding hop</summary>\n\n${table}\n</details>`;
}
