import type { AlicloudVpcPlan } from "../alicloud/vpc-plan";
import { AlicloudVpnPlan, AlicloudVpnPlanArgs, planAlicloudVpn } from "../alicloud/vpn-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import { checkOnPremisesRanges, ReservedRange } from "../core/bgp";
import { checkCidr, parseCidr } from "../core/cidr";
import type { Problems } from "../core/errors";
import { GcpHaVpnPlan, GcpHaVpnPlanArgs, planGcpHaVpn } from "../gcp/ha-vpn-plan";
import type { GcpVpcPlan } from "../gcp/vpc-plan";
import { connectivityName, environmentLabels } from "./names";
import { cloudRanges, NetworkPlan } from "./network";
import { Planned, planStep } from "./step";

/** Where the Alibaba VPN gateway sits: vSwitch keys (`<subnet>-<zone>`) of the VPC plan. */
export interface AlicloudVpnPlacementPlan {
  /** The gateway's vSwitch. */
  readonly vswitch?: string;
  /** The disaster-recovery vSwitch (dual tunnel only). */
  readonly disasterRecoveryVswitch?: string;
}

/** The connectivity area's plan: a VPN per cloud whose `vpn` key is set. */
export interface ConnectivityPlan {
  /** GCP HA VPN; the program adds the network id. */
  readonly gcp?: Planned<GcpHaVpnPlanArgs, GcpHaVpnPlan>;
  /** Alibaba VPN gateway; the program adds the VPC and vSwitch ids of `placement`. */
  readonly alicloud?: Planned<AlicloudVpnPlanArgs, AlicloudVpnPlan> & { readonly placement: AlicloudVpnPlacementPlan };
}

/**
 * The CIDRs of `landing-zone:onPremises.ranges` that parse (empty when absent): the VPNs route to
 * them, the firewalls use them as the named range `onprem`. The connectivity area owns the key
 * and reports the malformed ones, so no other check sees (and reports) them again.
 */
export function onPremisesRanges(spec: EnvironmentSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.onPremises?.ranges ?? {}).filter(([, c]) => parseCidr(c).ok));
}

/** `landing-zone:onPremises.otherEnvironmentRanges` with their config key paths. */
export function otherEnvironmentRanges(spec: EnvironmentSpec): ReservedRange[] {
  return Object.entries(spec.onPremises?.otherEnvironmentRanges ?? {}).map(([k, cidr]) => ({
    cidr, path: keyPath(["onPremises", "otherEnvironmentRanges", k]),
  }));
}

/**
 * `GcpHaVpnArgs` (without the network) from `landing-zone:gcp.vpn` (must be present). Advertised
 * ranges default to the primary ranges of the VPC's subnets (all regions in GLOBAL routing mode,
 * else the VPN's region); secondary ranges stay private.
 */
export function gcpHaVpnArgs(spec: EnvironmentSpec, vpc: GcpVpcPlan): GcpHaVpnPlanArgs {
  const gcp = spec.gcp!;
  const vpn = gcp.vpn!;
  const region = vpn.region ?? gcp.regions[0]!;
  const global = (gcp.network.routingMode ?? "GLOBAL") === "GLOBAL";
  const subnets = Object.fromEntries(vpc.subnets.filter((s) => global || s.location === region).map((s) => [s.gcpName, s.cidr]));
  return {
    project: gcp.project,
    region,
    asn: vpn.asn,
    peer: { asn: vpn.peer.asn, interfaces: vpn.peer.interfaces, allowPublicAsn: vpn.peer.allowPublicAsn },
    advertisedRanges: vpn.advertisedRanges ?? subnets,
    onPremisesRanges: onPremisesRanges(spec),
    reservedRanges: otherEnvironmentRanges(spec),
    linkLocalRanges: vpn.linkLocalRanges,
    sharedSecret: vpn.sharedSecret,
    keepaliveInterval: vpn.keepaliveInterval,
    labels: environmentLabels(spec),
  };
}

/**
 * The Alibaba gateway's placement: the chosen subnet's vSwitch in its first zone, the
 * disaster-recovery vSwitch in its second zone (dual tunnel only).
 */
export function alicloudVpnPlacement(spec: EnvironmentSpec, vpc: AlicloudVpcPlan): AlicloudVpnPlacementPlan & { subnet?: string; zones: string[]; dualTunnel: boolean } {
  const vpn = spec.alicloud!.vpn!;
  const subnet = vpn.subnet ?? vpc.subnets[0]?.name;
  const zones = vpc.subnets.filter((s) => s.name === subnet).map((s) => s.location);
  const dualTunnel = vpn.dualTunnel ?? true;
  const key = (zone: string | undefined) => (zone === undefined ? undefined : `${subnet}-${zone}`);
  return { subnet, zones, dualTunnel, vswitch: key(zones[0]), disasterRecoveryVswitch: dualTunnel ? key(zones[1]) : undefined };
}

/**
 * `AlicloudVpnArgs` (without the VPC and vSwitch ids) from `landing-zone:alicloud.vpn` (must be
 * present). `avoid` are link-local ranges already used by the GCP VPN.
 */
