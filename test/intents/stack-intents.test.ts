import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { LandingZoneValidationError } from "../../src/core/errors";
import { runPolicyTest, runStackFileTest } from "../../src/offline/testkit";
import { planConfig } from "../../src/planner";
import { deployLandingZone } from "../../src/program/landing-zone";
import { KNOWN_BROKEN } from "./known-broken";
import { plannedStackFile } from "../stack-plans";

const STACKS = ["dev", "staging", "prod"] as const;

describe.each(STACKS)("the %s stack's intents", (stack) => {
  it("hold, except the listed known-broken ones (each still broken, each with its reason)", async () => {
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    const results = inv.intents!;
    const broken = results.filter((r) => !r.ok).map((r) => r.name).sort();
    expect(broken).toEqual(Object.keys(KNOWN_BROKEN[stack]!).sort());
    for (const r of results.filter((r) => !r.ok)) expect(r.culprit, r.name).toBeDefined();
  });

  it("include the defaults: private tiers reach Google APIs and Artifact Registry, CI pushes keylessly, the internet reaches no private tier", async () => {
    const names = (await plannedStackFile(`Pulumi.${stack}.yaml`)).intents!.map((r) => `${r.expect} ${r.name}`);
    expect(names).toEqual(expect.arrayContaining([
      "required gcp:app -> google-api:storage.googleapis.com", "required gcp:data -> google-api:europe-west1-docker.pkg.dev",
      "required alicloud:app -> alicloud-service:ntp", "required alicloud:data -> alicloud-service:dns", "required alicloud:app -> alicloud-service:registry",
      "required gcp:ci push gcp:registry", "required alicloud:ci push alicloud:registry", "required alicloud:web -> alicloud-service:ntp",
      expect.stringMatching(/^forbidden internet -> gcp:data:5432,3306,6379,22/), expect.stringMatching(/^forbidden internet -> alicloud:app:8080,8443,22/),
    ]));
    expect(names.some((n) => n.includes("internet -> gcp:web"))).toBe(false);
  });
});

describe("stack-specific intents", () => {
  it("staging and prod: on-premises reaches the Alibaba tiers its admin rule opens, per range, over the VPN", async () => {
    const names = (await plannedStackFile("Pulumi.prod.yaml")).intents!.map((r) => r.name);
    expect(names.filter((n) => n.startsWith("onprem"))).toEqual(expect.arrayContaining(["onprem:hq -> alicloud:app:22", "onprem:datacenter -> alicloud:data:22"]));
  });

  it("prod: the internet and the other environments reach no private tier; dev identities reach nothing", async () => {
    const results = (await plannedStackFile("Pulumi.prod.yaml")).intents!;
    const forbidden = results.filter((r) => r.expect === "forbidden");
    expect(forbidden.filter((r) => !r.ok)).toEqual([]);
    expect(forbidden.map((r) => r.name)).toEqual(expect.arrayContaining([
      "range:dev-gcp -> gcp:data:5432,3306,6379,22", "range:dev-alicloud -> alicloud:app:8080,8443,22",
      "gcp:persona:developer push gcp:registry", "alicloud:persona:developer push alicloud:registry",
      "dev CI cannot push to the prod registry (GCP)", "dev CI cannot deploy to prod (GCP)", "dev CI cannot push to the prod registry (Alibaba)",
    ]));
  });

  it("on-premises to a GCP tier the firewall does not open names the rule that drops it (prod: deny-all ingress)", async () => {
    const r = (await runStackFileTest("Pulumi.prod.yaml", { intents: { required: [{ from: "onprem:hq", to: "gcp:data", port: 22 }] } })).intent("onprem:hq -> gcp:data:22");
    expect([r.ok, r.culprit?.kind, r.culprit?.name, r.culprit?.urn]).toEqual([false, "firewall", "prod-fw-deny-all-ingress",
      "urn:pulumi:prod::landing-zone::landing-zone:index:GcpFirewall$gcp:compute/firewall:Firewall::prod-fw-deny-all-ingress"]);
  });

  it("the test kit adds intents to a stack file's own", async () => {
    const t = await runStackFileTest("Pulumi.dev.yaml", { intents: { required: [{ from: "gcp:app", to: "gcp:data", port: 5432 }], forbidden: [{ from: "gcp:web", to: "gcp:data", port: 5432 }] } });
    expect([t.intent("gcp:app -> gcp:data:5432").ok, t.intent("gcp:web -> gcp:data:5432").ok]).toEqual([true, true]);
    expect(t.intent("gcp:app -> gcp:data:5432").hops.map((h) => h.name)).toEqual(["implied allow egress", "subnet route of dev-core-data-europe-west1", "dev-fw-data-in"]);
  });

  it("an intent naming an unknown tier, range or identity fails before planning, with key paths and fixes", async () => {
    const err = await runStackFileTest("Pulumi.dev.yaml", { intents: {
      required: [{ from: "gcp:db", to: "onprem:hq" }, { identity: "gcp:persona:nobody", action: "push", on: "gcp:registry" }],
      forbidden: [{ identity: "alicloud:ci", action: "push", on: "gcp:registry" }],
    } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LandingZoneValidationError);
    expect((err as LandingZoneValidationError).problems.map((p) => [p.code, p.path])).toEqual([
      ["LZ_INTENT_UNKNOWN_TIER", "intents.required[0].from"],
      ["LZ_INTENT_UNKNOWN_RANGE", "intents.required[0].to"],
      ["LZ_INTENT_UNKNOWN_IDENTITY", "intents.required[1].identity"],
      ["LZ_INTENT_ENDPOINT", "intents.forbidden[0].on"],
    ]);
    expect((err as LandingZoneValidationError).problems[0]!.fix).toBe("use one of gcp:web, gcp:app, gcp:data");
  });
});

describe("a user's own resources are analysed too", () => {
  it("a firewall rule opening the data tier to the internet fires the forbidden intent, naming the user's rule", async () => {
    const plan = planConfig(readStackFile("Pulumi.dev.yaml").values);
    const t = await runPolicyTest(() => {
      const out = deployLandingZone(plan);
      new gcp.compute.Firewall("db-from-anywhere", {
        project: "acme-lz-dev", network: "projects/acme-lz-dev/global/networks/dev-core", direction: "INGRESS", priority: 500,
        sourceRanges: ["0.0.0.0/0"], targetTags: ["tier-data"], allows: [{ protocol: "tcp", ports: ["5432"] }],
      });
      return out;
    }, { stack: "dev", intents: plan.intents.intents, catalogue: plan.intents.catalogue });
    const r = t.intent("internet -> gcp:data:5432,3306,6379,22,3389");
    expect([r.ok, r.reachable, r.culprit?.name, r.culprit?.urn]).toEqual([false, true, "db-from-anywhere", "urn:pulumi:dev::landing-zone::gcp:compute/firewall:Firewall::db-from-anywhere"]);
    expect(() => t.expectIntentsHold()).toThrow(/forbidden "internet -> gcp:data:5432,3306,6379,22,3389" \(203\.0\.113\.10\/32 -> data@dev-core-data-europe-west1 port 5432\): firewall db-from-anywhere/);
  });
});
