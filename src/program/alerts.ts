import type * as pulumi from "@pulumi/pulumi";
import { AlicloudSecurityAlerts, type AlicloudSecurityAlertsArgs } from "../alicloud/security-alerts";
import type { EnvironmentSpec } from "../config/schema";
import { GcpSecurityAlerts, type GcpSecurityAlertsArgs } from "../gcp/security-alerts";
import { environmentLabels } from "./network-args";
import type { AreaOutputs, LandingZoneContext } from "./context";

/** Name of the environment's security alert components, e.g. `prod-alerts`. */
export function alertsName(spec: EnvironmentSpec): string {
  return `${spec.environment}-alerts`;
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
 * `GcpSecurityAlertsArgs` from `landing-zone:gcp.alerts`, or undefined when alerts are turned
 * off, or when there is no `alerts` key and no budget recipient to notify (the
 * `gcp-security-alerts` rules then report the gap). `channelOf` gives the notification channel
 * of a budget recipient by its key.
 */
export function gcpSecurityAlertsArgs(spec: EnvironmentSpec, channelOf: (budgetKey: string) => pulumi.Input<string>): GcpSecurityAlertsArgs | undefined {
  const a = spec.gcp?.alerts;
  if (!spec.gcp || a?.enabled === false) return undefined;
  const { reuse, own } = gcpAlertRecipients(spec);
  if (a === undefined && reuse.length === 0) return undefined;
  return {
    project: spec.gcp.project,
    notificationChannels: reuse.map(channelOf),
    emails: own,
    entries: a?.entries,
    labels: environmentLabels(spec),
  };
}

/**
 * `AlicloudSecurityAlertsArgs` from `landing-zone:alicloud.alerts` over the audit area's SLS
 * project and ActionTrail logstore, or undefined when alerts are turned off, or when there is no
 * `alerts` key and no budget recipient. Recipients default to the budget's.
 */
export function alicloudSecurityAlertsArgs(spec: EnvironmentSpec, slsProjectName: pulumi.Input<string>, logstore: string): AlicloudSecurityAlertsArgs | undefined {
  const a = spec.alicloud?.alerts;
  if (!spec.alicloud || a?.enabled === false) return undefined;
  if (a === undefined && Object.keys(spec.alicloud.audit?.budget?.emails ?? {}).length === 0) return undefined;
  return {
    region: spec.alicloud.region,
    slsProjectName,
    logstore,
    emails: a?.emails ?? spec.alicloud.audit?.budget?.emails,
    actionPolicyId: a?.actionPolicyId,
    resourceRegion: a?.resourceRegion,
    entries: a?.entries,
  };
}

/**
 * Creates the security alerts after the audit area: on GCP, to the budget's channels (or the
 * configured addresses); on Alibaba Cloud, over the audit area's ActionTrail logstore.
 */
export function deployAlerts(ctx: LandingZoneContext): AreaOutputs {
  const { spec, shared } = ctx;
  const outputs: AreaOutputs = {};
  const gcpArgs = gcpSecurityAlertsArgs(spec, (key) => shared.gcpBudget!.channels[key]!.name);
  if (gcpArgs) outputs.gcpSecurityAlerts = new GcpSecurityAlerts(alertsName(spec), gcpArgs, { provider: ctx.gcpProvider }).alertIds;
  const logging = shared.alicloudLogging;
  if (logging) {
    const aliArgs = alicloudSecurityAlertsArgs(spec, logging.slsProjectName, logging.plan.trailStoreName);
    if (aliArgs) {
      outputs.alicloudSecurityAlerts = new AlicloudSecurityAlerts(alertsName(spec), aliArgs, { provider: ctx.alicloudProvider, dependsOn: [logging.trailStore] }).alertIds;
    }
  }
  return outputs;
}
