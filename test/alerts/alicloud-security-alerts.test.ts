import { describe, expect, it } from "vitest";
import { AlicloudSecurityAlerts, AlicloudSecurityAlertsArgs } from "../../src/alicloud/security-alerts";
import { ALICLOUD_SECURITY_ALERTS } from "../../src/core/alerts-alicloud";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: AlicloudSecurityAlertsArgs = {
  region: "cn-hangzhou", slsProjectName: "acme-lz-prod-audit", logstore: "actiontrail_prod-audit-trail",
  emails: { security: "security@acme.example", oncall: "oncall@acme.example" },
};
const ALERT = "alicloud:log/alert:Alert";
const RECORD = "alicloud:log/resourceRecord:ResourceRecord";

describe("AlicloudSecurityAlerts", () => {
  it("creates a 2.0 SLS alert over the ActionTrail logstore per catalogue entry, notifying an action policy that mails the recipients", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityAlerts("prod-alerts", ARGS); }, { stack: "test" });
    expect(inv.resources.filter((r) => r.type === ALERT).map((r) => r.name).sort())
      .toEqual(ALICLOUD_SECURITY_ALERTS.map((a) => `prod-alerts-${a.id}`).sort());
    const alert = findResource(inv, ALERT, "prod-alerts-root-account-use");
    expect(alert.inputs).toEqual({
      version: "2.0", type: "default", projectName: "acme-lz-prod-audit",
      alertName: "prod-alerts-root-account-use",
      alertDisplayname: "prod-alerts: Root (Alibaba Cloud) account used",
      alertDescription: "Root (Alibaba Cloud) account used (CIS Alibaba Cloud v2.0, logging and monitoring: usage of the root account)",
      schedule: { type: "FixedRate", interval: "5m", runImmediately: false },
      queryLists: [{
        chartTitle: "root-account-use", project: "acme-lz-prod-audit", region: "cn-hangzhou", store: "actiontrail_prod-audit-trail", storeType: "log",
        query: "event.userIdentity.type: root-account | select count(1) as cnt", start: "-5m", end: "now", timeSpanType: "Relative", powerSqlMode: "disable",
      }],
      groupConfiguration: { type: "no_group" },
      severityConfigurations: [{ severity: 10, evalCondition: { condition: "cnt > 0", count_condition: "" } }],
      labels: [{ key: "alert_id", value: "root-account-use" }, { key: "severity", value: "critical" }],
      annotations: [
        { key: "title", value: "Root (Alibaba Cloud) account used" },
        { key: "desc", value: "${cnt} matching ActionTrail events in the last 5 minutes (CIS Alibaba Cloud v2.0, logging and monitoring: usage of the root account). Review them in actiontrail_prod-audit-trail." },
      ],
      policyConfiguration: { alertPolicyId: "sls.builtin.dynamic", actionPolicyId: "prod-alerts-notify", repeatInterval: "1h" },
      threshold: 1, noDataFire: false, sendResolved: false, autoAnnotation: true,
    });
    const policy = findResource(inv, RECORD, "prod-alerts-notify");
    expect(alert.dependencies).toEqual([policy.urn]);
    expect(policy.inputs).toMatchObject({ resourceName: "sls.alert.action_policy", recordId: "prod-alerts-notify", tag: "prod-alerts-notify" });
    expect(JSON.parse(policy.inputs.value as string)).toMatchObject({
      action_policy_id: "prod-alerts-notify", is_default: false,
      primary_policy_script: 'fire(type="email", users=[], groups=["prod-alerts-recipients"], oncall_groups=[], receiver_type="static", external_url="", external_headers={}, template_id="sls.builtin.en", period="any")',
    });
    const group = findResource(inv, RECORD, "prod-alerts-recipients");
    expect(JSON.parse(group.inputs.value as string)).toEqual({
      user_group_id: "prod-alerts-recipients", user_group_name: "prod-alerts-recipients", enabled: true, members: ["prod-alerts-security", "prod-alerts-oncall"],
    });
    expect(JSON.parse(findResource(inv, RECORD, "prod-alerts-oncall").inputs.value as string)).toEqual({
      user_id: "prod-alerts-oncall", user_name: "prod-alerts-oncall", email: ["oncall@acme.example"], enabled: true, sms_enabled: false, voice_enabled: false,
    });
    // The alert resource centre lives in cn-heyuan: the records go through a provider for that region.
    const centre = findResource(inv, "pulumi:providers:alicloud", "prod-alerts-alert-centre");
    expect(centre.inputs).toMatchObject({ region: "cn-heyuan" });
  });

  it("notifies an existing action policy without creating records, and applies overrides", async () => {
    const inv = await runOffline(() => {
      new AlicloudSecurityAlerts("dev-alerts", {
        region: "cn-hangzhou", slsProjectName: "acme-dev-audit", logstore: "actiontrail_dev-audit-trail", actionPolicyId: "secops-oncall",
        entries: { "console-login-failures": { enabled: false }, "vpc-changes": { severity: "low" }, "eip-release": { query: "event.eventName: ReleaseEipAddress" } },
      });
    }, { stack: "test" });
    expect(inv.resources.filter((r) => r.type === RECORD)).toEqual([]);
    const names = inv.resources.filter((r) => r.type === ALERT).map((r) => r.name);
    expect(names).not.toContain("dev-alerts-console-login-failures");
    const vpc = findResource(inv, ALERT, "dev-alerts-vpc-changes").inputs as Record<string, any>;
    expect(vpc.severityConfigurations[0].severity).toBe(4);
    expect(vpc.policyConfiguration.actionPolicyId).toBe("secops-oncall");
    const own = findResource(inv, ALERT, "dev-alerts-eip-release").inputs as Record<string, any>;
    expect(own.queryLists[0].query).toBe("event.eventName: ReleaseEipAddress | select count(1) as cnt");
    expect(own.severityConfigurations[0].severity).toBe(6);
  });

  it("with both emails and an action policy, notifies that policy and creates no users, group or policy for the emails", async () => {
    const inv = await runOffline(() => { new AlicloudSecurityAlerts("prod-alerts", { ...ARGS, actionPolicyId: "secops-oncall" }); }, { stack: "test" });
    expect(inv.resources.filter((r) => r.type === RECORD || r.type === "pulumi:providers:alicloud")).toEqual([]);
    const alert = findResource(inv, ALERT, "prod-alerts-root-account-use").inputs as Record<string, any>;
    expect(alert.policyConfiguration.actionPolicyId).toBe("secops-oncall");
  });

  it("rejects a logstore that is not ActionTrail's, bad overrides and no recipient, all at once", async () => {
    expect(await componentProblems(() => new AlicloudSecurityAlerts("prod-alerts", {
      region: "cn-hangzhou", slsProjectName: "acme", logstore: "vpc-flow-logs",
      entries: { "root-account": { severity: "high" }, "vpc-changes": { query: "" }, "kms-key-deletion": { severity: "sev1" } },
    }))).toEqual([
      ["LZ_ALERT_LOGSTORE", "AlicloudSecurityAlerts args.logstore"],
      ["LZ_ALERT_UNKNOWN", "AlicloudSecurityAlerts args.entries.root-account"],
      ["LZ_ALERT_QUERY_EMPTY", "AlicloudSecurityAlerts args.entries.vpc-changes.query"],
      ["LZ_ALERT_SEVERITY", "AlicloudSecurityAlerts args.entries.kms-key-deletion.severity"],
      ["LZ_ALERT_CHANNEL", "AlicloudSecurityAlerts args.emails"],
    ]);
    expect(await componentProblems(() => new AlicloudSecurityAlerts("prod-alerts", { ...ARGS, emails: undefined, actionPolicyId: "sec ops" }))).toEqual([
      ["LZ_ALERT_ACTION_POLICY", "AlicloudSecurityAlerts args.actionPolicyId"],
    ]);
  });
});
