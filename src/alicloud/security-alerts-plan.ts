import type * as pulumi from "@pulumi/pulumi";
import { type AlertDefinition, type AlertOverride, type AlertSeverity, resolveAlerts } from "../core/alerts";
import { ALICLOUD_SECURITY_ALERTS } from "../core/alerts-alicloud";
import { checkEmails } from "../core/audit";
import { joinPath, Problems } from "../core/errors";
import { checkKey, checkNameLength, nameOf } from "../core/naming";

export interface AlicloudSecurityAlertsArgs {
  /** Region of the SLS project that holds the ActionTrail logstore, e.g. `cn-hangzhou`. */
  readonly region: string;
  /** The SLS project of the ActionTrail logstore (`AlicloudLogging`'s `slsProjectName`). */
  readonly slsProjectName: pulumi.Input<string>;
  /** The ActionTrail logstore, `actiontrail_<trail name>` (`AlicloudLogging`'s `plan.trailStoreName`). */
  readonly logstore: string;
  /** Email recipients keyed by name: the component creates SLS alert users, a user group and an action policy mailing them. @default {} */
  readonly emails?: Readonly<Record<string, string>>;
  /** An existing SLS action policy every alert notifies instead of `emails` (given both, no users, group or policy are created for `emails`). @default the one created for `emails` */
  readonly actionPolicyId?: string;
  /** Region of the SLS alert resource centre, where users, groups and action policies live. @default "cn-heyuan" */
  readonly resourceRegion?: string;
  /**
   * The RAM role the alert-centre provider assumes, to create the users, group and action policy
   * in the same account as the alerts (give the stack provider's `assumeRole`). @default none: the
   * caller's own credentials' account
   */
  readonly assumeRole?: AlicloudAlertCentreRole;
  /** Changes to the CIS catalogue keyed by alert id (turn off, new query, severity), and your own alerts. @default {} */
  readonly entries?: Readonly<Record<string, AlertOverride>>;
}

/** One alert as the component creates it. */
export interface AlicloudPlannedAlert extends AlertDefinition {
  /** The SLS alert's name, `<component>-<id>`. */
  readonly alertName: string;
}

export interface AlicloudSecurityAlertsPlan {
  readonly alerts: readonly AlicloudPlannedAlert[];
  /** The action policy every alert notifies. */
  readonly actionPolicyId: string;
  /** The user group the created action policy mails (when `emails` are given). */
  readonly userGroupId: string;
}

/** A RAM role to assume (the fields of the Alibaba provider's `assumeRole`). */
export interface AlicloudAlertCentreRole {
  /** ARN of the role, `acs:ram::<account>:role/<name>`. */
  readonly roleArn: string;
  /** Session name. @default the provider's */
  readonly sessionName?: string;
  /** Session length in seconds. @default the provider's */
  readonly sessionExpiration?: number;
}

export const ALICLOUD_SECURITY_ALERTS_DEFAULTS = { resourceRegion: "cn-heyuan", interval: "5m", window: "-5m", repeatInterval: "1h" } as const;

/** SLS alert severities (2 report … 10 critical) by landing-zone severity. */
export const SLS_ALERT_SEVERITY: Readonly<Record<AlertSeverity, number>> = { critical: 10, high: 8, medium: 6, low: 4 };

/** SLS's built-in alert policy that routes each alert to the action policy the alert names. */
export const SLS_DYNAMIC_ALERT_POLICY = "sls.builtin.dynamic";

/** SLS alert names: 2–64 lowercase letters, digits, `-` or `_`, starting and ending alphanumeric. */
const SLS_ALERT_NAME = /^[a-z0-9][a-z0-9_-]{0,62}[a-z0-9]$/;

/** The search part of an alert's query plus the count the alert evaluates (`cnt > 0`). */
export function slsAlertQuery(search: string): string {
  return `${search} | select count(1) as cnt`;
}

/** Validates `AlicloudSecurityAlerts` args (catalogue overrides, logstore, recipients, names); reports every problem under `path`. */
export function planAlicloudSecurityAlerts(name: string, args: AlicloudSecurityAlertsArgs, path: string, problems: Problems): AlicloudSecurityAlertsPlan {
  if (!SLS_ALERT_NAME.test(name)) {
    problems.add("LZ_NAME_INVALID", path, `component name "${name}" must be lowercase letters, digits, - or _, starting and ending alphanumeric (it prefixes SLS alert names)`,
      "use a lowercase name, e.g. prod-alerts");
  }
  if (!/^actiontrail_[a-z0-9][a-z0-9_-]*$/.test(args.logstore)) {
    problems.add("LZ_ALERT_LOGSTORE", joinPath(path, "logstore"), `"${args.logstore}" is not an ActionTrail logstore (actiontrail_<trail name>)`,
      "pass the logstore ActionTrail delivers to, e.g. AlicloudLogging's plan.trailStoreName");
  }
  const alertsPath = joinPath(path, "entries");
  const alerts = resolveAlerts(ALICLOUD_SECURITY_ALERTS, args.entries, alertsPath, problems).map((a) => {
    const alertName = nameOf(name, a.id);
    checkNameLength(alertName, 64, "Alibaba Cloud SLS", joinPath(alertsPath, a.id), problems, "alert name");
    return { ...a, alertName };
  });
  const emails = Object.keys(args.emails ?? {});
  for (const key of emails) checkKey(key, joinPath(joinPath(path, "emails"), key), problems);
  checkEmails(args.emails, joinPath(path, "emails"), problems);
  if (args.actionPolicyId !== undefined && !/^[A-Za-z0-9._-]{1,128}$/.test(args.actionPolicyId)) {
    problems.add("LZ_ALERT_ACTION_POLICY", joinPath(path, "actionPolicyId"), `"${args.actionPolicyId}" is not an SLS action policy id`,
      "give the id of an action policy from the SLS alert centre, or leave it out and give emails");
  }
  if (alerts.length > 0 && emails.length === 0 && args.actionPolicyId === undefined) {
    problems.add("LZ_ALERT_CHANNEL", joinPath(path, "emails"), "the security alerts notify nobody: no emails and no action policy",
      "give emails, e.g. { security: \"security@example.com\" }, or the actionPolicyId of an existing SLS action policy");
  }
  return { alerts, actionPolicyId: args.actionPolicyId ?? nameOf(name, "notify"), userGroupId: nameOf(name, "recipients") };
}
