import { networkOf, parseCidr, type Cidr } from "../core/cidr";
import { coversPort, parseProviderPortRange } from "../core/ports";
import type { Inventory, InventoryResource } from "../offline/inventory";
import { mockOutputs } from "../offline/mock-outputs";
import type { Hop } from "./types";

/** One packet of a connection: protocol, destination port and the two addresses. */
export interface Flow {
  readonly protocol: "tcp" | "udp" | "icmp";
  readonly port: number;
  readonly src: number;
  readonly dst: number;
}

/** The unsigned 32-bit value of a dotted quad, or undefined. */
export function ipValue(text: string): number | undefined {
  const p = parseCidr(`${text}/32`);
  return p.ok ? p.cidr.start : undefined;
}

const parsedCidrs = new Map<string, Cidr | undefined>();

/**
 * A CIDR (or a bare address) parsed, or undefined when it is not IPv4. Memoised: the checker
 * asks for the same rule and route ranges once per flow and hop.
 */
export function cidrValue(text: unknown): Cidr | undefined {
  if (typeof text !== "string") return undefined;
  if (!parsedCidrs.has(text)) parsedCidrs.set(text, parseLenient(text));
  return parsedCidrs.get(text);
}

/** A bare address as its /32, else the block of `a.b.c.d/n` (provider inputs may carry host bits). */
function parseLenient(text: string): Cidr | undefined {
  return networkOf(text.includes("/") ? text : `${text}/32`);
}

/** Whether the address lies in the block. */
export function inBlock(ip: number, c: Cidr): boolean {
  return c.start <= ip && ip <= c.end;
}

/** Whether the address lies in the range a provider value (CIDR or bare address) names; false when it names none. */
export function inCidr(ip: number, cidr: unknown): boolean {
  const c = cidrValue(cidr);
  return c !== undefined && inBlock(ip, c);
}

/**
 * The address a flow to or from a range is checked with: the address itself for a /32, else the
 * first address after the network address.
 */
export function hostOf(cidr: string): number {
  const c = cidrValue(cidr)!;
  return c.prefix === 32 ? c.start : c.start + 1;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { "6": "tcp", "17": "udp", "1": "icmp" };

/** Whether a rule's protocol (`tcp`, `6`, `all`, `-1`, …) covers the flow's. */
export function protocolMatches(ruleProtocol: unknown, flow: Pick<Flow, "protocol">): boolean {
  if (ruleProtocol === undefined) return true;
  const p = String(ruleProtocol).toLowerCase();
  if (p === "all" || p === "-1") return true;
  return (PROTOCOL_NUMBERS[p] ?? p) === flow.protocol;
}

/** Whether a provider port text (`"22"`, `"8000-8099"`, `"22/22"`, `"-1/-1"`) covers `port`; icmp has no ports. */
export function portMatches(text: unknown, flow: Pick<Flow, "protocol" | "port">): boolean {
  if (flow.protocol === "icmp") return true;
  const r = parseProviderPortRange(text === undefined ? undefined : String(text));
  return r.ok && coversPort(r.range, flow.port);
}

/** The last path segment of a self link or id (`projects/p/global/networks/core` → `core`). */
export function lastSegment(ref: unknown): string {
  return typeof ref === "string" ? ref.split("/").pop() ?? ref : "";
}

/**
 * The inventory with look-ups the checker needs: by type, and by the id or output value other
 * resources use to refer to a resource (offline, the mock runtime's ids and outputs).
 */
export class Index {
  private readonly byType = new Map<string, InventoryResource[]>();
  private readonly byRef = new Map<string, InventoryResource>();
  /** The mock runtime's id and outputs per resource, computed once here rather than per look-up. */
  private readonly mocked = new Map<InventoryResource, ReturnType<typeof mockOutputs>>();

  constructor(readonly inventory: Inventory) {
    for (const r of inventory.resources) {
      if (!r.custom) continue;
      const list = this.byType.get(r.type) ?? [];
      list.push(r);
      this.byType.set(r.type, list);
      const mocked = mockOutputs(r.type, r.name, r.inputs as Record<string, unknown>);
      this.mocked.set(r, mocked);
      const { id, outputs } = mocked;
      for (const v of [id, ...Object.values(outputs ?? {})]) {
        if (typeof v === "string" && v !== "" && !this.byRef.has(v)) this.byRef.set(v, r);
      }
    }
  }

  of(type: string): readonly InventoryResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resource an id (or id-like output such as a system route table id) belongs to. */
  ref(value: unknown): InventoryResource | undefined {
    return typeof value === "string" ? this.byRef.get(value) : undefined;
  }

  /** The id the resource is referred to by. */
  idOf(r: InventoryResource): string {
    return this.mock(r).id;
  }

  /** An output value of the resource (offline, from the mock runtime). */
  outputOf(r: InventoryResource, key: string): unknown {
    return this.mock(r).outputs?.[key];
  }

  private mock(r: InventoryResource): ReturnType<typeof mockOutputs> {
    return this.mocked.get(r) ?? mockOutputs(r.type, r.name, r.inputs as Record<string, unknown>);
  }
}

export function input<T = unknown>(r: InventoryResource, key: string): T | undefined {
  return r.inputs[key] as T | undefined;
}

export function list<T = unknown>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function hop(kind: string, verdict: Hop["verdict"], name: string, detail: string, urn?: string): Hop {
  return { kind, verdict, name, detail, ...(urn !== undefined ? { urn } : {}) };
}

/** The provider-side name of a resource (its `name`-like input) or its Pulumi name. */
export function nameOf(r: InventoryResource): string {
  for (const k of ["name", "securityGroupName", "vswitchName", "routeTableName", "networkAclName", "policyName", "roleName", "vpnConnectionName", "natGatewayName", "snatEntryName"]) {
    const v = r.inputs[k];
    if (typeof v === "string") return v;
  }
  return r.name;
}
