// A workload stack on top of a landing zone: it reads the network, subnets and registry through a
// StackReference and places a VM in a private subnet, on Google Cloud (default, on top of
// examples/gcp-landing-zone) or on Alibaba Cloud (`consumer:cloud: alicloud`, on top of
// examples/alicloud-landing-zone).
//
// Google Cloud: a Container-Optimized OS VM in a private subnet. The VM has no external IP (egress through the landing zone's Cloud NAT),
// runs as its own service account with read access to the one repository it pulls from, and
// allows no project-wide SSH keys. It carries the app tier's network tag, so the landing zone's
// tier firewall rules apply to it. Nothing here repeats a landing zone value by hand.
import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** The GCP landing zone outputs this stack relies on (see examples/gcp-landing-zone/index.ts). */
export interface LandingZoneOutputs {
  project: string;
  subnetIds: Record<string, string>;
  registryUrl: string;
  registryRepository: string;
  registryLocation: string;
  /** Network tag per firewall tier (`app` → `tier-app`). */
  tierIdentities: Record<string, string>;
}

/** The Alibaba landing zone outputs this stack relies on (see examples/alicloud-landing-zone/index.ts). */
export interface AlicloudLandingZoneOutputs {
  vswitchIds: Record<string, string>;
  securityGroupIds: Record<string, string>;
  registryVpcUrl: string;
  registryPullPolicy: string;
}

export default function consumer() {
  const config = new pulumi.Config();
  return config.get("cloud") === "alicloud" ? alicloudWorkload(config) : gcpWorkload(config);
}

function gcpWorkload(config: pulumi.Config) {
  const landingZoneStack = config.get("landingZoneStack") ?? "acme/gcp-landing-zone/dev";
  const imageTag = config.get("imageTag") ?? "1.4.2";
  const subnetKey = "app-europe-west1";
  const zone = "europe-west1-b";

  const landingZone = new pulumi.StackReference("landing-zone", { name: landingZoneStack });
  const out = <K extends keyof LandingZoneOutputs>(key: K) => landingZone.requireOutput(key) as pulumi.Output<LandingZoneOutputs[K]>;
  const project = out("project");
  const subnetwork = out("subnetIds").apply((ids) => {
    const id = ids[subnetKey];
    if (id === undefined) throw new Error(`landing zone ${landingZoneStack} has no subnet "${subnetKey}" (has: ${Object.keys(ids).join(", ")})`);
    return id;
  });
  const image = pulumi.interpolate`${out("registryUrl")}/web:${imageTag}`;

  const runtime = new gcp.serviceaccount.Account("web-vm", {
    project,
    accountId: "web-vm",
    displayName: "Runtime identity of the web VM",
  });
  const pull = new gcp.artifactregistry.RepositoryIamMember("web-vm-pull", {
    project,
    location: out("registryLocation"),
    repository: out("registryRepository"),
    role: "roles/artifactregistry.reader",
    member: pulumi.interpolate`serviceAccount:${runtime.email}`,
  });

  const vm = new gcp.compute.Instance("web", {
    project,
    zone,
    machineType: "e2-small",
    bootDisk: { initializeParams: { image: "cos-cloud/cos-stable", size: 20 } },
    // No accessConfigs: the VM gets no external IP and egresses through Cloud NAT.
    networkInterfaces: [{ subnetwork }],
    serviceAccount: { email: runtime.email, scopes: ["https://www.googleapis.com/auth/cloud-platform"] },
    shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
    metadata: {
      "block-project-ssh-keys": "true",
      "enable-oslogin": "TRUE",
      "gce-container-declaration": pulumi.interpolate`spec:\n  containers:\n    - name: web\n      image: ${image}\n  restartPolicy: Always\n`,
    },
    // The app tier's network tag: the landing zone's firewall lets the web tier reach it.
    tags: [out("tierIdentities").apply((t) => t.app!)],
    labels: { environment: "dev", owner: "web-team", "cost-center": "cc-1234" },
    allowStoppingForUpdate: true,
  }, { dependsOn: [pull] });

  return { instanceId: vm.id, image, subnetwork };
}

// Alibaba Cloud: an ECS instance in the private app vSwitch with no public IP (egress through the
// landing zone's NAT gateway), in the app tier's security group, pulling over the registry's VPC
// endpoint with an instance RAM role that carries only the landing zone's pull policy.
function alicloudWorkload(config: pulumi.Config) {
  const landingZoneStack = config.get("landingZoneStack") ?? "acme/alicloud-landing-zone/dev";
  const imageTag = config.get("imageTag") ?? "1.4.2";
  const vswitchKey = "app-cn-hangzhou-i";

  const landingZone = new pulumi.StackReference("landing-zone", { name: landingZoneStack });
  const out = <K extends keyof AlicloudLandingZoneOutputs>(key: K) => landingZone.requireOutput(key) as pulumi.Output<AlicloudLandingZoneOutputs[K]>;
  const vswitchId = out("vswitchIds").apply((ids) => {
    const id = ids[vswitchKey];
    if (id === undefined) throw new Error(`landing zone ${landingZoneStack} has no vSwitch "${vswitchKey}" (has: ${Object.keys(ids).join(", ")})`);
    return id;
  });
  const image = pulumi.interpolate`${out("registryVpcUrl")}/web:${imageTag}`;

  const tags = { environment: "dev", owner: "web-team", "cost-center": "cc-1234" };
  const role = new alicloud.ram.Role("web-ecs", {
    roleName: "web-ecs",
    description: "Instance role of the web ECS: pulls images from the landing zone registry",
    assumeRolePolicyDocument: JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["ecs.aliyuncs.com"] } }],
    }),
    tags,
  });
  const pull = new alicloud.ram.RolePolicyAttachment("web-ecs-pull", {
    roleName: role.roleName,
    policyName: out("registryPullPolicy"),
    policyType: "Custom",
  });

  const vm = new alicloud.ecs.Instance("web", {
    instanceName: "web",
    instanceType: "ecs.g7.large",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    vswitchId,
    securityGroups: [out("securityGroupIds").apply((ids) => ids.app!)],
    // No public bandwidth: no public IP.
    internetMaxBandwidthOut: 0,
    systemDiskCategory: "cloud_essd",
    roleName: role.roleName,
    httpTokens: "required",
    userData: pulumi.interpolate`#!/bin/sh\nset -e\ndocker run -d --restart=always --name web ${image}\n`,
    tags,
  }, { dependsOn: [pull] });

  return { instanceId: vm.id, image, vswitchId };
}
