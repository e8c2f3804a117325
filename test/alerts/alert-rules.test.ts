import { describe, expect, it } from "vitest";
import { AlicloudSecurityAlerts } from "../../src/alicloud/security-alerts";
import { GcpLogging } from "../../src/gcp/logging";
import { GcpSecurityAlerts } from "../../src/gcp/security-alerts";
import { runOffline } from "../../src/offline/harness";
import { evaluatePolicies } from "../../src/policy/evaluate";
import { ALERT_RULES } from "../../src/policy/rules/alerts";

describe("the security alert rules over the components", () => {
  it("find every CIS alert the components create, in a production stack", async () => {
    const inv = await runOffline(() => {
      new GcpLogging("prod-audit", { project: "acme-prod", location: "europe-west1", production: true, retentionDays: 400 });
      new GcpSecurityAlerts("prod-alerts", { project: "acme-prod", notificationChannels: ["projects/acme-prod/notificationChannels/1"] });
      new AlicloudSecurityAlerts("prod-alerts", { region: "cn-hangzhou", slsProjectName: "acme-audit", logstore: "actiontrail_prod-audit-trail", actionPolicyId: "secops" });
    }, { stack: "test" });
    expect(evaluatePolicies(inv.resources, { rules: [...ALERT_RULES] })).toEqual([]);
  });

  it("report the entries a production stack turned off as mandatory findings", async () => {
    const inv = await runOffline(() => {
      new GcpLogging("prod-audit", { project: "acme-prod", location: "europe-west1", production: true, retentionDays: 400 });
      new GcpSecurityAlerts("prod-alerts", {
        project: "acme-prod", notificationChannels: ["projects/acme-prod/notificationChannels/1"], entries: { "sql-instance-changes": { enabled: false } },
      });
    }, { stack: "test" });
    expect(evaluatePolicies(inv.resources, { rules: [...ALERT_RULES] }).map((f) => [f.rule, f.enforcement, f.message])).toEqual([[
      "gcp-security-alerts-prod", "mandatory",
      'no alert for "Cloud SQL instance configuration changed" (CIS GCP Foundations v4.0 2.11, alert sql-instance-changes); add GcpSecurityAlerts (or a log-based metric with the CIS filter and an alert policy on it that notifies a channel)',
    ]]);
  });
});
