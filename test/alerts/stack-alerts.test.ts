import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { runOffline } from "../../src/offline/harness";
import { planConfig as planEnv } from "../../src/planner/environment";
import { deployLandingZone } from "../../src/program/landing-zone";
import { findResource } from "../../src/offline/inventory";
import { configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

/** The stack program over a raw config, offline. */
const planConfig = (raw: Record<string, unknown>) => runOffline(() => deployLandingZone(planEnv(raw)));

const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
const CHANNEL = "gcp:monitoring/notificationChannel:NotificationChannel";

describe("security alerts in the stack plans", () => {
  it("prod: GCP alerts reuse the budget's channel for the on-call address; Alibaba alerts search the trail's logstore and mail the configured address", async () => {
    const inv = await plannedStackFile("Pulumi.prod.yaml");
    const oncall = findResource(inv, CHANNEL, "prod-budget-oncall");
    // One channel per address: the alerts create none of their own.
    expect(inv.resources.filter((r) => r.type === CHANNEL).map((r) => r.name).sort()).toEqual(["prod-budget-finance", "prod-budget-oncall", "prod-budget-platform"]);
    const policy = findResource(inv, POLICY, "prod-alerts-storage-iam-changes");
    expect(policy.inputs.notificationChannels).toHaveLength(1);
    expect(policy.dependencies).toContain(oncall.urn);
    expect(policy.inputs.project).toBe("acme-lz-prod");
    const alert = findResource(inv, "alicloud:log/alert:Alert", "prod-alerts-ram-policy-changes").inputs as Record<string, any>;
    expect(alert.projectName).toBe("acme-lz-prod-audit");
    expect(alert.queryLists[0]).toMatchObject({ project: "acme-lz-prod-audit", store: "actiontrail_prod-audit-trail", region: "cn-hangzhou" });
    const users = inv.resources.filter((r) => r.type === "alicloud:log/resourceRecord:ResourceRecord" && JSON.parse(String(r.inputs.value)).user_id !== undefined);
    expect(users.map((r) => JSON.parse(String(r.inputs.value)).email)).toEqual([["platform-team@acme.example"]]);
    expect(inv.outputs.gcpSecurityAlerts).toHaveLength(8);
    expect(inv.outputs.alicloudSecurityAlerts).toHaveLength(12);
    expect(inv.findings.filter((f) => f.rule.includes("security-alerts"))).toEqual([]);
  });

  it.each(["dev", "staging", "prod"])("%s: the SLS alert centre's users, group and action policy go to the environment's own account", async (stack) => {
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    const provider = (name: string) => findResource(inv, "pulumi:providers:alicloud", name).inputs;
    const centre = provider(`${stack}-alerts-alert-centre`);
    expect(centre.region).toBe("cn-heyuan");
    // The same role, session and length as the provider every other Alibaba resource uses.
    expect(JSON.parse(centre.assumeRole as string)).toEqual(JSON.parse(provider(`${stack}-alicloud`).assumeRole as string));
    expect(JSON.parse(centre.assumeRole as string).roleArn).toMatch(/^acs:ram::\d+:role\//);
  });

  it("dev: without alerts.emails the alerts notify every budget channel and the budget's Alibaba recipients", async () => {
    const inv = await plannedStackFile("Pulumi.dev.yaml");
    const platform = findResource(inv, CHANNEL, "dev-budget-platform");
    expect(inv.resources.filter((r) => r.type === CHANNEL).map((r) => r.name)).toEqual(["dev-budget-platform"]);
    expect(findResource(inv, POLICY, "dev-alerts-firewall-changes").dependencies).toContain(platform.urn);
    const user = findResource(inv, "alicloud:log/resourceRecord:ResourceRecord", "dev-alerts-platform");
    expect(JSON.parse(String(user.inputs.value)).email).toEqual(["platform-team@acme.example"]);
  });

  it("reports bad alert config under its key paths, all at once", () => {
    const raw = structuredClone(readStackFile("Pulumi.prod.yaml").values) as Record<string, any>;
    raw.gcp.alerts.entries = { "firewal-changes": { severity: "high" }, "route-changes": { query: " " } };
    raw.alicloud.alerts.entries = { "vpc-changes": { severity: "urgent" } };
    raw.alicloud.alerts.emails.platform = "platform@";
    expect(configProblems(raw)).toEqual([
      ["LZ_ALERT_UNKNOWN", "landing-zone:gcp.alerts.entries.firewal-changes"],
      ["LZ_ALERT_QUERY_EMPTY", "landing-zone:gcp.alerts.entries.route-changes.query"],
      ["LZ_ALERT_SEVERITY", "landing-zone:alicloud.alerts.entries.vpc-changes.severity"],
      ["LZ_EMAIL_INVALID", "landing-zone:alicloud.alerts.emails.platform"],
    ]);
  });

  it("reports a bad budget recipient the alerts reuse once, under the budget's key", () => {
    const raw = structuredClone(readStackFile("Pulumi.dev.yaml").values) as Record<string, any>;
    raw.alicloud.audit.budget.emails.platform = "platform@";
    expect(configProblems(raw)).toEqual([["LZ_EMAIL_INVALID", "landing-zone:alicloud.audit.budget.emails.platform"]]);
  });

  it("needs someone to notify: an alerts key without recipients is a problem; with no alerts key and no budget the plan has no alerts and the rules say so", async () => {
    const raw = structuredClone(readStackFile("Pulumi.dev.yaml").values) as Record<string, any>;
    delete raw.gcp.audit.budget;
    delete raw.alicloud.audit.budget;
    const inv = await planConfig(raw);
    expect(inv.resources.filter((r) => /SecurityAlerts/.test(r.type))).toEqual([]);
    expect([...new Set(inv.findings.filter((f) => f.rule.includes("security-alerts")).map((f) => `${f.rule} ${f.enforcement}`))])
      .toEqual(["gcp-security-alerts advisory", "alicloud-security-alerts advisory"]);
    raw.gcp.alerts = {};
    raw.alicloud.alerts = { entries: {} };
    expect(configProblems(raw)).toEqual([
      ["LZ_ALERT_CHANNEL", "landing-zone:gcp.alerts.emails"],
      ["LZ_ALERT_CHANNEL", "landing-zone:alicloud.alerts.emails"],
    ]);
    raw.gcp.alerts = { enabled: false };
    raw.alicloud.alerts = { actionPolicyId: "secops-oncall" };
    expect(() => configProblems(raw)).toThrow("expected the config to be rejected");
  });
});
