import type { Finding, InventoryResource } from "../offline/inventory";

/** Options of a policy evaluation. */
export interface EvaluateOptions {
  /** Stack name, for stack-level findings. */
  readonly stack?: string;
}

/** Evaluates the landing zone's policy rules over an inventory's resources. */
export function evaluatePolicies(_resources: readonly InventoryResource[], _opts: EvaluateOptions = {}): Finding[] {
  return [];
}
