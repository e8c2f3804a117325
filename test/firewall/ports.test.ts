import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adminPortsIn, alicloudPort, ALL_PORTS, gcpPort, parsePortRange, parseProviderPortRange } from "../../src/core/ports";

describe("parsePortRange", () => {
  it.each([
    ["22", { from: 22, to: 22 }],
    ["1", { from: 1, to: 1 }],
    ["65535", { from: 65535, to: 65535 }],
    ["8000-8099", { from: 8000, to: 8099 }],
    ["443-443", { from: 443, to: 443 }],
  ])("parses %s", (text, range) => {
    expect(parsePortRange(text)).toEqual({ ok: true, range });
  });

  it.each([
    ["", "is not a port or port range"],
    [" 22", "is not a port or port range"],
    ["0", "is not a port from 1 to 65535"],
    ["65536", "is not a port from 1 to 65535"],
    ["022", "is not a port from 1 to 65535"],
    ["80-", "is not a port from 1 to 65535"],
    ["-1", "is not a port from 1 to 65535"],
    ["1-2-3", "has more than one"],
    ["90-80", "starts above its end"],
    ["http", "is not a port from 1 to 65535"],
    ["22/22", "is not a port from 1 to 65535"],
    ["1e3", "is not a port from 1 to 65535"],
  ])("rejects %j", (text, reason) => {
    const r = parsePortRange(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toContain(reason);
  });

  it("round-trips every valid range through the GCP form, and the Alibaba form through the provider parser", () => {
    const range = fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })).map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
    fc.assert(fc.property(range, (r) => {
      expect(parsePortRange(gcpPort(r))).toEqual({ ok: true, range: r });
      expect(parseProviderPortRange(alicloudPort(r))).toEqual({ ok: true, range: r });
    }));
  });

  it("accepts exactly the texts of an ascending range of ports 1–65535 (random strings)", () => {
    const portish = fc.string({ unit: fc.constantFrom("0", "1", "2", "3", "5", "6", "9", "-", " ", "/"), maxLength: 12 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 12 }), portish), (text) => {
      const r = parsePortRange(text);
      const m = /^([1-9][0-9]*)(?:-([1-9][0-9]*))?$/.exec(text);
      const from = m ? Number(m[1]) : NaN;
      const to = m ? Number(m[2] ?? m[1]) : NaN;
      const valid = m !== null && from <= to && to <= 65535;
      expect(r.ok).toBe(valid);
      if (r.ok) expect(r.range).toEqual({ from, to });
    }));
  });
});

describe("parseProviderPortRange", () => {
  it("reads the provider forms, -1/-1 and unset as every port", () => {
    expect(parseProviderPortRange("22/22")).toEqual({ ok: true, range: { from: 22, to: 22 } });
    expect(parseProviderPortRange("20/30")).toEqual({ ok: true, range: { from: 20, to: 30 } });
    expect(parseProviderPortRange("-1/-1")).toEqual({ ok: true, range: ALL_PORTS });
    expect(parseProviderPortRange(undefined)).toEqual({ ok: true, range: ALL_PORTS });
    expect(parseProviderPortRange("1/2/3").ok).toBe(false);
  });
});

describe("adminPortsIn", () => {
  it("finds admin ports inside ranges, not by string match", () => {
    expect(adminPortsIn([{ from: 1, to: 1000 }])).toEqual([22, 23]);
    expect(adminPortsIn([{ from: 80, to: 80 }, { from: 443, to: 443 }])).toEqual([]);
    expect(adminPortsIn([{ from: 3000, to: 6000 }])).toEqual([3389, 5900, 5985, 5986]);
    expect(adminPortsIn([{ from: 220, to: 220 }])).toEqual([]);
    expect(adminPortsIn([])).toEqual([22, 23, 3389, 5900, 5985, 5986]);
  });
});
