import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { GCP_ALERT_SEVERITY, GcpSecurityAlertsArgs, GcpSecurityAlertsPlan, gcpAlertConditionFilter, planGcpSecurityAlerts } from "./security-alerts-plan";

export * from "./security-alerts-plan";

/**
 * Detective controls for one project: a log-based counter metric per alert of the CIS catalogue
 * (ownership, audit config, custom roles, firewall, routes, networks, bucket IAM, Cloud SQL) and an
 * alert policy that opens an incident on any matching entry and notifies the channels.
 */
export class GcpSecurityAlerts extends pulumi.ComponentResource {
  /** Log-based metrics keyed by alert id. */
  readonly metrics: Record<string, gcp.logging.Metric>;
  /** Alert policies keyed by alert id. */
  readonly policies: Record<string, gcp.monitoring.AlertPolicy>;
  /** Email channels keyed like `emails`. */
  readonly channels: Record<string, gcp.monitoring.NotificationChannel>;
  /** The ids of the alerts created (catalogue order, then your own). */
  readonly alertIds: pulumi.Output<string[]>;
  readonly plan: GcpSecurityAlertsPlan;

  constructor(name: string, args: GcpSecurityAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validated("GcpSecurityAlerts", planGcpSecurityAlerts, name, args);
    super("landing-zone:index:GcpSecurityAlerts", name, args, opts);
    this.plan = plan;
    const project = args.project;
    const labels = { ...args.labels };

    this.channels = {};
    for (const [key, email] of Object.entries(args.emails ?? {})) {
      this.channels[key] = new gcp.monitoring.NotificationChannel(nameOf(name, key), {
        project,
        type: "email",
        displayName: `${name} security alerts: ${key}`,
        labels: { email_address: email },
        userLabels: labels,
        enabled: true,
      }, { parent: this });
    }
    const channels = [...(args.notificationChannels ?? []), ...Object.values(this.channels).map((c) => c.name)];

    this.metrics = {};
    this.policies = {};
    for (const a of plan.alerts) {
      const metric = new gcp.logging.Metric(a.metricName, {
        project,
        name: a.metricName,
        description: `${a.title} (${a.cis})`,
        filter: a.query,
        metricDescriptor: { metricKind: "DELTA", valueType: "INT64", unit: "1" },
      }, { parent: this });
      this.metrics[a.id] = metric;
      this.policies[a.id] = new gcp.monitoring.AlertPolicy(a.metricName, {
        project,
        displayName: `${name}: ${a.title}`,
        combiner: "OR",
        severity: GCP_ALERT_SEVERITY[a.severity],
        conditions: [{
          displayName: a.title,
          conditionThreshold: {
            filter: metric.name.apply(gcpAlertConditionFilter),
            comparison: "COMPARISON_GT",
            thresholdValue: 0,
            duration: "0s",
            aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_SUM", crossSeriesReducer: "REDUCE_SUM" }],
            trigger: { count: 1 },
          },
        }],
        alertStrategy: { autoClose: "604800s" },
        documentation: {
          mimeType: "text/markdown",
          content: `${a.title} (${a.cis}). Log filter of metric ${a.metricName}:\n\n    ${a.query}\n\nReview the change in Logs Explorer with this filter; revert it if nobody planned it.`,
        },
        notificationChannels: channels,
        userLabels: labels,
        enabled: true,
      }, { parent: this });
    }
    this.alertIds = pulumi.output(plan.alerts.map((a) => a.id));
    this.registerOutputs({ alertIds: this.alertIds });
  }
}
