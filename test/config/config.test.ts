import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { readStackFile } from "../../src/config/load";
import { parseEnvironment } from "../../src/planner";
import { configProblems } from "../helpers";

const BASE = readStackFile("Pulumi.dev.yaml").values;


describe("config schema", () => {
  it("parses the dev stack file into a typed spec with defaults", () => {
    const spec = parseEnvironment(BASE);
    expect(spec.environment).toBe("dev");
    expect(spec.production).toBe(false);
    expect(spec.clouds).toEqual(["gcp", "alicloud"]);
    expect(spec.gcp?.network.subnets.app?.secondaryRanges?.pods?.size).toBe(20);
  });

  it("reports missing keys, unknown keys and wrong types together, each with its key path", () => {
    const raw = structuredClone(BASE);
    delete raw.owner;
    raw.costCentre = "cc-1";
    raw.clouds = ["gcp", "aws"];
    (raw.gcp as Record<string, any>).network.mtu = "big";
    (raw.gcp as Record<string, any>).network.subnets.web.tier = "dmz";
    expect(configProblems(raw)).toEqual([
      ["LZ_CONFIG_MISSING", "landing-zone:owner"],
      ["LZ_CONFIG_VALUE", "landing-zone:clouds[1]"],
      ["LZ_CONFIG_TYPE", "landing-zone:gcp.network.mtu"],
      ["LZ_CONFIG_VALUE", "landing-zone:gcp.network.subnets.web.tier"],
      ["LZ_CONFIG_UNKNOWN_KEY", "landing-zone:costCentre"],
    ]);
  });

  it("explains each problem with the rule and the fix", () => {
    const raw = structuredClone(BASE);
    (raw.gcp as Record<string, any>).network.subnets.web.tier = "dmz";
    expect(() => parseEnvironment(raw, "Pulumi.dev.yaml")).toThrow(
      'Pulumi.dev.yaml: 1 problem found, nothing was created:\n  - landing-zone:gcp.network.subnets.web.tier: "dmz" is not allowed [LZ_CONFIG_VALUE]\n    fix: use one of "public", "private"',
    );
  });

  it("requires settings for every enabled cloud and rejects settings of a disabled one", () => {
    const raw = structuredClone(BASE);
    raw.clouds = ["gcp"];
    expect(configProblems(raw)).toEqual([["LZ_CLOUD_DISABLED", "landing-zone:alicloud"]]);
    delete raw.gcp;
    raw.clouds = ["gcp", "alicloud"];
    expect(configProblems(raw)).toEqual([["LZ_CLOUD_MISSING", "landing-zone:gcp"]]);
  });

  it("checks CIDRs across clouds and inside each VPC after the schema", () => {
    const raw = structuredClone(BASE);
    (raw.alicloud as Record<string, any>).vpc.cidr = "10.10.128.0/17";
    (raw.gcp as Record<string, any>).network.subnets.data = { tier: "private", cidrs: { "europe-west1": "10.10.0.0/25" } };
    expect(configProblems(raw)).toEqual([
      ["LZ_CIDR_OVERLAP", "landing-zone:gcp.network.subnets.data.cidrs.europe-west1"],
      ["LZ_VPC_OVERLAP", "landing-zone:alicloud.vpc.cidr"],
    ]);
  });

  it("still plans a well-formed network when another key of its cloud section is wrong", () => {
    const raw = structuredClone(BASE);
    (raw.gcp as Record<string, any>).project = "Acme";
    (raw.gcp as Record<string, any>).network.cidr = "10.10.0.0/33";
    (raw.alicloud as Record<string, any>).region = "Hangzhou";
    (raw.alicloud as Record<string, any>).vpc.subnets.web.size = 30;
    expect(configProblems(raw)).toEqual([
      ["LZ_CONFIG_FORMAT", "landing-zone:gcp.project"],
      ["LZ_CONFIG_FORMAT", "landing-zone:alicloud.region"],
      ["LZ_CIDR_INVALID", "landing-zone:gcp.network.cidr"],
    ]);
  });

  it("names a bad collection key with the components' own rule", () => {
    const raw = structuredClone(BASE);
    (raw.gcp as Record<string, any>).network.subnets.Web_1 = { tier: "public", size: 24 };
    expect(configProblems(raw)).toEqual([["LZ_KEY_INVALID", "landing-zone:gcp.network.subnets.Web_1"]]);
  });

  it("rejects labels that are not valid on both clouds", () => {
    const raw = structuredClone(BASE);
    raw.labels = { Team: "Platform" };
    expect(configProblems(raw)).toEqual([["LZ_LABEL_KEY", "landing-zone:labels.Team"], ["LZ_LABEL_VALUE", "landing-zone:labels.Team"]]);
  });
});

