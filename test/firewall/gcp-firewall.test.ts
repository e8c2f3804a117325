import { describe, expect, it } from "vitest";
import { GcpFirewall, GcpFirewallArgs } from "../../src/gcp/firewall";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const NETWORK = "projects/acme-dev/global/networks/dev-core";
const ARGS: GcpFirewallArgs = {
  project: "acme-dev",
  network: NETWORK,
  vpcCidr: "10.10.0.0/16",
  subnets: { web: ["10.10.0.0/24"], app: ["10.10.4.0/22", "10.10.8.0/22"], data: ["10.10.1.0/24"] },
};
const FW = "gcp:compute/firewall:Firewall";
const LOG = { metadata: "INCLUDE_ALL_METADATA" };
const BASE = { network: NETWORK, project: "acme-dev", logConfig: LOG };

function names(inv: { resources: readonly { type: string; name: string }[] }): string[] {
  return inv.resources.filter((r) => r.type === FW).map((r) => r.name).sort();
}

describe("GcpFirewall defaults (egress open)", () => {
  it("creates one logged rule per tier, admin from IAP only and an explicit deny-all ingress, nothing else", async () => {
    const inv = await runOffline(() => { new GcpFirewall("dev-fw", ARGS); }, { stack: "test" });
    expect(names(inv)).toEqual(["dev-fw-admin", "dev-fw-app-in", "dev-fw-data-in", "dev-fw-deny-all-ingress", "dev-fw-web-in"]);
    expect(findResource(inv, FW, "dev-fw-web-in").inputs).toEqual({
      ...BASE, name: "dev-fw-web-in", description: "web accepts tcp 80, 443 from internet", direction: "INGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["80", "443"] }], sourceRanges: ["0.0.0.0/0"], targetTags: ["tier-web"],
    });
    expect(findResource(inv, FW, "dev-fw-app-in").inputs).toEqual({
      ...BASE, name: "dev-fw-app-in", description: "app accepts tcp 8080, 8443 from web", direction: "INGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["8080", "8443"] }], sourceTags: ["tier-web"], targetTags: ["tier-app"],
    });
    expect(findResource(inv, FW, "dev-fw-data-in").inputs).toEqual({
      ...BASE, name: "dev-fw-data-in", description: "data accepts tcp 5432, 3306, 6379 from app", direction: "INGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["5432", "3306", "6379"] }], sourceTags: ["tier-app"], targetTags: ["tier-data"],
    });
    expect(findResource(inv, FW, "dev-fw-admin").inputs).toEqual({
      ...BASE, name: "dev-fw-admin", description: "admin access (22, 3389) from iap", direction: "INGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["22", "3389"] }], sourceRanges: ["35.235.240.0/20"],
    });
    expect(findResource(inv, FW, "dev-fw-deny-all-ingress").inputs).toEqual({
      ...BASE, name: "dev-fw-deny-all-ingress", description: "deny every ingress not allowed above", direction: "INGRESS", priority: 65534,
      denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"],
    });
    const fw = inv.resources.find((r) => r.type === "landing-zone:index:GcpFirewall")!;
    for (const r of inv.resources.filter((x) => x.type === FW)) expect(r.parent).toBe(fw.urn);
  });

  it("exposes the tag of each tier", async () => {
    const inv = await runOffline(() => ({ ids: new GcpFirewall("dev-fw", ARGS).tierIdentities }), { stack: "test" });
    expect(inv.outputs.ids).toEqual({ web: "tier-web", app: "tier-app", data: "tier-data" });
  });
});

