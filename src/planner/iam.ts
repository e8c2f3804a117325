import { AlicloudRamArgs, planAlicloudRam } from "../alicloud/ram-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/schema";
import type { Problems } from "../core/errors";
import { GcpIamArgs, planGcpIam } from "../gcp/iam-plan";
import { environmentLabels, iamName } from "./names";
import { Planned, planStep } from "./step";

/** The IAM area's plan: GCP IAM and Alibaba RAM for the personas of every enabled cloud. */
export interface IamPlan {
  readonly gcp?: Planned<GcpIamArgs, void>;
  readonly alicloud?: Planned<AlicloudRamArgs, void>;
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

/** Plans GCP IAM and Alibaba RAM (tags are checked under `landing-zone:labels`). */
export function planIam(spec: EnvironmentSpec, problems: Problems): IamPlan {
  const name = iamName(spec);
  return {
    gcp: spec.gcp ? planStep(planGcpIam, name, gcpIamArgs(spec), keyPath(["gcp", "iam"]), problems) : undefined,
    alicloud: spec.alicloud ? planStep(planAlicloudRam, name, alicloudRamArgs(spec), keyPath(["alicloud", "ram"]), problems, { tags: undefined }) : undefined,
  };
}
