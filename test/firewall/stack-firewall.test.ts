import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { readStackFile } from "../../src/config/load";
import { isPublicCidr } from "../../src/core/rules";
import { adminPortsIn, parsePortRange, parseProviderPortRange, PortRange } from "../../src/core/ports";
import { configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

const FW = "gcp:compute/firewall:Firewall";
const RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";

/** Port ranges of a GCP allow entry (no ports = every port), parsed properly. */
function gcpRanges(ports: string[] | undefined): PortRange[] {
  return (ports ?? []).map((p) => { const r = parsePortRange(p); if (!r.ok) throw new Error(r.reason); return r.range; });
}

describe.each(["dev", "staging", "prod"])("the %s stack's firewalls", (stack) => {
  it("log every GCP rule with all metadata and open no admin port to public addresses on either cloud", async () => {
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    const firewalls = inv.resources.filter((r) => r.type === FW);
    expect(firewalls.length).toBeGreaterThan(4);
    for (const f of firewalls) {
      const i = f.inputs as Record<string, any>;
      expect(i.logConfig, f.name).toEqual({ metadata: "INCLUDE_ALL_METADATA" });
      if (i.direction !== "INGRESS" || !i.allows) continue;
      const publicSources = (i.sourceRanges ?? []).filter(isPublicCidr).filter((c: string) => c !== "35.235.240.0/20");
      for (const a of i.allows) {
        if (publicSources.length > 0 && a.protocol !== "icmp") expect(adminPortsIn(gcpRanges(a.ports)), f.name).toEqual([]);
      }
    }
    const sgRules = inv.resources.filter((r) => r.type === RULE);
    expect(sgRules.length).toBeGreaterThan(8);
    for (const r of sgRules) {
      const i = r.inputs as Record<string, any>;
      expect(i.nicType, r.name).toBe("intranet");
      expect(i.priority >= 1 && i.priority <= 100, r.name).toBe(true);
      const range = parseProviderPortRange(i.portRange);
      if (!range.ok) throw new Error(range.reason);
      if (i.type === "ingress" && i.policy === "accept" && i.cidrIp !== undefined && isPublicCidr(i.cidrIp)) {
        expect(adminPortsIn([range.range]), r.name).toEqual([]);
      }
    }
    for (const r of inv.resources.filter((x) => x.type === "alicloud:ecs/securityGroup:SecurityGroup" || x.type === "alicloud:vpc/networkAcl:NetworkAcl")) {
      expect((r.inputs as Record<string, any>).tags.environment, r.name).toBe(stack);
    }
  });
});

describe("production strictness", () => {
  it("prod denies all other egress on both clouds and admits SSH only, from IAP (GCP) and on-premises (Alibaba)", async () => {
    const inv = await plannedStackFile("Pulumi.prod.yaml");
    const fw = (n: string) => inv.resources.find((r) => r.type === FW && r.name === n)?.inputs as Record<string, any>;
    expect(fw("prod-fw-deny-all-egress")).toMatchObject({ direction: "EGRESS", priority: 65534, denies: [{ protocol: "all" }], destinationRanges: ["0.0.0.0/0"] });
    expect(fw("prod-fw-google-apis")).toMatchObject({ destinationRanges: ["199.36.153.8/30", "199.36.153.4/30"] });
    expect(fw("prod-fw-admin")).toMatchObject({ allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["35.235.240.0/20"] });
    expect(fw("prod-fw-app-https-out")).toMatchObject({ direction: "EGRESS", targetTags: ["tier-app"], destinationRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] });
    const names = inv.resources.filter((r) => r.type === RULE).map((r) => r.name);
    expect(names.filter((n) => n.startsWith("prod-fw-web-admin"))).toEqual(["prod-fw-web-admin-onprem-172-16-0-0-16-22", "prod-fw-web-admin-onprem-192-168-0-0-20-22"].sort());
    expect(names).toContain("prod-fw-data-deny-all-egress-internet-all");
  });

  it("dev leaves egress open (no deny-all egress rule on either cloud)", async () => {
    const inv = await plannedStackFile("Pulumi.dev.yaml");
    expect(inv.resources.filter((r) => r.name.includes("deny-all-egress"))).toEqual([]);
    expect(inv.resources.filter((r) => r.type === FW).map((r) => r.name).sort()).toEqual(
      ["dev-fw-admin", "dev-fw-app-in", "dev-fw-data-in", "dev-fw-deny-all-ingress", "dev-fw-vpc-ping", "dev-fw-web-in"]);
  });
});

