import type { PlanArgs } from "../core/planned";
import type * as pulumi from "@pulumi/pulumi";
import { allocateLinkLocal, BgpSession, checkAsn, checkAsnPair, checkLinkLocalRanges, checkOnPremisesRanges, checkPresharedKey, IkeProposal, IpsecProposal, ReservedRange } from "../core/bgp";
import { Cidr, contains, isIpv4, isPublicIpv4, mustParseCidr, parseCidr } from "../core/cidr";
import { joinPath, Problems, validated } from "../core/errors";
import { checkAlicloudName, checkNameLength, nameOf } from "../core/naming";
import { checkAlicloudTags } from "./tags";

/** The on-premises VPN device(s) Alibaba Cloud peers with. */
export interface AlicloudVpnPeerArgs {
  /** On-premises BGP ASN (the customer gateway's ASN). */
  readonly asn: number;
  /** Public IPv4 of the on-premises device for the primary tunnel. */
  readonly ip: string;
  /** Public IPv4 of a second device for the secondary tunnel (dual tunnel only). @default the primary `ip` */
  readonly secondaryIp?: string;
  /** Accept a public on-premises ASN (one your organisation owns). @default false */
  readonly allowPublicAsn?: boolean;
}

/** Connection health check: probes `destinationIp` on-premises from `sourceIp` in the VPC through the tunnel. */
export interface AlicloudVpnHealthCheckArgs {
  /** An address of the VPC (inside `localSubnets`). */
  readonly sourceIp: string;
  /** An on-premises address that answers ICMP (inside the on-premises ranges). */
  readonly destinationIp: string;
  /** Seconds between probes. @default 3 */
  readonly interval?: number;
  /** Failed probes before the tunnel counts as down. @default 3 */
  readonly retry?: number;
}

