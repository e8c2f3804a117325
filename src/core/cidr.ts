import * as ipaddr from "ipaddr.js";
import { Problems } from "./errors";

/** A parsed IPv4 CIDR block. `start` and `end` are unsigned 32-bit addresses. */
export interface Cidr {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly prefix: number;
}

/** The RFC 1918 private ranges. */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

function toUint32(octets: readonly number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

/** The dotted-quad text of an unsigned 32-bit IPv4 address (`167772161` → `10.0.0.1`). */
export function ipv4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Builds a block from its first address and prefix length. */
export function cidrOf(start: number, prefix: number): Cidr {
  return { text: `${ipv4Text(start)}/${prefix}`, start, end: start + blockSize(prefix) - 1, prefix };
}

/** Why a CIDR text was rejected, or the parsed block. */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; reason: string; fix: string };

/**
 * The block an IPv4 `a.b.c.d/n` lies in, host bits cleared (`169.254.1.1/30` → `169.254.1.0/30`),
 * or undefined when the text is no such CIDR. For values a provider reports or takes with host
 * bits set, such as a BGP link's interface address; configuration goes through `parseCidr`.
 */
export function networkOf(text: string): Cidr | undefined {
  if (typeof text !== "string" || !ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return undefined;
  const [, prefix] = ipaddr.IPv4.parseCIDR(text);
  return cidrOf(toUint32(ipaddr.IPv4.networkAddressFromCIDR(text).octets), prefix);
}

/**
 * Parses an IPv4 CIDR strictly: four-part decimal, a prefix length 0–32 and no host bits set
 * (`10.0.0.1/24` is rejected with the network address to use instead).
 */
export function parseCidr(text: string): CidrParse {
  const network = networkOf(text);
  if (network === undefined) {
    return {
      ok: false,
      reason: `"${text}" is not an IPv4 CIDR block`,
      fix: "write it as a.b.c.d/n with n from 0 to 32, e.g. 10.0.0.0/16",
    };
  }
  if (toUint32(ipaddr.IPv4.parseCIDR(text)[0].octets) !== network.start) {
    return { ok: false, reason: `"${text}" has host bits set`, fix: `use the network address ${network.text}` };
  }
  return { ok: true, cidr: network };
}

/**
 * Checks that `text` parses as a CIDR (`parseCidr`); reports `LZ_CIDR_INVALID` under `path`
 * otherwise. Every CIDR the library takes (VPC, subnet, firewall peer, VPN range) uses it.
 */
export function checkCidr(text: string, path: string, problems: Problems): Cidr | undefined {
  const parsed = parseCidr(text);
  if (parsed.ok) return parsed.cidr;
  problems.add("LZ_CIDR_INVALID", path, parsed.reason, parsed.fix);
  return undefined;
}

/** Parses a CIDR that is known to be valid (constants, already validated input). */
export function mustParseCidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`internal: ${r.reason}`);
  return r.cidr;
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** True when the block lies inside one of the RFC 1918 private ranges. */
export function isPrivate(c: Cidr): boolean {
  return PRIVATE_RANGES.some((r) => contains(mustParseCidr(r), c));
}

/** True when `text` is a valid IPv4 address (four-part decimal). */
export function isIpv4(text: string): boolean {
  return typeof text === "string" && ipaddr.IPv4.isValidFourPartDecimal(text);
}

/**
 * True when `text` is a globally routable unicast IPv4 address: not private, loopback,
 * link-local, carrier-grade NAT, multicast, reserved or a documentation range.
 */
export function isPublicIpv4(text: string): boolean {
  if (!isIpv4(text)) return false;
  return ipaddr.IPv4.parse(text).range() === "unicast";
}

/**
 * Finds the first block of `/prefix` inside `pool` that overlaps none of `taken`, scanning
 * aligned blocks from the start of the pool. Returns undefined when the pool is full.
 */
export function firstFree(pool: Cidr, prefix: number, taken: readonly Cidr[]): Cidr | undefined {
  if (prefix < pool.prefix || prefix > 32) return undefined;
  const size = blockSize(prefix);
  let start = pool.start;
  while (start + size - 1 <= pool.end) {
    const candidate = cidrOf(start, prefix);
    const clash = taken.filter((t) => overlaps(t, candidate));
    if (clash.length === 0) return candidate;
    // Skip past the furthest clashing block, realigned to this size.
    const after = Math.max(...clash.map((t) => t.end)) + 1;
    start = Math.ceil(after / size) * size;
  }
  return undefined;
}

/** Returns the `index`-th block of `/prefix` inside `group` (group must be large enough). */
export function nthBlock(group: Cidr, prefix: number, index: number): Cidr {
  return cidrOf(group.start + index * blockSize(prefix), prefix);
}
