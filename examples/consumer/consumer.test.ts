import { beforeAll, describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import gcpLandingZone from "../gcp-landing-zone/index";
import consumer from "./index";

// The consumer reads the outputs the GCP landing zone example really produces offline, so a
// renamed or dropped landing zone output fails here.
let landingZone: Inventory;
let inv: Inventory;
beforeAll(async () => {
  landingZone = await runOffline(gcpLandingZone, { project: "gcp-landing-zone", stack: "dev" });
  inv = await runOffline(consumer, {
    project: "consumer",
    stack: "dev",
    stackReferences: { "acme/gcp-landing-zone/dev": landingZone.outputs },
  });
});

const SUBNET = "projects/acme-landing-dev/regions/europe-west1/subnetworks/core-app-europe-west1";

describe("examples/consumer", () => {
  it("places a VM with no external IP in the landing zone's private subnet", () => {
    const vm = findResource(inv, "gcp:compute/instance:Instance", "web");
    expect(vm.inputs).toMatchObject({
      project: "acme-landing-dev",
      zone: "europe-west1-b",
      tags: ["tier-app"],
      networkInterfaces: [{ subnetwork: SUBNET }],
      shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true, enableVtpm: true },
      serviceAccount: { email: "web-vm@acme-landing-dev.iam.gserviceaccount.com", scopes: ["https://www.googleapis.com/auth/cloud-platform"] },
    });
    const nics = vm.inputs.networkInterfaces as Record<string, unknown>[];
    expect(nics.every((nic) => nic.accessConfigs === undefined || (nic.accessConfigs as unknown[]).length === 0)).toBe(true);
    expect((landingZone.outputs.subnets as Record<string, { tier: string }>)["app-europe-west1"]!.tier).toBe("private");
    expect((vm.inputs.metadata as Record<string, string>)["block-project-ssh-keys"]).toBe("true");
  });

  it("pulls its image from the landing zone's registry with a reader grant on that repository only", () => {
    const vm = findResource(inv, "gcp:compute/instance:Instance", "web");
    expect((vm.inputs.metadata as Record<string, string>)["gce-container-declaration"]).toContain(
      "image: europe-west1-docker.pkg.dev/acme-landing-dev/images/web:1.4.2");
    expect(findResource(inv, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "web-vm-pull").inputs).toEqual({
      location: "europe-west1",
      member: "serviceAccount:web-vm@acme-landing-dev.iam.gserviceaccount.com",
      project: "acme-landing-dev",
      repository: "images",
      role: "roles/artifactregistry.reader",
    });
    expect(inv.outputs.image).toBe("europe-west1-docker.pkg.dev/acme-landing-dev/images/web:1.4.2");
  });

  it("creates only the workload's own resources", () => {
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember::web-vm-pull",
      "gcp:compute/instance:Instance::web",
      "gcp:serviceaccount/account:Account::web-vm",
    ]);
    expect(resourcesOfType(inv, "gcp:serviceaccount/key:Key")).toEqual([]);
  });
});
