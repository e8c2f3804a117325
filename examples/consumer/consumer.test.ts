import { beforeAll, describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import alicloudLandingZone from "../alicloud-landing-zone/index";
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

describe("examples/consumer on Google Cloud", () => {
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

  it("breaks no resource policy (the stack-wide ones are the landing zone's job)", () => {
    expect(inv.findings.filter((f) => !f.urn.includes("pulumi:pulumi:Stack"))).toEqual([]);
  });
});

describe("examples/consumer on Alibaba Cloud (consumer:cloud = alicloud)", () => {
  let lz: Inventory;
  let ali: Inventory;
  beforeAll(async () => {
    lz = await runOffline(alicloudLandingZone, { project: "alicloud-landing-zone", stack: "dev" });
    ali = await runOffline(consumer, {
      project: "consumer",
      stack: "dev",
      config: { "consumer:cloud": "alicloud" },
      stackReferences: { "acme/alicloud-landing-zone/dev": lz.outputs },
    });
  });
  const TAGS = { environment: "dev", owner: "web-team", "cost-center": "cc-1234" };

  it("places an ECS instance without public IP in the private app vSwitch and the app tier's security group", () => {
    const vswitchIds = lz.outputs.vswitchIds as Record<string, string>;
    const groups = lz.outputs.securityGroupIds as Record<string, string>;
    expect(findResource(ali, "alicloud:ecs/instance:Instance", "web").inputs).toEqual({
      httpTokens: "required",
      imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
      instanceName: "web",
      instanceType: "ecs.g7.large",
      internetMaxBandwidthOut: 0,
      roleName: "web-ecs",
      securityGroups: [groups.app],
      systemDiskCategory: "cloud_essd",
      tags: TAGS,
      userData: "#!/bin/sh\nset -e\ndocker run -d --restart=always --name web acme-images-registry-vpc.cn-hangzhou.cr.aliyuncs.com/acme-dev/web:1.4.2\n",
      vswitchId: vswitchIds["app-cn-hangzhou-i"],
    });
    expect((lz.outputs.subnets as Record<string, { tier: string }>)["app-cn-hangzhou-i"]!.tier).toBe("private");
  });

  it("pulls over the registry's VPC endpoint with an instance role that has only the landing zone's pull policy", () => {
    expect(findResource(ali, "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", "web-ecs-pull").inputs).toEqual({
      policyName: "images-pull", policyType: "Custom", roleName: "web-ecs",
    });
    expect(JSON.parse(findResource(ali, "alicloud:ram/role:Role", "web-ecs").inputs.assumeRolePolicyDocument as string)).toEqual({
      Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["ecs.aliyuncs.com"] } }],
    });
    expect(ali.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "alicloud:ecs/instance:Instance::web",
      "alicloud:ram/role:Role::web-ecs",
      "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment::web-ecs-pull",
    ]);
  });

  it("breaks no resource policy (the stack-wide ones are the landing zone's job)", () => {
    expect(ali.findings.filter((f) => !f.urn.includes("pulumi:pulumi:Stack"))).toEqual([]);
  });
});
