import { describe, expect, it } from "vitest";
import { planAlicloudLogging } from "../../src/alicloud/logging";
import { planAlicloudRam } from "../../src/alicloud/ram";
import { AlicloudRegistryArgs, planAlicloudRegistry } from "../../src/alicloud/registry";
import { AlicloudVpnArgs, planAlicloudVpn } from "../../src/alicloud/vpn";
import { readStackFile } from "../../src/config/load";
import { MAX_AUDIT_RETENTION_DAYS } from "../../src/core/audit";
import { Problems } from "../../src/core/errors";
import { checkAlicloudName, checkGcpName } from "../../src/core/naming";
import { planSubnets, SubnetRequest } from "../../src/core/subnets";
import { GCP_BUDGET_MAX_CHANNELS, planGcpBudget } from "../../src/gcp/budget";
import { checkGcpMember } from "../../src/gcp/iam";
import { planGcpLogging } from "../../src/gcp/logging";
import { checkRegistryMember, planGcpRegistry } from "../../src/gcp/registry";
import { configProblems } from "../helpers";

// "One code, one rule": the same rule gives the same code wherever it is checked, and two rules
// never share a code. Plan functions only (no Pulumi runtime): they are what the components and
// the config run before anything is registered.

type Found = [string, string][];

function run(check: (problems: Problems) => unknown): Found {
  const problems = new Problems();
  check(problems);
  return problems.items.map((p) => [p.code, p.path]);
}

function problemsOf(check: (problems: Problems) => unknown) {
  const problems = new Problems();
  check(problems);
  return problems.items;
}

const KEY = "projects/k/locations/europe-west1/keyRings/r/cryptoKeys/k";
const GCP_REGISTRY = { project: "acme-lz-prod", location: "europe-west1" };
const ALI_REGISTRY: AlicloudRegistryArgs = { region: "cn-hangzhou", instanceId: "cri-acmeprod0001", instanceName: "acme-prod", namespace: "prod" };
const VPN: AlicloudVpnArgs = {
  vpcId: "vpc-test", vswitchId: "vsw-a", disasterRecoveryVswitchId: "vsw-b", localSubnets: { vpc: "10.20.0.0/16" },
  onPremisesRanges: { hq: "192.168.0.0/20" }, peer: { asn: 65010, ip: "81.2.69.10", secondaryIp: "81.2.69.11" },
};
const prodRaw = () => structuredClone(readStackFile("Pulumi.prod.yaml").values) as Record<string, any>;
const stagingRaw = () => structuredClone(readStackFile("Pulumi.staging.yaml").values) as Record<string, any>;

