import type * as pulumi from "@pulumi/pulumi";
import { type AlertDefinition, type AlertOverride, type AlertSeverity, resolveAlerts } from "../core/alerts";
import { GCP_SECURITY_ALERTS } from "../core/alerts-gcp";
import { checkEmails } from "../core/audit";
import { joinPath, Problems } from "../core/errors";
import { checkLabels } from "../core/labels";
import { checkGcpName, checkKey, checkNameLength, nameOf } from "../core/naming";

export interface GcpSecurityAlertsArgs {
  /** Project that holds the log-based metrics, alert policies and email channels. */
  readonly project: string;
  /** Existing notification channels, `projects/<p>/notificationChannels/<id>` (e.g. `GcpBudget`'s channels). @default [] */
  readonly notificationChannels?: readonly pulumi.Input<string>[];
  /** Email recipients keyed by name; one email channel each. Alerts need a channel here or in `notificationChannels`. @default {} */
  readonly emails?: Readonly<Record<string, string>>;
  /** Changes to the CIS catalogue keyed by alert id (turn off, new filter, severity), and your own alerts. @default {} */
  readonly entries?: Readonly<Record<string, AlertOverride>>;
  /** User labels of the alert policies and channels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** One alert as the component creates it. */
export interface GcpPlannedAlert extends AlertDefinition {
  /** The log-based metric's name, `<component>-<id>`; the policy watches `logging.googleapis.com/user/<metricName>`. */
  readonly metricName: string;
}

export interface GcpSecurityAlertsPlan {
  readonly alerts: readonly GcpPlannedAlert[];
}

/** Log-based metric ids: at most 100 characters. */
export const GCP_LOG_METRIC_NAME_MAX = 100;

/** Cloud Monitoring alert policy severities by landing-zone severity. */
export const GCP_ALERT_SEVERITY: Readonly<Record<AlertSeverity, string>> = { critical: "CRITICAL", high: "ERROR", medium: "WARNING", low: "WARNING" };

/** The metric type a policy condition filters on for a user-defined log-based metric. */
export function gcpLogMetricType(metricName: string): string {
  return `logging.googleapis.com/user/${metricName}`;
}

/**
 * Monitored resource types the catalogue's log-based metrics count on: `global` for audit entries
 * whose resource Cloud Monitoring has no type for (project, IAM role, firewall rule, route,
 * network), and the buckets' and Cloud SQL's own types. A threshold condition's filter must
 * name the resource type (Cloud Monitoring refuses a policy without it).
 */
export const GCP_LOG_METRIC_RESOURCE_TYPES = ["global", "gcs_bucket", "cloudsql_database"] as const;

/** The filter of a policy condition on the log-based metric `metricName`: its metric type and resource types. */
export function gcpAlertConditionFilter(metricName: string): string {
  return `metric.type="${gcpLogMetricType(metricName)}" AND resource.type=one_of(${GCP_LOG_METRIC_RESOURCE_TYPES.map((t) => `"${t}"`).join(", ")})`;
}

/** Validates `GcpSecurityAlerts` args (catalogue overrides, channels, names); reports every problem under `path`. */
export function planGcpSecurityAlerts(name: string, args: GcpSecurityAlertsArgs, path: string, problems: Problems): GcpSecurityAlertsPlan {
  checkGcpName(name, path, problems, "component name");
  const alerts = resolveAlerts(GCP_SECURITY_ALERTS, args.entries, joinPath(path, "entries"), problems).map((a) => {
    const metricName = nameOf(name, a.id);
    checkNameLength(metricName, GCP_LOG_METRIC_NAME_MAX, "GCP", joinPath(joinPath(path, "entries"), a.id), problems, "log-based metric name");
    return { ...a, metricName };
  });
  const emails = Object.keys(args.emails ?? {});
  for (const key of emails) checkKey(key, joinPath(joinPath(path, "emails"), key), problems);
  checkEmails(args.emails, joinPath(path, "emails"), problems);
  if (alerts.length > 0 && emails.length === 0 && (args.notificationChannels ?? []).length === 0) {
    problems.add("LZ_ALERT_CHANNEL", joinPath(path, "emails"), "the security alerts notify nobody: no notification channel and no email",
      "pass notificationChannels (e.g. the budget's channels) or emails, e.g. { security: \"security@example.com\" }");
  }
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);
  return { alerts };
}
