import { AlicloudRegistry } from "../alicloud/registry";
import { GcpRegistry } from "../gcp/registry";
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
    // The robot's pool: the configured one, else the project's pool the IAM area created.
    const wif = registry.gcp.args.robotWorkloadIdentity;
    const pool = wif?.pool === "" ? ctx.shared.gcpWorkloadIdentityPool : undefined;
    const keyed = { kmsKeyName: landingZoneKey(ctx.shared.gcpKeys, "registry", registry.gcp.args.kmsKeyName) };
    const args = pool === undefined ? deployArgs(registry.gcp, keyed) : deployArgs(registry.gcp, { ...keyed, robotWorkloadIdentity: { ...wif!, pool } });
    const gcpRegistry = new GcpRegistry(registry.gcp.name, args, { provider: ctx.gcpProvider });
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
    }), { provider: ctx.alicloudProvider });
    outputs.alicloudRegistryUrl = aliRegistry.url;
    outputs.alicloudRegistryVpcUrl = aliRegistry.vpcUrl;
    if (aliRegistry.robotRole) outputs.alicloudRegistryRobotRoleArn = aliRegistry.robotRoleArn;
  }
  return outputs;
}
