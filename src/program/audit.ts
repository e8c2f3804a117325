import { AlicloudBudget } from "../alicloud/budget";
import { AlicloudLogging } from "../alicloud/logging";
import { GcpBudget } from "../gcp/budget";
import { GcpLogging } from "../gcp/logging";
import { deployArgs } from "../planner/step";
import type { AreaOutputs, LandingZoneContext } from "./context";
import { landingZoneKey } from "./keys";

/**
 * Creates the planned audit components: audit logging on every enabled cloud (always), a budget
 * where one is configured. Returns their stack outputs.
 */
export function deployAudit(ctx: LandingZoneContext): AreaOutputs {
  const { audit } = ctx.plan;
  const outputs: AreaOutputs = {};
  if (audit.gcpLogging) {
    const logging = new GcpLogging(audit.gcpLogging.name, deployArgs(audit.gcpLogging, {
      kmsKeyName: landingZoneKey(ctx.shared.gcpKeys, "audit", audit.gcpLogging.args.kmsKeyName),
    }), ctx.gcpOpts);
    outputs.gcpAuditBucket = logging.bucketName;
    outputs.gcpAuditWriterIdentities = logging.writerIdentities;
  }
  if (audit.gcpBudget) {
    ctx.shared.gcpBudget = new GcpBudget(audit.gcpBudget.name, audit.gcpBudget.args, ctx.gcpOpts);
    outputs.gcpBudgetName = ctx.shared.gcpBudget.budgetName;
  }
  if (audit.alicloudLogging) {
    const logging = new AlicloudLogging(audit.alicloudLogging.name, deployArgs(audit.alicloudLogging, {
      flowLogVpcId: audit.alicloudFlowLogs ? ctx.alicloudVpc?.vpcId : undefined,
      // The keys area's audit key: SSE-KMS on the OSS bucket; BYOK logstores through its SLS role.
      kmsKeyId: ctx.shared.alicloudKeys?.keyIds.audit,
      kmsRoleArn: ctx.plan.keys.alicloudLogstores ? ctx.shared.alicloudKeys?.logServiceRoleArn : undefined,
    }), ctx.alicloudOpts);
    ctx.shared.alicloudLogging = logging;
    outputs.alicloudAuditSlsProject = logging.slsProjectName;
    outputs.alicloudAuditTrail = logging.trailName;
  }
  if (audit.alicloudBudget) {
    const budget = new AlicloudBudget(audit.alicloudBudget.name, audit.alicloudBudget.args, ctx.alicloudOpts);
    outputs.alicloudBudgetContactGroup = budget.contactGroupName;
    if (budget.budgetName) outputs.alicloudBudgetName = budget.budgetName;
    outputs.alicloudBudgetSettings = budget.settings;
  }
  return outputs;
}
