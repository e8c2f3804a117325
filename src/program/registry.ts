import { AlicloudRegistry, AlicloudRegistryArgs, AlicloudRegistryOidcArgs } from "../alicloud/registry";
import type { EnvironmentSpec } from "../config/schema";
import { GcpRegistry, GcpRegistryArgs } from "../gcp/registry";
import { environmentLabels } from "./network-args";
import type { AreaOutputs, LandingZoneContext } from "./context";

/** Name of the environment's registry components, e.g. `prod-registry`. */
export function registryName(spec: EnvironmentSpec): string {
  return `${spec.environment}-registry`;
}

/** `GcpRegistryArgs` from `landing-zone:gcp.registry` (members from `gcp.iam.members`), or undefined without a registry key. */
export function gcpRegistryArgs(spec: EnvironmentSpec): GcpRegistryArgs | undefined {
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
    kmsKeyName: r.kmsKeyName,
    dockerHubProxy: r.dockerHubProxy,
    members: gcp.iam?.members,
    readers: r.readers,
    robot: r.robot,
    labels: environmentLabels(spec),
  };
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
 * deploy time (VPC, vSwitch, persona groups), or undefined without a registry key.
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
    immutableTags: r.immutableTags,
    scan: r.scan,
    cleanup: r.cleanup,
    sync: r.sync,
    robot: r.robot,
    robotOidc: alicloudRegistryRobotOidc(spec),
    tags: environmentLabels(spec),
  };
}

/**
 * Creates the registry components the environment asks for; returns their stack outputs.
 * Runs last: the Alibaba persona groups come from the IAM area (`ctx.shared.alicloudPersonaGroups`);
 * when that area made none, no group gets a registry policy (the policies still exist).
 */
export function deployRegistry(ctx: LandingZoneContext): AreaOutputs {
  const { spec } = ctx;
  const outputs: AreaOutputs = {};
  const name = registryName(spec);
  const gcpArgs = gcpRegistryArgs(spec);
  if (gcpArgs) {
    const registry = new GcpRegistry(name, gcpArgs, { provider: ctx.gcpProvider });
    outputs.gcpRegistryUrl = registry.url;
    if (registry.remoteRepository) outputs.gcpRegistryProxyUrl = registry.proxyUrl;
    if (registry.robot) outputs.gcpRegistryRobotEmail = registry.robotEmail;
  }
  const aliArgs = alicloudRegistryArgs(spec);
  if (aliArgs) {
    const r = spec.alicloud!.registry!;
    const vpc = ctx.alicloudVpc;
    let vswitchId;
    if (vpc && (r.vpcLink ?? true)) {
      const subnet = r.vpcSubnet ?? vpc.plan.subnets.find((s) => s.tier === "private")?.name ?? vpc.plan.subnets[0]?.name;
      const first = vpc.plan.subnets.find((s) => s.name === subnet);
      if (first) vswitchId = vpc.vswitches[`${first.name}-${first.location}`]?.id;
    }
    const registry = new AlicloudRegistry(name, {
      ...aliArgs,
      vpcId: vswitchId === undefined ? undefined : vpc!.vpcId,
      vswitchId,
      personaGroups: { ...ctx.shared.alicloudPersonaGroups },
    }, { provider: ctx.alicloudProvider });
    outputs.alicloudRegistryUrl = registry.url;
    outputs.alicloudRegistryVpcUrl = registry.vpcUrl;
    if (registry.robotRole) outputs.alicloudRegistryRobotRoleArn = registry.robotRoleArn;
  }
  return outputs;
}
