import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Problems } from "../../src/core/errors";
import { CloudRuleContext, FirewallRuleArgs, GCP_PRIORITIES, isPublicCidr, planRules, Protocol } from "../../src/core/rules";

const GCP: CloudRuleContext = {
  builtinRanges: { internet: ["0.0.0.0/0"], vpc: ["10.10.0.0/16"], iap: ["35.235.240.0/20"], onprem: ["192.168.0.0/20", "198.51.100.0/24"] },
  subnets: { web: ["10.10.0.0/24"], app: ["10.10.4.0/22"], data: ["10.10.1.0/24"] },
  priorities: GCP_PRIORITIES,
  serviceEgress: {},
  defaultAdminSources: ["iap"],
};

describe("planRules defaults", () => {
  it("resolves each tier's default rule, the admin rule and the closing deny-all, in that order", () => {
    const problems = new Problems();
    const plan = planRules({}, GCP, "args", problems);
    expect(problems.items).toEqual([]);
    expect(plan.tiers).toEqual([
      { name: "web", subnets: ["web"], cidrs: ["10.10.0.0/24"] },
      { name: "app", subnets: ["app"], cidrs: ["10.10.4.0/22"] },
      { name: "data", subnets: ["data"], cidrs: ["10.10.1.0/24"] },
    ]);
    const tcp = (from: number, to = from) => ({ from, to });
    expect(plan.rules).toEqual([
      { name: "web-in", direction: "ingress", action: "allow", protocol: "tcp", ports: [tcp(80), tcp(443)], priority: 1000, tiers: ["web"],
        peers: [{ kind: "cidr", cidr: "0.0.0.0/0", label: "internet-0-0-0-0-0" }], description: "web accepts tcp 80, 443 from internet", origin: "tier" },
      { name: "app-in", direction: "ingress", action: "allow", protocol: "tcp", ports: [tcp(8080), tcp(8443)], priority: 1000, tiers: ["app"],
        peers: [{ kind: "tier", tier: "web" }], description: "app accepts tcp 8080, 8443 from web", origin: "tier" },
      { name: "data-in", direction: "ingress", action: "allow", protocol: "tcp", ports: [tcp(5432), tcp(3306), tcp(6379)], priority: 1000, tiers: ["data"],
        peers: [{ kind: "tier", tier: "app" }], description: "data accepts tcp 5432, 3306, 6379 from app", origin: "tier" },
      { name: "admin", direction: "ingress", action: "allow", protocol: "tcp", ports: [tcp(22), tcp(3389)], priority: 1000, tiers: [],
        peers: [{ kind: "cidr", cidr: "35.235.240.0/20", label: "iap-35-235-240-0-20" }], description: "admin access (22, 3389) from iap", origin: "admin" },
      { name: "deny-all-ingress", direction: "ingress", action: "deny", protocol: "all", ports: [], priority: 65534, tiers: [],
        peers: [{ kind: "cidr", cidr: "0.0.0.0/0", label: "internet" }], description: "deny every ingress not allowed above", origin: "default" },
    ]);
    expect(plan.denyAllEgress).toBe(false);
  });

  it("classifies public address space", () => {
    expect(["0.0.0.0/0", "8.8.8.0/24", "0.0.0.0/1", "35.235.240.0/20"].map(isPublicCidr)).toEqual([true, true, true, true]);
    expect(["10.0.0.0/8", "172.16.5.0/24", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8"].map(isPublicCidr)).toEqual([false, false, false, false, false]);
  });
});

/** Peers with whether they hold public addresses outside the trusted IAP and on-premises ranges (labelled by hand). */
const PEERS: Record<string, boolean> = {
  internet: true, "0.0.0.0/1": true, "203.0.113.0/24": true, "8.8.8.8/32": true,
  vpc: false, iap: false, onprem: false, "10.0.0.0/8": false, "172.16.0.0/12": false, "198.51.100.128/25": false, "35.235.241.0/24": false, web: false, app: false,
};
const ADMIN = [22, 23, 3389, 5900, 5985, 5986];

describe("the public-admin invariant (property)", () => {
  it("no accepted rule set lets a public peer reach an admin port without allowPublicAdmin and a justification", () => {
    const range = fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 200 })).map(([a, w]) => ({ from: a, to: Math.min(65535, a + w) }));
    const special = fc.constantFrom(...ADMIN).map((p) => ({ from: p, to: p }));
    const rule = fc.record({
      protocol: fc.constantFrom<Protocol>("tcp", "udp", "icmp", "all"),
      ranges: fc.option(fc.array(fc.oneof(range, special), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      sources: fc.array(fc.constantFrom(...Object.keys(PEERS)), { minLength: 1, maxLength: 3 }),
      allowPublicAdmin: fc.boolean(),
      justification: fc.constantFrom(undefined, "", "  ", "vendor bastion, CHG-1"),
    });
    fc.assert(fc.property(fc.dictionary(fc.constantFrom("r-a", "r-b", "r-c"), rule, { maxKeys: 3 }), (gen) => {
      const rules: Record<string, FirewallRuleArgs> = {};
      for (const [k, r] of Object.entries(gen)) {
        const hasPorts = r.protocol === "tcp" || r.protocol === "udp";
        rules[k] = {
          protocol: r.protocol, sources: r.sources, allowPublicAdmin: r.allowPublicAdmin, justification: r.justification,
          ...(hasPorts && r.ranges ? { ports: r.ranges.map((x) => (x.from === x.to ? String(x.from) : `${x.from}-${x.to}`)) } : {}),
        };
      }
      const problems = new Problems();
      planRules({ rules }, GCP, "args", problems);
      const codes = problems.items.map((p) => p.code);
      for (const [k, r] of Object.entries(gen)) {
        const hasPorts = (r.protocol === "tcp" || r.protocol === "udp") && r.ranges !== undefined;
        const opensAdmin = r.protocol !== "icmp" && (!hasPorts || r.ranges!.some((x) => ADMIN.some((p) => x.from <= p && p <= x.to)));
        const publicPeer = r.sources.some((s) => PEERS[s]);
        const justified = r.allowPublicAdmin && (r.justification ?? "").trim() !== "";
        const flagged = problems.items.some((p) => p.code === "LZ_FW_PUBLIC_ADMIN" && p.path.startsWith(`args.rules.${k}.`));
        expect(flagged, `${k}: ${JSON.stringify(r)} ${codes.join(",")}`).toBe(opensAdmin && publicPeer && !justified);
      }
    }), { numRuns: 300 });
  });
});
