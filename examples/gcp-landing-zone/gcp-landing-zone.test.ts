import { beforeAll, describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import gcpLandingZone from "./index";

let inv: Inventory;
beforeAll(async () => { inv = await runOffline(gcpLandingZone, { project: "gcp-landing-zone", stack: "dev" }); });

const names = (type: string) => resourcesOfType(inv, type).map((r) => r.name).sort();

describe("examples/gcp-landing-zone", () => {
  it("creates the four components", () => {
    expect(resourcesOfType(inv, "landing-zone:index:GcpVpc").map((r) => r.name)).toEqual(["core"]);
    expect(resourcesOfType(inv, "landing-zone:index:GcpRegistry").map((r) => r.name)).toEqual(["images"]);
    expect(resourcesOfType(inv, "landing-zone:index:GcpLogging").map((r) => r.name)).toEqual(["audit"]);
    expect(resourcesOfType(inv, "landing-zone:index:GcpBudget").map((r) => r.name)).toEqual(["budget"]);
  });

  it("builds a custom-mode network, subnets per region and Cloud NAT only where private subnets are", () => {
    expect(findResource(inv, "gcp:compute/network:Network", "core").inputs).toMatchObject({
      autoCreateSubnetworks: false, project: "acme-landing-dev", routingMode: "GLOBAL",
    });
    expect(names("gcp:compute/subnetwork:Subnetwork")).toEqual([
      "core-app-europe-west1", "core-app-europe-west4", "core-data-europe-west1", "core-web-europe-west1", "core-web-europe-west4",
    ]);
    expect(findResource(inv, "gcp:compute/subnetwork:Subnetwork", "core-app-europe-west1").inputs).toMatchObject({
      ipCidrRange: "10.10.16.0/22", privateIpGoogleAccess: true, region: "europe-west1",
      secondaryIpRanges: [{ ipCidrRange: "100.64.0.0/20", rangeName: "pods" }, { ipCidrRange: "100.64.64.0/24", rangeName: "services" }],
    });
    expect(names("gcp:compute/routerNat:RouterNat")).toEqual(["core-nat-europe-west1", "core-nat-europe-west4"]);
    expect(findResource(inv, "gcp:compute/routerNat:RouterNat", "core-nat-europe-west4").inputs).toMatchObject({
      natIpAllocateOption: "AUTO_ONLY", sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: "projects/acme-landing-dev/regions/europe-west4/subnetworks/core-app-europe-west4", sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
    });
  });

  it("creates a Docker repository with persona grants and a keyless CI robot", () => {
    expect(findResource(inv, "gcp:artifactregistry/repository:Repository", "images").inputs).toMatchObject({
      format: "DOCKER", location: "europe-west1", project: "acme-landing-dev", repositoryId: "images",
    });
    expect(names("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember")).toEqual([
      "images-reader-group-testers-acme-example", "images-writer-group-developers-acme-example", "images-writer-robot",
    ]);
    expect(findResource(inv, "gcp:serviceaccount/account:Account", "images-ci").inputs).toMatchObject({ accountId: "images-ci" });
    expect(resourcesOfType(inv, "gcp:serviceaccount/key:Key")).toEqual([]);
  });

  it("routes audit logs to a bucket and budgets the project", () => {
    expect(findResource(inv, "gcp:logging/projectSink:ProjectSink", "audit-storage").inputs).toMatchObject({ project: "acme-landing-dev" });
    expect(findResource(inv, "gcp:storage/bucket:Bucket", "acme-landing-dev-audit").inputs).toMatchObject({ location: "europe-west1", uniformBucketLevelAccess: true });
    expect(findResource(inv, "gcp:billing/budget:Budget", "budget").inputs).toMatchObject({
      amount: { specifiedAmount: { currencyCode: "EUR", units: "500" } }, billingAccount: "012345-6789AB-CDEF01",
    });
  });

  it("exports what workload stacks read through a StackReference", () => {
    expect(inv.outputs).toMatchObject({
      project: "acme-landing-dev",
      networkSelfLink: "https://www.googleapis.com/compute/v1/projects/acme-landing-dev/global/networks/core",
      registryUrl: "europe-west1-docker.pkg.dev/acme-landing-dev/images",
      registryRepository: "images",
      registryLocation: "europe-west1",
      subnetIds: { "app-europe-west1": "projects/acme-landing-dev/regions/europe-west1/subnetworks/core-app-europe-west1" },
    });
  });

  it("breaks no mandatory policy", () => {
    expect(inv.findings.filter((f) => f.enforcement === "mandatory")).toEqual([]);
  });
});
