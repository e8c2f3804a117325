import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { parseEnvironment, planEnvironment } from "../../src/planner";
import { configProblems } from "../helpers";
import { Inventory } from "../../src/offline/inventory";
import { plannedStackFile } from "../stack-plans";

/** Audit storage types: where audit records live. */
const STORAGE = [
  "gcp:storage/bucket:Bucket", "gcp:bigquery/dataset:Dataset",
  "alicloud:log/project:Project", "alicloud:oss/bucket:Bucket", "alicloud:oss/bucketWorm:BucketWorm",
];
const auditStorage = (inv: Inventory) => inv.resources.filter((r) => STORAGE.includes(r.type) && /audit|actiontrail/.test(r.name)
  || (r.type === "alicloud:log/store:Store" && String(r.inputs.logstoreName).startsWith("actiontrail_")));


describe("audit in the stack plans", () => {
  it("protects and retains every audit store in prod, not in dev, and dev shares no storage name with prod", async () => {
    const prod = await plannedStackFile("Pulumi.prod.yaml");
    const dev = await plannedStackFile("Pulumi.dev.yaml");
    const prodStores = auditStorage(prod);
    expect(prodStores.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "alicloud:log/project:Project::acme-lz-prod-audit",
      "alicloud:log/store:Store::prod-audit-actiontrail",
      "alicloud:oss/bucket:Bucket::acme-lz-prod-actiontrail",
      "alicloud:oss/bucketWorm:BucketWorm::acme-lz-prod-actiontrail",
      "gcp:bigquery/dataset:Dataset::prod-audit-bq",
      "gcp:storage/bucket:Bucket::acme-lz-prod-prod-audit",
    ]);
    for (const r of prodStores) expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, true, true]);
    expect(prod.resources.find((r) => r.type === "gcp:storage/bucket:Bucket" && r.name === "acme-lz-prod-prod-audit")?.inputs.retentionPolicy)
      .toEqual({ isLocked: true, retentionPeriod: String(400 * 86400) });
    const devStores = auditStorage(dev);
    expect(devStores.length).toBeGreaterThan(0);
    for (const r of devStores) expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, false, false]);
    // Physical names: destroying dev can only ever touch dev's own buckets and projects.
    const physical = (inv: Inventory) => auditStorage(inv).map((r) => String(r.inputs.name ?? r.inputs.projectName ?? r.inputs.bucket ?? r.inputs.datasetId));
    const overlap = physical(dev).filter((n) => physical(prod).includes(n));
    expect(overlap).toEqual([]);
    expect(prod.outputs).toMatchObject({ gcpAuditBucket: "acme-lz-prod-prod-audit", alicloudAuditSlsProject: "acme-lz-prod-audit", alicloudBudgetContactGroup: "prod-budget-contacts", alicloudBudgetName: "prod-budget" });
  });

  it("protects the prod audit pipeline too: sinks and their write grants, the trail, its role and the flow log", async () => {
    const pipeline = ["gcp:logging/projectSink:ProjectSink", "gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:bigquery/datasetIamMember:DatasetIamMember",
      "gcp:pubsub/topicIAMMember:TopicIAMMember", "alicloud:actiontrail/trail:Trail", "alicloud:ram/role:Role", "alicloud:ram/policy:Policy",
      "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", "alicloud:vpc/flowLog:FlowLog"];
    for (const [file, expected] of [["Pulumi.prod.yaml", true], ["Pulumi.dev.yaml", false]] as const) {
      const inv = await plannedStackFile(file);
      const audit = inv.resources.filter((r) => pipeline.includes(r.type) && /:index:(Gcp|Alicloud)Logging::/.test(r.parent ?? ""));
      expect(new Set(audit.map((r) => r.type))).toEqual(new Set(file === "Pulumi.prod.yaml" ? pipeline : pipeline.filter((t) => !/datasetIamMember|topicIAMMember/.test(t))));
      for (const r of audit) expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, expected, expected]);
    }
  });

  it("reports bad audit config under its key paths, all at once", () => {
    const raw = structuredClone(readStackFile("Pulumi.prod.yaml").values) as Record<string, any>;
    raw.gcp.audit.budget.amount = -100;
    raw.gcp.audit.budget.thresholds.actual = [50, 250, 1500];
    raw.gcp.audit.budget.emails.finance = "finance.acme.example";
    raw.gcp.audit.logging.retentionDays = 90;
    raw.alicloud.audit.logging.retentionDays = 30;
    raw.alicloud.audit.budget.emails.platform = "platform@";
    expect(configProblems(raw)).toEqual([
      ["LZ_AUDIT_RETENTION_TOO_SHORT", "landing-zone:gcp.audit.logging.retentionDays"],
      ["LZ_BUDGET_AMOUNT", "landing-zone:gcp.audit.budget.amount"],
      ["LZ_BUDGET_THRESHOLD", "landing-zone:gcp.audit.budget.thresholds.actual[2]"],
      ["LZ_EMAIL_INVALID", "landing-zone:gcp.audit.budget.emails.finance"],
      ["LZ_AUDIT_RETENTION_TOO_SHORT", "landing-zone:alicloud.audit.logging.retentionDays"],
      ["LZ_EMAIL_INVALID", "landing-zone:alicloud.audit.budget.emails.platform"],
    ]);
  });

  it("plans the Alibaba budget from its config keys and reports bad ones under their paths", async () => {
    const raw = structuredClone(readStackFile("Pulumi.prod.yaml").values) as Record<string, any>;
    Object.assign(raw.alicloud.audit.budget, {
      budgetName: "acme-prod", accountIds: ["1234567890123456"], messageCenterContacts: ["finance"], endpoint: "business.ap-southeast-1.aliyuncs.com",
    });
    const budget = planEnvironment(parseEnvironment(raw)).audit.alicloudBudget!;
    expect(budget.plan.budget).toMatchObject({
      budgetName: "acme-prod", cycleStartPeriod: "2027-01", cycleEndPeriod: "2029-12", endpoint: "business.ap-southeast-1.aliyuncs.com",
      queryFilter: [{ code: "RESOURCE_OWNER_ACCOUNT", selectType: "IN", values: ["1234567890123456"] }],
    });
    expect(budget.plan.budget!.warnConfs.every((w) => w.mscContacts?.[0] === "finance")).toBe(true);

    Object.assign(raw.alicloud.audit.budget, { startMonth: "2030-01", accountIds: ["42"], endpoint: "https://business.aliyuncs.com" });
    expect(configProblems(raw)).toEqual([
      ["LZ_BUDGET_MONTH", "landing-zone:alicloud.audit.budget.endMonth"],
      ["LZ_BUDGET_ACCOUNT_ID", "landing-zone:alicloud.audit.budget.accountIds[0]"],
      ["LZ_BUDGET_ENDPOINT", "landing-zone:alicloud.audit.budget.endpoint"],
    ]);
    delete raw.alicloud.audit.budget.startMonth;
    raw.alicloud.audit.budget = { ...raw.alicloud.audit.budget, manageBudget: false, accountIds: undefined, endpoint: undefined };
    expect(planEnvironment(parseEnvironment(raw)).audit.alicloudBudget!.plan.budget).toBeUndefined();
  });

  it("accepts a short retention outside production", () => {
    const spec = parseEnvironment(readStackFile("Pulumi.dev.yaml").values);
    expect([spec.production, spec.gcp?.audit?.logging?.retentionDays, spec.alicloud?.audit?.logging?.retentionDays]).toEqual([false, 30, 30]);
  });

});
