import { checkCidr, Cidr, cidrOf, contains, ipv4Text, mustParseCidr, overlaps, parseCidr } from "./cidr";
import { joinPath, Problems } from "./errors";

/** Private 16-bit ASNs (RFC 6996). */
export const PRIVATE_ASN_16 = { min: 64512, max: 65534 } as const;
/** Private 32-bit ASNs (RFC 6996). */
export const PRIVATE_ASN_32 = { min: 4200000000, max: 4294967294 } as const;

/** The IPv4 link-local block every BGP session over a VPN tunnel lives in. */
export const LINK_LOCAL = "169.254.0.0/16";
/**
 * Link-local blocks a tunnel must not use: the low /21 (Alibaba Cloud reserves the first
 * /30s of 169.254.0.0/16 for itself) and the block of the metadata server 169.254.169.254.
 * Conservative on purpose: both clouds accept everything else in 169.254.0.0/16.
 */
export const LINK_LOCAL_RESERVED: readonly string[] = ["169.254.0.0/21", "169.254.169.252/30"];
/** Where automatic allocation picks /30s from (4,096 blocks, clear of the reserved ones). */
export const LINK_LOCAL_POOL = "169.254.64.0/18";

/** True when `asn` is a private ASN (RFC 6996, 16- or 32-bit). */
export function isPrivateAsn(asn: number): boolean {
  if (!Number.isInteger(asn)) return false;
  return (asn >= PRIVATE_ASN_16.min && asn <= PRIVATE_ASN_16.max) || (asn >= PRIVATE_ASN_32.min && asn <= PRIVATE_ASN_32.max);
}

/** True when `asn` is a usable ASN at all (1–4294967294, not AS_TRANS 23456). */
export function isValidAsn(asn: number): boolean {
  return Number.isInteger(asn) && asn >= 1 && asn <= 4294967294 && asn !== 23456;
}

/**
 * Checks an ASN: private unless `allowPublic` (then any valid ASN). Reports `LZ_ASN_NOT_PRIVATE`
 * or `LZ_ASN_INVALID` under `path`.
 */
export function checkAsn(asn: number, path: string, problems: Problems, what: string, allowPublic = false): void {
  if (!isValidAsn(asn)) {
    problems.add("LZ_ASN_INVALID", path, `${what} ${asn} is not a valid ASN`, "use an integer ASN from 1 to 4294967294 (not 23456)");
  } else if (!allowPublic && !isPrivateAsn(asn)) {
    problems.add("LZ_ASN_NOT_PRIVATE", path, `${what} ${asn} is not a private ASN`,
      `use one from ${PRIVATE_ASN_16.min}–${PRIVATE_ASN_16.max} or ${PRIVATE_ASN_32.min}–${PRIVATE_ASN_32.max} (RFC 6996)`);
  }
}

/** Checks that the two ends of a BGP session use different ASNs (eBGP). */
export function checkAsnPair(cloudAsn: number, peerAsn: number, path: string, problems: Problems): void {
  if (cloudAsn === peerAsn) {
    problems.add("LZ_ASN_SAME", path, `the on-premises ASN ${peerAsn} equals the cloud router's ASN`,
      "give the on-premises router and the cloud router different ASNs (the sessions are eBGP)");
  }
}

/** The two BGP addresses of a tunnel's /30: the cloud side takes the first host, on-premises the second. */
export interface BgpSession {
  /** The /30, e.g. `169.254.64.0/30`. */
  readonly range: string;
  /** Cloud-side BGP address, e.g. `169.254.64.1`. */
  readonly cloudIp: string;
  /** On-premises BGP address, e.g. `169.254.64.2`. */
  readonly peerIp: string;
}

/** The BGP addresses inside a link-local /30. */
export function bgpSession(range: Cidr): BgpSession {
  return { range: range.text, cloudIp: ipv4Text(range.start + 1), peerIp: ipv4Text(range.start + 2) };
}

/**
 * Checks fixed link-local ranges keyed by tunnel: each a /30 inside 169.254.0.0/16, clear of
 * the reserved blocks, and none used twice (also not one of `taken`). Reports under
 * `path.<tunnel>`; returns the ranges that parsed.
 */
