import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { describe, expect, it } from "vitest";
import { EXIT, runPlan } from "../../src/cli/plan";

/** A copy of Pulumi.dev.yaml with `landing-zone:intents` set. */
function devWith(intents: unknown): string {
  const doc = YAML.parse(fs.readFileSync("Pulumi.dev.yaml", "utf8")) as { config: Record<string, unknown> };
  doc.config["landing-zone:intents"] = intents;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-intents-"));
  const file = path.join(dir, "Pulumi.dev.yaml");
  fs.writeFileSync(file, YAML.stringify(doc));
  return file;
}

async function plan(args: string[]) {
  let out = "";
  let err = "";
  const code = await runPlan(args, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe("npm run plan with intents", () => {
  const onlyOwn = (required: unknown[], forbidden: unknown[] = []) => devWith({ defaults: false, required, forbidden });

  it("exits 0 when every intent holds, and the Markdown report shows the intent matrix", async () => {
    const file = onlyOwn([{ from: "gcp:app", to: "gcp:data", port: 5432 }], [{ from: "internet", to: "gcp:data", port: [5432, 22] }]);
    const r = await plan(["--config", file, "--format", "markdown"]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain("## Intents\n\nAll 2 intents hold. R = required, F = forbidden; ✅ holds, ❌ broken.\n\n| from \\ to | gcp:data |\n|---|---|\n| gcp:app | R✅ |\n| internet | F✅ |");
  });

  it("exits 1 on a broken intent, naming the blocking rule by name and URN; the JSON carries the results", async () => {
    const file = onlyOwn([{ name: "web to the database", from: "gcp:web", to: "gcp:data", port: 5432 }]);
    const json = path.join(path.dirname(file), "plan.json");
    const r = await plan(["--config", file, "--json", json]);
    expect(r.code).toBe(EXIT.policyViolation);
    expect(r.out).toContain('Intents: 1 of 1 broken (the plan fails):\n  required intent "web to the database" BLOCKED (web@dev-core-web-europe-west1 -> data@dev-core-data-europe-west1)\n' +
      "    blocked by firewall dev-fw-deny-all-ingress (urn:pulumi:dev::landing-zone::landing-zone:index:GcpFirewall$gcp:compute/firewall:Firewall::dev-fw-deny-all-ingress): " +
      "ingress tcp/5432 from 10.10.0.2 at data@dev-core-data-europe-west1: firewall rule dev-fw-deny-all-ingress (priority 65534) denies it");
    const results = JSON.parse(fs.readFileSync(json, "utf8")).intents as { name: string; ok: boolean; culprit: { name: string } }[];
    expect(results.map((x) => [x.name, x.ok, x.culprit.name])).toEqual([["web to the database", false, "dev-fw-deny-all-ingress"]]);
  });

  it("exits 1 on a forbidden path that is open, naming the rule that lets it through", async () => {
    const r = await plan(["--config", onlyOwn([], [{ from: "gcp:app", to: "gcp:data", port: 5432 }]), "--format", "json"]);
    expect(r.code).toBe(EXIT.policyViolation);
    expect(r.err).toContain("allowed by firewall dev-fw-data-in (urn:pulumi:dev::landing-zone::landing-zone:index:GcpFirewall$gcp:compute/firewall:Firewall::dev-fw-data-in)");
  });

  it("exits 2 when an intent names an unknown tier, range or identity, with the key path and fix", async () => {
    const r = await plan(["--config", devWith({ required: [{ from: "gcp:db", to: "gcp:data" }, { from: "onprem:hq", to: "gcp:app" }], forbidden: [{ identity: "gcp:persona:nobody", action: "push", on: "gcp:registry" }] })]);
    expect(r.code).toBe(EXIT.invalidConfig);
    expect(r.err).toContain('landing-zone:intents.required[0].from: "gcp:db" names no gcp tier of this stack [LZ_INTENT_UNKNOWN_TIER]\n    fix: use one of gcp:web, gcp:app, gcp:data');
    expect(r.err).toContain("landing-zone:intents.required[1].from: \"hq\" is not an on-premises range of this stack [LZ_INTENT_UNKNOWN_RANGE]\n    fix: list the ranges under landing-zone:onPremises.ranges");
    expect(r.err).toContain('landing-zone:intents.forbidden[0].identity: "gcp:persona:nobody" names no identity of this stack [LZ_INTENT_UNKNOWN_IDENTITY]');
  });

  it("exits 2 on a malformed endpoint", async () => {
    const r = await plan(["--config", devWith({ required: [{ from: "gcp:app", to: "google-api:example.com" }, { from: "vpc", to: "gcp:app" }, { from: "gcp:app@us-east1", to: "alicloud-service:time" }] })]);
    expect(r.code).toBe(EXIT.invalidConfig);
    expect(r.err).toContain("landing-zone:intents.required[0].to: \"google-api:example.com\" is not a Google API host [LZ_INTENT_ENDPOINT]");
    expect(r.err).toContain("landing-zone:intents.required[1].from: \"vpc\" is not an endpoint [LZ_INTENT_ENDPOINT]");
    expect(r.err).toContain("landing-zone:intents.required[2].from: tier app has no subnet in us-east1 [LZ_INTENT_UNKNOWN_LOCATION]");
    expect(r.err).toContain("landing-zone:intents.required[2].to: \"time\" is not an Alibaba Cloud service the checker knows [LZ_INTENT_ENDPOINT]");
  });
});