describe("GcpFirewall with deny-all egress", () => {
  it("adds the egress side of the tier matrix, Private Google Access and a deny-all egress", async () => {
    const inv = await runOffline(() => { new GcpFirewall("prod-fw", { ...ARGS, denyAllEgress: true }); }, { stack: "test" });
    expect(names(inv)).toEqual([
      "prod-fw-admin", "prod-fw-app-in", "prod-fw-app-in-egress", "prod-fw-data-in", "prod-fw-data-in-egress",
      "prod-fw-deny-all-egress", "prod-fw-deny-all-ingress", "prod-fw-google-apis", "prod-fw-web-in",
    ]);
    expect(findResource(inv, FW, "prod-fw-app-in-egress").inputs).toEqual({
      ...BASE, name: "prod-fw-app-in-egress", description: "egress side of app-in: web to app", direction: "EGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["8080", "8443"] }], destinationRanges: ["10.10.4.0/22", "10.10.8.0/22"], targetTags: ["tier-web"],
    });
    expect(findResource(inv, FW, "prod-fw-data-in-egress").inputs).toEqual({
      ...BASE, name: "prod-fw-data-in-egress", description: "egress side of data-in: app to data", direction: "EGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["5432", "3306", "6379"] }], destinationRanges: ["10.10.1.0/24"], targetTags: ["tier-app"],
    });
    expect(findResource(inv, FW, "prod-fw-google-apis").inputs).toEqual({
      ...BASE, name: "prod-fw-google-apis", description: "Private Google Access VIPs (private/restricted.googleapis.com)", direction: "EGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["443"] }], destinationRanges: ["199.36.153.8/30", "199.36.153.4/30"],
    });
    expect(findResource(inv, FW, "prod-fw-deny-all-egress").inputs).toEqual({
      ...BASE, name: "prod-fw-deny-all-egress", description: "deny every egress not allowed above", direction: "EGRESS", priority: 65534,
      denies: [{ protocol: "all" }], destinationRanges: ["0.0.0.0/0"],
    });
  });
});

describe("GcpFirewall named rules, ranges and service accounts", () => {
  it("maps a named egress rule, a deny rule and on-premises admin sources", async () => {
    const inv = await runOffline(() => {
      new GcpFirewall("dev-fw", {
        ...ARGS,
        onPremisesRanges: { hq: "192.168.0.0/20", dc: "172.20.0.0/16" },
        adminSources: ["iap", "onprem"],
        ranges: { partners: ["203.0.113.0/24"] },
        rules: {
          "app-https-out": { direction: "egress", tiers: ["app"], destinations: ["internet"], ports: ["443"] },
          "block-partner-db": { action: "deny", tiers: ["data"], sources: ["partners"], priority: 900 },
          "partner-icmp": { protocol: "icmp", tiers: ["web"], sources: ["partners", "10.99.0.0/16"], description: "partner monitoring" },
        },
      });
    }, { stack: "test" });
    expect(findResource(inv, FW, "dev-fw-admin").inputs.sourceRanges).toEqual(["35.235.240.0/20", "192.168.0.0/20", "172.20.0.0/16"]);
    expect(findResource(inv, FW, "dev-fw-app-https-out").inputs).toEqual({
      ...BASE, name: "dev-fw-app-https-out", description: "allow egress tcp 443 to internet", direction: "EGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["443"] }], destinationRanges: ["0.0.0.0/0"], targetTags: ["tier-app"],
    });
    expect(findResource(inv, FW, "dev-fw-block-partner-db").inputs).toEqual({
      ...BASE, name: "dev-fw-block-partner-db", description: "deny ingress tcp all from partners", direction: "INGRESS", priority: 900,
      denies: [{ protocol: "tcp" }], sourceRanges: ["203.0.113.0/24"], targetTags: ["tier-data"],
    });
    expect(findResource(inv, FW, "dev-fw-partner-icmp").inputs).toEqual({
      ...BASE, name: "dev-fw-partner-icmp", description: "partner monitoring", direction: "INGRESS", priority: 1000,
      allows: [{ protocol: "icmp" }], sourceRanges: ["203.0.113.0/24", "10.99.0.0/16"], targetTags: ["tier-web"],
    });
  });

  it("targets tiers by service account when asked", async () => {
    const sa = (t: string) => `${t}@acme-dev.iam.gserviceaccount.com`;
    const inv = await runOffline(() => {
      new GcpFirewall("dev-fw", { ...ARGS, targetBy: "serviceAccounts", tiers: { web: { serviceAccount: sa("web") }, app: { serviceAccount: sa("app") }, data: { serviceAccount: sa("data") } } });
    }, { stack: "test" });
    expect(findResource(inv, FW, "dev-fw-app-in").inputs).toEqual({
      ...BASE, name: "dev-fw-app-in", description: "app accepts tcp 8080, 8443 from web", direction: "INGRESS", priority: 1000,
      allows: [{ protocol: "tcp", ports: ["8080", "8443"] }], sourceServiceAccounts: [sa("web")], targetServiceAccounts: [sa("app")],
    });
  });

  it("drops a disabled tier and re-places a tier on other subnets", async () => {
    const inv = await runOffline(() => {
      new GcpFirewall("dev-fw", { ...ARGS, denyAllEgress: true, tiers: { data: { enabled: false }, app: { subnets: ["app", "data"], tag: "backend" } } });
    }, { stack: "test" });
    expect(names(inv)).toEqual(["dev-fw-admin", "dev-fw-app-in", "dev-fw-app-in-egress", "dev-fw-deny-all-egress", "dev-fw-deny-all-ingress", "dev-fw-google-apis", "dev-fw-web-in"]);
    expect(findResource(inv, FW, "dev-fw-app-in-egress").inputs.destinationRanges).toEqual(["10.10.4.0/22", "10.10.8.0/22", "10.10.1.0/24"]);
    expect(findResource(inv, FW, "dev-fw-app-in").inputs.targetTags).toEqual(["backend"]);
  });
});

