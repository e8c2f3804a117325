import type { PlanArgs } from "../core/planned";
import type * as pulumi from "@pulumi/pulumi";
import { allocateLinkLocal, BgpSession, checkAsn, checkAsnPair, checkLinkLocalRanges, checkOnPremisesRanges, checkPresharedKey, haVpnTopology, HaVpnTunnelPlan, IkeProposal, IpsecProposal, REDUNDANCY_TYPES, ReservedRange } from "../core/bgp";
import { isPublicIpv4, parseCidr } from "../core/cidr";
import { joinPath, Problems, validated } from "../core/errors";
import { checkLabels } from "../core/labels";
import { checkGcpName, nameOf } from "../core/naming";

/** The on-premises VPN device(s) GCP peers with. */
export interface GcpVpnPeerArgs {
  /** On-premises BGP ASN. */
  readonly asn: number;
  /** Public IPv4 address of each peer interface, in interface order (1, 2 or 4 of them). */
  readonly interfaces: readonly string[];
  /** Accept a public on-premises ASN (one your organisation owns). @default false */
  readonly allowPublicAsn?: boolean;
}

export interface GcpHaVpnArgs {
  /** Project of the VPC. Not needed for planning: may be another resource's output. */
  readonly project: pulumi.Input<string>;
  /** Region of the gateway, router and tunnels. */
  readonly region: string;
  /** The VPC's id or self link. */
  readonly network: pulumi.Input<string>;
  /** Cloud Router ASN (private). @default 64514 */
  readonly asn?: number;
  /** The on-premises VPN device(s): ASN and public interface IPs. */
  readonly peer: GcpVpnPeerArgs;
  /** Ranges the Cloud Router advertises to on-premises, keyed by name (usually the VPC's subnets). */
  readonly advertisedRanges: Readonly<Record<string, string>>;
  /** On-premises ranges, keyed by name: checked against the advertised ranges and reported in `onPremisesConfig`. @default {} */
  readonly onPremisesRanges?: Readonly<Record<string, string>>;
  /** More cloud ranges the on-premises ranges must not overlap (other VPCs, other environments). @default [] */
  readonly reservedRanges?: readonly ReservedRange[];
  /** Link-local /30 per tunnel key (`gw0-peer0` …), pinning the allocation. @default allocated from 169.254.64.0/18 */
  readonly linkLocalRanges?: Readonly<Record<string, string>>;
  /** Link-local ranges used elsewhere (e.g. by another cloud's VPN to the same router), avoided by allocation. @default [] */
  readonly avoidLinkLocalRanges?: readonly string[];
  /**
   * Pre-shared key for every tunnel (wrapped as a secret). @default one random 32-character
   * alphanumeric key per tunnel (`@pulumi/random` RandomPassword)
   */
  readonly sharedSecret?: pulumi.Input<string>;
  /** BGP keepalive in seconds (20–60). @default 20 */
  readonly keepaliveInterval?: number;
  /** Labels for the gateway and tunnels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export const GCP_HA_VPN_DEFAULTS = { asn: 64514, keepaliveInterval: 20 } as const;

/**
 * The IKE/IPsec proposal pinned on every GCP tunnel (`cipherSuite`): IKEv2, AES-256-CBC,
 * SHA2-256, DH group 14 and PFS group 14. Lifetimes are fixed by Cloud VPN (`GCP_VPN_LIFETIMES`).
 */
export const GCP_VPN_CIPHERS: {
  readonly phase1: Readonly<Record<"encryptions" | "integrities" | "prves" | "dhs", readonly string[]>>;
  readonly phase2: Readonly<Record<"encryptions" | "integrities" | "pfs", readonly string[]>>;
} = {
  phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-14"] },
  phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] },
};

/** IKE SA and IPsec SA lifetimes in seconds: fixed by Cloud VPN, not configurable. */
export const GCP_VPN_LIFETIMES = { ike: 36000, ipsec: 10800 } as const;

/** `GCP_VPN_CIPHERS` as the tunnels' `cipherSuite` input (mutable arrays), built once. (Internal: shared with the component class, not public API.) @internal */
export const CIPHER_SUITE = {
  phase1: Object.fromEntries(Object.entries(GCP_VPN_CIPHERS.phase1).map(([k, v]) => [k, [...v]])),
  phase2: Object.fromEntries(Object.entries(GCP_VPN_CIPHERS.phase2).map(([k, v]) => [k, [...v]])),
};

/** The usual on-premises device name of a Cloud VPN algorithm, shown as `aes256 (AES-CBC-256)`. */
const DEVICE_NAMES: Readonly<Record<string, string>> = { "AES-CBC-256": "aes256", "HMAC-SHA2-256-128": "sha256", "PRF-HMAC-SHA2-256": "sha256" };
const deviceName = (gcpName: string): string => DEVICE_NAMES[gcpName] ?? gcpName;
const withGcpName = (gcpName: string): string => `${deviceName(gcpName)} (${gcpName})`;
const groupNumber = (group: string): number => Number(group.replace(/^Group-/, ""));

/** Phase 1 and 2 as the on-premises device must configure them, derived from `GCP_VPN_CIPHERS`. (Internal: shared with the component class, not public API.) @internal */
export const GCP_PEER_IKE: IkeProposal = {
  version: 2,
  encryption: withGcpName(GCP_VPN_CIPHERS.phase1.encryptions[0]!),
  integrity: withGcpName(GCP_VPN_CIPHERS.phase1.integrities[0]!),
  prf: deviceName(GCP_VPN_CIPHERS.phase1.prves[0]!),
  dhGroup: groupNumber(GCP_VPN_CIPHERS.phase1.dhs[0]!),
  lifetimeSeconds: GCP_VPN_LIFETIMES.ike,
};
/** Shared with the component class, not public API. @internal */
export const GCP_PEER_IPSEC: IpsecProposal = {
  protocol: "ESP",
  encryption: withGcpName(GCP_VPN_CIPHERS.phase2.encryptions[0]!),
  integrity: withGcpName(GCP_VPN_CIPHERS.phase2.integrities[0]!),
  pfsGroup: groupNumber(GCP_VPN_CIPHERS.phase2.pfs[0]!),
  lifetimeSeconds: GCP_VPN_LIFETIMES.ipsec,
};