describe("plan command on bad config", () => {
  it("exits 2, prints every problem and plans nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-"));
    const file = path.join(dir, "Pulumi.broken.yaml");
    fs.writeFileSync(file, fs.readFileSync("Pulumi.dev.yaml", "utf8").replace("cidr: 10.10.0.0/16", "cidr: 10.10.0.0/33").replace("owner: platform-team", "owner: Platform Team"));
    let out = "";
    let err = "";
    const json = path.join(dir, "plan.json");
    const code = await runPlan(["--config", file, "--json", json], (s) => { out += s; }, (s) => { err += s; });
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(fs.existsSync(json)).toBe(false);
    expect(err).toContain("landing-zone:owner:");
    expect(err).toContain('landing-zone:gcp.network.cidr: "10.10.0.0/33" is not an IPv4 CIDR block [LZ_CIDR_INVALID]');
    expect(err.startsWith(`${file}: `)).toBe(true); // names the file that was read
  });

  it.each([
    ["malformed YAML", "config:\n  landing-zone:environment: [unclosed\n", "LZ_STACK_FILE_YAML"],
    ["a pre-shared key in clear", fs.readFileSync("Pulumi.staging.yaml", "utf8").replace("      peer: {asn: 65010, interfaces: [81.2.69.10]}\n",
      "      peer: {asn: 65010, interfaces: [81.2.69.10]}\n      sharedSecret: PlainTextPSK\n"), "LZ_SECRET_PLAINTEXT"],
  ])("exits 2 on %s, naming the rule, without a stack trace", async (_what, text, code) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-"));
    const file = path.join(dir, "Pulumi.staging.yaml");
    fs.writeFileSync(file, text);
    let err = "";
    expect(await runPlan(["--config", file], () => undefined, (s) => { err += s; })).toBe(2);
    expect(err).toContain(`[${code}]`);
    expect(err).not.toContain("PlainTextPSK");
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 when the stack file is a directory or the report cannot be written", async () => {
    let err = "";
    expect(await runPlan(["--config", "docs"], () => undefined, (s) => { err += s; })).toBe(2);
    expect(err).toContain("[LZ_STACK_FILE_READ]");
    err = "";
    expect(await runPlan(["--stack", "dev", "--out", path.join(os.tmpdir(), "no-such-dir", "plan.md")], () => undefined, (s) => { err += s; })).toBe(2);
    expect(err).toMatch(/^error: cannot write .*plan\.md: ENOENT/);
  });

  it("exits 2 on a usage error", async () => {
    let err = "";
    expect(await runPlan(["--stack", "dev", "--config", "x.yaml"], () => undefined, (s) => { err += s; })).toBe(2);
    expect(err).toBe("error: give exactly one of --stack <env> and --config <file>\n");
  });
});

describe("on-premises ranges across areas", () => {
  it("reports a malformed on-premises range once, under its key, though the firewalls and both VPNs use it", () => {
    const raw = structuredClone(BASE) as Record<string, any>;
    raw.onPremises = { ranges: { hq: "192.168.0.1/20", branch: "172.20.0.0/16" }, otherEnvironmentRanges: { prod: "10.20.0.0/33" } };
    raw.gcp.vpn = { peer: { asn: 65000, interfaces: ["34.120.0.10"] } };
    raw.alicloud.vpn = { peer: { asn: 65001, ip: "47.96.0.20" } };
    expect(configProblems(raw)).toEqual([
      ["LZ_CIDR_INVALID", "landing-zone:onPremises.otherEnvironmentRanges.prod"],
      ["LZ_CIDR_INVALID", "landing-zone:onPremises.ranges.hq"],
    ]);
  });
});
