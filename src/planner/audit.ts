import { AlicloudBudgetArgs, AlicloudBudgetPlan, planAlicloudBudget } from "../alicloud/budget-plan";
import { AlicloudLoggingArgs, AlicloudLoggingPlan, planAlicloudLogging } from "../alicloud/logging-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import type { Problems } from "../core/errors";
import { GcpBudgetArgs, planGcpBudget } from "../gcp/budget-plan";
import { GcpLoggingArgs, GcpLoggingPlan, planGcpLogging } from "../gcp/logging-plan";
import { gcpLandingZoneKeyName } from "./keys";
import { auditName, budgetName, environmentLabels } from "./names";
import { Planned, planStep } from "./step";

/** The audit area's plan: audit logging on every enabled cloud, a budget where one is configured. */
export interface AuditPlan {
  readonly gcpLogging?: Planned<GcpLoggingArgs, GcpLoggingPlan>;
  readonly gcpBudget?: Planned<GcpBudgetArgs, void>;
  /** Alibaba audit logging; the program adds the VPC id when `alicloudFlowLogs` is on. */
  readonly alicloudLogging?: Planned<AlicloudLoggingArgs, AlicloudLoggingPlan>;
  /** Whether the Alibaba VPC's flow logs go to the audit project (`alicloud.audit.logging.flowLogs`, default true). */
  readonly alicloudFlowLogs: boolean;
  /** The Alibaba budget (through the BSS OpenAPI unless `manageBudget: false`) and its alert contacts. */
  readonly alicloudBudget?: Planned<AlicloudBudgetArgs, AlicloudBudgetPlan>;
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
    // The landing zone's audit key when keys are on (`gcp.keys`), unless the config names its own.
    kmsKeyName: l.kmsKeyName ?? gcpLandingZoneKeyName(spec, "audit"),
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
    // The whole project by default: a label filter counts only usage that carries the label.
    filterLabels: b.filterLabels,
    quotaProject: b.quotaProject,
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
  return {
    amount: b.amount,
    currency: b.currency,
    thresholds: b.thresholds,
    emails: b.emails,
    lang: b.lang,
    manageBudget: b.manageBudget,
    budgetName: b.budgetName,
    period: b.period,
    startMonth: b.startMonth,
    endMonth: b.endMonth,
    accountIds: b.accountIds,
    messageCenterContacts: b.messageCenterContacts,
    endpoint: b.endpoint,
  };
}

/** Plans audit logging and budgets (labels and tags are checked under `landing-zone:labels`). */
export function planAudit(spec: EnvironmentSpec, problems: Problems): AuditPlan {
  const name = auditName(spec);
  const plan: { -readonly [K in keyof AuditPlan]: AuditPlan[K] } = { alicloudFlowLogs: spec.alicloud?.audit?.logging?.flowLogs ?? true };
  if (spec.gcp) {
    // A key the keys area made is checked there (its location under gcp.keys.location), not here.
    const ownKey = spec.gcp.audit?.logging?.kmsKeyName !== undefined;
    plan.gcpLogging = planStep(planGcpLogging, name, gcpLoggingArgs(spec), keyPath(["gcp", "audit", "logging"]), problems,
      ownKey ? { labels: undefined } : { labels: undefined, kmsKeyName: undefined });
    const budget = gcpBudgetArgs(spec);
    if (budget) plan.gcpBudget = planStep(planGcpBudget, budgetName(spec), budget, keyPath(["gcp", "audit", "budget"]), problems, { labels: undefined });
  }
  if (spec.alicloud) {
    plan.alicloudLogging = planStep(planAlicloudLogging, name, alicloudLoggingArgs(spec), keyPath(["alicloud", "audit", "logging"]), problems, { tags: undefined });
    const budget = alicloudBudgetArgs(spec);
    if (budget) plan.alicloudBudget = planStep(planAlicloudBudget, budgetName(spec), budget, keyPath(["alicloud", "audit", "budget"]), problems);
  }
  return plan;
}
