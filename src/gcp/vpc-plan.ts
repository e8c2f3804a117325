import type * as pulumi from "@pulumi/pulumi";
import { contains, isPrivate, mustParseCidr, parseCidr } from "../core/cidr";
import { joinPath, Problems, validated } from "../core/errors";
import { checkLabels } from "../core/labels";
import { checkGcpName, nameOf } from "../core/naming";
import { GCP_PRIVATE_APIS_RANGE, GCP_RESTRICTED_APIS_RANGE } from "../core/rules";
import { checkSubnetKeys, PlannedSubnet, planSubnets, reportCrossOverlaps, Tier } from "../core/subnets";

/** Smallest GCP IPv4 subnet range is /29; the largest we accept is /8. */
export const GCP_SUBNET_MIN_PREFIX = 8;
export const GCP_SUBNET_MAX_PREFIX = 29;

/** A secondary range of a subnet (for GKE pods and services), carved from `secondaryCidr` or given per region. */
export interface GcpSecondaryRangeArgs {
  /** Prefix length to carve from the VPC's `secondaryCidr`. Give this or `cidrs`. */
  readonly size?: number;
  /** Explicit CIDR per region. Give this or `size`. */
  readonly cidrs?: Readonly<Record<string, string>>;
}

/** One named subnet, created in each of its regions. */
export interface GcpSubnetArgs {
  /** `public` (VMs may hold external IPs) or `private` (egress only through Cloud NAT). */
  readonly tier: Tier;
  /** Prefix length to carve from the VPC range, e.g. 24. Give this or `cidrs`. */
  readonly size?: number;
  /** Explicit CIDR per region. Give this or `size`. */
  readonly cidrs?: Readonly<Record<string, string>>;
  /** Regions this subnet spans. @default all of the VPC's `regions` */
  readonly regions?: readonly string[];
  /** Secondary ranges by range name (RFC 1035), e.g. `{ pods: { size: 18 } }`. @default none */
  readonly secondaryRanges?: Readonly<Record<string, GcpSecondaryRangeArgs>>;
}

/** Flow-log settings applied to every subnet. */
export interface GcpFlowLogArgs {
  /** @default "INTERVAL_5_SEC" */
  readonly aggregationInterval?: "INTERVAL_5_SEC" | "INTERVAL_30_SEC" | "INTERVAL_1_MIN" | "INTERVAL_5_MIN" | "INTERVAL_10_MIN" | "INTERVAL_15_MIN";
  /** Share of flows sampled, 0 to 1. @default 0.5 */
  readonly flowSampling?: number;
  /** @default "INCLUDE_ALL_METADATA" */
  readonly metadata?: "INCLUDE_ALL_METADATA" | "EXCLUDE_ALL_METADATA";
}

/** Cloud NAT settings for the private subnets. */
export interface GcpNatArgs {
  /** Create Cloud Routers and NAT for regions with private subnets. @default true */
  readonly enabled?: boolean;
  /** Static external IPs per region (stable egress for allow-lists); 0 lets Google allocate. @default 0 */
  readonly staticIpsPerRegion?: number;
  /** NAT logging filter. @default "ERRORS_ONLY" */
  readonly logFilter?: "ERRORS_ONLY" | "TRANSLATIONS_ONLY" | "ALL";
  /** Minimum ports per VM, 2–65536. @default 64 */
  readonly minPortsPerVm?: number;
}

export interface GcpVpcArgs {
  /** Project that owns the network. Not needed for planning: may be another resource's output (a project created in the same stack). */
  readonly project: pulumi.Input<string>;
  /** The VPC's private range: every subnet is carved from or must lie in it. GCP networks have no range of their own; this one is the contract. */
  readonly cidr: string;
  /** Regions in order. A region's position is its slot in each carved subnet group: append new regions at the end. */
  readonly regions: readonly string[];
  /** Subnets by name, in carving order: append new subnets at the end, or pin them with `cidrs`. */
  readonly subnets: Readonly<Record<string, GcpSubnetArgs>>;
  /** Range that secondary ranges are carved from. Required when a secondary range uses `size`. @default none */
  readonly secondaryCidr?: string;
  /** Blocks reserved per carved subnet, one per region slot (power of two). @default 4 */
  readonly locationSlots?: number;
  /** Dynamic routing scope of Cloud Routers. @default "GLOBAL" */
  readonly routingMode?: "GLOBAL" | "REGIONAL";
  /** Network MTU, 1300–8896. @default 1460 */
  readonly mtu?: number;
  /** Subnet flow logs; always on. */
  readonly flowLogs?: GcpFlowLogArgs;
  /** Cloud NAT for private subnets. */
  readonly nat?: GcpNatArgs;
  /** Prefix of every child's GCP name. @default the component's name */
  readonly namePrefix?: string;
  /** Labels for children that take labels (static NAT addresses). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Allow a VPC range outside RFC 1918 (privately used public addresses). @default false */
  readonly allowPublicRange?: boolean;
  /**
   * How workloads reach Google APIs and Artifact Registry by name without external IPs:
   * `private` (private.googleapis.com, 199.36.153.8/30: every Google API) or `restricted`
   * (restricted.googleapis.com, 199.36.153.4/30: only APIs VPC Service Controls supports) creates
   * private Cloud DNS zones `googleapis.com.` and `pkg.dev.` visible to this network that resolve
   * to the VIP, and a route to the VIP through the default internet gateway (so the path does
   * not depend on the default route); `off` creates neither. Needs the Cloud DNS API
   * (`dns.googleapis.com`). @default "private"
   */
  readonly googleApisAccess?: GcpGoogleApisAccess;
}

