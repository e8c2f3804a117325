import { describe, expect, it } from "vitest";
import { contains, isPrivate, isPublicIpv4, mustParseCidr, networkOf, overlaps, parseCidr } from "../../src/core/cidr";

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/8", "10.0.0.0/8", 8],
    ["192.168.1.0/24", "192.168.1.0/24", 24],
    ["0.0.0.0/0", "0.0.0.0/0", 0],
    ["10.1.2.3/32", "10.1.2.3/32", 32],
  ])("accepts %s", (text, canonical, prefix) => {
    const r = parseCidr(text);
    expect(r).toEqual({ ok: true, cidr: expect.objectContaining({ text: canonical, prefix }) });
  });

  it.each([
    ["10.0.0.0/33", "\"10.0.0.0/33\" is not an IPv4 CIDR block"],
    ["10.0.0/8", "\"10.0.0/8\" is not an IPv4 CIDR block"],
    ["nonsense", "\"nonsense\" is not an IPv4 CIDR block"],
    ["10.0.0.1/24", "\"10.0.0.1/24\" has host bits set"],
  ])("rejects %s", (text, reason) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toBe(reason);
  });

  it("names the network address to use when host bits are set", () => {
    const r = parseCidr("10.0.0.1/24");
    expect(r.ok ? "" : r.fix).toBe("use the network address 10.0.0.0/24");
  });
});

describe("containment, overlap and ranges", () => {
  it("computes containment and overlap", () => {
    const vpc = mustParseCidr("10.0.0.0/16");
    expect(contains(vpc, mustParseCidr("10.0.255.0/24"))).toBe(true);
    expect(contains(vpc, mustParseCidr("10.1.0.0/24"))).toBe(false);
    expect(overlaps(mustParseCidr("10.0.0.0/23"), mustParseCidr("10.0.1.0/24"))).toBe(true);
    expect(overlaps(mustParseCidr("10.0.0.0/24"), mustParseCidr("10.0.1.0/24"))).toBe(false);
  });

  it("knows the private ranges and public addresses", () => {
    expect(isPrivate(mustParseCidr("172.20.0.0/16"))).toBe(true);
    expect(isPrivate(mustParseCidr("172.32.0.0/16"))).toBe(false);
    expect(isPublicIpv4("203.0.113.10")).toBe(false); // documentation range
    expect(isPublicIpv4("10.0.0.1")).toBe(false);
    expect(isPublicIpv4("169.254.1.1")).toBe(false);
    expect(isPublicIpv4("34.120.1.1")).toBe(true);
    expect(isPublicIpv4("300.1.1.1")).toBe(false);
  });
});

describe("networkOf", () => {
  it.each([
    ["169.254.1.1/30", "169.254.1.0/30", 0xa9fe0100, 0xa9fe0103, 30],
    ["10.1.2.3/8", "10.0.0.0/8", 0x0a000000, 0x0affffff, 8],
    ["10.1.2.0/24", "10.1.2.0/24", 0x0a010200, 0x0a0102ff, 24],
    ["10.1.2.3/32", "10.1.2.3/32", 0x0a010203, 0x0a010203, 32],
    ["192.168.7.9/0", "0.0.0.0/0", 0, 0xffffffff, 0],
    ["255.255.255.255/1", "128.0.0.0/1", 0x80000000, 0xffffffff, 1],
  ])("takes the block %s lies in", (text, network, start, end, prefix) => {
    expect(networkOf(text)).toEqual({ text: network, start, end, prefix });
  });

  it.each(["10.0.0.1", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1", "10.0.0/8", "300.0.0.1/8", "::1/128", "nonsense", ""])(
    "rejects %j", (text) => {
      expect(networkOf(text)).toBeUndefined();
    });

  it("agrees with parseCidr on blocks without host bits", () => {
    for (const text of ["10.0.0.0/16", "0.0.0.0/0", "172.16.4.0/22", "8.8.8.8/32"]) {
      expect(networkOf(text)).toEqual(mustParseCidr(text));
    }
  });
});
