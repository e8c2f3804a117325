import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contains, mustParseCidr, overlaps } from "../../src/core/cidr";
import { Problems } from "../../src/core/errors";
import { planSubnets, SubnetPlanInput, SubnetRequest } from "../../src/core/subnets";

const ZONES = ["z1", "z2", "z3", "z4", "z5", "z6"];

function input(pool: string, locations: string[], subnets: Record<string, SubnetRequest>, slots = 4): SubnetPlanInput {
  return { pool, locations, slots, subnets, minPrefix: 16, maxPrefix: 29, locationWord: "zone" };
}

function plan(i: SubnetPlanInput) {
  const problems = new Problems();
  const planned = planSubnets(i, "vpc", problems);
  return { planned, problems: problems.items };
}

/** Random subnet collections: names s0..sN with sizes 20–28, each in all or some zones. */
const subnetsArb = fc.array(fc.record({ size: fc.integer({ min: 20, max: 28 }), tier: fc.constantFrom("public", "private" as const) }), { minLength: 1, maxLength: 8 })
  .map((list) => Object.fromEntries(list.map((s, i) => [`s${i}`, { tier: s.tier as "public" | "private", size: s.size }])));

describe("planSubnets carving", () => {
  it("carves in declaration order with one slot per zone", () => {
    const { planned, problems } = plan(input("10.20.0.0/16", ["z1", "z2"], {
      web: { tier: "public", size: 24 },
      app: { tier: "private", size: 22 },
      data: { tier: "private", size: 24 },
    }));
    expect(problems).toEqual([]);
    expect(planned.map((p) => `${p.name}/${p.location}=${p.cidr}`)).toEqual([
      "web/z1=10.20.0.0/24", "web/z2=10.20.1.0/24",
      "app/z1=10.20.16.0/22", "app/z2=10.20.20.0/22",
      "data/z1=10.20.4.0/24", "data/z2=10.20.5.0/24",
    ]);
  });

  it("keeps explicit CIDRs and carves around them", () => {
    const { planned, problems } = plan(input("10.0.0.0/16", ["z1"], {
      pinned: { tier: "public", cidrs: { z1: "10.0.0.0/24" } },
      carved: { tier: "private", size: 24 },
    }));
    expect(problems).toEqual([]);
    expect(planned.map((p) => p.cidr)).toEqual(["10.0.0.0/24", "10.0.4.0/24"]);
  });

  it("property: every carved subnet lies inside the VPC and none overlap", () => {
    fc.assert(fc.property(subnetsArb, fc.integer({ min: 1, max: 4 }), (subnets, zoneCount) => {
      const pool = mustParseCidr("10.0.0.0/12");
      const { planned, problems } = plan(input(pool.text, ZONES.slice(0, zoneCount), subnets));
      if (problems.length > 0) return problems.every((p) => p.code === "LZ_POOL_EXHAUSTED");
      const blocks = planned.map((p) => mustParseCidr(p.cidr));
      for (const b of blocks) expect(contains(pool, b)).toBe(true);
      for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) expect(overlaps(blocks[i]!, blocks[j]!)).toBe(false);
      return true;
    }), { numRuns: 200 });
  });

  it("property: appending a subnet never moves an existing one", () => {
    fc.assert(fc.property(subnetsArb, fc.integer({ min: 20, max: 28 }), (subnets, size) => {
      const zones = ["z1", "z2"];
      const before = plan(input("10.0.0.0/12", zones, subnets));
      const after = plan(input("10.0.0.0/12", zones, { ...subnets, added: { tier: "private", size } }));
      if (before.problems.length > 0) return true;
      for (const p of before.planned) {
        expect(after.planned.find((q) => q.name === p.name && q.location === p.location)?.cidr).toBe(p.cidr);
      }
      return true;
    }), { numRuns: 200 });
  });

  it("property: appending a zone never moves an existing subnet", () => {
    fc.assert(fc.property(subnetsArb, fc.integer({ min: 1, max: 3 }), (subnets, zoneCount) => {
      const before = plan(input("10.0.0.0/12", ZONES.slice(0, zoneCount), subnets));
      const after = plan(input("10.0.0.0/12", ZONES.slice(0, zoneCount + 1), subnets));
      if (before.problems.length > 0) return true;
      expect(after.problems).toEqual([]);
      for (const p of before.planned) {
        expect(after.planned.find((q) => q.name === p.name && q.location === p.location)?.cidr).toBe(p.cidr);
      }
      return true;
    }), { numRuns: 200 });
  });
});

describe("planSubnets errors", () => {
  it("reports every problem at once with path, rule and fix", () => {
    const { problems } = plan(input("10.0.0.0/16", ["z1", "z2"], {
      a: { tier: "public", cidrs: { z1: "10.0.0.0/24", z2: "10.1.0.0/24" } },
      b: { tier: "private", cidrs: { z1: "10.0.0.128/25", z2: "10.0.9.0/30" } },
      c: { tier: "private", size: 12 },
      d: { tier: "private" },
      e: { tier: "private", size: 24, locations: ["z9"] },
      f: { tier: "public", cidrs: { z1: "10.0.7.0/24" } },
    }));
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["LZ_SUBNET_OUTSIDE_VPC", "vpc.subnets.a.cidrs.z2"],
      ["LZ_SUBNET_SIZE", "vpc.subnets.b.cidrs.z2"],
      ["LZ_SUBNET_SIZE", "vpc.subnets.c.size"],
      ["LZ_SUBNET_RANGE_SPEC", "vpc.subnets.d"],
      ["LZ_UNKNOWN_LOCATION", "vpc.subnets.e.locations"],
      ["LZ_SUBNET_CIDR_MISSING", "vpc.subnets.f.cidrs"],
      ["LZ_CIDR_OVERLAP", "vpc.subnets.b.cidrs.z1"],
    ]);
    expect(problems[0]!.message).toBe("10.1.0.0/24 is not inside the VPC range 10.0.0.0/16");
    expect(problems[6]!.message).toBe("10.0.0.128/25 (b/z1) overlaps 10.0.0.0/24 (a/z1, vpc.subnets.a.cidrs.z1)");
  });

  it("reports an exhausted pool and too few slots", () => {
    expect(plan(input("10.0.0.0/22", ["z1"], { a: { tier: "public", size: 24 }, b: { tier: "public", size: 24 } }, 4)).problems.map((p) => p.code))
      .toEqual(["LZ_POOL_EXHAUSTED"]);
    expect(plan(input("10.0.0.0/16", ["z1", "z2", "z3"], { a: { tier: "public", size: 24 } }, 2)).problems.map((p) => [p.code, p.fix]))
      .toEqual([["LZ_SLOTS_TOO_FEW", "raise locationSlots to 4 (this moves carved subnets: pin them with cidrs first)"]]);
  });
});