describe("firewall config errors", () => {
  const dev = () => readStackFile("Pulumi.dev.yaml").values as Record<string, any>;

  it("reports every bad firewall key with its config path", () => {
    const raw = dev();
    raw.gcp.firewall = {
      adminSources: ["internet"],
      tiers: { web: { ports: ["80", "8o"] } },
      rules: { "ssh-all": { sources: ["0.0.0.0/0"], ports: ["22"] }, "deny-all-ingress": { sources: ["vpc"] }, late: { sources: ["vpc"], priority: -1 } },
    };
    raw.alicloud.firewall = { rules: { "to-cache": { direction: "egress", tiers: ["cache"], destinations: ["iap"], priority: 200 } } };
    expect(configProblems(raw)).toEqual([
      ["LZ_FW_PORT_RANGE", "landing-zone:gcp.firewall.tiers.web.ports[1]"],
      ["LZ_FW_PUBLIC_ADMIN", "landing-zone:gcp.firewall.adminSources"],
      ["LZ_FW_PUBLIC_ADMIN", "landing-zone:gcp.firewall.rules.ssh-all.ports"],
      ["LZ_FW_DUPLICATE_RULE", "landing-zone:gcp.firewall.rules.deny-all-ingress"],
      ["LZ_FW_PRIORITY", "landing-zone:gcp.firewall.rules.late.priority"],
      ["LZ_FW_PRIORITY", "landing-zone:alicloud.firewall.rules.to-cache.priority"],
      ["LZ_FW_UNKNOWN_REFERENCE", "landing-zone:alicloud.firewall.rules.to-cache.destinations[0]"],
      ["LZ_FW_UNKNOWN_TIER", "landing-zone:alicloud.firewall.rules.to-cache.tiers[0]"],
    ]);
  });

  it("rejects unknown keys and a malformed on-premises range", () => {
    const raw = dev();
    raw.gcp.firewall = { denyAllEgres: true };
    expect(configProblems(raw)).toEqual([["LZ_CONFIG_UNKNOWN_KEY", "landing-zone:gcp.firewall.denyAllEgres"]]);
    const raw2 = dev();
    raw2.onPremises = { ranges: { hq: "192.168.0.0/33" } };
    // The connectivity area owns the key and reports it once; the firewall only uses valid ranges and adds nothing.
    const found = configProblems(raw2);
    expect(found.filter(([, p]) => p === "landing-zone:onPremises.ranges.hq")).toHaveLength(1);
    expect(found.filter(([c]) => c.startsWith("LZ_FW"))).toEqual([]);
  });

  it("makes `npm run plan` exit 2 and plan nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-fw-"));
    const file = path.join(dir, "Pulumi.broken.yaml");
    fs.writeFileSync(file, fs.readFileSync("Pulumi.dev.yaml", "utf8").replace(
      "vpc-ping: {protocol: icmp, sources: [vpc], description: ping inside the VPC while debugging}", "ssh: {sources: [internet], ports: [\"20-30\"]}"));
    let out = "";
    let err = "";
    expect(await runPlan(["--config", file], (s) => { out += s; }, (s) => { err += s; })).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("landing-zone:gcp.firewall.rules.ssh.ports: opens admin ports 22 (SSH), 23 (Telnet) to public addresses 0.0.0.0/0 [LZ_FW_PUBLIC_ADMIN]");
  });
});
