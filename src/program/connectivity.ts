import type * as pulumi from "@pulumi/pulumi";
import { AlicloudVpn, AlicloudVpnArgs } from "../alicloud/vpn";
import type { AlicloudVpcPlan } from "../alicloud/vpc";
import type { ReservedRange } from "../core/bgp";
import { parseCidr } from "../core/cidr";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/schema";
import { GcpHaVpn, GcpHaVpnArgs } from "../gcp/ha-vpn";
import type { GcpVpcPlan } from "../gcp/vpc";
import type { AreaOutputs, LandingZoneContext } from "./context";
import { environmentLabels } from "./network-args";

/** Name of the environment's VPN components, e.g. `prod-vpn`. */
export function connectivityName(spec: EnvironmentSpec): string {
  return `${spec.environment}-vpn`;
}

/**
 * The CIDRs of `landing-zone:onPremises.ranges` that parse (empty when absent): the VPNs route to
 * them, the firewalls use them as the named range `onprem`. The connectivity area owns the key
 * and reports the malformed ones, so no other check sees (and reports) them again.
 */
export function onPremisesRanges(spec: EnvironmentSpec): Record<string, string> {
  return Object.fromEntries(Object.entries(spec.onPremises?.ranges ?? {}).filter(([, c]) => parseCidr(c).ok));
}

/** The environment's VPC ranges with their config key paths (`vpcRanges` in config/validate keeps those that parse). */
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

/** `landing-zone:onPremises.otherEnvironmentRanges` with their config key paths. */
export function otherEnvironmentRanges(spec: EnvironmentSpec): ReservedRange[] {
  return Object.entries(spec.onPremises?.otherEnvironmentRanges ?? {}).map(([k, cidr]) => ({
    cidr, path: keyPath(["onPremises", "otherEnvironmentRanges", k]),
  }));
}

/**
 * `GcpHaVpnArgs` from `landing-zone:gcp.vpn` (must be present). Advertised ranges default to
 * the primary ranges of the VPC's subnets (all regions in GLOBAL routing mode, else the VPN's
 * region); secondary ranges stay private.
 */
export function gcpHaVpnArgs(spec: EnvironmentSpec, vpc: GcpVpcPlan, network: pulumi.Input<string>): GcpHaVpnArgs {
  const gcp = spec.gcp!;
  const vpn = gcp.vpn!;
  const region = vpn.region ?? gcp.regions[0]!;
  const global = (gcp.network.routingMode ?? "GLOBAL") === "GLOBAL";
  const subnets = Object.fromEntries(vpc.subnets.filter((s) => global || s.location === region).map((s) => [s.gcpName, s.cidr]));
  return {
    project: gcp.project,
    region,
    network,
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

/** The Alibaba VPC's ids the VPN attaches to: the VPC and vSwitches keyed `<subnet>-<zone>`. */
export interface AlicloudVpnPlacement {
  readonly vpcId: pulumi.Input<string>;
  readonly vswitches: Readonly<Record<string, pulumi.Input<string>>>;
}

/**
 * `AlicloudVpnArgs` from `landing-zone:alicloud.vpn` (must be present): the gateway sits on the
 * chosen subnet's vSwitch in its first zone, the disaster-recovery vSwitch in its second zone.
 * `avoid` are link-local ranges already used by the GCP VPN.
 */
export function alicloudVpnArgs(spec: EnvironmentSpec, vpc: AlicloudVpcPlan, placement: AlicloudVpnPlacement, avoid: readonly string[]): AlicloudVpnArgs {
  const ali = spec.alicloud!;
  const vpn = ali.vpn!;
  const subnet = vpn.subnet ?? vpc.subnets[0]?.name;
  const zones = vpc.subnets.filter((s) => s.name === subnet).map((s) => s.location);
  const vswitch = (zone: string | undefined) => (zone === undefined ? undefined : placement.vswitches[`${subnet}-${zone}`]);
  const dualTunnel = vpn.dualTunnel ?? true;
  return {
    vpcId: placement.vpcId,
    vswitchId: vswitch(zones[0]) ?? "",
    disasterRecoveryVswitchId: dualTunnel ? vswitch(zones[1]) : undefined,
    dualTunnel,
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
 * Creates a VPN on each cloud whose `vpn` key is set; returns what the on-premises team needs
 * (gateway IPs, per-tunnel settings) and the pre-shared keys as secrets.
 */
export function deployConnectivity(ctx: LandingZoneContext): AreaOutputs {
  const { spec } = ctx;
  const outputs: AreaOutputs = {};
  const name = connectivityName(spec);
  let gcpLinkLocal: string[] = [];
  if (spec.gcp?.vpn && ctx.gcpVpc) {
    const vpn = new GcpHaVpn(name, gcpHaVpnArgs(spec, ctx.gcpVpc.plan, ctx.gcpVpc.networkId), { provider: ctx.gcpProvider });
    gcpLinkLocal = vpn.plan.tunnels.map((t) => t.bgp.range);
    outputs.gcpVpnGatewayIps = vpn.gatewayIps;
    outputs.gcpVpnTunnels = vpn.onPremisesConfig;
    outputs.gcpVpnSharedSecrets = vpn.sharedSecrets;
  }
  if (spec.alicloud?.vpn && ctx.alicloudVpc) {
    const vpc = ctx.alicloudVpc;
    const vswitches = Object.fromEntries(Object.entries(vpc.vswitches).map(([k, v]) => [k, v.id]));
    const vpn = new AlicloudVpn(name, alicloudVpnArgs(spec, vpc.plan, { vpcId: vpc.vpcId, vswitches }, gcpLinkLocal), { provider: ctx.alicloudProvider });
    outputs.alicloudVpnGatewayIps = vpn.gatewayIps;
    outputs.alicloudVpnTunnels = vpn.onPremisesConfig;
    outputs.alicloudVpnSharedSecrets = vpn.sharedSecrets;
  }
  return outputs;
}
