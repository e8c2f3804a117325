import { isPrivate, parseCidr } from "../core/cidr";
import { joinPath, Problems, validated } from "../core/errors";
import { checkAlicloudName, nameOf } from "../core/naming";
import { checkSubnetKeys, PlannedSubnet, planSubnets, Tier } from "../core/subnets";
import { checkAlicloudTags } from "./tags";

/** Alibaba vSwitches are /16 to /29. */
export const ALICLOUD_VSWITCH_MIN_PREFIX = 16;
export const ALICLOUD_VSWITCH_MAX_PREFIX = 29;
/** Alibaba VPC ranges are /8 to /28. */
export const ALICLOUD_VPC_MIN_PREFIX = 8;
export const ALICLOUD_VPC_MAX_PREFIX = 28;
/** Peak bandwidth of a PayAsYouGo + PayByTraffic EIP (the NAT EIP's billing), Mbit/s. */
export const ALICLOUD_EIP_MAX_BANDWIDTH = 200;

/** One named subnet tier, created as one vSwitch in each of its zones. */
export interface AlicloudSubnetArgs {
  /** `public` (instances reach the internet through their own EIPs) or `private` (egress through the NAT gateway only). */
  readonly tier: Tier;
  /** Prefix length to carve from the VPC range, 16–29. Give this or `cidrs`. */
  readonly size?: number;
  /** Explicit CIDR per zone. Give this or `size`. */
  readonly cidrs?: Readonly<Record<string, string>>;
  /** Zones this subnet spans. @default all of the VPC's `zones` */
  readonly zones?: readonly string[];
}

/** NAT gateway settings for the private vSwitches. */
export interface AlicloudNatArgs {
  /** Create an Enhanced NAT gateway with an EIP and SNAT entries for private vSwitches. @default true */
  readonly enabled?: boolean;
  /** Peak bandwidth of the NAT EIP in Mbit/s, 1–200 (the pay-by-traffic limit). @default 100 */
  readonly eipBandwidth?: number;
  /** Public subnet whose first zone hosts the NAT gateway. @default the first public subnet, else the first subnet */
  readonly subnet?: string;
}

export interface AlicloudVpcArgs {
  /** The VPC range, /8 to /28, private unless `allowPublicRange`. */
  readonly cidr: string;
  /** Zones in order. A zone's position is its slot in each carved subnet group: append new zones at the end. */
  readonly zones: readonly string[];
  /** Subnets by name, in carving order: append new subnets at the end, or pin them with `cidrs`. */
  readonly subnets: Readonly<Record<string, AlicloudSubnetArgs>>;
  /** Blocks reserved per carved subnet, one per zone slot (power of two). @default 4 */
  readonly locationSlots?: number;
  /** NAT for private vSwitches. */
  readonly nat?: AlicloudNatArgs;
  /** Prefix of every child's name. @default the component's name */
  readonly namePrefix?: string;
  /** Tags for every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Resource group for the VPC. @default the account's default group */
  readonly resourceGroupId?: string;
  /** Turn on deletion protection of the NAT gateway and its EIP. @default false */
  readonly deletionProtection?: boolean;
  /** Allow a VPC range outside RFC 1918. @default false */
  readonly allowPublicRange?: boolean;
}

/** A created vSwitch, keyed `<name>-<zone>` in `AlicloudVpc.subnets`. */
export interface AlicloudSubnetInfo {
  readonly name: string;
  readonly zone: string;
  readonly tier: Tier;
  readonly cidr: string;
}

/** Everything `AlicloudVpc` will create, computed from its args. */
export interface AlicloudVpcPlan {
  readonly prefix: string;
  readonly subnets: readonly (PlannedSubnet & { readonly aliName: string })[];
  /** Key (`<name>-<zone>`) of the vSwitch hosting the NAT gateway, when NAT is on. */
  readonly natSwitch?: string;
}

export const ALICLOUD_VPC_DEFAULTS = {
  locationSlots: 4,
  nat: { enabled: true, eipBandwidth: 100 },
} as const;

/** The SNAT entry name of a private vSwitch: `<prefix>-nat-<subnet>-<zone>`. (Internal: shared with the component class, not public API.) @internal */
export function snatEntryName(prefix: string, s: PlannedSubnet): string {
  return nameOf(prefix, "nat", s.name, s.location);
}

