import { AlicloudRam } from "../alicloud/ram";
import { GcpIam } from "../gcp/iam";
import { GcpWorkloadIdentity } from "../gcp/workload-identity";
import type { AreaOutputs, LandingZoneContext } from "./context";

/**
 * Creates the planned IAM / RAM components (personas, robots) of every enabled cloud; hands the
 * RAM group of each persona to later areas (the registry); returns the stack outputs.
 */
export function deployIam(ctx: LandingZoneContext): AreaOutputs {
  const { iam } = ctx.plan;
  const outputs: AreaOutputs = {};
  if (iam.gcp) {
    const gcpIam = new GcpIam(iam.gcp.name, iam.gcp.args, ctx.gcpOpts);
    if (gcpIam.robot) outputs.gcpCiDeployerEmail = gcpIam.robotEmail;
  }
  if (iam.gcpWorkloadIdentity) {
    const wif = new GcpWorkloadIdentity(iam.gcpWorkloadIdentity.name, iam.gcpWorkloadIdentity.args, ctx.gcpOpts);
    ctx.shared.gcpWorkloadIdentityPool = wif.poolName;
    outputs.gcpWorkloadIdentityProvider = wif.providerName;
  }
  if (iam.alicloud) {
    const ram = new AlicloudRam(iam.alicloud.name, iam.alicloud.args, ctx.alicloudOpts);
    ctx.shared.alicloudPersonaGroups = { ...ram.groupNames };
    outputs.alicloudPersonaGroups = ram.groupNames;
    if (ram.robotRole) outputs.alicloudCiDeployerRoleArn = ram.robotRoleArn;
  }
  return outputs;
}
