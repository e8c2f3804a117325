import { describe, expect, it } from "vitest";
import { GCP_SECURITY_ALERTS } from "../../src/core/alerts-gcp";
import { GcpSecurityAlerts, GcpSecurityAlertsArgs } from "../../src/gcp/security-alerts";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: GcpSecurityAlertsArgs = {
  project: "acme-prod",
  notificationChannels: ["projects/acme-prod/notificationChannels/42"],
  emails: { security: "security@acme.example" },
  labels: { environment: "prod" },
};
const METRIC = "gcp:logging/metric:Metric";
const POLICY = "gcp:monitoring/alertPolicy:AlertPolicy";
const CHANNEL = "gcp:monitoring/notificationChannel:NotificationChannel";

describe("GcpSecurityAlerts", () => {
  it("creates a counter metric with the CIS filter and an alert policy on it for every catalogue entry", async () => {
    const inv = await runOffline(() => { new GcpSecurityAlerts("prod-alerts", ARGS); }, { stack: "test" });
    expect(inv.resources.filter((r) => r.type === METRIC).map((r) => r.name).sort())
      .toEqual(GCP_SECURITY_ALERTS.map((a) => `prod-alerts-${a.id}`).sort());
    expect(findResource(inv, METRIC, "prod-alerts-firewall-changes").inputs).toEqual({
      project: "acme-prod",
      name: "prod-alerts-firewall-changes",
      description: "VPC firewall rule created, changed or deleted (CIS GCP Foundations v4.0 2.7)",
      filter: 'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")',
      metricDescriptor: { metricKind: "DELTA", valueType: "INT64", unit: "1" },
    });
    const channel = findResource(inv, CHANNEL, "prod-alerts-security");
    expect(channel.inputs).toEqual({
      project: "acme-prod", type: "email", displayName: "prod-alerts security alerts: security",
      labels: { email_address: "security@acme.example" }, userLabels: { environment: "prod" }, enabled: true,
    });
    const policy = findResource(inv, POLICY, "prod-alerts-firewall-changes");
    const inputs = policy.inputs as Record<string, any>;
    expect(inputs.conditions).toEqual([{
      displayName: "VPC firewall rule created, changed or deleted",
      conditionThreshold: {
        filter: 'metric.type="logging.googleapis.com/user/prod-alerts-firewall-changes" AND resource.type=one_of("global", "gcs_bucket", "cloudsql_database")',
        comparison: "COMPARISON_GT", thresholdValue: 0, duration: "0s",
        aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: "ALIGN_SUM", crossSeriesReducer: "REDUCE_SUM" }],
        trigger: { count: 1 },
      },
    }]);
    expect(inputs).toMatchObject({
      project: "acme-prod", displayName: "prod-alerts: VPC firewall rule created, changed or deleted", combiner: "OR", severity: "ERROR",
      alertStrategy: { autoClose: "604800s" }, userLabels: { environment: "prod" }, enabled: true,
    });
    expect(inputs.notificationChannels).toHaveLength(2);
    expect(inputs.notificationChannels[0]).toBe("projects/acme-prod/notificationChannels/42");
    expect(inputs.notificationChannels[1]).toMatch(/^projects\/acme-prod\/notificationChannels\//);
    expect(policy.dependencies).toContain(findResource(inv, METRIC, "prod-alerts-firewall-changes").urn);
    expect(policy.dependencies).toContain(channel.urn);
    expect((findResource(inv, POLICY, "prod-alerts-project-ownership").inputs as Record<string, any>).severity).toBe("CRITICAL");
  });

  it("turns entries off, overrides filter and severity, and adds the user's own alert", async () => {
    const inv = await runOffline(() => {
      new GcpSecurityAlerts("dev-alerts", {
        project: "acme-dev", notificationChannels: ["projects/acme-dev/notificationChannels/7"],
        entries: {
          "sql-instance-changes": { enabled: false },
          "route-changes": { severity: "low", query: 'resource.type="gce_route"' },
          "bucket-deletions": { query: 'protoPayload.methodName="storage.buckets.delete"', severity: "high", title: "Bucket deleted" },
        },
      });
    }, { stack: "test" });
    const metrics = inv.resources.filter((r) => r.type === METRIC).map((r) => r.name);
    expect(metrics).not.toContain("dev-alerts-sql-instance-changes");
    expect(findResource(inv, METRIC, "dev-alerts-route-changes").inputs.filter).toBe('resource.type="gce_route"');
    expect((findResource(inv, POLICY, "dev-alerts-route-changes").inputs as Record<string, any>).severity).toBe("WARNING");
    expect(findResource(inv, METRIC, "dev-alerts-bucket-deletions").inputs).toMatchObject({
      filter: 'protoPayload.methodName="storage.buckets.delete"', description: "Bucket deleted (custom)",
    });
    expect((findResource(inv, POLICY, "dev-alerts-bucket-deletions").inputs as Record<string, any>).severity).toBe("ERROR");
    expect(inv.resources.filter((r) => r.type === CHANNEL)).toEqual([]);
  });

  it("rejects an unknown id, an empty filter, a bad severity, a bad email and no channel, all at once", async () => {
    expect(await componentProblems(() => new GcpSecurityAlerts("prod-alerts", {
      project: "acme-prod",
      emails: { security: "security at acme" },
      entries: {
        "firewal-changes": { severity: "high" }, "route-changes": { query: "  " }, "network-changes": { severity: "urgent" }, "Bad_Id": { query: "x" },
        "sql-changes": { enabled: false },
      },
    }))).toEqual([
      ["LZ_ALERT_UNKNOWN", "GcpSecurityAlerts args.entries.firewal-changes"],
      ["LZ_ALERT_QUERY_EMPTY", "GcpSecurityAlerts args.entries.route-changes.query"],
      ["LZ_ALERT_SEVERITY", "GcpSecurityAlerts args.entries.network-changes.severity"],
      ["LZ_ALERT_ID", "GcpSecurityAlerts args.entries.Bad_Id"],
      // Turning off an id that does not exist is a typo too: the alert meant stays on.
      ["LZ_ALERT_UNKNOWN", "GcpSecurityAlerts args.entries.sql-changes"],
      ["LZ_EMAIL_INVALID", "GcpSecurityAlerts args.emails.security"],
    ]);
    expect(await componentProblems(() => new GcpSecurityAlerts("prod-alerts", { project: "acme-prod" }))).toEqual([
      ["LZ_ALERT_CHANNEL", "GcpSecurityAlerts args.emails"],
    ]);
  });
});
