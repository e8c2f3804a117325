import { z } from "zod";
import { Problems } from "../../core/errors";
import { nameOf } from "../../core/naming";
import { planAlicloudLogging } from "../../alicloud/logging-plan";
import { planAlicloudSecurityAlerts } from "../../alicloud/security-alerts-plan";
import { planGcpSecurityAlerts } from "../../gcp/security-alerts-plan";
import { alertsName, alicloudSecurityAlertsArgs, gcpSecurityAlertsArgs } from "../../program/alerts";
import { alicloudLoggingArgs, auditName } from "../../program/audit";
import { keyPath } from "../issues";
import type { EnvironmentSpec } from "../schema";

/** One entry of `alerts.entries`: change a catalogue alert or add your own. Values are checked by the planners. */
const alertEntry = z.strictObject({
  /** @default true */
  enabled: z.boolean().optional(),
  /** GCP: Cloud Logging filter; Alibaba: SLS search. Required for your own alert. */
  query: z.string().optional(),
  /** critical, high, medium or low. */
  severity: z.string().optional(),
  title: z.string().optional(),
});

const alertsCommon = {
  /** `false` creates no security alerts. @default true */
  enabled: z.boolean().optional(),
  /** Recipients keyed by name. @default the budget's */
  emails: z.record(z.string(), z.string()).optional(),
  /** Changes to the catalogue and your own alerts, keyed by alert id. */
  entries: z.record(z.string(), alertEntry).optional(),
};

/**
 * Config keys of the security alerts area (`landing-zone:gcp.alerts`, `landing-zone:alicloud.alerts`).
 * Alerts are on for every enabled cloud; see docs/alerts.md.
 */
export const alertsSection = {
  root: {},
  gcp: {
    alerts: z.strictObject({ ...alertsCommon }).optional(),
  },
  alicloud: {
    alerts: z.strictObject({
      ...alertsCommon,
      /** An existing SLS action policy to notify. @default one created for `emails` */
      actionPolicyId: z.string().optional(),
      /** Region of the SLS alert resource centre. @default cn-heyuan */
      resourceRegion: z.string().optional(),
    }).optional(),
  },
};

/** Cross-field checks of the alert keys (catalogue overrides, recipients, names); report every problem, throw nothing. */
export function validateAlerts(spec: EnvironmentSpec, problems: Problems): void {
  const name = alertsName(spec);
  const gcp = gcpSecurityAlertsArgs(spec, (key) => `projects/${spec.gcp!.project}/notificationChannels/${key}`);
  // Labels are checked once under `landing-zone:labels`.
  if (gcp) planGcpSecurityAlerts(name, { ...gcp, labels: undefined }, keyPath(["gcp", "alerts"]), problems);
  if (spec.alicloud) {
    // The logstore's name comes from the audit area's plan; its own problems are reported there.
    const logstore = planAlicloudLogging(auditName(spec), alicloudLoggingArgs(spec), "", new Problems()).trailStoreName;
    const ali = alicloudSecurityAlertsArgs(spec, nameOf(name, "sls"), logstore);
    // Recipients taken from the budget are checked under the budget's keys, not twice.
    const fromBudget = spec.alicloud.alerts?.emails === undefined;
    const emails = fromBudget ? Object.fromEntries(Object.keys(ali?.emails ?? {}).map((k) => [k, "budget-recipient@example.com"])) : ali?.emails;
    if (ali) planAlicloudSecurityAlerts(name, { ...ali, emails }, keyPath(["alicloud", "alerts"]), problems);
  }
}