export function checkLinkLocalRanges(fixed: Readonly<Record<string, string>>, path: string, problems: Problems,
  taken: readonly string[] = []): Record<string, Cidr> {
  const out: Record<string, Cidr> = {};
  const linkLocal = mustParseCidr(LINK_LOCAL);
  const seen: { key: string; cidr: Cidr }[] = [];
  const takenCidrs = taken.map((t) => parseCidr(t)).flatMap((r) => (r.ok ? [r.cidr] : []));
  for (const [key, text] of Object.entries(fixed)) {
    const at = joinPath(path, key);
    const c = checkCidr(text, at, problems);
    if (c === undefined) continue;
    if (!contains(linkLocal, c)) {
      problems.add("LZ_LINK_LOCAL_OUTSIDE", at, `${c.text} is not inside ${LINK_LOCAL}`, "use a /30 inside 169.254.0.0/16, e.g. 169.254.64.0/30");
      continue;
    }
    if (c.prefix !== 30) {
      problems.add("LZ_LINK_LOCAL_SIZE", at, `${c.text} is a /${c.prefix}; a BGP session over a tunnel needs a /30`, "use a /30, e.g. 169.254.64.0/30");
      continue;
    }
    const reserved = LINK_LOCAL_RESERVED.find((x) => overlaps(mustParseCidr(x), c));
    if (reserved) {
      problems.add("LZ_LINK_LOCAL_RESERVED", at, `${c.text} overlaps the reserved block ${reserved}`, `pick a /30 elsewhere, e.g. inside ${LINK_LOCAL_POOL}`);
      continue;
    }
    const clash = seen.find((s) => overlaps(s.cidr, c));
    if (clash) {
      problems.add("LZ_LINK_LOCAL_REUSED", at, `${c.text} is already used by tunnel "${clash.key}"`, "give every tunnel its own /30");
      continue;
    }
    if (takenCidrs.some((t) => overlaps(t, c))) {
      problems.add("LZ_LINK_LOCAL_REUSED", at, `${c.text} is already used by another VPN of the environment`, "give every tunnel its own /30");
      continue;
    }
    seen.push({ key, cidr: c });
    out[key] = c;
  }
  return out;
}

/** FNV-1a, 32-bit: a stable, dependency-free hash of a tunnel key. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Allocates one link-local /30 per tunnel key. Fixed ranges are kept as given; every other key
 * gets the /30 of `LINK_LOCAL_POOL` its hash (of `seed/key`) points to, probing forward past
 * blocks already used (fixed, `taken`, or allocated to a key earlier in sorted order). A key's
 * range therefore depends on its own name, not on its position; it moves only on a hash
 * collision, and pinning it in `fixed` settles even that. Assumes `fixed` passed
 * `checkLinkLocalRanges`.
 */
export function allocateLinkLocal(keys: readonly string[], seed: string, fixed: Readonly<Record<string, string>> = {},
  taken: readonly string[] = []): Record<string, BgpSession> {
  const pool = mustParseCidr(LINK_LOCAL_POOL);
  const slots = (pool.end - pool.start + 1) / 4;
  const used: Cidr[] = [...taken, ...Object.values(fixed)].map((t) => parseCidr(t)).flatMap((r) => (r.ok ? [r.cidr] : []));
  const out: Record<string, BgpSession> = {};
  for (const key of keys) {
    const f = fixed[key];
    if (f !== undefined) out[key] = bgpSession(mustParseCidr(f));
  }
  for (const key of [...keys].sort()) {
    if (out[key]) continue;
    const start = fnv1a(`${seed}/${key}`) % slots;
    for (let i = 0; i < slots; i++) {
      const candidate = cidrOf(pool.start + ((start + i) % slots) * 4, 30);
      if (used.some((u) => overlaps(u, candidate))) continue;
      used.push(candidate);
      out[key] = bgpSession(candidate);
      break;
    }
    if (!out[key]) throw new Error(`internal: no free link-local /30 left in ${LINK_LOCAL_POOL}`);
  }
  return Object.fromEntries(keys.map((k) => [k, out[k]!]));
}

/** One tunnel of GCP's 99.99% HA VPN topology. */
export interface HaVpnTunnelPlan {
  /** Stable key, e.g. `gw0-peer1`: which HA VPN interface talks to which peer interface. */
  readonly key: string;
  readonly vpnGatewayInterface: 0 | 1;
  readonly peerExternalGatewayInterface: number;
}

/** External VPN gateway redundancy type by number of peer interfaces. */
export const REDUNDANCY_TYPES: Readonly<Record<number, string>> = {
  1: "SINGLE_IP_INTERNALLY_REDUNDANT",
  2: "TWO_IPS_REDUNDANCY",
  4: "FOUR_IPS_REDUNDANCY",
};

/**
 * The tunnels of the 99.99% topology for 1, 2 or 4 peer interfaces: one peer interface gets a
 * tunnel from each HA VPN interface; two get interface 0→0 and 1→1; four get 0→0, 0→1, 1→2,
 * 1→3. Returns [] for any other count (reported by the caller).
 */