/** Validates `AlicloudVpc` args and computes its plan; see `planGcpVpc` for the contract. */
export function planAlicloudVpc(name: string, args: AlicloudVpcArgs, path: string, problems: Problems): AlicloudVpcPlan {
  const prefix = args.namePrefix ?? name;
  const before = problems.items.length;
  checkAlicloudName(prefix, joinPath(path, "namePrefix"), problems, 2, 100, "name prefix");
  // Derived names are only checked when their parts are valid, so one bad part is one problem.
  const prefixOk = problems.items.length === before;
  const pool = parseCidr(args.cidr);
  if (pool.ok) {
    if (pool.cidr.prefix < ALICLOUD_VPC_MIN_PREFIX || pool.cidr.prefix > ALICLOUD_VPC_MAX_PREFIX) {
      problems.add("LZ_VPC_SIZE", joinPath(path, "cidr"), `${args.cidr} is outside Alibaba's VPC limits (/8 to /28)`,
        "use a VPC range from /8 to /28, e.g. 10.20.0.0/16");
    }
    if (!isPrivate(pool.cidr) && args.allowPublicRange !== true) {
      problems.add("LZ_RANGE_NOT_PRIVATE", joinPath(path, "cidr"), `${args.cidr} is outside the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16`,
        "use a private range, or set allowPublicRange: true if you route public addresses privately on purpose");
    }
  }
  if (args.zones.length === 0) {
    problems.add("LZ_NO_LOCATIONS", joinPath(path, "zones"), "no zone is given", "list at least one zone, e.g. [cn-hangzhou-i]");
  }
  if (new Set(args.zones).size !== args.zones.length) {
    problems.add("LZ_DUPLICATE_LOCATION", joinPath(path, "zones"), "a zone is listed twice", "list each zone once");
  }
  const bw = args.nat?.eipBandwidth ?? ALICLOUD_VPC_DEFAULTS.nat.eipBandwidth;
  if (!Number.isInteger(bw) || bw < 1 || bw > ALICLOUD_EIP_MAX_BANDWIDTH) {
    problems.add("LZ_EIP_BANDWIDTH", joinPath(path, "nat.eipBandwidth"), `EIP bandwidth ${bw} Mbit/s is outside 1–${ALICLOUD_EIP_MAX_BANDWIDTH} (pay-by-traffic EIPs)`,
      "use a whole number of Mbit/s, e.g. 100");
  }
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);
  const badKeys = checkSubnetKeys(args.subnets, path, problems);

  const planned = planSubnets({
    pool: args.cidr,
    locations: args.zones,
    slots: args.locationSlots ?? ALICLOUD_VPC_DEFAULTS.locationSlots,
    subnets: Object.fromEntries(Object.entries(args.subnets).map(([k, s]) => [k, { tier: s.tier, size: s.size, cidrs: s.cidrs, locations: s.zones }])),
    minPrefix: ALICLOUD_VSWITCH_MIN_PREFIX,
    maxPrefix: ALICLOUD_VSWITCH_MAX_PREFIX,
    locationWord: "zone",
  }, path, problems);
  const natEnabled = (args.nat?.enabled ?? ALICLOUD_VPC_DEFAULTS.nat.enabled) && planned.some((s) => s.tier === "private");
  const subnets = planned.map((s) => {
    const aliName = nameOf(prefix, s.name, s.location);
    const at = joinPath(joinPath(path, "subnets"), s.name);
    if (prefixOk && !badKeys.has(s.name)) {
      checkAlicloudName(aliName, at, problems, 1, 128, "vSwitch name");
      if (natEnabled && s.tier === "private") checkAlicloudName(snatEntryName(prefix, s), at, problems, 2, 128, "SNAT entry name");
    }
    return { ...s, aliName };
  });

  let natSwitch: string | undefined;
  if (natEnabled) {
    const wanted = args.nat?.subnet;
    if (wanted !== undefined && args.subnets[wanted] === undefined) {
      problems.add("LZ_UNKNOWN_SUBNET", joinPath(path, "nat.subnet"), `subnet "${wanted}" does not exist`,
        `use one of: ${Object.keys(args.subnets).join(", ")}`);
    }
    const host = subnets.find((s) => s.name === wanted) ?? subnets.find((s) => s.tier === "public") ?? subnets[0];
    natSwitch = host ? `${host.name}-${host.location}` : undefined;
  }
  if (problems.items.length > before) return { prefix, subnets: [] };
  return { prefix, subnets, natSwitch };
}

/** Plans `AlicloudVpc` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedAlicloudVpc(name: string, args: AlicloudVpcArgs): AlicloudVpcPlan {
  return validated("AlicloudVpc", planAlicloudVpc, name, args);
}
