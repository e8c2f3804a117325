import { describe, expect, it } from "vitest";
import { GcpRegistry, GcpRegistryArgs } from "../../src/gcp/registry";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const REPO = "gcp:artifactregistry/repository:Repository";
const MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";

const ARGS: GcpRegistryArgs = {
  project: "acme-lz-prod",
  location: "europe-west1",
  members: {
    developer: ["group:developers@acme.example"],
    tester: ["group:testers@acme.example"],
    ciDeployer: ["serviceAccount:deployer@acme-lz-prod.iam.gserviceaccount.com"],
    platformAdmin: ["group:platform@acme.example"],
    securityAuditor: ["group:audit@acme.example"],
  },
  readers: ["serviceAccount:gke-nodes@acme-lz-prod.iam.gserviceaccount.com"],
  labels: { environment: "prod" },
};

/** member → role of every grant on the repository named `repository`. */
function grantsOn(inv: Awaited<ReturnType<typeof runOffline>>, repository: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of resourcesOfType(inv, MEMBER)) {
    const i = r.inputs as Record<string, string>;
    if (i.repository !== repository) continue;
    (out[i.member!] ??= []).push(i.role!);
  }
  return out;
}

/**
 * The grants ARGS give on registry `name` in `project`: testers and runtime identities pull,
 * ciDeployer and the CI robot push, developers get `developer` access (writer or reader), and
 * the developers' grant has exactly these inputs.
 */
function expectPersonaGrants(inv: Awaited<ReturnType<typeof runOffline>>, name: string, project: string, developer: "writer" | "reader"): void {
  expect(grantsOn(inv, name)).toEqual({
    "group:developers@acme.example": [`roles/artifactregistry.${developer}`],
    "group:testers@acme.example": ["roles/artifactregistry.reader"],
    "serviceAccount:deployer@acme-lz-prod.iam.gserviceaccount.com": ["roles/artifactregistry.writer"],
    "serviceAccount:gke-nodes@acme-lz-prod.iam.gserviceaccount.com": ["roles/artifactregistry.reader"],
    [`serviceAccount:${name}-ci@${project}.iam.gserviceaccount.com`]: ["roles/artifactregistry.writer"],
  });
  expect(findResource(inv, MEMBER, `${name}-${developer}-group-developers-acme-example`).inputs).toEqual({
    location: "europe-west1", member: "group:developers@acme.example", project,
    repository: name, role: `roles/artifactregistry.${developer}`,
  });
}

