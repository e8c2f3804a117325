import { AlicloudBudget, AlicloudBudgetArgs } from "../alicloud/budget";
import { AlicloudLogging, AlicloudLoggingArgs } from "../alicloud/logging";
import type { EnvironmentSpec } from "../config/schema";
import { GcpBudget, GcpBudgetArgs } from "../gcp/budget";
import { GcpLogging, GcpLoggingArgs } from "../gcp/logging";
import { environmentLabels } from "./network-args";
import type { AreaOutputs, LandingZoneContext } from "./context";

/** Name of the environment's logging components, e.g. `prod-audit`: every audit name carries the environment. */
export function auditName(spec: EnvironmentSpec): string {
  return `${spec.environment}-audit`;
}

/** Name of the environment's budget components, e.g. `prod-budget`. */
export function budgetName(spec: EnvironmentSpec): string {
  return `${spec.environment}-budget`;
}

/** `GcpLoggingArgs` from `landing-zone:gcp.audit.logging` (the spec must have a gcp section). */
export function gcpLoggingArgs(spec: EnvironmentSpec): GcpLoggingArgs {
  const gcp = spec.gcp!;
  const l = gcp.audit?.logging ?? {};
  return {
    project: gcp.project,
    location: l.location ?? gcp.regions[0]!,
    level: l.level,
    folderId: l.folderId,
    orgId: l.orgId,
    logKinds: l.logKinds,
    exclusions: l.exclusions,
    retentionDays: l.retentionDays,
    production: spec.production,
    lifecycle: l.lifecycle,
    kmsKeyName: l.kmsKeyName,
    bucketName: l.bucketName,
    bigquery: l.bigquery,
    pubsub: l.pubsub,
    labels: environmentLabels(spec),
  };
}

/** `GcpBudgetArgs` from `landing-zone:gcp.audit.budget`, or undefined when no budget is configured. */
export function gcpBudgetArgs(spec: EnvironmentSpec): GcpBudgetArgs | undefined {
  const b = spec.gcp?.audit?.budget;
  if (!b) return undefined;
  return {
    billingAccount: b.billingAccount,
    project: spec.gcp!.project,
    projectNumber: b.projectNumber,
    amount: b.amount,
    currency: b.currency,
    thresholds: b.thresholds,
    emails: b.emails,
    pubsub: b.pubsub,
    labels: environmentLabels(spec),
  };
}

/** `AlicloudLoggingArgs` from `landing-zone:alicloud.audit.logging` (without the VPC, which only exists at deploy time). */
export function alicloudLoggingArgs(spec: EnvironmentSpec): AlicloudLoggingArgs {
  const ali = spec.alicloud!;
  const l = ali.audit?.logging ?? {};
  return {
    region: ali.region,
    slsProjectName: l.slsProjectName,
    retentionDays: l.retentionDays,
    oss: l.oss,
    ossBucketName: l.ossBucketName,
    flowLogRetentionDays: l.flowLogRetentionDays,
    production: spec.production,
    tags: environmentLabels(spec),
  };
}

/** `AlicloudBudgetArgs` from `landing-zone:alicloud.audit.budget`, or undefined when no budget is configured. */
export function alicloudBudgetArgs(spec: EnvironmentSpec): AlicloudBudgetArgs | undefined {
  const b = spec.alicloud?.audit?.budget;
  if (!b) return undefined;
  return { amount: b.amount, currency: b.currency, thresholds: b.thresholds, emails: b.emails, lang: b.lang };
}

/**
 * Creates the audit components: audit logging on every enabled cloud (always), a budget
 * where one is configured. Returns their stack outputs.
 */
export function deployAudit(ctx: LandingZoneContext): AreaOutputs {
  const { spec } = ctx;
  const outputs: AreaOutputs = {};
  if (spec.gcp) {
    const opts = { provider: ctx.gcpProvider };
    const logging = new GcpLogging(auditName(spec), gcpLoggingArgs(spec), opts);
    outputs.gcpAuditBucket = logging.bucketName;
    outputs.gcpAuditWriterIdentities = logging.writerIdentities;
    const budgetArgs = gcpBudgetArgs(spec);
    if (budgetArgs) outputs.gcpBudgetName = new GcpBudget(budgetName(spec), budgetArgs, opts).budgetName;
  }
  if (spec.alicloud) {
    const opts = { provider: ctx.alicloudProvider };
    const flowLogs = spec.alicloud.audit?.logging?.flowLogs ?? true;
    const logging = new AlicloudLogging(auditName(spec), {
      ...alicloudLoggingArgs(spec),
      flowLogVpcId: flowLogs ? ctx.alicloudVpc?.vpcId : undefined,
    }, opts);
    outputs.alicloudAuditSlsProject = logging.slsProjectName;
    outputs.alicloudAuditTrail = logging.trailName;
    const budgetArgs = alicloudBudgetArgs(spec);
    if (budgetArgs) {
      const budget = new AlicloudBudget(budgetName(spec), budgetArgs, opts);
      outputs.alicloudBudgetContactGroup = budget.contactGroupName;
      outputs.alicloudBudgetSettings = budget.settings;
    }
  }
  return outputs;
}
