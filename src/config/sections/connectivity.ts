import { z } from "zod";
import { checkOnPremisesRanges, ReservedRange } from "../../core/bgp";
import { checkCidr } from "../../core/cidr";
import { Problems } from "../../core/errors";
import { planAlicloudVpn } from "../../alicloud/vpn-plan";
import { planGcpHaVpn } from "../../gcp/ha-vpn-plan";
import { planAlicloudVpc } from "../../alicloud/vpc-plan";
import { planGcpVpc } from "../../gcp/vpc-plan";
import { alicloudVpnArgs, cloudRanges, connectivityName, gcpHaVpnArgs, onPremisesRanges, otherEnvironmentRanges } from "../../program/connectivity";
import { alicloudVpcArgs, corePrefix, gcpVpcArgs } from "../../program/network-args";
import { key, named } from "../common";
import { keyPath } from "../issues";
import type { EnvironmentSpec } from "../schema";

/** Keys of the on-premises peer shared by both clouds. */
const peerCommon = {
  /** On-premises BGP ASN. */
  asn: z.number(),
  /** Accept a public on-premises ASN. */
  allowPublicAsn: z.boolean().optional(),
};

/**
 * Config keys of the connectivity area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`. A VPN is created
 * on a cloud when its `vpn` key is present.
 */
export const connectivitySection = {
  root: {
    /**
     * The on-premises networks, shared by both clouds: the VPNs route to them and the
     * firewalls use them as the named range `onprem`.
     */
    onPremises: z.strictObject({
      /** On-premises CIDRs keyed by name, e.g. `{ hq: 192.168.0.0/20 }`. */
      ranges: named(z.string()),
      /** Other environments' cloud ranges keyed by name: the on-premises ranges must not overlap them either. */
      otherEnvironmentRanges: named(z.string()).optional(),
    }).optional(),
  },
  gcp: {
    /** HA VPN to on-premises (absent: no VPN). */
    vpn: z.strictObject({
      /** Region of the gateway. Default: the primary region. */
      region: z.string().optional(),
      /** Cloud Router ASN. Default 64514. */
      asn: z.number().optional(),
      peer: z.strictObject({
        ...peerCommon,
        /** Public IPs of the peer interfaces (1, 2 or 4). */
        interfaces: z.array(z.string()),
      }),
      /** Custom advertised ranges keyed by name. Default: the VPC's subnets. */
      advertisedRanges: named(z.string()).optional(),
      /** Link-local /30 per tunnel (`gw0-peer0` …). Default: allocated. */
      linkLocalRanges: z.record(z.string(), z.string()).optional(),
      /** Pre-shared key (set with `pulumi config set --secret`). Default: generated per tunnel. */
      sharedSecret: z.string().optional(),
      /** BGP keepalive seconds. Default 20. */
      keepaliveInterval: z.number().optional(),
    }).optional(),
  },
  alicloud: {
    /** Site-to-site VPN to on-premises (absent: no VPN). */
    vpn: z.strictObject({
      /** Subnet whose vSwitches host the gateway (first zone; second zone for the dual tunnel). Default: the first subnet. */
      subnet: key.optional(),
      /** Dual-tunnel gateway across two zones. Default true. */
      dualTunnel: z.boolean().optional(),
      /** Gateway ASN. Default 64515. */
      asn: z.number().optional(),
      peer: z.strictObject({
        ...peerCommon,
        /** Public IP of the on-premises device. */
        ip: z.string(),
        /** Public IP of a second device for the secondary tunnel. */
        secondaryIp: z.string().optional(),
      }),
      /** `bgp` or `static`. Default bgp. */
      routing: z.enum(["bgp", "static"]).optional(),
      /** Mbps. Default 10. */
      bandwidth: z.number().optional(),
      paymentType: z.enum(["PayAsYouGo", "Subscription"]).optional(),
      healthCheck: z.strictObject({
        sourceIp: z.string(),
        destinationIp: z.string(),
        interval: z.number().optional(),
        retry: z.number().optional(),
      }).optional(),
      /** Link-local /30 per tunnel (`primary`, `secondary`). Default: allocated. */
      linkLocalRanges: z.record(z.string(), z.string()).optional(),
      /** Pre-shared key (set with `pulumi config set --secret`). Default: generated per tunnel. */
      sharedSecret: z.string().optional(),
    }).optional(),
  },
};

