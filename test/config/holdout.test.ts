import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { configValueFromText, readStackFile, STACK_FILE_MAX_BYTES } from "../../src/config/load";
import { planConfig } from "../../src/planner/environment";
import { LandingZoneValidationError } from "../../src/core/errors";
import { configProblems } from "../helpers";

// Bad input a holdout suite found, each with the exact [code, path] it now gets.

const BASE = readStackFile("Pulumi.dev.yaml").values;
const DEV_TEXT = fs.readFileSync("Pulumi.dev.yaml", "utf8");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lz-holdout-"));

function fileProblems(text: string, name = "Pulumi.dev.yaml"): [string, string][] {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  try {
    readStackFile(file);
  } catch (e) {
    expect(e).toBeInstanceOf(LandingZoneValidationError);
    return (e as LandingZoneValidationError).problems.map((p) => [p.code, p.path === file ? "<file>" : p.path]);
  }
  throw new Error("expected the stack file to be rejected");
}

describe("stack files", () => {
  it("a file over 1 MiB is refused before it is parsed", () => {
    const big = `${DEV_TEXT}\n# ${"x".repeat(STACK_FILE_MAX_BYTES)}\n`;
    expect(fileProblems(big)).toEqual([["LZ_STACK_FILE_TOO_LARGE", "<file>"]]);
  });

  it("a duplicate key is still refused, with its line (found with one set per map, not pairwise)", () => {
    const file = path.join(tmp, "Pulumi.dup.yaml");
    fs.writeFileSync(file, `${DEV_TEXT}  landing-zone:owner: someone-else\n`);
    expect(() => readStackFile(file)).toThrow(/LZ_STACK_FILE_YAML/);
    expect(() => readStackFile(file)).toThrow(/"landing-zone:owner" is repeated at line \d+/);
  });

  it("a near-miss of the namespace is reported, not silently ignored", () => {
    const text = `${DEV_TEXT}  landingzone:production: true\n  Landing_Zone:owner: x\n  gcp:project: acme-lz-dev\n`;
    expect(fileProblems(text)).toEqual([
      ["LZ_CONFIG_NAMESPACE", "landingzone:production"],
      ["LZ_CONFIG_NAMESPACE", "Landing_Zone:owner"],
    ]);
  });
});

describe("--stack", () => {
  it("takes only a stack name, never a path", async () => {
    for (const stack of ["/../Pulumi.dev", "../dev", "a/b", ".."]) {
      let err = "";
      const code = await runPlan(["--stack", stack], () => undefined, (s) => { err += s; });
      expect(code).toBe(2);
      expect(err).toContain("--stack: ");
      expect(err).toContain("[LZ_STACK_NAME]");
    }
  });
});

describe("config values", () => {
  it("a budget amount too large to plan exactly is refused", () => {
    const raw = structuredClone(BASE) as any;
    raw.gcp.audit.budget.amount = 1e21;
    expect(configProblems(raw)).toEqual([["LZ_BUDGET_AMOUNT", "landing-zone:gcp.audit.budget.amount"]]);
  });

  it("an Alibaba zone of another region is refused (a GCP zone given as a region is a format problem)", () => {
    const raw = structuredClone(BASE) as any;
    raw.alicloud.zones = ["cn-hangzhou-i", "cn-shanghai-b"];
    expect(configProblems(raw)).toEqual([["LZ_ZONE_REGION", "landing-zone:alicloud.zones[1]"]]);
    const gcp = structuredClone(BASE) as any;
    gcp.gcp.regions = ["europe-west1-b"];
    expect(configProblems(gcp)).toEqual([["LZ_CONFIG_FORMAT", "landing-zone:gcp.regions[0]"]]);
  });

  it("labels break Alibaba's tag limits under the key the user wrote, before any component is planned", () => {
    const reserved = structuredClone(BASE) as any;
    reserved.labels = { "aliyun-team": "platform" };
    expect(configProblems(reserved)).toEqual([["LZ_TAG_KEY_RESERVED", "landing-zone:labels.aliyun-team"]]);
    const many = structuredClone(BASE) as any;
    many.labels = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"]));
    // 17 here plus environment, owner, cost-center and managed-by: 21 tags on every Alibaba resource.
    expect(configProblems(many)).toEqual([["LZ_TAGS_TOO_MANY", "landing-zone:labels"]]);
    const gcpOnly = structuredClone(many) as any;
    gcpOnly.clouds = ["gcp"];
    delete gcpOnly.alicloud;
    expect(() => planConfig(gcpOnly)).not.toThrow();
  });

  it("a __proto__ key is reported where it stands, not dropped", () => {
    const raw = structuredClone(BASE) as any;
    raw.labels = JSON.parse('{"__proto__": "x", "team": "platform"}');
    expect(configProblems(raw)).toEqual([["LZ_KEY_INVALID", "landing-zone:labels.__proto__"]]);
  });

  it("an all-digit cost center stays a string, as Pulumi's runtime config gives it (quoted or not)", () => {
    expect(configValueFromText("costCenter", "4711")).toBe("4711");
    expect(configValueFromText("production", "true")).toBe(true);
    expect(configValueFromText("labels", '{"team":"platform"}')).toEqual({ team: "platform" });
    for (const written of ['"4711"', "4711"]) {
      const file = path.join(tmp, "Pulumi.digits.yaml");
      fs.writeFileSync(file, DEV_TEXT.replace(/landing-zone:costCenter: .*/, `landing-zone:costCenter: ${written}`));
      const values = readStackFile(file).values;
      expect(values.costCenter).toBe("4711");
      expect(planConfig(values).spec.costCenter).toBe("4711");
    }
  });

  it("no knock-on problems from a VPC that failed to plan: nothing advertised, intents", () => {
    const prod = readStackFile("Pulumi.prod.yaml").values;
    const gcp = structuredClone(prod) as any;
    gcp.gcp.network.cidr = "10.0.0.0/33";
    // Before: also gcp.vpn.advertisedRanges (never set: derived from the VPC's subnets) and four
    // intents.forbidden problems (the registry the intents name was not planned).
    expect(configProblems(gcp)).toEqual([["LZ_CIDR_INVALID", "landing-zone:gcp.network.cidr"]]);
  });
});
