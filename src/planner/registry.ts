import { ramGroupName } from "../alicloud/ram-plan";
import { AlicloudRegistryArgs, AlicloudRegistryOidcArgs, AlicloudRegistryPlan, planAlicloudRegistry } from "../alicloud/registry-plan";
import type { AlicloudVpcPlan } from "../alicloud/vpc-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import type { Problems } from "../core/errors";
import { PERSONAS } from "../core/personas";
import { GcpRegistryPlan, GcpRegistryPlanArgs, planGcpRegistry } from "../gcp/registry-plan";
import { gcpLandingZoneKeyName } from "./keys";
import { environmentLabels, iamName, registryName } from "./names";
import type { NetworkPlan } from "./network";
import { Planned, planStep } from "./step";

/**
 * Which workload identity pool the GCP registry robot's members are in (with
 * `gcp.registry.robotWorkloadIdentity`): the pool the config names (`from: "config"`, also in the
 * args), or the pool `gcp.workloadIdentity` creates (`from: "workloadIdentity"`): the IAM area's
 * `GcpWorkloadIdentity` (`IamPlan.gcpWorkloadIdentity`), whose resource name holds the project
 * number, known at deploy time; the args leave it out and the program passes its `poolName`.
 */
export type GcpRobotPool = { readonly from: "config"; readonly name: string } | { readonly from: "workloadIdentity" };

/** The registry area's plan: a registry on each cloud whose `registry` key is present. */
export interface RegistryPlan {
  /** GCP registry; with `robotWorkloadIdentity`, `robotPool` says where the robot's pool comes from. */
  readonly gcp?: Planned<GcpRegistryPlanArgs, GcpRegistryPlan> & { readonly robotPool?: GcpRobotPool };
  /**
   * Alibaba registry; the program adds the persona groups of the IAM area (their names are
   * planned here) and, with `vpcLink`, the VPC and the vSwitch `vpcLink.vswitch` (`<subnet>-<zone>`).
   */
  readonly alicloud?: Planned<AlicloudRegistryArgs, AlicloudRegistryPlan> & { readonly vpcLink?: { readonly vswitch: string } };
}

/**
 * `GcpRegistryArgs` from `landing-zone:gcp.registry` (members from `gcp.iam.members`), or
 * undefined without a registry key; the robot's pool is left out when it is the environment's
 * (`gcpRobotPool`).
 */
export function gcpRegistryArgs(spec: EnvironmentSpec): GcpRegistryPlanArgs | undefined {
  const r = spec.gcp?.registry;
  if (!r) return undefined;
  const gcp = spec.gcp!;
  return {
    project: gcp.project,
    location: r.location ?? gcp.regions[0]!,
    repositoryId: r.repositoryId ?? `${spec.environment}-containers`,
    existing: r.existing,
    production: spec.production,
    immutableTags: r.immutableTags,
    cleanup: r.cleanup,
    // The landing zone's registry key when keys are on (`gcp.keys`), unless the config names its own.
    kmsKeyName: r.kmsKeyName ?? gcpLandingZoneKeyName(spec, "registry"),
    dockerHubProxy: r.dockerHubProxy,
    members: gcp.iam?.members,
    readers: r.readers,
    robot: r.robot,
    robotWorkloadIdentity: gcpRobotWorkloadIdentity(spec),
    labels: environmentLabels(spec),
  };
}

/**
 * Who may act as the GCP registry robot: `gcp.registry.robotWorkloadIdentity`, with its `pool`
 * when the config gives one; without it the robot uses the environment's own pool (`gcpRobotPool`),
 * which the program adds.
 */
export function gcpRobotWorkloadIdentity(spec: EnvironmentSpec): GcpRegistryPlanArgs["robotWorkloadIdentity"] {
  const w = spec.gcp?.registry?.robotWorkloadIdentity;
  if (!w) return undefined;
  return { pool: w.pool, subjects: w.subjects, repositories: w.repositories };
}

/**
 * The GCP registry robot's pool (with `gcp.registry.robotWorkloadIdentity`): the configured
 * `pool`, else the pool `gcp.workloadIdentity` creates, else undefined (`planRegistry` then
 * reports LZ_WIF_POOL_MISSING).
 */
export function gcpRobotPool(spec: EnvironmentSpec): GcpRobotPool | undefined {
  const w = spec.gcp?.registry?.robotWorkloadIdentity;
  if (!w) return undefined;
  if (w.pool !== undefined) return { from: "config", name: w.pool };
  return spec.gcp?.workloadIdentity === undefined ? undefined : { from: "workloadIdentity" };
}

/**
 * Who may assume the Alibaba registry robot role: `alicloud.registry.robotOidc`, else the IAM
 * area's complete robot OIDC trust (`alicloud.ram.robot` with oidcProviderArn, issuer, audiences
 * and subjects: the same CI jobs), else undefined (production then fails with LZ_REGISTRY_ROBOT_TRUST).
 */
