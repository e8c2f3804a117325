import { z } from "zod";
import { GCP_AUDIT_LOG_KINDS } from "../../gcp/logging-plan";

/** Budget keys shared by both clouds. Ranges (amount > 0, thresholds, emails) are checked by the planner (`planAudit`). */
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
        /** Manage the budget through the BSS OpenAPI (false: contacts and exported settings only). */
        manageBudget: z.boolean().optional(),
        /** Budget name in Expense Management (default `<env>-budget`). */
        budgetName: z.string().optional(),
        period: z.enum(["MONTHLY"]).optional(),
        /** First and last month the budget covers, `YYYY-MM` (required while the budget is managed). */
        startMonth: z.string().optional(),
        endMonth: z.string().optional(),
        /** Count only these accounts' resources (16-digit UIDs, quoted). */
        accountIds: z.array(z.string()).optional(),
        /** Message Center contacts the budget's alerts go to. */
        messageCenterContacts: z.array(z.string()).optional(),
        /** BSS OpenAPI host (international site: business.ap-southeast-1.aliyuncs.com). */
        endpoint: z.string().optional(),
      }).optional(),
    }).optional(),
  },
};