/**
 * Cross-field checks of the connectivity keys: the on-premises ranges (valid, disjoint from
 * every VPC range of the environment, from custom advertised ranges and from the other
 * environments' ranges), then each VPN's plan under its config key. Reports, never throws.
 */
export function validateConnectivity(spec: EnvironmentSpec, problems: Problems): void {
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
  // The VPN plans see only the ranges that passed above, so nothing is reported twice.
  const valid = Object.fromEntries(Object.entries(onPremisesRanges(spec)).filter(([k]) => !problems.items.some((p) => p.path === `${onPremPath}.${k}`)));
  const name = connectivityName(spec);
  let gcpLinkLocal: string[] = [];
  if (spec.gcp?.vpn) {
    const region = spec.gcp.vpn.region;
    if (region !== undefined && !spec.gcp.regions.includes(region)) {
      problems.add("LZ_VPN_REGION", keyPath(["gcp", "vpn", "region"]), `"${region}" is not one of landing-zone:gcp.regions`,
        `use one of ${spec.gcp.regions.join(", ")} (the VPN attaches to the VPC there)`);
    }
    const plan = planGcpVpc(corePrefix(spec), { ...gcpVpcArgs(spec), labels: undefined }, keyPath(["gcp", "network"]), new Problems());
    const args = { ...gcpHaVpnArgs(spec, plan, ""), onPremisesRanges: valid, reservedRanges: [], labels: undefined };
    const vpnPlan = planGcpHaVpn(name, args, keyPath(["gcp", "vpn"]), problems);
    // When the GCP plan failed, its pinned ranges still count as taken for the Alibaba check.
    gcpLinkLocal = vpnPlan.tunnels.length > 0 ? vpnPlan.tunnels.map((t) => t.bgp.range) : Object.values(spec.gcp.vpn.linkLocalRanges ?? {});
  }
  if (spec.alicloud?.vpn) {
    const vpn = spec.alicloud.vpn;
    const plan = planAlicloudVpc(corePrefix(spec), { ...alicloudVpcArgs(spec), tags: undefined }, keyPath(["alicloud", "vpc"]), new Problems());
    const args = alicloudVpnArgs(spec, plan, { vpcId: "", vswitches: Object.fromEntries(plan.subnets.map((s) => [`${s.name}-${s.location}`, ""])) }, gcpLinkLocal);
    const subnetPath = keyPath(["alicloud", "vpn", "subnet"]);
    const subnet = vpn.subnet ?? plan.subnets[0]?.name;
    const zones = plan.subnets.filter((s) => s.name === subnet).length;
    if (subnet !== undefined && zones === 0) {
      problems.add("LZ_UNKNOWN_SUBNET", subnetPath, `there is no subnet "${subnet}" in landing-zone:alicloud.vpc.subnets`, "name one of the VPC's subnets");
    } else if (args.dualTunnel && zones < 2) {
      problems.add("LZ_VPN_SUBNET_ZONES", subnetPath, `subnet "${subnet}" has a vSwitch in ${zones} zone; a dual-tunnel gateway needs two`,
        "pick a subnet spread over at least two zones, or set dualTunnel: false");
    }
    const scratch = new Problems();
    planAlicloudVpn(name, { ...args, onPremisesRanges: Object.keys(valid).length > 0 ? valid : { placeholder: "192.0.2.0/24" },
      disasterRecoveryVswitchId: args.dualTunnel ? "" : undefined, reservedRanges: [], tags: undefined }, keyPath(["alicloud", "vpn"]), scratch);
    problems.addAll(scratch.items.filter((p) => !p.path.startsWith(keyPath(["alicloud", "vpn", "onPremisesRanges"]))));
  }
}
