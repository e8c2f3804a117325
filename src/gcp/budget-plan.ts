import type * as pulumi from "@pulumi/pulumi";
import { BUDGET_THRESHOLD_DEFAULTS, BudgetBasics, checkBudgetBasics } from "../core/audit";
import { joinPath, Problems } from "../core/errors";
import { checkLabels } from "../core/labels";
import { checkGcpName, checkKey, nameOf } from "../core/naming";
import { checkBillingAccount, checkPubsubTopicName, GCP_PROJECT_ID } from "./ids";

/** Notification channels a budget may reference (API limit). */
export const GCP_BUDGET_MAX_CHANNELS = 5;

export interface GcpBudgetArgs extends BudgetBasics {
  /** Billing account id, `XXXXXX-XXXXXX-XXXXXX`. */
  readonly billingAccount: string;
  /** Project the budget is filtered to; also holds the topic and notification channels. Not needed for planning: may be another resource's output. */
  readonly project: pulumi.Input<string>;
  /** The project's number; the budget filter needs it. @default looked up with `gcp.organizations.getProject` */
  readonly projectNumber?: string;
  /**
   * Only count spend of resources with this label (the API allows one pair). Usage without the
   * label (most SKUs of shared or unlabelled resources) is then not counted at all. @default none: the whole project's spend
   */
  readonly filterLabels?: Readonly<Record<string, string>>;
  /**
   * Quota project of the Billing Budgets API calls. The budget gets its own provider with
   * `billingProject` set to it and `userProjectOverride: true`: with user credentials (ADC)
   * the API refuses calls that name no quota project. The project needs the Billing Budget API
   * enabled, the deployer `serviceusage.services.use` on it. @default `project`
   */
  readonly quotaProject?: string;
  /** Publish every budget update to a new Pub/Sub topic (for automation). @default true */
  readonly pubsub?: boolean;
  /** Budget display name (≤ 60 characters). @default the component name */
  readonly displayName?: string;
  /** Labels for children that take labels (topic, channels). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export const GCP_BUDGET_DEFAULTS = { thresholds: BUDGET_THRESHOLD_DEFAULTS, pubsub: true, emails: {} } as const;

/** Validates `GcpBudget` args; reports every problem under `path`. */
export function planGcpBudget(name: string, args: GcpBudgetArgs, path: string, problems: Problems): void {
  checkGcpName(name, path, problems, "component name");
  checkBudgetBasics(args, path, problems);
  checkBillingAccount(args.billingAccount, joinPath(path, "billingAccount"), problems);
  if (args.quotaProject !== undefined && !GCP_PROJECT_ID.test(args.quotaProject)) {
    problems.add("LZ_PROJECT_ID", joinPath(path, "quotaProject"), `"${args.quotaProject}" is not a GCP project id`,
      "use the 6–30 character id of a project with the Billing Budget API enabled, or leave it out to use project");
  }
  if (args.projectNumber !== undefined && !/^\d{6,20}$/.test(args.projectNumber)) {
    problems.add("LZ_PROJECT_NUMBER", joinPath(path, "projectNumber"), `"${args.projectNumber}" is not a project number`,
      "use the numeric project number (gcloud projects describe <id> --format='value(projectNumber)'), or leave it out to look it up");
  }
  const emails = Object.keys(args.emails ?? {});
  for (const key of emails) checkKey(key, joinPath(joinPath(path, "emails"), key), problems);
  if (emails.length > GCP_BUDGET_MAX_CHANNELS) {
    problems.add("LZ_BUDGET_CHANNELS", joinPath(path, "emails"), `${emails.length} email recipients; a budget notifies at most ${GCP_BUDGET_MAX_CHANNELS} channels`,
      `keep at most ${GCP_BUDGET_MAX_CHANNELS} addresses, e.g. use a group address`);
  }
  if (Object.keys(args.filterLabels ?? {}).length > 1) {
    problems.add("LZ_BUDGET_FILTER_LABELS", joinPath(path, "filterLabels"), "a budget filter takes at most one label pair",
      "keep one label, e.g. { environment: prod }");
  }
  if ((args.displayName ?? name).length > 60) {
    problems.add("LZ_BUDGET_NAME", joinPath(path, "displayName"), "the display name is longer than 60 characters", "shorten it");
  }
  if (args.pubsub ?? GCP_BUDGET_DEFAULTS.pubsub) checkPubsubTopicName(gcpBudgetTopicName(name), path, problems);
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);
}

/** The budget update topic's name: `<name>-updates`. */
export function gcpBudgetTopicName(name: string): string {
  return nameOf(name, "updates");
}
