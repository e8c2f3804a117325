import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocateLinkLocal, checkAsn, checkAsnPair, checkLinkLocalRanges, checkOnPremisesRanges, checkPresharedKey, fnv1a,
  haVpnTopology, isPrivateAsn, LINK_LOCAL_POOL,
} from "../../src/core/bgp";
import { contains, mustParseCidr, overlaps } from "../../src/core/cidr";
import { Problems } from "../../src/core/errors";

function codes(run: (p: Problems) => void): [string, string][] {
  const p = new Problems();
  run(p);
  return p.items.map((i) => [i.code, i.path]);
}

describe("private ASNs", () => {
  it.each([
    [64511, false], [64512, true], [65534, true], [65535, false],
    [4199999999, false], [4200000000, true], [4294967294, true], [4294967295, false], [65010.5, false],
  ])("%d is private: %s", (asn, expected) => {
    expect(isPrivateAsn(asn)).toBe(expected);
  });

  it("reports public, invalid and equal ASNs with their codes", () => {
    expect(codes((p) => {
      checkAsn(15169, "a", p, "ASN");
      checkAsn(0, "b", p, "ASN");
      checkAsn(15169, "c", p, "ASN", true);
      checkAsn(23456, "d", p, "ASN", true);
      checkAsnPair(65010, 65010, "e", p);
      checkAsnPair(65010, 65011, "f", p);
    })).toEqual([["LZ_ASN_NOT_PRIVATE", "a"], ["LZ_ASN_INVALID", "b"], ["LZ_ASN_INVALID", "d"], ["LZ_ASN_SAME", "e"]]);
  });
});

describe("HA VPN topology", () => {
  it("gives two tunnels for one or two peer interfaces and four for four, in the 99.99% pattern", () => {
    const pairs = (n: number) => haVpnTopology(n).map((t) => [t.key, t.vpnGatewayInterface, t.peerExternalGatewayInterface]);
    expect(pairs(1)).toEqual([["gw0-peer0", 0, 0], ["gw1-peer0", 1, 0]]);
    expect(pairs(2)).toEqual([["gw0-peer0", 0, 0], ["gw1-peer1", 1, 1]]);
    expect(pairs(4)).toEqual([["gw0-peer0", 0, 0], ["gw0-peer1", 0, 1], ["gw1-peer2", 1, 2], ["gw1-peer3", 1, 3]]);
    expect(haVpnTopology(3)).toEqual([]);
    expect(haVpnTopology(0)).toEqual([]);
  });
});

describe("link-local allocation", () => {
  it("hashes the key into the pool: known values, cloud side first host, peer second", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    const s = allocateLinkLocal(["gw0-peer0", "gw1-peer1"], "prod-vpn");
    expect(s["gw0-peer0"]).toEqual({ range: "169.254.126.148/30", cloudIp: "169.254.126.149", peerIp: "169.254.126.150" });
    expect(s["gw1-peer1"]).toEqual({ range: "169.254.94.68/30", cloudIp: "169.254.94.69", peerIp: "169.254.94.70" });
  });

  it("keeps fixed ranges and steers clear of taken ones", () => {
    const free = allocateLinkLocal(["a"], "x");
    const s = allocateLinkLocal(["a", "b"], "x", { b: "169.254.200.0/30" }, [free.a!.range]);
    expect(s.b!.range).toBe("169.254.200.0/30");
    expect(s.a!.range).not.toBe(free.a!.range);
    expect(overlaps(mustParseCidr(s.a!.range), mustParseCidr(free.a!.range))).toBe(false);
  });

  it("property: every range is a distinct /30 in the pool, and a key's range does not depend on its neighbours", () => {
    const pool = mustParseCidr(LINK_LOCAL_POOL);
    fc.assert(fc.property(
      fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), { minLength: 1, maxLength: 40 }),
      fc.stringMatching(/^[a-z]{1,8}$/),
      (keys, seed) => {
        const all = allocateLinkLocal(keys, seed);
        const ranges = keys.map((k) => mustParseCidr(all[k]!.range));
        for (const r of ranges) {
          expect(r.prefix).toBe(30);
          expect(contains(pool, r)).toBe(true);
        }
        for (let i = 0; i < ranges.length; i++) {
          for (let j = i + 1; j < ranges.length; j++) expect(overlaps(ranges[i]!, ranges[j]!)).toBe(false);
        }
        // Alone, each key gets its hash slot; with neighbours it keeps it unless two keys hash alike.
        const alone = keys.map((k) => allocateLinkLocal([k], seed)[k]!.range);
        const distinctSlots = new Set(alone).size === alone.length;
        if (distinctSlots) expect(keys.map((k) => all[k]!.range)).toEqual(alone);
      },
    ), { numRuns: 200 });
  });

  it("rejects ranges outside 169.254.0.0/16, not /30, reserved, reused or taken, each once", () => {
    expect(codes((p) => checkLinkLocalRanges({
      a: "10.0.0.0/30", b: "169.254.10.0/29", c: "169.254.1.0/30", d: "169.254.169.252/30",
      e: "169.254.100.0/30", f: "169.254.100.0/30", g: "169.254.120.4/30", h: "nope",
    }, "x", p, ["169.254.120.0/29"]))).toEqual([
      ["LZ_LINK_LOCAL_OUTSIDE", "x.a"], ["LZ_LINK_LOCAL_SIZE", "x.b"], ["LZ_LINK_LOCAL_RESERVED", "x.c"],
      ["LZ_LINK_LOCAL_RESERVED", "x.d"], ["LZ_LINK_LOCAL_REUSED", "x.f"], ["LZ_LINK_LOCAL_REUSED", "x.g"], ["LZ_CIDR_INVALID", "x.h"],
    ]);
  });
});

describe("on-premises ranges and keys", () => {
  it("reports overlaps with cloud ranges (naming them), with each other, and bad CIDRs", () => {
    const p = new Problems();
    checkOnPremisesRanges({ hq: "192.168.0.0/20", lab: "10.40.8.0/24", dc: "192.168.8.0/24", bad: "172.16.0.1/16" }, "onprem", p,
      [{ cidr: "10.40.0.0/16", path: "landing-zone:gcp.network.cidr" }]);
    expect(p.items.map((i) => [i.code, i.path])).toEqual([
      ["LZ_ONPREM_OVERLAP", "onprem.lab"], ["LZ_ONPREM_OVERLAP_SELF", "onprem.dc"], ["LZ_CIDR_INVALID", "onprem.bad"],
    ]);
    expect(p.items[0]!.message).toBe("on-premises range 10.40.8.0/24 overlaps the cloud range 10.40.0.0/16 (landing-zone:gcp.network.cidr)");
  });

  it("accepts strong keys and rejects short or oddly charactered ones without echoing them", () => {
    const p = new Problems();
    checkPresharedKey("Abcdefghij0123456789xyz", "ok", p);
    checkPresharedKey("short1", "s", p);
    checkPresharedKey("has spaces in it but is long enough", "t", p);
    expect(p.items.map((i) => [i.code, i.path])).toEqual([["LZ_PSK_WEAK", "s"], ["LZ_PSK_WEAK", "t"]]);
    expect(JSON.stringify(p.items)).not.toContain("short1");
  });
});