describe("the same rule has one code everywhere", () => {
  it("a malformed KMS key name is LZ_KMS_KEY for the audit bucket and the registry", () => {
    expect(run((p) => planGcpLogging("prod-audit", { project: "acme-prod", location: "EU", kmsKeyName: "my-key" }, "L", p)))
      .toEqual([["LZ_KMS_KEY", "L.kmsKeyName"]]);
    expect(run((p) => planGcpRegistry("prod-registry", { ...GCP_REGISTRY, kmsKeyName: "my-key" }, "R", p)))
      .toEqual([["LZ_KMS_KEY", "R.kmsKeyName"]]);
  });

  it("a key in another location is its own rule for the registry: LZ_KMS_KEY_LOCATION", () => {
    expect(run((p) => planGcpRegistry("prod-registry", { ...GCP_REGISTRY, kmsKeyName: KEY.replace("europe-west1", "us-east1") }, "R", p)))
      .toEqual([["LZ_KMS_KEY_LOCATION", "R.kmsKeyName"]]);
    expect(run((p) => planGcpRegistry("prod-registry", { ...GCP_REGISTRY, kmsKeyName: KEY }, "R", p))).toEqual([]);
  });

  it("project IAM and the registry check members with the same codes and words", () => {
    for (const member of ["allUsers", "allAuthenticatedUsers", "ann@acme.example", "user:ann"]) {
      const iam = problemsOf((p) => checkGcpMember(member, "m", p));
      const registry = problemsOf((p) => checkRegistryMember(member, "m", p));
      expect(registry).toEqual(iam);
      expect(iam.map((x) => x.code)).toEqual([member.startsWith("all") ? "LZ_MEMBER_PUBLIC" : "LZ_MEMBER_INVALID"]);
    }
  });

  it("an unknown persona is LZ_UNKNOWN_PERSONA in IAM, RAM and both registries", () => {
    expect(run((p) => planAlicloudRam("prod", { members: { admins: ["ann"] } }, "A", p))).toEqual([["LZ_UNKNOWN_PERSONA", "A.members.admins"]]);
    expect(run((p) => planGcpRegistry("prod-registry", { ...GCP_REGISTRY, members: { qa: ["group:qa@acme.example"] } }, "R", p)))
      .toEqual([["LZ_UNKNOWN_PERSONA", "R.members.qa"]]);
    expect(run((p) => planAlicloudRegistry("prod-registry", { ...ALI_REGISTRY, personaGroups: { qa: "g" } }, "R", p)))
      .toEqual([["LZ_UNKNOWN_PERSONA", "R.personaGroups.qa"]]);
  });

  it("a name over the provider's limit is LZ_NAME_TOO_LONG on both clouds and for VPN names", () => {
    expect(run((p) => checkGcpName("a".repeat(64), "g", p))).toEqual([["LZ_NAME_TOO_LONG", "g"]]);
    expect(run((p) => checkAlicloudName("a".repeat(129), "a", p))).toEqual([["LZ_NAME_TOO_LONG", "a"]]);
    expect(run((p) => planAlicloudVpn(`v${"x".repeat(97)}`, VPN, "V", p)).map(([c]) => c)).toContain("LZ_NAME_TOO_LONG");
  });

  it("a name's characters are LZ_NAME_INVALID on both clouds; a name under the minimum is LZ_NAME_TOO_SHORT", () => {
    expect(run((p) => checkGcpName("Web_1", "g", p))).toEqual([["LZ_NAME_INVALID", "g"]]);
    expect(run((p) => checkAlicloudName("1web", "a", p))).toEqual([["LZ_NAME_INVALID", "a"]]);
    expect(run((p) => checkAlicloudName("a", "a", p))).toEqual([["LZ_NAME_TOO_SHORT", "a"]]);
  });
});

describe("two rules that shared a code now have one each", () => {
  it("registry VPC link: an unknown vpcSubnet (config) vs vpcId without vswitchId (component)", () => {
    const raw = prodRaw();
    raw.alicloud.registry = { instanceId: "cri-acmeprod0001", instanceName: "acme-prod", namespace: "prod", vpcSubnet: "nope" };
    expect(configProblems(raw)).toEqual([["LZ_UNKNOWN_SUBNET", "landing-zone:alicloud.registry.vpcSubnet"]]);
    expect(run((p) => planAlicloudRegistry("prod-registry", { ...ALI_REGISTRY, vpcId: "vpc-1" }, "R", p)))
      .toEqual([["LZ_REGISTRY_VSWITCH_MISSING", "R.vswitchId"]]);
  });

  it("dual-tunnel VPN: a subnet in one zone (config) vs no disasterRecoveryVswitchId (component)", () => {
    const raw = stagingRaw();
    raw.alicloud.vpn.dualTunnel = true;
    raw.alicloud.zones = ["cn-hangzhou-i"];
    expect(configProblems(raw)).toEqual([["LZ_VPN_SUBNET_ZONES", "landing-zone:alicloud.vpn.subnet"]]);
    expect(run((p) => planAlicloudVpn("vpn", { ...VPN, disasterRecoveryVswitchId: undefined }, "V", p)))
      .toEqual([["LZ_VPN_DR_VSWITCH_MISSING", "V.disasterRecoveryVswitchId"]]);
  });

  it("subnet locations: a location the VPC lacks vs a cidrs entry the subnet does not use", () => {
    const subnets: Record<string, SubnetRequest> = {
      far: { tier: "private", size: 24, locations: ["z9"] },
      extra: { tier: "public", locations: ["z1"], cidrs: { z1: "10.0.0.0/24", z2: "10.0.1.0/24" } },
    };
    expect(run((p) => planSubnets({ pool: "10.0.0.0/16", locations: ["z1", "z2"], slots: 4, subnets, minPrefix: 16, maxPrefix: 29, locationWord: "zone" }, "vpc", p)))
      .toEqual([["LZ_UNKNOWN_LOCATION", "vpc.subnets.far.locations"], ["LZ_SUBNET_CIDR_UNUSED", "vpc.subnets.extra.cidrs.z2"]]);
  });

  it("flow-log retention is the audit retention rule, with the shared maximum", () => {
    const found = problemsOf((p) => planAlicloudLogging("prod-audit", { region: "cn-hangzhou", flowLogRetentionDays: MAX_AUDIT_RETENTION_DAYS + 1 }, "A", p));
    expect(found.map((x) => [x.code, x.path])).toEqual([["LZ_AUDIT_RETENTION_RANGE", "A.flowLogRetentionDays"]]);
    expect(found[0]!.message).toContain(`from 1 to ${MAX_AUDIT_RETENTION_DAYS}`);
    expect(run((p) => planAlicloudLogging("prod-audit", { region: "cn-hangzhou", flowLogRetentionDays: MAX_AUDIT_RETENTION_DAYS }, "A", p))).toEqual([]);
  });
});

