import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { toMoney } from "../core/audit";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { GcpBudgetArgs, GCP_BUDGET_DEFAULTS, planGcpBudget, gcpBudgetTopicName } from "./budget-plan";

export * from "./budget-plan";

/**
 * A monthly billing budget for one project: threshold rules on actual and forecast spend,
 * filtered to the project (and optionally a label), notifying email channels and a Pub/Sub
 * topic. The budget is created through its own provider that names a quota project.
 */
export class GcpBudget extends pulumi.ComponentResource {
  readonly budget: gcp.billing.Budget;
  /** Email channels keyed like `emails`. */
  readonly channels: Record<string, gcp.monitoring.NotificationChannel>;
  /** The update topic, when `pubsub` is on. */
  readonly topic?: gcp.pubsub.Topic;
  /** The provider of the budget: quota project `quotaProject` with `userProjectOverride`. */
  readonly billingProvider: gcp.Provider;
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
    // The Billing Budgets API needs a quota project with user credentials: bill the calls to one explicitly.
    this.billingProvider = new gcp.Provider(nameOf(name, "billing"), {
      project,
      billingProject: args.quotaProject ?? project,
      userProjectOverride: true,
      addPulumiAttributionLabel: false,
    }, { parent: this });
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
    }, { parent: this, provider: this.billingProvider });
    this.budgetName = this.budget.name;
    this.registerOutputs({ budgetName: this.budgetName });
  }
}