export type GcpGoogleApisAccess = "private" | "restricted" | "off";

/** The Private Google Access VIPs: DNS name, range and its four addresses. */
export const GCP_GOOGLE_APIS_VIPS: Readonly<Record<Exclude<GcpGoogleApisAccess, "off">, { readonly host: string; readonly range: string; readonly addresses: readonly string[] }>> = {
  private: { host: "private.googleapis.com.", range: GCP_PRIVATE_APIS_RANGE, addresses: ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"] },
  restricted: { host: "restricted.googleapis.com.", range: GCP_RESTRICTED_APIS_RANGE, addresses: ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"] },
};

/** One record of a private zone. */
export interface GcpDnsRecordPlan {
  /** Logical (Pulumi) name of the record set. */
  readonly key: string;
  readonly name: string;
  readonly type: "A" | "CNAME";
  readonly rrdatas: readonly string[];
}

/** One private Cloud DNS zone. */
export interface GcpDnsZonePlan {
  /** `googleapis` or `pkg-dev`. */
  readonly key: string;
  readonly name: string;
  readonly dnsName: string;
  readonly description: string;
  readonly records: readonly GcpDnsRecordPlan[];
}

/** Private DNS and the VIP route of `googleApisAccess`. */
export interface GcpGoogleApisPlan {
  readonly access: Exclude<GcpGoogleApisAccess, "off">;
  readonly zones: readonly GcpDnsZonePlan[];
  readonly route: { readonly name: string; readonly destRange: string };
}

/** Record TTL of the Google APIs zones (seconds). */
export const GCP_GOOGLE_APIS_TTL = 300;

/** The zones and route that make Google APIs (`*.googleapis.com`) and Artifact Registry (`*.pkg.dev`) resolve to the VIP. */
export function planGoogleApis(prefix: string, access: Exclude<GcpGoogleApisAccess, "off">): GcpGoogleApisPlan {
  const vip = GCP_GOOGLE_APIS_VIPS[access];
  const zone = (key: string, dnsName: string, what: string, records: { key: string; name: string; type: "A" | "CNAME"; rrdatas: readonly string[] }[]): GcpDnsZonePlan => {
    const name = nameOf(prefix, key);
    return { key, name, dnsName, description: `${what} through ${vip.host.slice(0, -1)} (private)`, records: records.map((r) => ({ ...r, key: nameOf(name, r.key) })) };
  };
  return {
    access,
    zones: [
      zone("googleapis", "googleapis.com.", "Google APIs", [
        { key: "vip", name: vip.host, type: "A", rrdatas: vip.addresses },
        { key: "wildcard", name: "*.googleapis.com.", type: "CNAME", rrdatas: [vip.host] },
      ]),
      zone("pkg-dev", "pkg.dev.", "Artifact Registry", [
        { key: "vip", name: "pkg.dev.", type: "A", rrdatas: vip.addresses },
        { key: "wildcard", name: "*.pkg.dev.", type: "CNAME", rrdatas: ["pkg.dev."] },
      ]),
    ],
    route: { name: nameOf(prefix, access, "googleapis"), destRange: vip.range },
  };
}

/** A created subnet, keyed `<name>-<region>` in `GcpVpc.subnets`. */
export interface GcpSubnetInfo {
  readonly name: string;
  readonly region: string;
  readonly tier: Tier;
  readonly cidr: string;
  readonly secondaryRanges: Record<string, string>;
}

/** Everything `GcpVpc` will create, computed from its args without touching Pulumi. */
export interface GcpVpcPlan {
  readonly prefix: string;
  readonly subnets: readonly (PlannedSubnet & { readonly gcpName: string; readonly secondaryRanges: Record<string, string> })[];
  readonly natRegions: readonly string[];
  /** Private DNS and route for Google APIs, absent when `googleApisAccess` is `off`. */
  readonly googleApis?: GcpGoogleApisPlan;
}

export const GCP_VPC_DEFAULTS = {
  locationSlots: 4,
  routingMode: "GLOBAL",
  mtu: 1460,
  flowLogs: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
  nat: { enabled: true, staticIpsPerRegion: 0, logFilter: "ERRORS_ONLY", minPortsPerVm: 64 },
  googleApisAccess: "private",
} as const;

/**
 * Validates `GcpVpc` args and computes its plan. Every problem is reported into `problems`
 * under `path`; the plan is only meaningful when no problem was added. Exported for tests
 * and for the config loader, which validates a whole environment before creating anything.
 */
export function planGcpVpc(name: string, args: GcpVpcArgs, path: string, problems: Problems): GcpVpcPlan {
  const prefix = args.namePrefix ?? name;
  const before = problems.items.length;
  checkGcpName(prefix, joinPath(path, "namePrefix"), problems, "name prefix");
  // Derived names are only checked when their parts are valid, so one bad part is one problem.
  const prefixOk = problems.items.length === before;
  const pool = parseCidr(args.cidr);
  if (pool.ok && !isPrivate(pool.cidr) && args.allowPublicRange !== true) {
    problems.add("LZ_RANGE_NOT_PRIVATE", joinPath(path, "cidr"), `${args.cidr} is outside the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16`,
      "use a private range, or set allowPublicRange: true if you use privately routed public addresses on purpose");
  }
  if (args.regions.length === 0) {
    problems.add("LZ_NO_LOCATIONS", joinPath(path, "regions"), "no region is given", "list at least one region, e.g. [europe-west1]");
  }
  if (new Set(args.regions).size !== args.regions.length) {
    problems.add("LZ_DUPLICATE_LOCATION", joinPath(path, "regions"), "a region is listed twice", "list each region once");
  }
  const mtu = args.mtu ?? GCP_VPC_DEFAULTS.mtu;
  if (!Number.isInteger(mtu) || mtu < 1300 || mtu > 8896) {
    problems.add("LZ_MTU", joinPath(path, "mtu"), `MTU ${mtu} is outside 1300–8896`, "use 1460 (the default) or a value from 1300 to 8896");
  }
  const sampling = args.flowLogs?.flowSampling ?? GCP_VPC_DEFAULTS.flowLogs.flowSampling;
  if (!(sampling > 0 && sampling <= 1)) {
    problems.add("LZ_FLOW_SAMPLING", joinPath(path, "flowLogs.flowSampling"), `flow sampling ${sampling} is outside (0, 1]`,
      "use a share above 0 and at most 1, e.g. 0.5");
  }
  const staticIps = args.nat?.staticIpsPerRegion ?? 0;
  const staticIpsOk = Number.isInteger(staticIps) && staticIps >= 0 && staticIps <= 16;
  if (!staticIpsOk) {
    problems.add("LZ_NAT_IPS", joinPath(path, "nat.staticIpsPerRegion"), `${staticIps} static NAT IPs per region is not allowed`,
      "use a whole number from 0 (auto-allocated) to 16");
  }
  const minPorts = args.nat?.minPortsPerVm ?? GCP_VPC_DEFAULTS.nat.minPortsPerVm;
  if (!Number.isInteger(minPorts) || minPorts < 2 || minPorts > 65536) {
    problems.add("LZ_NAT_PORTS", joinPath(path, "nat.minPortsPerVm"), `${minPorts} minimum ports per VM is outside 2–65536`,
      "use a whole number from 2 to 65536, e.g. 64 (the default)");
  }
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);
  const badKeys = checkSubnetKeys(args.subnets, path, problems);

  const primaries = planSubnets({
    pool: args.cidr,
    locations: args.regions,
    slots: args.locationSlots ?? GCP_VPC_DEFAULTS.locationSlots,
    subnets: Object.fromEntries(Object.entries(args.subnets).map(([k, s]) => [k, { tier: s.tier, size: s.size, cidrs: s.cidrs, locations: s.regions }])),
    minPrefix: GCP_SUBNET_MIN_PREFIX,
    maxPrefix: GCP_SUBNET_MAX_PREFIX,
    locationWord: "region",
  }, path, problems);

  // Secondary ranges: one carving over `secondaryCidr`, keyed "<subnet>/<range>".
  const secondaryRequests: Record<string, { tier: Tier; size?: number; cidrs?: Record<string, string>; locations?: readonly string[] }> = {};
  for (const [subnet, s] of Object.entries(args.subnets)) {
    for (const [range, r] of Object.entries(s.secondaryRanges ?? {})) {
      checkGcpName(range, joinPath(joinPath(joinPath(joinPath(path, "subnets"), subnet), "secondaryRanges"), range), problems, "secondary range name");
      secondaryRequests[`${subnet}.secondaryRanges.${range}`] = { tier: s.tier, size: r.size, cidrs: r.cidrs, locations: s.regions };
    }
  }
  let secondaries: PlannedSubnet[] = [];
  if (Object.keys(secondaryRequests).length > 0) {
    const needsPool = Object.values(secondaryRequests).some((r) => r.size !== undefined);
    if (needsPool && args.secondaryCidr === undefined) {
      problems.add("LZ_SECONDARY_POOL_MISSING", joinPath(path, "secondaryCidr"), "a secondary range uses size but no secondaryCidr is given to carve it from",
        "set secondaryCidr (e.g. 100.64.0.0/16 or a private block outside the VPC range), or give the secondary range cidrs");
    } else {
      secondaries = planSubnets({
        pool: args.secondaryCidr ?? args.cidr,
        locations: args.regions,
        slots: args.locationSlots ?? GCP_VPC_DEFAULTS.locationSlots,
        subnets: secondaryRequests,
        minPrefix: GCP_SUBNET_MIN_PREFIX,
        maxPrefix: GCP_SUBNET_MAX_PREFIX,
        locationWord: "region",
      }, args.secondaryCidr === undefined ? path : joinPath(path, "secondary"), problems);
    }
    const secondaryPool = args.secondaryCidr === undefined ? undefined : parseCidr(args.secondaryCidr);
    if (secondaryPool?.ok && pool.ok && contains(pool.cidr, secondaryPool.cidr) && needsPool) {
      problems.add("LZ_SECONDARY_POOL_OVERLAP", joinPath(path, "secondaryCidr"), `${args.secondaryCidr} lies inside the VPC range ${args.cidr}`,
        "use a separate block for secondary ranges so they cannot collide with carved subnets");
    }
  }
  // Every primary and secondary range of the network must be disjoint.
  const block = (s: PlannedSubnet) => ({ cidr: mustParseCidr(s.cidr), label: `${s.name}/${s.location}`, path: joinPath(joinPath(path, "subnets"), s.name.split(".")[0]!) });
  reportCrossOverlaps(primaries.map(block), secondaries.map(block), problems);
  const subnets = primaries.map((s) => {
    const gcpName = nameOf(prefix, s.name, s.location);
    if (prefixOk && !badKeys.has(s.name)) checkGcpName(gcpName, joinPath(joinPath(path, "subnets"), s.name), problems, "subnet name");
    const secondaryRanges: Record<string, string> = {};
    for (const sec of secondaries) {
      const [subnet, , range] = sec.name.split(".");
      if (subnet === s.name && sec.location === s.location) secondaryRanges[range!] = sec.cidr;
    }
    return { ...s, gcpName, secondaryRanges };
  });
  const natEnabled = args.nat?.enabled ?? GCP_VPC_DEFAULTS.nat.enabled;
  const natRegions = natEnabled ? args.regions.filter((r) => subnets.some((s) => s.location === r && s.tier === "private")) : [];
  for (const region of prefixOk ? natRegions : []) {
    const n = problems.items.length;
    checkGcpName(nameOf(prefix, "nat", region), joinPath(path, "nat"), problems, "NAT router name");
    // Static addresses add "-<i>" to the router's name; the last one is the longest. A router name too long already says it.
    if (problems.items.length === n && staticIpsOk && staticIps > 0) {
      checkGcpName(nameOf(prefix, "nat", region, String(staticIps - 1)), joinPath(path, "nat.staticIpsPerRegion"), problems, "NAT address name");
    }
  }
  const access = args.googleApisAccess ?? GCP_VPC_DEFAULTS.googleApisAccess;
  if (!["private", "restricted", "off"].includes(access)) {
    problems.add("LZ_GOOGLE_APIS_ACCESS", joinPath(path, "googleApisAccess"), `"${access}" is not a Google APIs access mode`,
      "use private (every Google API), restricted (VPC Service Controls APIs only) or off");
  }
  const googleApis = access === "private" || access === "restricted" ? planGoogleApis(prefix, access) : undefined;
  if (googleApis && prefixOk) {
    for (const n of [...googleApis.zones.map((z) => z.name), googleApis.route.name]) checkGcpName(n, joinPath(path, "googleApisAccess"), problems, "Google APIs zone or route name");
  }
  if (problems.items.length > before) return { prefix, subnets: [], natRegions: [] };
  return { prefix, subnets, natRegions, ...(googleApis ? { googleApis } : {}) };
}

/** Plans `GcpVpc` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedGcpVpc(name: string, args: GcpVpcArgs): GcpVpcPlan {
  return validated("GcpVpc", planGcpVpc, name, args);
}