export function alicloudVpnArgs(spec: EnvironmentSpec, avoid: readonly string[]): AlicloudVpnPlanArgs {
  const ali = spec.alicloud!;
  const vpn = ali.vpn!;
  return {
    dualTunnel: vpn.dualTunnel ?? true,
    region: ali.region,
    localSubnets: { vpc: ali.vpc.cidr },
    onPremisesRanges: onPremisesRanges(spec),
    reservedRanges: otherEnvironmentRanges(spec),
    asn: vpn.asn,
    peer: { asn: vpn.peer.asn, ip: vpn.peer.ip, secondaryIp: vpn.peer.secondaryIp, allowPublicAsn: vpn.peer.allowPublicAsn },
    routing: vpn.routing,
    bandwidth: vpn.bandwidth,
    paymentType: vpn.paymentType,
    healthCheck: vpn.healthCheck,
    linkLocalRanges: vpn.linkLocalRanges,
    avoidLinkLocalRanges: [...avoid],
    sharedSecret: vpn.sharedSecret,
    resourceGroupId: ali.vpc.resourceGroupId,
    tags: environmentLabels(spec),
  };
}

/**
 * Checks the on-premises ranges once (against the VPCs, other environments and advertised
 * ranges), then plans each VPN. The VPN plans' own findings on those ranges are dropped: this
 * area reports them under `landing-zone:onPremises`.
 */
export function planConnectivity(spec: EnvironmentSpec, network: NetworkPlan, problems: Problems): ConnectivityPlan {
  const onPremPath = keyPath(["onPremises", "ranges"]);
  const reserved: ReservedRange[] = [...cloudRanges(spec), ...otherEnvironmentRanges(spec)];
  for (const [k, cidr] of Object.entries(spec.gcp?.vpn?.advertisedRanges ?? {})) {
    reserved.push({ cidr, path: keyPath(["gcp", "vpn", "advertisedRanges", k]) });
  }
  for (const r of otherEnvironmentRanges(spec)) checkCidr(r.cidr, r.path, problems);
  checkOnPremisesRanges(spec.onPremises?.ranges ?? {}, onPremPath, problems, reserved);
  const anyVpn = spec.gcp?.vpn !== undefined || spec.alicloud?.vpn !== undefined;
  if (anyVpn && Object.keys(spec.onPremises?.ranges ?? {}).length === 0) {
    problems.add("LZ_VPN_NO_ONPREM", onPremPath, "a VPN is configured but no on-premises range is listed",
      "list the on-premises CIDRs under landing-zone:onPremises.ranges, e.g. { hq: 192.168.0.0/20 }");
  }
  const name = connectivityName(spec);
  // If the VPN plans must run again without what this area reports (see planStep), they see only
  // the on-premises ranges that passed above, and no reserved ranges, so nothing is reported twice.
  const valid = Object.fromEntries(Object.entries(onPremisesRanges(spec)).filter(([k]) => !problems.items.some((p) => p.path === `${onPremPath}.${k}`)));
  let gcp: ConnectivityPlan["gcp"];
  let gcpLinkLocal: string[] = [];
  if (spec.gcp?.vpn && network.gcp) {
    const region = spec.gcp.vpn.region;
    if (region !== undefined && !spec.gcp.regions.includes(region)) {
      problems.add("LZ_VPN_REGION", keyPath(["gcp", "vpn", "region"]), `"${region}" is not one of landing-zone:gcp.regions`,
        `use one of ${spec.gcp.regions.join(", ")} (the VPN attaches to the VPC there)`);
    }
    // Advertised ranges default to the VPC's subnets: when the VPC itself failed to plan (its own
    // problem is reported), they are the network area's to report, like the keys below.
    const derived = spec.gcp.vpn.advertisedRanges === undefined && network.gcp.plan.subnets.length === 0;
    gcp = planStep(planGcpHaVpn, name, gcpHaVpnArgs(spec, network.gcp.plan), keyPath(["gcp", "vpn"]), problems,
      { onPremisesRanges: valid, reservedRanges: [], labels: undefined, ...(derived ? { advertisedRanges: {} } : {}) });
    // When the GCP plan failed, its pinned ranges still count as taken for the Alibaba check.
    gcpLinkLocal = gcp.plan.tunnels.length > 0 ? gcp.plan.tunnels.map((t) => t.bgp.range) : Object.values(spec.gcp.vpn.linkLocalRanges ?? {});
  }
  let alicloud: ConnectivityPlan["alicloud"];
  if (spec.alicloud?.vpn && network.alicloud) {
    const placement = alicloudVpnPlacement(spec, network.alicloud.plan);
    const subnetPath = keyPath(["alicloud", "vpn", "subnet"]);
    if (placement.subnet !== undefined && placement.zones.length === 0) {
      problems.add("LZ_UNKNOWN_SUBNET", subnetPath, `there is no subnet "${placement.subnet}" in landing-zone:alicloud.vpc.subnets`, "name one of the VPC's subnets");
    } else if (placement.dualTunnel && placement.zones.length < 2) {
      problems.add("LZ_VPN_SUBNET_ZONES", subnetPath, `subnet "${placement.subnet}" has a vSwitch in ${placement.zones.length} zone; a dual-tunnel gateway needs two`,
        "pick a subnet spread over at least two zones, or set dualTunnel: false");
    }
    const planned = planStep(planAlicloudVpn, name, alicloudVpnArgs(spec, gcpLinkLocal), keyPath(["alicloud", "vpn"]), problems,
      { onPremisesRanges: valid, reservedRanges: [], tags: undefined });
    alicloud = { ...planned, placement: { vswitch: placement.vswitch, disasterRecoveryVswitch: placement.disasterRecoveryVswitch } };
  }
  return { gcp, alicloud };
}
