// A workload stack on top of a landing zone (examples/gcp-landing-zone): it reads the network,
// subnets and registry through a StackReference and places a Container-Optimized OS VM in a
// private subnet. The VM has no external IP (egress through the landing zone's Cloud NAT),
// runs as its own service account with read access to the one repository it pulls from, and
// allows no project-wide SSH keys. It carries the app tier's network tag, so the landing zone's
// tier firewall rules apply to it. Nothing here repeats a landing zone value by hand.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** The landing zone outputs this stack relies on (see examples/gcp-landing-zone/index.ts). */
export interface LandingZoneOutputs {
  project: string;
  subnetIds: Record<string, string>;
  registryUrl: string;
  registryRepository: string;
  registryLocation: string;
  /** Network tag per firewall tier (`app` → `tier-app`). */
  tierIdentities: Record<string, string>;
}

export default function consumer() {
  const config = new pulumi.Config();
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
