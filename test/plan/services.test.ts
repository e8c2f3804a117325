import { describe, expect, it } from "vitest";
import { findResource } from "../../src/offline/inventory";
import { plannedStackFile } from "../stack-plans";

const SERVICE = "gcp:projects/service:Service";

describe("Google APIs before anything uses them", () => {
  it("enables the APIs through a bootstrap provider; the landing zone's provider depends on every one", async () => {
    const inv = await plannedStackFile("Pulumi.prod.yaml");
    const apis = inv.resources.filter((r) => r.type === SERVICE && r.parent === undefined);
    // Prod has keys: Cloud KMS, and Artifact Registry for the agent its registry key is granted to.
    expect(apis.map((r) => r.inputs.service).sort()).toEqual([
      "artifactregistry.googleapis.com", "bigquery.googleapis.com", "billingbudgets.googleapis.com", "cloudkms.googleapis.com", "cloudresourcemanager.googleapis.com",
      "compute.googleapis.com", "dns.googleapis.com", "iam.googleapis.com", "logging.googleapis.com", "monitoring.googleapis.com", "pubsub.googleapis.com", "storage.googleapis.com",
    ]);
    for (const api of apis) {
      expect(api.inputs).toMatchObject({ project: "acme-lz-prod", disableOnDestroy: false, disableDependentServices: false });
    }
    const provider = findResource(inv, "pulumi:providers:gcp", "prod-gcp");
    expect([...provider.dependencies].sort()).toEqual(apis.map((r) => r.urn).sort());
    // Every GCP resource of the landing zone goes through that provider (the VPC's network, for one).
    const network = findResource(inv, "gcp:compute/network:Network", "prod-core");
    expect(network.provider).toBe("urn:pulumi:prod::landing-zone::pulumi:providers:gcp::prod-gcp");
  });

  it("enables only what the environment uses: dev has no BigQuery export", async () => {
    const inv = await plannedStackFile("Pulumi.dev.yaml");
    const services = inv.resources.filter((r) => r.type === SERVICE && r.parent === undefined).map((r) => r.inputs.service);
    expect(services).not.toContain("bigquery.googleapis.com");
    expect(services).not.toContain("cloudkms.googleapis.com"); // no keys in dev
    expect(services).toContain("compute.googleapis.com");
  });
});

describe.each(["dev", "staging", "prod"])("the %s stack's providers", (stack) => {
  it("creates every GCP and Alibaba resource with the environment's explicit provider, never an ambient default", async () => {
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    const base = `urn:pulumi:${stack}::landing-zone::pulumi:providers`;
    // SLS alert users, groups and action policies live in the SLS alert resource centre's region (docs/alerts.md).
    const alertCentre = `urn:pulumi:${stack}::landing-zone::landing-zone:index:AlicloudSecurityAlerts$pulumi:providers:alicloud::${stack}-alerts-alert-centre`;
    for (const r of inv.resources.filter((x) => x.custom && /^(gcp|alicloud):/.test(x.type))) {
      // The budget bills its API calls to a quota project through the budget component's own provider.
      const budget = `urn:pulumi:${stack}::landing-zone::landing-zone:index:GcpBudget$pulumi:providers:gcp::${stack}-budget-billing`;
      const expected = r.type.startsWith("gcp:")
        ? [`${base}:gcp::${stack}-gcp`, `${base}:gcp::${stack}-gcp-bootstrap`, ...(r.type === "gcp:billing/budget:Budget" ? [budget] : [])]
        : r.type === "alicloud:log/resourceRecord:ResourceRecord" ? [alertCentre] : [`${base}:alicloud::${stack}-alicloud`];
      expect(expected, `${r.urn} uses ${r.provider}`).toContain(r.provider);
    }
  });
});
