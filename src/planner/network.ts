import { AlicloudVpcArgs, AlicloudVpcPlan, planAlicloudVpc } from "../alicloud/vpc-plan";
import { keyPath } from "../config/issues";
import { alicloudConfig, environmentConfig, gcpConfig } from "../config/schema";
import type { EnvironmentSpec } from "../config/spec";
import type { ReservedRange } from "../core/bgp";
import { mustParseCidr, overlaps, parseCidr } from "../core/cidr";
import type { Problems } from "../core/errors";
import { GcpGoogleApisAccess, GcpVpcArgs, GcpVpcPlan, planGcpVpc } from "../gcp/vpc-plan";
import { checkAlicloudAccount } from "../alicloud/account";
import { corePrefix, environmentLabels } from "./names";
import { Planned, planStep } from "./step";

/** The network area's plan: each enabled cloud's VPC. */
export interface NetworkPlan {
  readonly gcp?: Planned<GcpVpcArgs, GcpVpcPlan>;
  readonly alicloud?: Planned<AlicloudVpcArgs, AlicloudVpcPlan>;
  /** Whether each VPC planned without a problem (later areas place things on its subnets only then). */
  readonly clean: { readonly gcp: boolean; readonly alicloud: boolean };
}

/** `GcpVpcArgs` from `landing-zone:gcp` (the spec must have a gcp section). */
export function gcpVpcArgs(spec: EnvironmentSpec): GcpVpcArgs {
  const gcp = spec.gcp!;
  const n = gcp.network;
  return {
    project: gcp.project,
    cidr: n.cidr,
    regions: gcp.regions,
    secondaryCidr: n.secondaryCidr,
    locationSlots: n.locationSlots,
    routingMode: n.routingMode,
    mtu: n.mtu,
    flowLogs: n.flowLogs,
    nat: n.nat,
    allowPublicRange: n.allowPublicRange,
    googleApisAccess: gcpGoogleApisAccess(spec),
    labels: environmentLabels(spec),
    subnets: n.subnets,
  };
}

/** How the GCP VPC reaches Google APIs by name: `gcp.network.googleApisAccess`, else `restricted` in production and `private` elsewhere. */
export function gcpGoogleApisAccess(spec: EnvironmentSpec): GcpGoogleApisAccess {
  return spec.gcp?.network.googleApisAccess ?? (spec.production ? "restricted" : "private");
}

/** `AlicloudVpcArgs` from `landing-zone:alicloud` (the spec must have an alicloud section). */
export function alicloudVpcArgs(spec: EnvironmentSpec): AlicloudVpcArgs {
  const ali = spec.alicloud!;
  const v = ali.vpc;
  return {
    cidr: v.cidr,
    zones: ali.zones,
    locationSlots: v.locationSlots,
    allowPublicRange: v.allowPublicRange,
    resourceGroupId: v.resourceGroupId,
    nat: v.nat,
    deletionProtection: spec.production,
    tags: environmentLabels(spec),
    subnets: v.subnets,
  };
}

/** The environment's VPC ranges with their config key paths. */
export function cloudRanges(spec: EnvironmentSpec): ReservedRange[] {
  const out: ReservedRange[] = [];
  const add = (cidr: string | undefined, path: readonly string[]) => {
    if (cidr !== undefined) out.push({ cidr, path: keyPath(path) });
  };
  add(spec.gcp?.network.cidr, ["gcp", "network", "cidr"]);
  add(spec.gcp?.network.secondaryCidr, ["gcp", "network", "secondaryCidr"]);
  add(spec.alicloud?.vpc.cidr, ["alicloud", "vpc", "cidr"]);
  return out;
}

/** The environment's VPC ranges with their config paths (only ranges that parse: the VPC plans report the others). */
export function vpcRanges(spec: EnvironmentSpec): { cidr: string; path: string }[] {
  return cloudRanges(spec).filter((r) => parseCidr(r.cidr).ok);
}

/**
 * Locations belong to the environment's region: every Alibaba zone (of the VPC and of each
 * subnet) starts with `landing-zone:alicloud.region` (zone `cn-hangzhou-i` in region
 * `cn-hangzhou`). (A GCP zone given as a region is a format problem of the schema.)
 */