export function alicloudRegistryRobotOidc(spec: EnvironmentSpec): AlicloudRegistryOidcArgs | undefined {
  const own = spec.alicloud?.registry?.robotOidc;
  if (own) return own;
  const robot = spec.alicloud?.ram?.robot;
  if (robot?.oidcProviderArn === undefined || robot.issuer === undefined) return undefined;
  if ((robot.audiences ?? []).length === 0 || (robot.subjects ?? []).length === 0) return undefined;
  return { providerArn: robot.oidcProviderArn, issuer: robot.issuer, audiences: robot.audiences!, subjects: robot.subjects! };
}

/**
 * `AlicloudRegistryArgs` from `landing-zone:alicloud.registry`, without what only exists at
 * deploy time (VPC, vSwitch), or undefined without a registry key. The persona groups are the
 * IAM area's RAM groups by their planned names (the program passes the groups' outputs).
 */
export function alicloudRegistryArgs(spec: EnvironmentSpec): AlicloudRegistryArgs | undefined {
  const r = spec.alicloud?.registry;
  if (!r) return undefined;
  return {
    region: spec.alicloud!.region,
    instanceId: r.instanceId,
    instanceName: r.instanceName,
    domain: r.domain,
    createInstance: r.createInstance,
    instanceType: r.instanceType,
    period: r.period,
    namespace: r.namespace ?? spec.environment,
    repositories: r.repositories,
    production: spec.production,
    accountId: spec.alicloud!.account?.id,
    immutableTags: r.immutableTags,
    scan: r.scan,
    cleanup: r.cleanup,
    sync: r.sync,
    personaGroups: Object.fromEntries(PERSONAS.map((p) => [p, ramGroupName(iamName(spec), p)])),
    robot: r.robot,
    robotOidc: alicloudRegistryRobotOidc(spec),
    tags: environmentLabels(spec),
  };
}

/** The vSwitch (`<subnet>-<zone>`) of the registry's VPC endpoint: `vpcSubnet`'s first, else the first private subnet's. */
export function registryVswitch(spec: EnvironmentSpec, vpc: AlicloudVpcPlan): string | undefined {
  const r = spec.alicloud!.registry!;
  if (!(r.vpcLink ?? true)) return undefined;
  const subnet = r.vpcSubnet ?? vpc.subnets.find((s) => s.tier === "private")?.name ?? vpc.subnets[0]?.name;
  const first = vpc.subnets.find((s) => s.name === subnet);
  return first === undefined ? undefined : `${first.name}-${first.location}`;
}

/**
 * Plans the registries. Persona members are checked under `gcp.iam.members` (IAM area), labels
 * and tags under `landing-zone:labels`.
 */
export function planRegistry(spec: EnvironmentSpec, network: NetworkPlan, problems: Problems): RegistryPlan {
  const name = registryName(spec);
  const gcpArgs = gcpRegistryArgs(spec);
  // A key the keys area made is checked there (its location under gcp.keys.location), not here.
  const ownKey = spec.gcp?.registry?.kmsKeyName !== undefined;
  const gcpPlanned = gcpArgs ? planStep(planGcpRegistry, name, gcpArgs, keyPath(["gcp", "registry"]), problems,
    ownKey ? { members: undefined, labels: undefined } : { members: undefined, labels: undefined, kmsKeyName: undefined }) : undefined;
  const robotPool = gcpRobotPool(spec);
  const gcp = gcpPlanned && (robotPool === undefined ? gcpPlanned : Object.freeze({ ...gcpPlanned, robotPool }));
  if (spec.gcp?.registry?.robotWorkloadIdentity && robotPool === undefined) {
    problems.add("LZ_WIF_POOL_MISSING", keyPath(["gcp", "registry", "robotWorkloadIdentity", "pool"]), "the robot's workload identity has no pool: none is given and gcp.workloadIdentity creates none",
      "set landing-zone:gcp.workloadIdentity (issuer and attributeCondition) to create the project's pool, or give the pool's resource name here");
  }
  const aliArgs = alicloudRegistryArgs(spec);
  let alicloud: RegistryPlan["alicloud"];
  if (aliArgs) {
    const path = keyPath(["alicloud", "registry"]);
    const planned = planStep(planAlicloudRegistry, name, aliArgs, path, problems, { tags: undefined });
    const r = spec.alicloud!.registry!;
    const subnets = spec.alicloud!.vpc.subnets;
    if (r.vpcSubnet !== undefined && !(r.vpcSubnet in subnets)) {
      problems.add("LZ_UNKNOWN_SUBNET", `${path}.vpcSubnet`, `"${r.vpcSubnet}" is not a subnet of landing-zone:alicloud.vpc.subnets`,
        `use one of ${Object.keys(subnets).join(", ")}`);
    }
    const vswitch = network.alicloud ? registryVswitch(spec, network.alicloud.plan) : undefined;
    alicloud = { ...planned, vpcLink: vswitch === undefined ? undefined : { vswitch } };
  }
  return { gcp, alicloud };
}