export function haVpnTopology(peerInterfaces: number): HaVpnTunnelPlan[] {
  const t = (g: 0 | 1, p: number): HaVpnTunnelPlan => ({ key: `gw${g}-peer${p}`, vpnGatewayInterface: g, peerExternalGatewayInterface: p });
  switch (peerInterfaces) {
    case 1: return [t(0, 0), t(1, 0)];
    case 2: return [t(0, 0), t(1, 1)];
    case 4: return [t(0, 0), t(0, 1), t(1, 2), t(1, 3)];
    default: return [];
  }
}

/** Length of generated pre-shared keys. */
export const PSK_LENGTH = 32;

/**
 * Checks a pre-shared key given as plain text: 20–64 characters from letters, digits and
 * `._-+=`. The message never echoes the key.
 */
export function checkPresharedKey(psk: string, path: string, problems: Problems): void {
  if (psk.length < 20 || psk.length > 64 || !/^[A-Za-z0-9._+=-]+$/.test(psk)) {
    problems.add("LZ_PSK_WEAK", path, "the pre-shared key must be 20–64 characters of letters, digits or . _ - + =",
      "set a longer key with `pulumi config set --secret`, or remove it to have one generated per tunnel");
  }
}

/** A range the on-premises networks must stay clear of, with where it is configured. */
export interface ReservedRange {
  readonly cidr: string;
  /** Config key or arg path of the range (shown in the message). */
  readonly path: string;
}

/**
 * Checks on-premises CIDRs keyed by name: each parses, none overlaps another, and none overlaps
 * a cloud range (`LZ_ONPREM_OVERLAP`, naming the cloud range's key). Reports under
 * `path.<name>`; returns the ranges that parsed.
 */
export function checkOnPremisesRanges(ranges: Readonly<Record<string, string>>, path: string, problems: Problems,
  cloud: readonly ReservedRange[]): Record<string, Cidr> {
  const out: Record<string, Cidr> = {};
  for (const [name, text] of Object.entries(ranges)) {
    const at = joinPath(path, name);
    const cidr = checkCidr(text, at, problems);
    if (cidr === undefined) continue;
    for (const c of cloud) {
      const parsed = parseCidr(c.cidr);
      if (parsed.ok && overlaps(parsed.cidr, cidr)) {
        problems.add("LZ_ONPREM_OVERLAP", at, `on-premises range ${cidr.text} overlaps the cloud range ${c.cidr} (${c.path})`,
          "correct the on-premises range, or move the cloud range: routes to overlapping ranges are ambiguous");
      }
    }
    const clash = Object.entries(out).find(([, o]) => overlaps(o, cidr));
    if (clash) {
      problems.add("LZ_ONPREM_OVERLAP_SELF", at, `${cidr.text} overlaps the on-premises range "${clash[0]}" (${clash[1].text})`,
        "list each on-premises network once, without overlaps");
    }
    out[name] = cidr;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What the on-premises team configures (shared by GcpHaVpn and AlicloudVpn outputs)
// ---------------------------------------------------------------------------------------------

/** Phase 1 as the on-premises device must configure it. */
export interface IkeProposal {
  readonly version: number;
  /** Exchange mode (Alibaba: `main`). */
  readonly mode?: string;
  readonly encryption: string;
  readonly integrity: string;
  /** Pseudo-random function (GCP). */
  readonly prf?: string;
  readonly dhGroup: number;
  readonly lifetimeSeconds: number;
}

/** Phase 2 as the on-premises device must configure it. */
export interface IpsecProposal {
  readonly protocol: string;
  readonly encryption: string;
  readonly integrity: string;
  readonly pfsGroup: number;
  readonly lifetimeSeconds: number;
}

/** What the on-premises side needs for one tunnel (no secret in here). */
export interface VpnTunnelPeerConfig {
  readonly tunnel: string;
  /** The cloud gateway's public IP for this tunnel. */
  readonly cloudGatewayIp: string;
  /** The on-premises public IP this tunnel terminates on. */
  readonly peerIp: string;
  readonly linkLocalRange: string;
  readonly cloudBgpIp: string;
  readonly peerBgpIp: string;
  readonly cloudAsn: number;
  readonly peerAsn: number;
  readonly ike: IkeProposal;
  readonly ipsec: IpsecProposal;
  /** Traffic selectors: `0.0.0.0/0` on both sides for route-based (BGP) tunnels. */
  readonly localTrafficSelectors: readonly string[];
  readonly remoteTrafficSelectors: readonly string[];
}