describe("GcpRegistry", () => {
  it("creates a scanned Docker repository with clean-up policies, mutable tags outside production", async () => {
    const inv = await runOffline(() => { new GcpRegistry("dev-registry", { ...ARGS, project: "acme-lz-dev" }); }, { stack: "test" });
    const repo = findResource(inv, REPO, "dev-registry");
    expect(repo.inputs).toEqual({
      cleanupPolicies: [
        { action: "KEEP", id: "keep-most-recent", mostRecentVersions: { keepCount: 10 } },
        { action: "DELETE", condition: { olderThan: "1209600s", tagState: "UNTAGGED" }, id: "delete-untagged" },
      ],
      cleanupPolicyDryRun: false,
      description: "Container images of dev-registry",
      dockerConfig: { immutableTags: false },
      format: "DOCKER",
      labels: { environment: "prod" },
      location: "europe-west1",
      mode: "STANDARD_REPOSITORY",
      project: "acme-lz-dev",
      repositoryId: "dev-registry",
      vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
    });
    expect(repo.protect).toBe(false);
    expect(repo.retainOnDelete).toBe(false);
    expect(findResource(inv, "gcp:projects/service:Service", "dev-registry-containerscanning").inputs).toEqual({
      disableDependentServices: false, disableOnDestroy: false, project: "acme-lz-dev", service: "containerscanning.googleapis.com",
    });
    expect(findResource(inv, "gcp:projects/service:Service", "dev-registry-artifactregistry").inputs).toEqual({
      disableDependentServices: false, disableOnDestroy: false, project: "acme-lz-dev", service: "artifactregistry.googleapis.com",
    });
    expect(repo.dependencies).toEqual(expect.arrayContaining([
      findResource(inv, "gcp:projects/service:Service", "dev-registry-containerscanning").urn,
    ]));
  });

  it("outside production: developers, ciDeployer and the CI robot push, testers and runtime identities pull", async () => {
    const inv = await runOffline(() => { new GcpRegistry("dev-registry", { ...ARGS, project: "acme-lz-dev" }); }, { stack: "test" });
    expectPersonaGrants(inv, "dev-registry", "acme-lz-dev", "writer");
  });

  it("in production people read and the pipeline writes: developers and testers pull, only ciDeployer and the CI robot push", async () => {
    const inv = await runOffline(() => {
      const r = new GcpRegistry("prod-registry", { ...ARGS, production: true });
      return { url: r.url, robot: r.robotEmail, proxy: r.proxyUrl };
    }, { stack: "test" });
    expectPersonaGrants(inv, "prod-registry", "acme-lz-prod", "reader");
    expect(inv.resources.filter((r) => r.name === "prod-registry-writer-group-developers-acme-example")).toEqual([]);
    expect(findResource(inv, "gcp:serviceaccount/account:Account", "prod-registry-ci").inputs).toEqual({
      accountId: "prod-registry-ci",
      description: "Keyless CI robot of prod-registry: pushes images to europe-west1-docker.pkg.dev/acme-lz-prod/prod-registry only. Use it through workload identity federation; create no keys.",
      displayName: "CI pushes to prod-registry",
      project: "acme-lz-prod",
    });
    expect(resourcesOfType(inv, "gcp:serviceaccount/key:Key")).toEqual([]);
    expect(inv.resources.filter((r) => r.type.startsWith("gcp:projects/iAM"))).toEqual([]);
    expect(inv.outputs).toEqual({
      url: "europe-west1-docker.pkg.dev/acme-lz-prod/prod-registry",
      robot: "prod-registry-ci@acme-lz-prod.iam.gserviceaccount.com",
    });
  });

  it("makes tags immutable, protects, retains and deletion-prevents the repository in production", async () => {
    const inv = await runOffline(() => { new GcpRegistry("prod-registry", { ...ARGS, production: true }); }, { stack: "test" });
    const repo = findResource(inv, REPO, "prod-registry");
    expect(repo.inputs.dockerConfig).toEqual({ immutableTags: true });
    expect(repo.inputs.deletionPolicy).toBe("PREVENT");
    expect(repo.protect).toBe(true);
    expect(repo.retainOnDelete).toBe(true);
  });

  it("takes custom clean-up, a dry run, CMEK, and a Docker Hub proxy every puller may read", async () => {
    const kms = "projects/acme-kms/locations/europe-west1/keyRings/registry/cryptoKeys/images";
    const inv = await runOffline(() => {
      const r = new GcpRegistry("stg-registry", {
        ...ARGS, repositoryId: "staging-images", kmsKeyName: kms, dockerHubProxy: true, robot: false, enableServices: false,
        cleanup: { keepCount: 3, deleteUntaggedAfterDays: 1, dryRun: true },
      });
      return { url: r.url, proxy: r.proxyUrl };
    }, { stack: "test" });
    const repo = findResource(inv, REPO, "staging-images");
    expect(repo.inputs.kmsKeyName).toBe(kms);
    expect(repo.inputs.cleanupPolicyDryRun).toBe(true);
    expect(repo.inputs.cleanupPolicies).toEqual([
      { action: "KEEP", id: "keep-most-recent", mostRecentVersions: { keepCount: 3 } },
      { action: "DELETE", condition: { olderThan: "86400s", tagState: "UNTAGGED" }, id: "delete-untagged" },
    ]);
    expect(findResource(inv, REPO, "staging-images-dockerhub").inputs).toEqual({
      description: "Docker Hub proxy of stg-registry",
      format: "DOCKER",
      kmsKeyName: kms,
      labels: { environment: "prod" },
      location: "europe-west1",
      mode: "REMOTE_REPOSITORY",
      project: "acme-lz-prod",
      remoteRepositoryConfig: { description: "Docker Hub", dockerRepository: { publicRepository: "DOCKER_HUB" } },
      repositoryId: "staging-images-dockerhub",
      vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
    });
    expect(grantsOn(inv, "staging-images-dockerhub")).toEqual({
      "group:developers@acme.example": ["roles/artifactregistry.reader"],
      "group:testers@acme.example": ["roles/artifactregistry.reader"],
      "serviceAccount:deployer@acme-lz-prod.iam.gserviceaccount.com": ["roles/artifactregistry.reader"],
      "serviceAccount:gke-nodes@acme-lz-prod.iam.gserviceaccount.com": ["roles/artifactregistry.reader"],
    });
    expect(resourcesOfType(inv, "gcp:serviceaccount/account:Account")).toEqual([]);
    expect(resourcesOfType(inv, "gcp:projects/service:Service")).toEqual([]);
    expect(inv.outputs).toEqual({
      url: "europe-west1-docker.pkg.dev/acme-lz-prod/staging-images",
      proxy: "europe-west1-docker.pkg.dev/acme-lz-prod/staging-images-dockerhub",
    });
  });

  it("lets the CI job's token subject impersonate the robot keylessly (workloadIdentityUser on the robot)", async () => {
    const pool = "projects/884902664132/locations/global/workloadIdentityPools/ci-prod";
    const inv = await runOffline(() => {
      new GcpRegistry("prod-registry", { ...ARGS, robotWorkloadIdentity: { pool, subjects: ["repo:acme/app:environment:prod"] } });
    }, { stack: "test" });
    const bindings = resourcesOfType(inv, "gcp:serviceaccount/iAMMember:IAMMember");
    expect(bindings.map((b) => b.name)).toEqual(["prod-registry-robot-wif-repo-acme-app-environment-prod"]);
    expect(bindings[0]!.inputs).toEqual({
      serviceAccountId: "projects/acme-lz-prod/serviceAccounts/prod-registry-ci@acme-lz-prod.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      member: `principal://iam.googleapis.com/${pool}/subject/repo:acme/app:environment:prod`,
    });
    const dev = await runOffline(() => {
      new GcpRegistry("dev-registry", { ...ARGS, robotWorkloadIdentity: { pool, repositories: ["acme/app"] } });
    }, { stack: "test" });
    expect(findResource(dev, "gcp:serviceaccount/iAMMember:IAMMember", "dev-registry-robot-wifset-acme-app").inputs.member)
      .toBe(`principalSet://iam.googleapis.com/${pool}/attribute.repository/acme/app`);
    const none = await runOffline(() => { new GcpRegistry("prod-registry", ARGS); }, { stack: "test" });
    expect(resourcesOfType(none, "gcp:serviceaccount/iAMMember:IAMMember")).toEqual([]);
  });

  it("rejects a robot binding without members, a whole repository in production, a bad subject, and a binding without robot", async () => {
    const pool = "projects/1/locations/global/workloadIdentityPools/ci";
    expect(await componentProblems(() => new GcpRegistry("prod-registry", {
      ...ARGS, production: true, robotWorkloadIdentity: { pool, subjects: ["repo:acme/app:ref:refs/heads/main", "has space"], repositories: ["acme/app", "nope"] },
    }))).toEqual([
      ["LZ_WIF_SUBJECT", "GcpRegistry args.robotWorkloadIdentity.subjects[1]"],
      ["LZ_WIF_PRINCIPAL_SET", "GcpRegistry args.robotWorkloadIdentity.repositories[0]"],
      ["LZ_WIF_REPOSITORY", "GcpRegistry args.robotWorkloadIdentity.repositories[1]"],
    ]);
    expect(await componentProblems(() => new GcpRegistry("prod-registry", { ...ARGS, robot: false, robotWorkloadIdentity: { pool } }))).toEqual([
      ["LZ_WIF_NO_ROBOT", "GcpRegistry args.robotWorkloadIdentity"],
      ["LZ_WIF_NO_MEMBERS", "GcpRegistry args.robotWorkloadIdentity"],
    ]);
  });

  it("uses an existing shared repository: grants and a robot, no repository", async () => {
    const inv = await runOffline(() => { new GcpRegistry("qa-registry", { ...ARGS, existing: true, repositoryId: "shared-images", enableServices: false }); }, { stack: "test" });
    expect(resourcesOfType(inv, REPO)).toEqual([]);
    expect(Object.keys(grantsOn(inv, "shared-images")).sort()).toEqual([
      "group:developers@acme.example",
      "group:testers@acme.example",
      "serviceAccount:deployer@acme-lz-prod.iam.gserviceaccount.com",
      "serviceAccount:gke-nodes@acme-lz-prod.iam.gserviceaccount.com",
      "serviceAccount:qa-registry-ci@acme-lz-prod.iam.gserviceaccount.com",
    ]);
  });

  it("rejects bad ids, non-positive retention, unknown personas, public and malformed members, a key elsewhere, all at once", async () => {
    expect(await componentProblems(() => new GcpRegistry("prod-registry", {
      ...ARGS,
      repositoryId: "Prod_Images",
      cleanup: { keepCount: 0, deleteUntaggedAfterDays: -3 },
      kmsKeyName: "projects/k/locations/us-east1/keyRings/r/cryptoKeys/k",
      robotAccountId: "ci",
      members: { developer: ["allUsers", "ann@acme.example"], qa: ["group:qa@acme.example"] },
      readers: ["allAuthenticatedUsers"],
    }))).toEqual([
      ["LZ_REGISTRY_REPOSITORY_ID", "GcpRegistry args.repositoryId"],
      ["LZ_REGISTRY_RETENTION", "GcpRegistry args.cleanup.keepCount"],
      ["LZ_REGISTRY_RETENTION", "GcpRegistry args.cleanup.deleteUntaggedAfterDays"],
      ["LZ_KMS_KEY_LOCATION", "GcpRegistry args.kmsKeyName"],
      ["LZ_REGISTRY_ROBOT_ID", "GcpRegistry args.robotAccountId"],
      ["LZ_MEMBER_PUBLIC", "GcpRegistry args.members.developer[0]"],
      ["LZ_MEMBER_INVALID", "GcpRegistry args.members.developer[1]"],
      ["LZ_UNKNOWN_PERSONA", "GcpRegistry args.members.qa"],
      ["LZ_MEMBER_PUBLIC", "GcpRegistry args.readers[0]"],
    ]);
  });

  it("keeps the robot's description within the 256 UTF-8 bytes a service account allows, whatever the names", async () => {
    const repositoryId = "acme-platform-container-images-production-environment-00001"; // 60 characters
    const inv = await runOffline(() => {
      new GcpRegistry("acme-platform-registry-prod", {
        project: "acme-platform-shared-prod-0001", location: "northamerica-northeast1", repositoryId, enableServices: false,
      });
    }, { stack: "test" });
    expect(findResource(inv, "gcp:serviceaccount/account:Account", "acme-platform-registry-prod-ci").inputs.description).toBe(
      `Keyless CI robot: pushes images to repository ${repositoryId} only. Use it through workload identity federation; create no keys.`,
    );
  });

  it("checks a member's value the way IAM does, not only its prefix", async () => {
    expect(await componentProblems(() => new GcpRegistry("prod-registry", {
      ...ARGS,
      members: { developer: ["user:ann", "group:", "principal:github/acme"] },
      readers: ["serviceAccount:ci@acme", "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*"],
    }))).toEqual([
      ["LZ_MEMBER_INVALID", "GcpRegistry args.members.developer[0]"],
      ["LZ_MEMBER_INVALID", "GcpRegistry args.members.developer[1]"],
      ["LZ_MEMBER_INVALID", "GcpRegistry args.members.developer[2]"],
      ["LZ_MEMBER_INVALID", "GcpRegistry args.readers[0]"],
    ]);
  });

  it("rejects an id longer than 63 characters and fractional retention, and says how to fix a public member", async () => {
    expect(await componentProblems(() => new GcpRegistry("r", {
      ...ARGS, repositoryId: `a${"b".repeat(63)}`, cleanup: { keepCount: 2.5 },
    }))).toEqual([
      ["LZ_REGISTRY_REPOSITORY_ID", "GcpRegistry args.repositoryId"],
      ["LZ_REGISTRY_RETENTION", "GcpRegistry args.cleanup.keepCount"],
      ["LZ_REGISTRY_ROBOT_ID", "GcpRegistry args.name"],
    ]);
    expect(() => new GcpRegistry("prod-registry", { ...ARGS, readers: ["allUsers"] })).toThrow(
      'GcpRegistry "prod-registry": 1 problem found, nothing was created:\n  - GcpRegistry args.readers[0]: "allUsers" grants access to everyone [LZ_MEMBER_PUBLIC]\n    fix: name the users, groups or service accounts that need access; a landing zone never grants to the public',
    );
  });
});
