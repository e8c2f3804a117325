import { beforeAll, describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import gcpLandingZone from "./index";

let inv: Inventory;
beforeAll(async () => { inv = await runOffline(gcpLandingZone, { project: "gcp-landing-zone", stack: "dev" }); });

const names = (type: string) => resourcesOfType(inv, type).map((r) => r.name).sort();

describe("examples/gcp-landing-zone", () => {
  it("creates the seven components", () => {
    expect(resourcesOfType(inv, "landing-zone:index:GcpHaVpn").map((r) => r.name)).toEqual(["office"]);
    expect(resourcesOfType(inv, "landing-zone:index:GcpVpc").map((r) => r.name)).toEqual(["core"]);
    expect(resourcesOfType(inv, "landing-zone:index:GcpFirewall").map((r) => r.name)).toEqual(["core"]);
    expect(resourcesOfType(inv, "landing-zone:index:GcpIam").map((r) => r.name)).toEqual(["iam"]);
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

  it("denies all other ingress; only the web tier takes 80/443 from anywhere, admin ports only from IAP", () => {
    const rule = (name: string) => findResource(inv, "gcp:compute/firewall:Firewall", name).inputs;
    expect(names("gcp:compute/firewall:Firewall")).toEqual(["core-admin", "core-app-in", "core-data-in", "core-deny-all-ingress", "core-web-in"]);
    expect(rule("core-deny-all-ingress")).toMatchObject({ denies: [{ protocol: "all" }], direction: "INGRESS", sourceRanges: ["0.0.0.0/0"], priority: 65534 });
    expect(rule("core-admin")).toMatchObject({ allows: [{ ports: ["22", "3389"], protocol: "tcp" }], sourceRanges: ["35.235.240.0/20"] });
    expect(rule("core-web-in")).toMatchObject({ allows: [{ ports: ["80", "443"], protocol: "tcp" }], sourceRanges: ["0.0.0.0/0"], targetTags: ["tier-web"] });
    expect(rule("core-app-in")).toMatchObject({ sourceTags: ["tier-web"], targetTags: ["tier-app"] });
    expect(rule("core-data-in")).toMatchObject({ sourceTags: ["tier-app"], targetTags: ["tier-data"] });
  });

  it("connects the office over HA VPN with BGP, generated pre-shared keys that stay secret", () => {
    expect(names("gcp:compute/vPNTunnel:VPNTunnel")).toEqual(["office-gw0-peer0", "office-gw1-peer1"]);
    expect(findResource(inv, "gcp:compute/externalVpnGateway:ExternalVpnGateway", "office-peer").inputs).toMatchObject({
      interfaces: [{ id: 0, ipAddress: "81.2.69.10" }, { id: 1, ipAddress: "81.2.69.11" }],
    });
    expect(findResource(inv, "gcp:compute/routerPeer:RouterPeer", "office-gw0-peer0-bgp").inputs).toMatchObject({ peerAsn: 65010 });
    expect(findResource(inv, "gcp:compute/vPNTunnel:VPNTunnel", "office-gw0-peer0").inputs.sharedSecret).toBe("[secret]");
    expect(inv.outputs.vpnSharedSecrets).toBe("[secret]");
    expect(findResource(inv, "gcp:compute/router:Router", "office-router").inputs).toMatchObject({
      bgp: { advertiseMode: "CUSTOM", advertisedIpRanges: [{ description: "vpc", range: "10.10.0.0/16" }], asn: 64514 },
    });
  });

  it("grants personas predefined roles only and creates the CI robot without keys", () => {
    const roles = resourcesOfType(inv, "gcp:projects/iAMMember:IAMMember").map((r) => r.inputs.role as string);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.filter((r) => ["roles/owner", "roles/editor", "roles/viewer"].includes(r))).toEqual([]);
    expect(inv.outputs.ciDeployerEmail).toMatch(/@acme-landing-dev\.iam\.gserviceaccount\.com$/);
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
    // The unlocked audit retention stays an advisory in dev: locking is irreversible.
    expect(inv.findings.filter((f) => f.enforcement === "mandatory")).toEqual([]);
    expect(inv.findings.map((f) => f.rule)).toContain("gcp-audit-bucket-retention-locked");
  });
});