describe("messages and fixes say what the check does", () => {
  it("LZ_REGISTRY_RAM_NAME: 61 characters with the robot (role <name>-ci, 64), 123 without (policies <name>-push, 128)", () => {
    const ram = (name: string, robot?: boolean) => problemsOf((p) => planAlicloudRegistry(name, { ...ALI_REGISTRY, robot }, "R", p))
      .filter((x) => x.code === "LZ_REGISTRY_RAM_NAME");
    expect(ram(`r${"x".repeat(60)}`)).toEqual([]);
    const long = ram(`r${"x".repeat(61)}`);
    expect(long.map((x) => x.path)).toEqual(["R.name"]);
    expect(long[0]!.message).toContain("at most 61 characters");
    expect(ram(`r${"x".repeat(122)}`, false)).toEqual([]);
    const longer = ram(`r${"x".repeat(123)}`, false);
    expect(longer[0]!.message).toContain("at most 123 characters");
  });

  it("LZ_SLOTS_INVALID: 1, 2, 4, 8 or 16, in the components and in the config schema", () => {
    const slots = (n: number) => problemsOf((p) => planSubnets({
      pool: "10.0.0.0/8", locations: ["z1"], slots: n, subnets: { a: { tier: "public", size: 24 } }, minPrefix: 8, maxPrefix: 29, locationWord: "zone",
    }, "vpc", p));
    for (const n of [1, 2, 4, 8, 16]) expect(slots(n)).toEqual([]);
    for (const n of [0, 3, 32, 64]) {
      expect(slots(n).map((x) => [x.code, x.fix])).toEqual([["LZ_SLOTS_INVALID", "use 1, 2, 4, 8 or 16"]]);
    }
    const raw = prodRaw();
    raw.gcp.network.locationSlots = 32;
    raw.alicloud.vpc.locationSlots = 3;
    expect(configProblems(raw)).toEqual([
      ["LZ_SLOTS_INVALID", "landing-zone:gcp.network.locationSlots"],
      ["LZ_SLOTS_INVALID", "landing-zone:alicloud.vpc.locationSlots"],
    ]);
  });

  it("LZ_BUDGET_CHANNELS: the fix names the same limit as the check", () => {
    const emails = Object.fromEntries(Array.from({ length: GCP_BUDGET_MAX_CHANNELS + 1 }, (_, i) => [`e${i}`, `e${i}@acme.example`]));
    const found = problemsOf((p) => planGcpBudget("prod-budget", {
      billingAccount: "012345-6789AB-CDEF01", project: "acme-prod", projectNumber: "884902664132", amount: 500, emails,
    }, "B", p));
    expect(found.map((x) => [x.code, x.path, x.fix])).toEqual([
      ["LZ_BUDGET_CHANNELS", "B.emails", `keep at most ${GCP_BUDGET_MAX_CHANNELS} addresses, e.g. use a group address`],
    ]);
  });
});
