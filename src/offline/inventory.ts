import type { IntentResult } from "../intents/types";

/** One resource as `pulumi up` would register it. */
export interface InventoryResource {
  readonly urn: string;
  /** The provider's registered type token, e.g. `gcp:compute/firewall:Firewall`. */
  readonly type: string;
  readonly name: string;
  /** Parent URN, absent for top-level resources. */
  readonly parent?: string;
  /** True for provider resources (custom), false for components. */
  readonly custom: boolean;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** URNs this resource depends on, sorted. */
  readonly dependencies: readonly string[];
  /** URN of the provider the resource is created with (custom resources only). */
  readonly provider?: string;
  /** Inputs with secrets as `"[secret]"` and unknowns as `"[unknown]"`, keys sorted. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Extra resource options worth reviewing (aliases, ignoreChanges, deleteBeforeReplace, …). */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** The policy outcome for one resource (or the whole stack). */
export interface Finding {
  readonly rule: string;
  /** `critical`, `high`, `medium` or `low`. */
  readonly severity: string;
  /** `mandatory` findings fail the plan; `advisory` ones are reported only. */
  readonly enforcement: "mandatory" | "advisory";
  /** The resource's URN, or the stack for stack-level rules. */
  readonly urn: string;
  readonly message: string;
  /** Set when the rule was turned off for this resource or stack, with the recorded reason. */
  readonly suppressed?: string;
}

/** What the offline plan produces: the DESIGN.md inventory shape. */
export interface Inventory {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly InventoryResource[];
  /** Stack outputs, secrets as `"[secret]"`. */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly findings: readonly Finding[];
  /** Intent results (docs/intents.md), when the plan checked intents. */
  readonly intents?: readonly IntentResult[];
}

/** Serialises an inventory the same way every time: sorted keys, two-space indent, trailing newline. */
export function inventoryToJson(inv: Inventory): string {
  return `${JSON.stringify(sortKeys(inv), null, 2)}\n`;
}

/** Deep copy with object keys sorted (arrays keep their order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Resources of a type token. */
export function resourcesOfType(inv: Inventory, type: string): InventoryResource[] {
  return inv.resources.filter((r) => r.type === type);
}

/** The resource with the given type and name; throws when there is none or several. */
export function findResource(inv: Inventory, type: string, name: string): InventoryResource {
  const found = inv.resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    const names = resourcesOfType(inv, type).map((r) => r.name).join(", ") || "none";
    throw new Error(`expected one ${type} named "${name}", found ${found.length} (names of that type: ${names})`);
  }
  return found[0]!;
}

/** The type token prefix of explicit provider resources (`pulumi:providers:gcp`). */
export const PROVIDER_PREFIX = "pulumi:providers:";

/** True for an explicit provider resource (`pulumi:providers:<package>`). */
export function isProvider(r: Pick<InventoryResource, "type">): boolean {
  return r.type.startsWith(PROVIDER_PREFIX);
}
