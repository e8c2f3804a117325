import { AlicloudRam, AlicloudRamArgs } from "../alicloud/ram";
import type { EnvironmentSpec } from "../config/schema";
import { GcpIam, GcpIamArgs } from "../gcp/iam";
import { environmentLabels } from "./network-args";
import type { AreaOutputs, LandingZoneContext } from "./context";

/** Name of the environment's IAM components, e.g. `prod-iam`. */
export function iamName(spec: EnvironmentSpec): string {
  return `${spec.environment}-iam`;
}

/** `GcpIamArgs` from `landing-zone:gcp.iam` (the spec must have a gcp section); billing viewers use the budget's billing account. */
export function gcpIamArgs(spec: EnvironmentSpec): GcpIamArgs {
  const gcp = spec.gcp!;
  const iam = gcp.iam ?? {};
  return {
    project: gcp.project,
    production: spec.production,
    members: iam.members,
    extraRoles: iam.extraRoles,
    customRoles: iam.customRoles,
    allowBasicRoles: iam.allowBasicRoles,
    justification: iam.justification,
    ciDeployerRobot: iam.ciDeployerRobot,
    robotImpersonators: iam.robotImpersonators,
    billingAccount: gcp.audit?.budget?.billingAccount,
    dataAccessLogs: iam.dataAccessLogs,
  };
}

/** `AlicloudRamArgs` from `landing-zone:alicloud.ram` (the spec must have an alicloud section). */
export function alicloudRamArgs(spec: EnvironmentSpec): AlicloudRamArgs {
  const ram = spec.alicloud!.ram ?? {};
  return {
    production: spec.production,
    members: ram.members,
    customPolicies: ram.customPolicies,
    robot: ram.robot,
    tags: environmentLabels(spec),
  };
}

/**
 * Creates the IAM / RAM components (personas, robots) of every enabled cloud; hands the RAM
 * group of each persona to later areas (the registry); returns the stack outputs.
 */
export function deployIam(ctx: LandingZoneContext): AreaOutputs {
  const { spec } = ctx;
  const outputs: AreaOutputs = {};
  const name = iamName(spec);
  if (spec.gcp) {
    const iam = new GcpIam(name, gcpIamArgs(spec), { provider: ctx.gcpProvider });
    if (iam.robot) outputs.gcpCiDeployerEmail = iam.robotEmail;
  }
  if (spec.alicloud) {
    const ram = new AlicloudRam(name, alicloudRamArgs(spec), { provider: ctx.alicloudProvider });
    ctx.shared.alicloudPersonaGroups = { ...ram.groupNames };
    outputs.alicloudPersonaGroups = ram.groupNames;
    if (ram.robotRole) outputs.alicloudCiDeployerRoleArn = ram.robotRoleArn;
  }
  return outputs;
}