export function checkLocations(spec: EnvironmentSpec, problems: Problems): void {
  const ali = spec.alicloud;
  if (ali) {
    const inRegion = (zone: string, path: readonly (string | number)[]) => {
      if (!zone.startsWith(`${ali.region}-`)) {
        problems.add("LZ_ZONE_REGION", keyPath(path), `zone "${zone}" is not in region ${ali.region}`,
          `use a zone of ${ali.region} (e.g. ${ali.region}-i), or set landing-zone:alicloud.region to the zone's region`);
      }
    };
    ali.zones.forEach((z, i) => inRegion(z, ["alicloud", "zones", i]));
    for (const [name, subnet] of Object.entries(ali.vpc.subnets)) subnet.zones?.forEach((z, i) => inRegion(z, ["alicloud", "vpc", "subnets", name, "zones", i]));
  }
}

/**
 * Plans each cloud's VPC once (labels are checked under `landing-zone:labels`), then checks that
 * the VPC ranges of both clouds are disjoint.
 */
export function planNetwork(spec: EnvironmentSpec, problems: Problems): NetworkPlan {
  checkLocations(spec, problems);
  // Each VPC is clean when its own planner reported nothing (an Alibaba zone outside its region does not stop the GCP firewall).
  const before = problems.items.length;
  const gcp = spec.gcp ? planStep(planGcpVpc, corePrefix(spec), gcpVpcArgs(spec), keyPath(["gcp", "network"]), problems, { labels: undefined }) : undefined;
  const mid = problems.items.length;
  const alicloud = spec.alicloud
    ? planStep(planAlicloudVpc, corePrefix(spec), alicloudVpcArgs(spec), keyPath(["alicloud", "vpc"]), problems, { tags: undefined })
    : undefined;
  const gcpClean = mid === before;
  const alicloudClean = problems.items.length === mid;
  if (spec.alicloud) checkAlicloudAccount(spec.alicloud.account, spec.production, keyPath(["alicloud", "account"]), problems);
  const ranges = vpcRanges(spec);
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (overlaps(mustParseCidr(a.cidr), mustParseCidr(b.cidr))) {
        problems.add("LZ_VPC_OVERLAP", b.path, `${b.cidr} overlaps ${a.cidr} (${a.path})`,
          "give each cloud's VPC its own range so they can be connected later");
      }
    }
  }
  return { gcp, alicloud, clean: { gcp: gcpClean, alicloud: alicloudClean } };
}

/**
 * When the schema rejected the config as a whole, plans each cloud's network whose own keys
 * (regions or zones, and the network) are well-formed, so CIDR problems show up in the same run
 * as the schema problems, whatever else in the section is wrong.
 */
export function planWellFormedNetworks(raw: Record<string, unknown>, problems: Problems): void {
  const env = environmentConfig.shape.environment.safeParse(raw.environment).data ?? "env";
  const section = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : {});
  const g = section(raw.gcp);
  const gcp = gcpConfig.pick({ regions: true, network: true }).safeParse({ regions: g.regions, network: g.network });
  if (gcp.success) {
    // The project only labels resources; a stand-in is used when its own key is wrong.
    const spec = { environment: env, gcp: { project: "offline-check", ...gcp.data } } as unknown as EnvironmentSpec;
    planGcpVpc(corePrefix(spec), { ...gcpVpcArgs(spec), labels: undefined }, keyPath(["gcp", "network"]), problems);
  }
  const a = section(raw.alicloud);
  const ali = alicloudConfig.pick({ region: true, zones: true, vpc: true }).safeParse({ region: a.region, zones: a.zones, vpc: a.vpc });
  if (ali.success) {
    const spec = { environment: env, production: false, alicloud: ali.data } as unknown as EnvironmentSpec;
    planAlicloudVpc(corePrefix(spec), { ...alicloudVpcArgs(spec), tags: undefined }, keyPath(["alicloud", "vpc"]), problems);
  }
}
