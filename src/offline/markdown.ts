import type { Inventory } from "./inventory";

/** Renders a plan as a Markdown report for a pull request. */
export function renderMarkdown(inv: Inventory): string {
  return `# Landing zone plan: ${inv.stack}\n\n${inv.resources.length} resources.\n`;
}
