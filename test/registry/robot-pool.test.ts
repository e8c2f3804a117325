import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { GcpRegistry, GcpRegistryArgs } from "../../src/gcp/registry";
import { runOffline } from "../../src/offline/harness";
import { findResource, type Inventory } from "../../src/offline/inventory";
import { parseEnvironment, planEnvironment } from "../../src/planner";
import { buildLandingZone } from "../../src/program/landing-zone";
import { componentProblems, configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

const BINDING = "gcp:serviceaccount/iAMMember:IAMMember";
const ROBOT_URN = "urn:pulumi:dev::landing-zone::landing-zone:index:GcpRegistry$gcp:serviceaccount/account:Account::dev-registry-ci";
const POOL_URN = "urn:pulumi:dev::landing-zone::landing-zone:index:GcpWorkloadIdentity$gcp:iam/workloadIdentityPool:WorkloadIdentityPool::dev-ci";
const SUBJECT = "repo:acme/app:environment:dev";
const DEV = readStackFile("Pulumi.dev.yaml").values;

/** The dev robot's one binding (the dev stack file lists one token subject). */
const devBinding = (inv: Inventory) => findResource(inv, BINDING, "dev-registry-robot-wif-repo-acme-app-environment-dev");

describe("the GCP registry robot's workload identity pool in the environment plan", () => {
  it("without a configured pool, the plan names gcp.workloadIdentity's pool and the robot's members are in the pool the IAM area created", async () => {
    const plan = planEnvironment(parseEnvironment(DEV));
    expect(plan.registry.gcp!.robotPool).toEqual({ from: "workloadIdentity" });
    expect(plan.registry.gcp!.args.robotWorkloadIdentity).toEqual({ pool: undefined, subjects: [SUBJECT], repositories: undefined });

    const inv = await plannedStackFile("Pulumi.dev.yaml");
    // The pool's resource name (with the project number the provider gives) is the prefix of the provider's name.
    const pool = String(inv.outputs.gcpWorkloadIdentityProvider).replace(/\/providers\/github$/, "");
    expect(pool).toMatch(/^projects\/\d+\/locations\/global\/workloadIdentityPools\/dev-ci$/);
    const binding = devBinding(inv);
    expect(binding.inputs).toEqual({
      serviceAccountId: "projects/acme-lz-dev/serviceAccounts/dev-registry-ci@acme-lz-dev.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      member: `principal://iam.googleapis.com/${pool}/subject/${SUBJECT}`,
    });
    expect(binding.dependencies).toEqual([ROBOT_URN, POOL_URN]);
  });

  it("with a configured pool, the plan names it and the robot's members are in that pool, not the environment's", async () => {
    const external = "projects/884902664132/locations/global/workloadIdentityPools/github";
    const raw = structuredClone(DEV) as Record<string, any>;
    raw.gcp.registry.robotWorkloadIdentity.pool = external;
    const spec = parseEnvironment(raw);
    const plan = planEnvironment(spec);
    expect(plan.registry.gcp!.robotPool).toEqual({ from: "config", name: external });
    expect(plan.registry.gcp!.args.robotWorkloadIdentity).toEqual({ pool: external, subjects: [SUBJECT], repositories: undefined });

    const inv = await runOffline(() => buildLandingZone(spec));
    const binding = devBinding(inv);
    expect(binding.inputs).toEqual({
      serviceAccountId: "projects/acme-lz-dev/serviceAccounts/dev-registry-ci@acme-lz-dev.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      member: `principal://iam.googleapis.com/${external}/subject/${SUBJECT}`,
    });
    expect(binding.dependencies).toEqual([ROBOT_URN]);
  });

  it.each([[""], ["   "]])("refuses a configured pool %j, even beside gcp.workloadIdentity (it would not fall back to the environment's pool)", (pool) => {
    const raw = structuredClone(DEV) as Record<string, any>;
    raw.gcp.registry.robotWorkloadIdentity.pool = pool;
    expect(configProblems(raw)).toEqual([["LZ_WIF_POOL_MISSING", "landing-zone:gcp.registry.robotWorkloadIdentity.pool"]]);
  });

  it("still reports a robot without any pool (no configured pool, no gcp.workloadIdentity) once", () => {
    const raw = structuredClone(DEV) as Record<string, any>;
    delete raw.gcp.workloadIdentity;
    expect(configProblems(raw)).toEqual([["LZ_WIF_POOL_MISSING", "landing-zone:gcp.registry.robotWorkloadIdentity.pool"]]);
  });
});

describe("GcpRegistry given a robotWorkloadIdentity", () => {
  const ARGS: GcpRegistryArgs = { project: "acme-lz-prod", location: "europe-west1" };
  const subjects = ["repo:acme/app:environment:prod"];

  it.each([[""], [" \t"]])("refuses the pool %j before registering anything", async (pool) => {
    expect(await componentProblems(() => new GcpRegistry("prod-registry", { ...ARGS, robotWorkloadIdentity: { pool, subjects } })))
      .toEqual([["LZ_WIF_POOL_MISSING", "GcpRegistry args.robotWorkloadIdentity.pool"]]);
  });

  it("refuses a missing pool (a caller without types) together with the other problems", async () => {
    const wif = { subjects: ["has space"] } as unknown as GcpRegistryArgs["robotWorkloadIdentity"];
    expect(await componentProblems(() => new GcpRegistry("prod-registry", { ...ARGS, robotWorkloadIdentity: wif }))).toEqual([
      ["LZ_WIF_SUBJECT", "GcpRegistry args.robotWorkloadIdentity.subjects[0]"],
      ["LZ_WIF_POOL_MISSING", "GcpRegistry args.robotWorkloadIdentity.pool"],
    ]);
  });
});
