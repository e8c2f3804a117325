import { alicloudAssumeRole } from "../alicloud/account";
import { type AlicloudSecurityAlertsArgs, type AlicloudSecurityAlertsPlan, planAlicloudSecurityAlerts } from "../alicloud/security-alerts-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import type { Problems } from "../core/errors";
import { type GcpSecurityAlertsArgs, type GcpSecurityAlertsPlan, planGcpSecurityAlerts } from "../gcp/security-alerts-plan";
import type { AuditPlan } from "./audit";
import { alertsName, environmentLabels } from "./names";
import { Planned, planStep } from "./step";

/**
 * The security alerts area's plan. Deploy-time inputs: GCP `notificationChannels` (the budget's
 * channels named in `gcpBudgetChannels`), Alibaba `slsProjectName` (the audit project's output).
 */
export interface AlertsPlan {
  readonly gcp?: Planned<GcpSecurityAlertsArgs, GcpSecurityAlertsPlan>;
  /** Keys of the budget recipients whose channels the GCP alerts notify. */
  readonly gcpBudgetChannels: readonly string[];
  readonly alicloud?: Planned<AlicloudSecurityAlertsArgs, AlicloudSecurityAlertsPlan>;
}

/**
 * Who the GCP alerts notify without creating a channel twice: with no `alerts.emails`, every
 * budget channel (`reuse`, by budget key); otherwise an address that is also a budget recipient
 * reuses that channel and the others get their own (`own`).
 */
export function gcpAlertRecipients(spec: EnvironmentSpec): { reuse: string[]; own: Record<string, string> } {
  const budget = spec.gcp?.audit?.budget?.emails ?? {};
  const wanted = spec.gcp?.alerts?.emails;
  if (wanted === undefined) return { reuse: Object.keys(budget), own: {} };
  const byAddress = new Map(Object.entries(budget).map(([key, email]) => [email.toLowerCase(), key] as const));
  const reuse: string[] = [];
  const own: Record<string, string> = {};
  for (const [key, email] of Object.entries(wanted)) {
    const budgetKey = byAddress.get(email.toLowerCase());
    if (budgetKey === undefined) own[key] = email;
    else if (!reuse.includes(budgetKey)) reuse.push(budgetKey);
  }
  return { reuse, own };
}

/**
 * `GcpSecurityAlertsArgs` from `landing-zone:gcp.alerts`, with one placeholder channel per reused
 * budget channel (the program passes the real ones), or undefined when alerts are turned off, or
 * when there is no `alerts` key and no budget recipient (the `gcp-security-alerts` rules then
 * report the gap).
 */
export function gcpSecurityAlertsArgs(spec: EnvironmentSpec): GcpSecurityAlertsArgs | undefined {
  const a = spec.gcp?.alerts;
  if (!spec.gcp || a?.enabled === false) return undefined;
  const { reuse, own } = gcpAlertRecipients(spec);
  if (a === undefined && reuse.length === 0) return undefined;
  return {
    project: spec.gcp.project,
    notificationChannels: reuse.map((key) => `budget channel ${key}`),
    emails: own,
    entries: a?.entries,
    labels: environmentLabels(spec),
  };
}

/**
 * `AlicloudSecurityAlertsArgs` from `landing-zone:alicloud.alerts` over the audit area's ActionTrail
 * logstore (the program adds the SLS project), or undefined when alerts are turned off, or when
 * there is no `alerts` key and no budget recipient. Recipients default to the budget's.
 */
export function alicloudSecurityAlertsArgs(spec: EnvironmentSpec, logstore: string): Omit<AlicloudSecurityAlertsArgs, "slsProjectName"> | undefined {
  const a = spec.alicloud?.alerts;
  if (!spec.alicloud || a?.enabled === false) return undefined;
  if (a === undefined && Object.keys(spec.alicloud.audit?.budget?.emails ?? {}).length === 0) return undefined;
  return {
    region: spec.alicloud.region,
    logstore,
    emails: a?.emails ?? spec.alicloud.audit?.budget?.emails,
    actionPolicyId: a?.actionPolicyId,
    resourceRegion: a?.resourceRegion,
    // The alert centre's users, group and action policy go to the environment's own account too.
    assumeRole: spec.alicloud.account ? alicloudAssumeRole(spec.environment, spec.alicloud.account) : undefined,
    entries: a?.entries,
  };
}

/** Plans the security alerts (after audit: they search its logstore and reuse its budget channels). */
export function planAlerts(spec: EnvironmentSpec, audit: AuditPlan, problems: Problems): AlertsPlan {
  const name = alertsName(spec);
  const gcpArgs = gcpSecurityAlertsArgs(spec);
  // Labels are checked once under `landing-zone:labels`.
  const gcp = gcpArgs ? planStep(planGcpSecurityAlerts, name, gcpArgs, keyPath(["gcp", "alerts"]), problems, { labels: undefined }) : undefined;
  const logging = audit.alicloudLogging;
  const aliArgs = logging ? alicloudSecurityAlertsArgs(spec, logging.plan.trailStoreName) : undefined;
  let alicloud: AlertsPlan["alicloud"];
  if (aliArgs) {
    // Recipients taken from the budget are checked under the budget's keys, not a second time here.
    const emailsOwnedElsewhere = spec.alicloud?.alerts?.emails === undefined && Object.keys(aliArgs.emails ?? {}).length > 0 ? { emails: undefined } : {};
    alicloud = planStep(planAlicloudSecurityAlerts, name, { ...aliArgs, slsProjectName: logging!.plan.slsProjectName }, keyPath(["alicloud", "alerts"]),
      problems, emailsOwnedElsewhere);
  }
  return { gcp, gcpBudgetChannels: gcpArgs ? gcpAlertRecipients(spec).reuse : [], alicloud };
}