/** Everything `GcpHaVpn` creates, computed from its args. */
export interface GcpHaVpnPlan {
  readonly asn: number;
  readonly redundancyType: string;
  readonly tunnels: readonly (HaVpnTunnelPlan & { readonly name: string; readonly bgp: BgpSession; readonly peerIp: string })[];
}

/** Validates `GcpHaVpn` args and computes its plan; reports every problem under `path`. */
/** `GcpHaVpnArgs` without the network (an id known only at deploy time): what `planGcpHaVpn` reads. */
export type GcpHaVpnPlanArgs = PlanArgs<GcpHaVpnArgs, "network">;

export function planGcpHaVpn(name: string, args: GcpHaVpnPlanArgs, path: string, problems: Problems): GcpHaVpnPlan {
  const asn = args.asn ?? GCP_HA_VPN_DEFAULTS.asn;
  checkAsn(asn, joinPath(path, "asn"), problems, "Cloud Router ASN");
  checkAsn(args.peer.asn, joinPath(joinPath(path, "peer"), "asn"), problems, "on-premises ASN", args.peer.allowPublicAsn === true);
  checkAsnPair(asn, args.peer.asn, joinPath(joinPath(path, "peer"), "asn"), problems);
  const ifacePath = joinPath(joinPath(path, "peer"), "interfaces");
  const count = args.peer.interfaces.length;
  const topology = haVpnTopology(count);
  if (topology.length === 0) {
    problems.add("LZ_VPN_INTERFACE_COUNT", ifacePath, `${count} peer interfaces; an external VPN gateway has 1, 2 or 4`,
      "list 1, 2 or 4 public IPs of the on-premises VPN device(s)");
  }
  args.peer.interfaces.forEach((ip, i) => {
    if (!isPublicIpv4(ip)) {
      problems.add("LZ_VPN_PEER_IP", `${ifacePath}[${i}]`, `"${ip}" is not a public IPv4 address`,
        "use the on-premises device's public, internet-routable IPv4 address");
    }
  });
  if (new Set(args.peer.interfaces).size !== count) {
    problems.add("LZ_VPN_PEER_IP_DUPLICATE", ifacePath, "an IP is listed twice", "list each peer interface's IP once");
  }
  const advertised: ReservedRange[] = [];
  const advPath = joinPath(path, "advertisedRanges");
  if (Object.keys(args.advertisedRanges).length === 0) {
    problems.add("LZ_VPN_NO_ADVERTISED", advPath, "no range is advertised to on-premises", "advertise the VPC's subnets or give custom ranges");
  }
  for (const [key, cidr] of Object.entries(args.advertisedRanges)) {
    const r = parseCidr(cidr);
    if (!r.ok) problems.add("LZ_CIDR_INVALID", joinPath(advPath, key), r.reason, r.fix);
    else advertised.push({ cidr, path: joinPath(advPath, key) });
  }
  checkOnPremisesRanges(args.onPremisesRanges ?? {}, joinPath(path, "onPremisesRanges"), problems, [...advertised, ...(args.reservedRanges ?? [])]);
  const keepalive = args.keepaliveInterval ?? GCP_HA_VPN_DEFAULTS.keepaliveInterval;
  if (!Number.isInteger(keepalive) || keepalive < 20 || keepalive > 60) {
    problems.add("LZ_BGP_KEEPALIVE", joinPath(path, "keepaliveInterval"), `keepalive ${keepalive} is outside 20–60 seconds`, "use 20 (the default) to 60");
  }
  if (typeof args.sharedSecret === "string") checkPresharedKey(args.sharedSecret, joinPath(path, "sharedSecret"), problems);
  const llPath = joinPath(path, "linkLocalRanges");
  const fixed = args.linkLocalRanges ?? {};
  const keys = topology.map((t) => t.key);
  for (const k of Object.keys(fixed)) {
    if (!keys.includes(k)) {
      problems.add("LZ_VPN_UNKNOWN_TUNNEL", joinPath(llPath, k), `there is no tunnel "${k}"`, `use one of ${keys.join(", ") || "the tunnel keys"}`);
    }
  }
  const before = problems.items.length;
  checkLinkLocalRanges(fixed, llPath, problems, args.avoidLinkLocalRanges ?? []);
  checkGcpName(name, path, problems, "component name");
  for (const t of topology) checkGcpName(nameOf(name, t.key, "bgp"), path, problems, "BGP peer name");
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);
  const sessions = problems.items.length === before && topology.length > 0
    ? allocateLinkLocal(keys, name, fixed, args.avoidLinkLocalRanges ?? [])
    : {};
  return {
    asn,
    redundancyType: REDUNDANCY_TYPES[count] ?? "",
    tunnels: topology.flatMap((t) => {
      const bgp = sessions[t.key];
      return bgp ? [{ ...t, name: nameOf(name, t.key), bgp, peerIp: args.peer.interfaces[t.peerExternalGatewayInterface]! }] : [];
    }),
  };
}

/** Validated plan, or throws `LandingZoneValidationError` listing every problem. */
export function validatedGcpHaVpn(name: string, args: GcpHaVpnArgs): GcpHaVpnPlan {
  return validated("GcpHaVpn", planGcpHaVpn, name, args);
}
