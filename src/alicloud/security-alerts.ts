import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import {
  ALICLOUD_SECURITY_ALERTS_DEFAULTS, AlicloudSecurityAlertsArgs, AlicloudSecurityAlertsPlan, planAlicloudSecurityAlerts,
  SLS_ALERT_SEVERITY, SLS_DYNAMIC_ALERT_POLICY, slsAlertQuery,
} from "./security-alerts-plan";

export * from "./security-alerts-plan";

/**
 * Detective controls over the ActionTrail logstore: one SLS alert (version 2.0) per alert of the
 * CIS catalogue (RAM policy changes, unauthorized calls, sign-in without MFA, root use, security
 * groups, network ACLs, routes, VPCs, OSS bucket policies, KMS key deletion, ActionTrail changes),
 * each counting matching events every 5 minutes and notifying an SLS action policy. With `emails`
 * it creates SLS alert users, a user group and an action policy that mails them; these live in
 * the SLS alert resource centre (`resourceRegion`), reached through a provider for that region
 * that takes its credentials from the environment.
 */
export class AlicloudSecurityAlerts extends pulumi.ComponentResource {
  /** SLS alerts keyed by alert id. */
  readonly alerts: Record<string, alicloud.log.Alert>;
  /** The action policy record, when `emails` are given. */
  readonly actionPolicy?: alicloud.log.ResourceRecord;
  /** The action policy every alert notifies. */
  readonly actionPolicyId: pulumi.Output<string>;
  /** The ids of the alerts created (catalogue order, then your own). */
  readonly alertIds: pulumi.Output<string[]>;
  readonly plan: AlicloudSecurityAlertsPlan;

  constructor(name: string, args: AlicloudSecurityAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validated("AlicloudSecurityAlerts", planAlicloudSecurityAlerts, name, args);
    super("landing-zone:index:AlicloudSecurityAlerts", name, args, opts);
    this.plan = plan;
    this.actionPolicyId = pulumi.output(plan.actionPolicyId);
    const emails = Object.entries(args.emails ?? {});

    if (emails.length > 0 && args.actionPolicyId === undefined) {
      const centre = new alicloud.Provider(nameOf(name, "alert-centre"), {
        region: args.resourceRegion ?? ALICLOUD_SECURITY_ALERTS_DEFAULTS.resourceRegion,
        ...(args.assumeRole ? { assumeRole: args.assumeRole } : {}),
      }, { parent: this });
      const inCentre = { parent: this, provider: centre };
      const users = emails.map(([key, email]) => new alicloud.log.ResourceRecord(nameOf(name, key), {
        resourceName: "sls.common.user",
        recordId: nameOf(name, key),
        tag: nameOf(name, key),
        value: JSON.stringify({ user_id: nameOf(name, key), user_name: nameOf(name, key), email: [email], enabled: true, sms_enabled: false, voice_enabled: false }),
      }, inCentre));
      const group = new alicloud.log.ResourceRecord(plan.userGroupId, {
        resourceName: "sls.common.user_group",
        recordId: plan.userGroupId,
        tag: plan.userGroupId,
        value: JSON.stringify({ user_group_id: plan.userGroupId, user_group_name: plan.userGroupId, enabled: true, members: emails.map(([key]) => nameOf(name, key)) }),
      }, { ...inCentre, dependsOn: users });
      const script = `fire(type="email", users=[], groups=["${plan.userGroupId}"], oncall_groups=[], receiver_type="static", external_url="", external_headers={}, template_id="sls.builtin.en", period="any")`;
      this.actionPolicy = new alicloud.log.ResourceRecord(plan.actionPolicyId, {
        resourceName: "sls.alert.action_policy",
        recordId: plan.actionPolicyId,
        tag: plan.actionPolicyId,
        value: JSON.stringify({
          action_policy_id: plan.actionPolicyId,
          action_policy_name: plan.actionPolicyId,
          labels: {},
          is_default: false,
          primary_policy_script: script,
          secondary_policy_script: "",
          escalation_start_enabled: false,
          escalation_start_timeout: "10m",
          escalation_inprogress_enabled: false,
          escalation_inprogress_timeout: "30m",
          escalation_enabled: false,
          escalation_timeout: "1h",
        }),
      }, { ...inCentre, dependsOn: [group] });
    }

    this.alerts = {};
    for (const a of plan.alerts) {
      this.alerts[a.id] = new alicloud.log.Alert(a.alertName, {
        version: "2.0",
        type: "default",
        projectName: args.slsProjectName,
        alertName: a.alertName,
        alertDisplayname: `${name}: ${a.title}`,
        alertDescription: `${a.title} (${a.cis})`,
        schedule: { type: "FixedRate", interval: ALICLOUD_SECURITY_ALERTS_DEFAULTS.interval, runImmediately: false },
        queryLists: [{
          chartTitle: a.id,
          project: args.slsProjectName,
          region: args.region,
          store: args.logstore,
          storeType: "log",
          query: slsAlertQuery(a.query),
          start: ALICLOUD_SECURITY_ALERTS_DEFAULTS.window,
          end: "now",
          timeSpanType: "Relative",
          powerSqlMode: "disable",
        }],
        groupConfiguration: { type: "no_group" },
        severityConfigurations: [{ severity: SLS_ALERT_SEVERITY[a.severity], evalCondition: { condition: "cnt > 0", count_condition: "" } }],
        labels: [{ key: "alert_id", value: a.id }, { key: "severity", value: a.severity }],
        annotations: [
          { key: "title", value: a.title },
          { key: "desc", value: `\${cnt} matching ActionTrail events in the last 5 minutes (${a.cis}). Review them in ${args.logstore}.` },
        ],
        policyConfiguration: { alertPolicyId: SLS_DYNAMIC_ALERT_POLICY, actionPolicyId: plan.actionPolicyId, repeatInterval: ALICLOUD_SECURITY_ALERTS_DEFAULTS.repeatInterval },
        threshold: 1,
        noDataFire: false,
        sendResolved: false,
        autoAnnotation: true,
      }, { parent: this, dependsOn: this.actionPolicy ? [this.actionPolicy] : [] });
    }
    this.alertIds = pulumi.output(plan.alerts.map((a) => a.id));
    this.registerOutputs({ alertIds: this.alertIds, actionPolicyId: this.actionPolicyId });
  }
}