export interface AlicloudVpnArgs {
  /** The VPC id. */
  readonly vpcId: pulumi.Input<string>;
  /** vSwitch the gateway attaches to. */
  readonly vswitchId: pulumi.Input<string>;
  /** Second vSwitch, in another zone: required when `dualTunnel` is on. @default none */
  readonly disasterRecoveryVswitchId?: pulumi.Input<string>;
  /** Dual-tunnel gateway and connection (two tunnels in two zones); required in `ALICLOUD_DUAL_TUNNEL_REGIONS`. @default true */
  readonly dualTunnel?: boolean;
  /** Region of the gateway: checks that a single-tunnel gateway is still offered there. @default not checked */
  readonly region?: string;
  /**
   * Custom route tables of the VPC (e.g. `AlicloudVpc.routeTables`) keyed by name: each gets a
   * route per on-premises range to the VPN gateway. The gateway publishes its routes (BGP or
   * static) to the VPC's system route table only, so vSwitches bound to a custom table would
   * otherwise send on-premises traffic and replies nowhere. @default {}
   */
  readonly routeTableIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /** VPC ranges offered to on-premises (IPsec phase-2 local subnets), keyed by name. */
  readonly localSubnets: Readonly<Record<string, string>>;
  /** On-premises ranges keyed by name (phase-2 remote subnets; static routes in `static` routing). */
  readonly onPremisesRanges: Readonly<Record<string, string>>;
  /** More cloud ranges the on-premises ranges must not overlap (other environments). @default [] */
  readonly reservedRanges?: readonly ReservedRange[];
  /** The gateway's BGP ASN (private). @default 64515 */
  readonly asn?: number;
  /** The on-premises VPN device(s): ASN and public IPs. */
  readonly peer: AlicloudVpnPeerArgs;
  /** `bgp`: BGP over each tunnel, learned routes propagated to the VPC; `static`: a VPN route entry per on-premises range. @default "bgp" */
  readonly routing?: "bgp" | "static";
  /** Gateway bandwidth in Mbps (5, 10, 20, 50, 100, 200, 500 or 1000). @default 10 */
  readonly bandwidth?: number;
  /** Billing. @default "PayAsYouGo" */
  readonly paymentType?: "PayAsYouGo" | "Subscription";
  /** Connection health check. @default none (DPD still detects dead peers) */
  readonly healthCheck?: AlicloudVpnHealthCheckArgs;
  /** Link-local /30 per tunnel key (`primary`, `secondary`), pinning the allocation. @default allocated from 169.254.64.0/18 */
  readonly linkLocalRanges?: Readonly<Record<string, string>>;
  /** Link-local ranges used elsewhere (e.g. by the GCP VPN to the same router), avoided by allocation. @default [] */
  readonly avoidLinkLocalRanges?: readonly string[];
  /** Pre-shared key for every tunnel (wrapped as a secret). @default one random 32-character alphanumeric key per tunnel */
  readonly sharedSecret?: pulumi.Input<string>;
  /** Resource group of the gateway. @default the account's default group */
  readonly resourceGroupId?: string;
  /** Tags for the gateway, customer gateways and connection. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export const ALICLOUD_VPN_DEFAULTS = { asn: 64515, routing: "bgp", bandwidth: 10, paymentType: "PayAsYouGo", dualTunnel: true, healthCheckInterval: 3, healthCheckRetry: 3 } as const;
/**
 * Regions whose VPN gateways support dual-tunnel IPsec connections (Alibaba's "IPsec-VPN
 * supported regions" table). A gateway created there is dual-tunnel; a single-tunnel gateway
 * is refused (LZ_VPN_DUAL_TUNNEL_REQUIRED).
 */
export const ALICLOUD_DUAL_TUNNEL_REGIONS: readonly string[] = [
  "cn-hangzhou", "cn-shanghai", "cn-nanjing", "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
  "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1",
  "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "eu-central-1", "eu-west-1", "us-east-1", "us-west-1",
  "na-south-1", "me-east-1",
];

/** Bandwidths a public VPN gateway offers (Mbps). */
export const ALICLOUD_VPN_BANDWIDTHS: readonly number[] = [5, 10, 20, 50, 100, 200, 500, 1000];

/** Phase-1 settings of every tunnel (the provider's defaults are IKEv1, md5, group2: weak). */
export const ALICLOUD_IKE = { ikeVersion: "ikev2", ikeMode: "main", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 28800 } as const;
/** Phase-2 settings of every tunnel. */
export const ALICLOUD_IPSEC = { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 } as const;

/** Phase 1 and 2 as the on-premises device must configure them, derived from `ALICLOUD_IKE` / `ALICLOUD_IPSEC`. */
const groupNumber = (group: string): number => Number(group.replace(/^group/, ""));
/** Shared with the component class, not public API. @internal */
export const ALICLOUD_PEER_IKE: IkeProposal = {
  version: Number(ALICLOUD_IKE.ikeVersion.replace(/^ikev/, "")), mode: ALICLOUD_IKE.ikeMode, encryption: ALICLOUD_IKE.ikeEncAlg,
  integrity: ALICLOUD_IKE.ikeAuthAlg, dhGroup: groupNumber(ALICLOUD_IKE.ikePfs), lifetimeSeconds: ALICLOUD_IKE.ikeLifetime,
};
/** Shared with the component class, not public API. @internal */
export const ALICLOUD_PEER_IPSEC: IpsecProposal = {
  protocol: "ESP", encryption: ALICLOUD_IPSEC.ipsecEncAlg, integrity: ALICLOUD_IPSEC.ipsecAuthAlg,
  pfsGroup: groupNumber(ALICLOUD_IPSEC.ipsecPfs), lifetimeSeconds: ALICLOUD_IPSEC.ipsecLifetime,
};

/** One planned tunnel. */
export interface AlicloudVpnTunnelPlan {
  /** `primary` or `secondary`. */
  readonly key: string;
  /** Alibaba's tunnel role: `master` or `slave`. */
  readonly role: "master" | "slave";
  readonly peerIp: string;
  /** Customer gateway key (`primary` or `secondary`). */
  readonly customerGateway: string;
  readonly bgp: BgpSession;
}

export interface AlicloudVpnPlan {
  readonly asn: number;
  readonly routing: "bgp" | "static";
  readonly dualTunnel: boolean;
  /** Customer gateways keyed `primary` / `secondary`, with their IP. */
  readonly customerGateways: Readonly<Record<string, string>>;
  readonly tunnels: readonly AlicloudVpnTunnelPlan[];
}

/** VPN gateway, customer gateway and connection names and descriptions are at most 100 characters. */
export const ALICLOUD_VPN_TEXT_MAX = 100;

/** Shared with the component class, not public API. @internal */
export function gatewayDescription(name: string): string {
  return `Site-to-site VPN to on-premises (${name})`;
}

/** Shared with the component class, not public API. @internal */
export function customerGatewayDescription(name: string, key: string): string {
  return `On-premises VPN device (${key}) of ${name}`;
}

function cidrsOf(ranges: Readonly<Record<string, string>>): Cidr[] {
  return Object.values(ranges).map((r) => parseCidr(r)).flatMap((r) => (r.ok ? [r.cidr] : []));
}

/** Validates `AlicloudVpn` args and computes its plan; reports every problem under `path`. */
/**
 * `AlicloudVpnArgs` without the VPC and vSwitch ids (known only at deploy time): what
 * `planAlicloudVpn` reads. Without `vpcId` the placement is not checked (the environment planner
 * checks the subnet's zones instead, LZ_VPN_SUBNET_ZONES).
 */
export type AlicloudVpnPlanArgs = PlanArgs<AlicloudVpnArgs, "vpcId" | "vswitchId" | "disasterRecoveryVswitchId">;

export function planAlicloudVpn(name: string, args: AlicloudVpnPlanArgs, path: string, problems: Problems): AlicloudVpnPlan {
  const asn = args.asn ?? ALICLOUD_VPN_DEFAULTS.asn;
  const routing = args.routing ?? ALICLOUD_VPN_DEFAULTS.routing;
  const dualTunnel = args.dualTunnel ?? ALICLOUD_VPN_DEFAULTS.dualTunnel;
  const peerPath = joinPath(path, "peer");
  checkAlicloudName(name, path, problems, 2, 100, "component name");
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);
  checkAsn(asn, joinPath(path, "asn"), problems, "VPN gateway ASN");
  checkAsn(args.peer.asn, joinPath(peerPath, "asn"), problems, "on-premises ASN", args.peer.allowPublicAsn === true);
  checkAsnPair(asn, args.peer.asn, joinPath(peerPath, "asn"), problems);
  if (!isPublicIpv4(args.peer.ip)) {
    problems.add("LZ_VPN_PEER_IP", joinPath(peerPath, "ip"), `"${args.peer.ip}" is not a public IPv4 address`,
      "use the on-premises device's public, internet-routable IPv4 address");
  }
  if (args.peer.secondaryIp !== undefined) {
    if (!dualTunnel) {
      problems.add("LZ_VPN_SECONDARY_PEER", joinPath(peerPath, "secondaryIp"), "a secondary peer IP needs a dual-tunnel gateway",
        "turn dualTunnel on, or remove secondaryIp");
    } else if (!isPublicIpv4(args.peer.secondaryIp)) {
      problems.add("LZ_VPN_PEER_IP", joinPath(peerPath, "secondaryIp"), `"${args.peer.secondaryIp}" is not a public IPv4 address`,
        "use the on-premises device's public, internet-routable IPv4 address");
    } else if (args.peer.secondaryIp === args.peer.ip) {
      problems.add("LZ_VPN_PEER_IP_DUPLICATE", joinPath(peerPath, "secondaryIp"), "the secondary peer IP equals the primary one",
        "remove secondaryIp (both tunnels then end on the primary device) or give the second device's IP");
    }
  }
  if (!dualTunnel && args.region !== undefined && ALICLOUD_DUAL_TUNNEL_REGIONS.includes(args.region)) {
    problems.add("LZ_VPN_DUAL_TUNNEL_REQUIRED", joinPath(path, "dualTunnel"), `VPN gateways in ${args.region} are dual-tunnel: a single-tunnel gateway cannot be created there`,
      "remove dualTunnel: false (the default is dual tunnel) and place the gateway on a subnet with vSwitches in two zones");
  }
  // Route entry names are `<name>-rt-<table>-<range>` (1–128 characters); the longest range name decides.
  const longestRange = Object.keys(args.onPremisesRanges).reduce((a, b) => (b.length > a.length ? b : a), "");
  for (const key of Object.keys(args.routeTableIds ?? {})) {
    checkAlicloudName(nameOf(name, "rt", key, longestRange), joinPath(joinPath(path, "routeTableIds"), key), problems, 1, 128, "route entry name");
  }
  if (dualTunnel && args.vpcId !== undefined && args.disasterRecoveryVswitchId === undefined) {
    problems.add("LZ_VPN_DR_VSWITCH_MISSING", joinPath(path, "disasterRecoveryVswitchId"), "a dual-tunnel gateway needs a second vSwitch in another zone",
      "give a vSwitch in a second zone, or turn dualTunnel off");
  }
  const bandwidth = args.bandwidth ?? ALICLOUD_VPN_DEFAULTS.bandwidth;
  if (!ALICLOUD_VPN_BANDWIDTHS.includes(bandwidth)) {
    problems.add("LZ_VPN_BANDWIDTH", joinPath(path, "bandwidth"), `${bandwidth} Mbps is not a VPN gateway bandwidth`,
      `use one of ${ALICLOUD_VPN_BANDWIDTHS.join(", ")}`);
  }
  const localPath = joinPath(path, "localSubnets");
  const local: ReservedRange[] = [];
  if (Object.keys(args.localSubnets).length === 0) {
    problems.add("LZ_VPN_NO_LOCAL_SUBNETS", localPath, "no VPC range is offered to on-premises", "give the VPC CIDR");
  }
  for (const [key, cidr] of Object.entries(args.localSubnets)) {
    const r = parseCidr(cidr);
    if (!r.ok) problems.add("LZ_CIDR_INVALID", joinPath(localPath, key), r.reason, r.fix);
    else local.push({ cidr, path: joinPath(localPath, key) });
  }
  const onPremPath = joinPath(path, "onPremisesRanges");
  if (Object.keys(args.onPremisesRanges).length === 0) {
    problems.add("LZ_VPN_NO_ONPREM", onPremPath, "no on-premises range is given", "list the on-premises CIDRs the VPN reaches");
  }
  const onPrem = checkOnPremisesRanges(args.onPremisesRanges, onPremPath, problems, [...local, ...(args.reservedRanges ?? [])]);
  if (args.healthCheck) {
    const hc = args.healthCheck;
    const hcPath = joinPath(path, "healthCheck");
    const inside = (ip: string, cidrs: Cidr[]) => isIpv4(ip) && cidrs.some((c) => contains(c, mustParseCidr(`${ip}/32`)));
    if (!inside(hc.sourceIp, cidrsOf(args.localSubnets))) {
      problems.add("LZ_VPN_HEALTH_CHECK_SOURCE", joinPath(hcPath, "sourceIp"), `"${hc.sourceIp}" is not an address of the VPC ranges`,
        "use an unused address of the VPC");
    }
    if (!inside(hc.destinationIp, Object.values(onPrem))) {
      problems.add("LZ_VPN_HEALTH_CHECK_DESTINATION", joinPath(hcPath, "destinationIp"), `"${hc.destinationIp}" is not inside the on-premises ranges`,
        "use an on-premises address that answers ICMP");
    }
    for (const [k, v, min, max] of [["interval", hc.interval, 1, 60], ["retry", hc.retry, 1, 100]] as const) {
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) {
        problems.add("LZ_VPN_HEALTH_CHECK", joinPath(hcPath, k), `${k} ${v} is outside ${min}–${max}`, `use ${min} to ${max}`);
      }
    }
  }
  if (typeof args.sharedSecret === "string") checkPresharedKey(args.sharedSecret, joinPath(path, "sharedSecret"), problems);
  const keys = dualTunnel ? ["primary", "secondary"] : ["primary"];
  const llPath = joinPath(path, "linkLocalRanges");
  const fixed = args.linkLocalRanges ?? {};
  for (const k of Object.keys(fixed)) {
    if (!keys.includes(k)) problems.add("LZ_VPN_UNKNOWN_TUNNEL", joinPath(llPath, k), `there is no tunnel "${k}"`, `use one of ${keys.join(", ")}`);
  }
  const before = problems.items.length;
  checkLinkLocalRanges(fixed, llPath, problems, args.avoidLinkLocalRanges ?? []);
  const sessions = problems.items.length === before ? allocateLinkLocal(keys, name, fixed, args.avoidLinkLocalRanges ?? []) : {};
  const secondaryIp = args.peer.secondaryIp ?? args.peer.ip;
  const customerGateways: Record<string, string> = { primary: args.peer.ip };
  if (dualTunnel && secondaryIp !== args.peer.ip) customerGateways.secondary = secondaryIp;
  for (const text of [nameOf(name, "gw"), gatewayDescription(name), nameOf(name, "conn"),
    ...Object.keys(customerGateways).flatMap((k) => [nameOf(name, "cgw", k), customerGatewayDescription(name, k)])]) {
    checkNameLength(text, ALICLOUD_VPN_TEXT_MAX, "Alibaba Cloud VPN", path, problems, "VPN name or description");
  }
  const tunnels = keys.flatMap((key): AlicloudVpnTunnelPlan[] => {
    const bgp = sessions[key];
    if (!bgp) return [];
    const secondary = key === "secondary";
    const cgw = secondary && customerGateways.secondary !== undefined ? "secondary" : "primary";
    return [{ key, role: secondary ? "slave" : "master", peerIp: customerGateways[cgw]!, customerGateway: cgw, bgp }];
  });
  return { asn, routing, dualTunnel, customerGateways, tunnels };
}

/** Validated plan, or throws `LandingZoneValidationError` listing every problem. */
export function validatedAlicloudVpn(name: string, args: AlicloudVpnArgs): AlicloudVpnPlan {
  return validated("AlicloudVpn", planAlicloudVpn, name, args);
}
