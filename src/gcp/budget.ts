import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { BUDGET_THRESHOLD_DEFAULTS, BudgetBasics, checkBudgetBasics, toMoney } from "../core/audit";
import { joinPath, Problems, validated } from "../core/errors";
import { checkLabels } from "../core/labels";
import { checkGcpName, checkKey, nameOf } from "../core/naming";
import { checkBillingAccount, checkPubsubTopicName } from "./ids";

/** Notification channels a budget may reference (API limit). */
export const GCP_BUDGET_MAX_CHANNELS = 5;

export interface GcpBudgetArgs extends BudgetBasics {
  /** Billing account id, `XXXXXX-XXXXXX-XXXXXX`. */
  readonly billingAccount: string;
  /** Project the budget is filtered to; also holds the topic and notification channels. */
  readonly project: string;
  /** The project's number; the budget filter needs it. @default looked up with `gcp.organizations.getProject` */
  readonly projectNumber?: string;
  /** Only count spend of resources with this label (the API allows one pair). @default none */
  readonly filterLabels?: Readonly<Record<string, string>>;
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

/**
 * A monthly billing budget for one project: threshold rules on actual and forecast spend,
 * filtered to the project (and a label), notifying email channels and a Pub/Sub topic.
 */
export class GcpBudget extends pulumi.ComponentResource {
  readonly budget: gcp.billing.Budget;
  /** Email channels keyed like `emails`. */
  readonly channels: Record<string, gcp.monitoring.NotificationChannel>;
  /** The update topic, when `pubsub` is on. */
  readonly topic?: gcp.pubsub.Topic;
  /** The budget's resource name (`billingAccounts/A/budgets/B`). */
  readonly budgetName: pulumi.Output<string>;

  constructor(name: string, args: GcpBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    validated("GcpBudget", planGcpBudget, name, args);
    super("landing-zone:index:GcpBudget", name, args, opts);
    const labels = { ...args.labels };
    const project = args.project;

    this.channels = {};
    for (const [key, email] of Object.entries(args.emails ?? {})) {
      this.channels[key] = new gcp.monitoring.NotificationChannel(nameOf(name, key), {
        project,
        type: "email",
        displayName: `${name} budget: ${key}`,
        labels: { email_address: email },
        userLabels: labels,
        enabled: true,
      }, { parent: this });
    }
    if (args.pubsub ?? GCP_BUDGET_DEFAULTS.pubsub) {
      this.topic = new gcp.pubsub.Topic(gcpBudgetTopicName(name), { name: gcpBudgetTopicName(name), project, labels }, { parent: this });
    }
    const projectNumber = args.projectNumber !== undefined
      ? pulumi.output(args.projectNumber)
      : gcp.organizations.getProjectOutput({ projectId: project }, { parent: this }).apply((p) => p.number!);
    const thresholds = { ...GCP_BUDGET_DEFAULTS.thresholds, ...args.thresholds };
    this.budget = new gcp.billing.Budget(name, {
      billingAccount: args.billingAccount,
      displayName: args.displayName ?? name,
      amount: { specifiedAmount: { ...toMoney(args.amount), currencyCode: args.currency } },
      budgetFilter: {
        projects: [pulumi.interpolate`projects/${projectNumber}`],
        labels: args.filterLabels === undefined ? undefined : { ...args.filterLabels },
        calendarPeriod: "MONTH",
        creditTypesTreatment: "INCLUDE_ALL_CREDITS",
      },
      thresholdRules: [
        ...thresholds.actual.map((t) => ({ thresholdPercent: t / 100, spendBasis: "CURRENT_SPEND" })),
        ...thresholds.forecast.map((t) => ({ thresholdPercent: t / 100, spendBasis: "FORECASTED_SPEND" })),
      ],
      allUpdatesRule: {
        pubsubTopic: this.topic?.id,
        schemaVersion: this.topic ? "1.0" : undefined,
        monitoringNotificationChannels: Object.values(this.channels).map((c) => c.name),
        disableDefaultIamRecipients: false,
      },
    }, { parent: this });
    this.budgetName = this.budget.name;
    this.registerOutputs({ budgetName: this.budgetName });
  }
}
