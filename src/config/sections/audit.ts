import { z } from "zod";
import type { Problems } from "../../core/errors";
import { GCP_AUDIT_LOG_KINDS } from "../../gcp/logging-plan";
import { keyPath } from "../issues";
import type { EnvironmentSpec } from "../schema";
import { alicloudBudgetArgs, alicloudLoggingArgs, auditName, budgetName, gcpBudgetArgs, gcpLoggingArgs } from "../../program/audit";
import { planAlicloudBudget } from "../../alicloud/budget-plan";
import { planAlicloudLogging } from "../../alicloud/logging-plan";
import { planGcpBudget } from "../../gcp/budget-plan";
import { planGcpLogging } from "../../gcp/logging-plan";

/** Budget keys shared by both clouds. Ranges (amount > 0, thresholds, emails) are checked in `validateAudit`. */
const budgetCommon = {
  /** Monthly amount in the billing account's currency. */
  amount: z.number(),
  /** ISO 4217 code matching the billing account. */
  currency: z.string().optional(),
  /** Alert thresholds in percent of the amount. */
  thresholds: z.strictObject({
    actual: z.array(z.number()).optional(),
    forecast: z.array(z.number()).optional(),
  }).optional(),
  /** Recipients keyed by name. */
  emails: z.record(z.string(), z.string()).optional(),
};

/**
 * Config keys of the audit area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`. Audit logging is
 * on for every enabled cloud (with defaults when `audit.logging` is absent); a budget is
 * created when `audit.budget` is given.
 */
export const auditSection = {
  root: {},
  gcp: {
    audit: z.strictObject({
      logging: z.strictObject({
        level: z.enum(["project", "folder", "organization"]).optional(),
        folderId: z.string().optional(),
        orgId: z.string().optional(),
        logKinds: z.array(z.enum(GCP_AUDIT_LOG_KINDS)).optional(),
        exclusions: z.record(z.string(), z.strictObject({ filter: z.string(), description: z.string().optional() })).optional(),
        retentionDays: z.number().optional(),
        lifecycle: z.strictObject({
          nearlineAfterDays: z.number().optional(),
          coldlineAfterDays: z.number().optional(),
          archiveAfterDays: z.number().optional(),
        }).optional(),
        kmsKeyName: z.string().optional(),
        bucketName: z.string().optional(),
        location: z.string().optional(),
        bigquery: z.boolean().optional(),
        pubsub: z.boolean().optional(),
      }).optional(),
      budget: z.strictObject({
        ...budgetCommon,
        billingAccount: z.string(),
        projectNumber: z.string().optional(),
        pubsub: z.boolean().optional(),
        /** Count only usage with this label (one pair). @default none: the whole project */
        filterLabels: z.record(z.string(), z.string()).optional(),
        /** Quota project of the Billing Budgets API calls. @default the project */
        quotaProject: z.string().optional(),
      }).optional(),
    }).optional(),
  },
  alicloud: {
    audit: z.strictObject({
      logging: z.strictObject({
        slsProjectName: z.string().optional(),
        retentionDays: z.number().optional(),
        oss: z.boolean().optional(),
        ossBucketName: z.string().optional(),
        flowLogs: z.boolean().optional(),
        flowLogRetentionDays: z.number().optional(),
      }).optional(),
      budget: z.strictObject({
        ...budgetCommon,
        lang: z.enum(["en", "zh-cn"]).optional(),
      }).optional(),
    }).optional(),
  },
};

/** Cross-field checks of the audit keys (ranges, production minimums, emails); report every problem, throw nothing. */
export function validateAudit(spec: EnvironmentSpec, problems: Problems): void {
  // Labels are checked once under `landing-zone:labels`; the plans check the rest.
  const name = auditName(spec);
  if (spec.gcp) {
    planGcpLogging(name, { ...gcpLoggingArgs(spec), labels: undefined }, keyPath(["gcp", "audit", "logging"]), problems);
    const budget = gcpBudgetArgs(spec);
    if (budget) planGcpBudget(budgetName(spec), { ...budget, labels: undefined }, keyPath(["gcp", "audit", "budget"]), problems);
  }
  if (spec.alicloud) {
    planAlicloudLogging(name, { ...alicloudLoggingArgs(spec), tags: undefined }, keyPath(["alicloud", "audit", "logging"]), problems);
    const budget = alicloudBudgetArgs(spec);
    if (budget) planAlicloudBudget(budgetName(spec), budget, keyPath(["alicloud", "audit", "budget"]), problems);
  }
}
