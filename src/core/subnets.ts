import { Cidr, contains, firstFree, nthBlock, overlaps, parseCidr } from "./cidr";
import { joinPath, Problems } from "./errors";
import { checkKey } from "./naming";

/** Whether a subnet faces the internet (public) or egresses only through NAT (private). */
export type Tier = "public" | "private";
export const TIERS: readonly Tier[] = ["public", "private"];

/**
 * The values `locationSlots` may take: a power of two (each carved subnet reserves that many
 * aligned blocks), at most 16 locations per VPC.
 */
export const LOCATION_SLOTS: readonly number[] = [1, 2, 4, 8, 16];
export const LOCATION_SLOTS_FIX = `use ${LOCATION_SLOTS.slice(0, -1).join(", ")} or ${LOCATION_SLOTS[LOCATION_SLOTS.length - 1]}`;

/** True when `n` is a valid `locationSlots` value. */
export function isLocationSlots(n: number): boolean {
  return LOCATION_SLOTS.includes(n);
}

/** One named subnet, instantiated once per location (GCP region or Alibaba zone). */
export interface SubnetRequest {
  /** Public or private. */
  readonly tier: Tier;
  /** Prefix length to carve from the pool (e.g. 24 for a /24). Give this or `cidrs`. */
  readonly size?: number;
  /** Explicit CIDR per location. Give this or `size`; it must name every location the subnet uses. */
  readonly cidrs?: Readonly<Record<string, string>>;
  /** Locations (regions or zones) this subnet spans. @default every location of the VPC */
  readonly locations?: readonly string[];
}

export interface SubnetPlanInput {
  /** The range subnets are carved from (the VPC range). */
  readonly pool: string;
  /** Locations in order; a location's index is its slot inside each carved group. */
  readonly locations: readonly string[];
  /**
   * Blocks reserved per carved subnet, one per location, so that adding a location later
   * never moves an existing block. A power of two, at least the number of locations.
   */
  readonly slots: number;
  /** Subnets in declaration order. Carving follows this order. */
  readonly subnets: Readonly<Record<string, SubnetRequest>>;
  /** Largest block the provider allows (smallest prefix length), e.g. 8 on GCP, 16 on Alibaba. */
  readonly minPrefix: number;
  /** Smallest block the provider allows (largest prefix length), e.g. 29. */
  readonly maxPrefix: number;
  /** Word for a location in messages: "region" or "zone". */
  readonly locationWord: string;
}

/** One subnet in one location, with its final CIDR. */
export interface PlannedSubnet {
  readonly name: string;
  readonly location: string;
  readonly tier: Tier;
  readonly cidr: string;
  /** True when the CIDR was carved from `size`, false when given explicitly. */
  readonly carved: boolean;
}

function log2Ceil(n: number): number {
  return Math.ceil(Math.log2(n));
}

/**
 * Turns named subnet requests into CIDRs, reporting every problem into `problems` under
 * `path` (the arg or config path of the `subnets` collection's parent).
 *
 * Carving is sequential in declaration order and first-fit: each subnet takes the first free
 * aligned group in the pool that nothing declared before it uses. A carved subnet reserves a
 * group of `slots` blocks and its block for a location is that location's slot, so appending a
 * subnet or a location never moves an existing block. Explicit CIDRs are checked for overlap
 * with everything else, never moved.
 */
