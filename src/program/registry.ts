import type * as pulumi from "@pulumi/pulumi";
import { AlicloudRegistry } from "../alicloud/registry";
import { GcpRegistry } from "../gcp/registry";
import type { GcpRobotPool } from "../planner/registry";
import { deployArgs } from "../planner/step";
import type { AreaOutputs, LandingZoneContext } from "./context";
import { landingZoneKey } from "./keys";

/**
 * Creates the planned registry components; returns their stack outputs. Runs last: the Alibaba
 * persona groups come from the IAM area (`ctx.shared.alicloudPersonaGroups`), the VPC endpoint's
 * vSwitch from the network area.
 */
export function deployRegistry(ctx: LandingZoneContext): AreaOutputs {
  const { registry } = ctx.plan;
  const outputs: AreaOutputs = {};
  if (registry.gcp) {
    const wif = registry.gcp.args.robotWorkloadIdentity;
    const args = deployArgs(registry.gcp, {
      kmsKeyName: landingZoneKey(ctx.shared.gcpKeys, "registry", registry.gcp.args.kmsKeyName),
      robotWorkloadIdentity: wif && { ...wif, pool: gcpRobotPoolName(ctx, registry.gcp.robotPool) },
    });
    const gcpRegistry = new GcpRegistry(registry.gcp.name, args, ctx.gcpOpts);
    outputs.gcpRegistryUrl = gcpRegistry.url;
    if (gcpRegistry.remoteRepository) outputs.gcpRegistryProxyUrl = gcpRegistry.proxyUrl;
    if (gcpRegistry.robot) outputs.gcpRegistryRobotEmail = gcpRegistry.robotEmail;
  }
  if (registry.alicloud) {
    const vpc = ctx.alicloudVpc;
    const link = registry.alicloud.vpcLink && vpc ? { vpcId: vpc.vpcId, vswitchId: vpc.vswitches[registry.alicloud.vpcLink.vswitch]!.id } : {};
    const aliRegistry = new AlicloudRegistry(registry.alicloud.name, deployArgs(registry.alicloud, {
      ...link,
      // The IAM area's groups, as outputs: the planned names, plus the dependency on each group.
      personaGroups: { ...ctx.shared.alicloudPersonaGroups },
    }), ctx.alicloudOpts);
    outputs.alicloudRegistryUrl = aliRegistry.url;
    outputs.alicloudRegistryVpcUrl = aliRegistry.vpcUrl;
    if (aliRegistry.robotRole) outputs.alicloudRegistryRobotRoleArn = aliRegistry.robotRoleArn;
  }
  return outputs;
}

/**
 * The resource name of the GCP registry robot's pool the plan names: the configured one, or the
 * pool the IAM area's `GcpWorkloadIdentity` created (`ctx.shared.gcpWorkloadIdentityPool`).
 */
function gcpRobotPoolName(ctx: LandingZoneContext, source: GcpRobotPool | undefined): pulumi.Input<string> {
  if (source?.from === "config") return source.name;
  const created = source?.from === "workloadIdentity" ? ctx.shared.gcpWorkloadIdentityPool : undefined;
  // The planner reports LZ_WIF_POOL_MISSING when there is no pool: a plan that got here has one.
  if (created === undefined) throw new Error("the registry robot's workload identity pool is not planned (LZ_WIF_POOL_MISSING was not reported)");
  return created;
}