describe("GcpFirewall bad input", () => {
  it("reports unparseable ports, public admin, duplicate names, priorities and unknown references, all at once", async () => {
    expect(await componentProblems(() => new GcpFirewall("dev-fw", {
      ...ARGS,
      tiers: { web: { ports: ["80", "443", "22"] } },
      rules: {
        "bad-ports": { sources: ["vpc"], ports: ["80-", "70000", "90-80"] },
        "ssh-world": { sources: ["0.0.0.0/0"], ports: ["22"] },
        "rdp-partner": { sources: ["203.0.113.0/24"], ports: ["3000-4000"], allowPublicAdmin: true },
        "web-in": { sources: ["vpc"], ports: ["80"] },
        "too-low": { sources: ["vpc"], ports: ["80"], priority: 70000 },
        "ghosts": { sources: ["cache", "onprem"], tiers: ["queue"], ports: ["80"] },
        "icmp-ports": { protocol: "icmp", sources: ["vpc"], ports: ["8"] },
        "egress-nowhere": { direction: "egress", sources: ["vpc"] },
      },
    }))).toEqual([
      ["LZ_FW_PUBLIC_ADMIN", "GcpFirewall args.tiers.web.ports"],
      ["LZ_FW_PORT_RANGE", "GcpFirewall args.rules.bad-ports.ports[0]"],
      ["LZ_FW_PORT_RANGE", "GcpFirewall args.rules.bad-ports.ports[1]"],
      ["LZ_FW_PORT_RANGE", "GcpFirewall args.rules.bad-ports.ports[2]"],
      ["LZ_FW_PUBLIC_ADMIN", "GcpFirewall args.rules.ssh-world.ports"],
      ["LZ_FW_PUBLIC_ADMIN", "GcpFirewall args.rules.rdp-partner.ports"],
      ["LZ_FW_JUSTIFICATION_MISSING", "GcpFirewall args.rules.rdp-partner.justification"],
      ["LZ_FW_DUPLICATE_RULE", "GcpFirewall args.rules.web-in"],
      ["LZ_FW_PRIORITY", "GcpFirewall args.rules.too-low.priority"],
      ["LZ_FW_UNKNOWN_REFERENCE", "GcpFirewall args.rules.ghosts.sources[0]"],
      ["LZ_FW_RANGE_EMPTY", "GcpFirewall args.rules.ghosts.sources[1]"],
      ["LZ_FW_UNKNOWN_TIER", "GcpFirewall args.rules.ghosts.tiers[0]"],
      ["LZ_FW_PORTS_NOT_ALLOWED", "GcpFirewall args.rules.icmp-ports.ports"],
      ["LZ_FW_NO_PEERS", "GcpFirewall args.rules.egress-nowhere.destinations"],
      ["LZ_FW_WRONG_PEER_KEY", "GcpFirewall args.rules.egress-nowhere.sources"],
    ]);
  });

  it("accepts a public admin port with allowPublicAdmin and a justification", async () => {
    const inv = await runOffline(() => {
      new GcpFirewall("dev-fw", { ...ARGS, rules: { "bastion-ssh": { sources: ["198.51.100.7/32"], tiers: ["web"], ports: ["22"], allowPublicAdmin: true, justification: "vendor bastion until 2027-01, CHG-1234" } } });
    }, { stack: "test" });
    expect(findResource(inv, FW, "dev-fw-bastion-ssh").inputs.sourceRanges).toEqual(["198.51.100.7/32"]);
  });

  it("never lets adminSources open admin ports to the world, and checks tiers, tags and service accounts", async () => {
    expect(await componentProblems(() => new GcpFirewall("dev-fw", {
      ...ARGS, adminSources: ["internet"], tiers: { web: { tag: "Web_Tier" }, cache: { from: ["app"], ports: ["6379"] } },
    }))).toEqual([
      ["LZ_FW_UNKNOWN_SUBNET", "GcpFirewall args.tiers.cache"],
      ["LZ_FW_PUBLIC_ADMIN", "GcpFirewall args.adminSources"],
      ["LZ_NAME_INVALID", "GcpFirewall args.tiers.web.tag"],
    ]);
    expect(await componentProblems(() => new GcpFirewall("dev-fw", { ...ARGS, targetBy: "serviceAccounts", tiers: { web: { serviceAccount: "web@acme" } } }))).toEqual([
      ["LZ_FW_SERVICE_ACCOUNT", "GcpFirewall args.tiers.web.serviceAccount"],
      ["LZ_FW_SERVICE_ACCOUNT", "GcpFirewall args.tiers.app.serviceAccount"],
      ["LZ_FW_SERVICE_ACCOUNT", "GcpFirewall args.tiers.data.serviceAccount"],
    ]);
  });

  it("refuses a subnet without CIDRs (an egress rule to it would have no destination: everywhere) and unparseable subnet CIDRs", async () => {
    expect(await componentProblems(() => new GcpFirewall("prod-fw", {
      ...ARGS, denyAllEgress: true, subnets: { ...ARGS.subnets, app: [], data: ["10.10.1.0/33"] },
    }))).toEqual([
      ["LZ_FW_SUBNET_EMPTY", "GcpFirewall args.subnets.app"],
      ["LZ_CIDR_INVALID", "GcpFirewall args.subnets.data[0]"],
    ]);
  });

  it("explains a public SSH rule with the fix", () => {
    expect(() => new GcpFirewall("f", { ...ARGS, rules: { ssh: { sources: ["internet"], ports: ["22"] } } })).toThrow(
      'GcpFirewall "f": 1 problem found, nothing was created:\n  - GcpFirewall args.rules.ssh.ports: opens admin port 22 (SSH) to public addresses 0.0.0.0/0 [LZ_FW_PUBLIC_ADMIN]\n' +
      "    fix: reach admin ports through the IAP range (GCP) or the VPN and on-premises ranges; if it must stay public, set allowPublicAdmin: true and a written justification",
    );
  });
});
