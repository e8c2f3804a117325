import { AlicloudRamArgs, planAlicloudRam } from "../alicloud/ram-plan";
import { checkArnInAccount } from "../alicloud/account";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import type { Problems } from "../core/errors";
import { GcpIamArgs, planGcpIam } from "../gcp/iam-plan";
import { GcpWorkloadIdentityArgs, GcpWorkloadIdentityPlan, planGcpWorkloadIdentity } from "../gcp/workload-identity-plan";
import { environmentLabels, iamName, workloadIdentityName } from "./names";
import { Planned, planStep } from "./step";

/** The IAM area's plan: GCP IAM and Alibaba RAM for the personas of every enabled cloud. */
export interface IamPlan {
  readonly gcp?: Planned<GcpIamArgs, void>;
  /** The project's workload identity pool and OIDC provider for keyless CI (`gcp.workloadIdentity`). */
  readonly gcpWorkloadIdentity?: Planned<GcpWorkloadIdentityArgs, GcpWorkloadIdentityPlan>;
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

/** `GcpWorkloadIdentityArgs` from `landing-zone:gcp.workloadIdentity`, or undefined without it. The pool id defaults to `<env>-ci`. */
export function gcpWorkloadIdentityArgs(spec: EnvironmentSpec): GcpWorkloadIdentityArgs | undefined {
  const w = spec.gcp?.workloadIdentity;
  if (!w) return undefined;
  // The config keys are the component's args; the project is the environment's.
  return { project: spec.gcp!.project, ...w };
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
  const account = spec.alicloud?.account;
  checkArnInAccount(spec.alicloud?.ram?.robot?.oidcProviderArn, account, keyPath(["alicloud", "ram", "robot", "oidcProviderArn"]), problems);
  checkArnInAccount(spec.alicloud?.registry?.robotOidc?.providerArn, account, keyPath(["alicloud", "registry", "robotOidc", "providerArn"]), problems);
  return {
    gcp: spec.gcp ? planStep(planGcpIam, name, gcpIamArgs(spec), keyPath(["gcp", "iam"]), problems) : undefined,
    gcpWorkloadIdentity: spec.gcp?.workloadIdentity
      ? planStep(planGcpWorkloadIdentity, workloadIdentityName(spec), gcpWorkloadIdentityArgs(spec)!, keyPath(["gcp", "workloadIdentity"]), problems)
      : undefined,
    alicloud: spec.alicloud ? planStep(planAlicloudRam, name, alicloudRamArgs(spec), keyPath(["alicloud", "ram"]), problems, { tags: undefined }) : undefined,
  };
}
