import { type Inventory, sortKeys } from "./inventory";

/** Where the full-plan goldens live, relative to the repository root: `<dir>/<stack>.json`. */
export const PLAN_GOLDEN_DIR = "test/plan-golden";

/**
 * A stack's full plan as it is reviewed in pull requests: every resource sorted by URN with its
 * inputs (secrets masked as the harness masks them), options, parent, provider and dependencies,
 * and the stack outputs; object keys sorted, 2-space JSON with a final newline. Policy findings
 * are left out (the policy tests own them). A changed default shows as a diff of this text.
 */
export function planGoldenText(inv: Inventory): string {
  // Dependencies are already sorted in the inventory (`InventoryResource.dependencies`).
  const resources = [...inv.resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return `${JSON.stringify(sortKeys({ project: inv.project, stack: inv.stack, resources, outputs: inv.outputs }), null, 2)}\n`;
}