export function planSubnets(input: SubnetPlanInput, path: string, problems: Problems): PlannedSubnet[] {
  const poolParse = parseCidr(input.pool);
  const poolPath = joinPath(path, "cidr");
  if (!poolParse.ok) {
    problems.add("LZ_CIDR_INVALID", poolPath, poolParse.reason, poolParse.fix);
    return [];
  }
  const pool = poolParse.cidr;
  const slotsPath = joinPath(path, "locationSlots");
  const slotBits = log2Ceil(Math.max(1, input.slots));
  if (!isLocationSlots(input.slots)) {
    problems.add("LZ_SLOTS_INVALID", slotsPath, `locationSlots ${input.slots} is not one of ${LOCATION_SLOTS.join(", ")}`,
      LOCATION_SLOTS_FIX);
    return [];
  }
  if (input.locations.length > input.slots) {
    problems.add("LZ_SLOTS_TOO_FEW", slotsPath,
      `${input.locations.length} ${input.locationWord}s do not fit in ${input.slots} location slots`,
      `raise locationSlots to ${2 ** log2Ceil(input.locations.length)} (this moves carved subnets: pin them with cidrs first)`);
    return [];
  }
  const planned: PlannedSubnet[] = [];
  const taken: { cidr: Cidr; label: string; path: string }[] = [];
  for (const [name, req] of Object.entries(input.subnets)) {
    const sPath = joinPath(joinPath(path, "subnets"), name);
    const locations = req.locations ?? input.locations;
    let ok = true;
    for (const loc of locations) {
      if (!input.locations.includes(loc)) {
        problems.add("LZ_UNKNOWN_LOCATION", joinPath(sPath, "locations"),
          `${input.locationWord} "${loc}" is not one of the VPC's ${input.locationWord}s (${input.locations.join(", ")})`,
          `add "${loc}" to the VPC's ${input.locationWord}s or remove it here`);
        ok = false;
      }
    }
    if (new Set(locations).size !== locations.length) {
      problems.add("LZ_DUPLICATE_LOCATION", joinPath(sPath, "locations"),
        `a ${input.locationWord} is listed twice`, `list each ${input.locationWord} once`);
      ok = false;
    }
    if ((req.size === undefined) === (req.cidrs === undefined)) {
      problems.add("LZ_SUBNET_RANGE_SPEC", sPath, "a subnet needs exactly one of size and cidrs",
        "give size (a prefix length to carve) or cidrs (one CIDR per location), not both");
      continue;
    }
    if (!ok) continue;
    if (req.size !== undefined) {
      const size = req.size;
      const sizePath = joinPath(sPath, "size");
      if (!Number.isInteger(size) || size < input.minPrefix || size > input.maxPrefix) {
        problems.add("LZ_SUBNET_SIZE", sizePath,
          `/${size} is outside the provider's limits (/${input.minPrefix} to /${input.maxPrefix})`,
          `use a prefix length from ${input.minPrefix} to ${input.maxPrefix}`);
        continue;
      }
      const groupPrefix = size - slotBits;
      if (groupPrefix < pool.prefix) {
        problems.add("LZ_SUBNET_TOO_LARGE", sizePath,
          `${input.slots} × /${size} (one per ${input.locationWord} slot) does not fit in ${pool.text}`,
          `use a smaller subnet (a larger prefix length than ${size}), fewer locationSlots or a larger VPC range`);
        continue;
      }
      const group = firstFree(pool, groupPrefix, taken.map((t) => t.cidr));
      if (!group) {
        problems.add("LZ_POOL_EXHAUSTED", sizePath,
          `no free /${groupPrefix} left in ${pool.text} for ${input.slots} × /${size} after the subnets declared before "${name}"`,
          "enlarge the VPC range, shrink this or earlier subnets, or lower locationSlots");
        continue;
      }
      taken.push({ cidr: group, label: `${name} (carved)`, path: sizePath });
      for (const loc of locations) {
        const block = nthBlock(group, size, input.locations.indexOf(loc));
        planned.push({ name, location: loc, tier: req.tier, cidr: block.text, carved: true });
      }
      continue;
    }
    const cidrs = req.cidrs!;
    const cidrsPath = joinPath(sPath, "cidrs");
    for (const loc of locations) {
      if (cidrs[loc] === undefined) {
        problems.add("LZ_SUBNET_CIDR_MISSING", cidrsPath, `no CIDR for ${input.locationWord} "${loc}"`,
          `add "${loc}: <cidr>" or drop "${loc}" from this subnet's locations`);
      }
    }
    for (const [loc, text] of Object.entries(cidrs)) {
      const cPath = joinPath(cidrsPath, loc);
      if (!locations.includes(loc)) {
        problems.add("LZ_SUBNET_CIDR_UNUSED", cPath, `${input.locationWord} "${loc}" is not used by this subnet`,
          `remove it, or add it to the subnet's locations`);
        continue;
      }
      const parsed = parseCidr(text);
      if (!parsed.ok) {
        problems.add("LZ_CIDR_INVALID", cPath, parsed.reason, parsed.fix);
        continue;
      }
      const c = parsed.cidr;
      if (c.prefix < input.minPrefix || c.prefix > input.maxPrefix) {
        problems.add("LZ_SUBNET_SIZE", cPath,
          `${c.text} is outside the provider's limits (/${input.minPrefix} to /${input.maxPrefix})`,
          `use a block from /${input.minPrefix} to /${input.maxPrefix}`);
        continue;
      }
      if (!contains(pool, c)) {
        problems.add("LZ_SUBNET_OUTSIDE_VPC", cPath, `${c.text} is not inside the VPC range ${pool.text}`,
          `choose a block inside ${pool.text}, or widen the VPC range`);
        continue;
      }
      taken.push({ cidr: c, label: `${name}/${loc}`, path: cPath });
      planned.push({ name, location: loc, tier: req.tier, cidr: c.text, carved: false });
    }
  }
  reportOverlaps(taken, problems);
  return planned;
}

/** Reports every overlapping pair among named blocks. */
export function reportOverlaps(blocks: readonly { cidr: Cidr; label: string; path: string }[], problems: Problems): void {
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const a = blocks[i]!;
      const b = blocks[j]!;
      if (overlaps(a.cidr, b.cidr)) {
        problems.add("LZ_CIDR_OVERLAP", b.path, `${b.cidr.text} (${b.label}) overlaps ${a.cidr.text} (${a.label}, ${a.path})`,
          "give each subnet its own range: change one of the CIDRs, or use size to carve a free block");
      }
    }
  }
}

/** Reports every block of `b` that overlaps a block of `a` (a and b are each checked elsewhere). */
export function reportCrossOverlaps(
  a: readonly { cidr: Cidr; label: string; path: string }[],
  b: readonly { cidr: Cidr; label: string; path: string }[],
  problems: Problems,
): void {
  for (const y of b) {
    for (const x of a) {
      if (overlaps(x.cidr, y.cidr)) {
        problems.add("LZ_CIDR_OVERLAP", y.path, `${y.cidr.text} (${y.label}) overlaps ${x.cidr.text} (${x.label}, ${x.path})`,
          "give each range its own block: change one of the CIDRs, or carve secondary ranges from a separate secondaryCidr");
      }
    }
  }
}

/** Checks each subnet key of a VPC's `subnets` (under `<path>.subnets`); returns the keys that failed. */
export function checkSubnetKeys(subnets: Readonly<Record<string, unknown>>, path: string, problems: Problems): Set<string> {
  const bad = new Set<string>();
  for (const key of Object.keys(subnets)) {
    const n = problems.items.length;
    checkKey(key, joinPath(joinPath(path, "subnets"), key), problems);
    if (problems.items.length > n) bad.add(key);
  }
  return bad;
}
