import { describe, expect, it } from "vitest";
import { GcpLogging, GcpLoggingArgs } from "../../src/gcp/logging";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const FILTER = [
  'log_id("cloudaudit.googleapis.com/activity")',
  'log_id("cloudaudit.googleapis.com/data_access")',
  'log_id("cloudaudit.googleapis.com/system_event")',
  'log_id("cloudaudit.googleapis.com/policy")',
].join(" OR ");
const WRITER = "serviceAccount:service-884902664132@gcp-sa-logging.iam.gserviceaccount.com";
const ARGS: GcpLoggingArgs = { project: "acme-prod", location: "EU", labels: { environment: "prod" } };

describe("GcpLogging children", () => {
  it("routes audit logs to a locked-down bucket and grants the writer identity exactly objectCreator", async () => {
    const inv = await runOffline(() => { new GcpLogging("dev-audit", { ...ARGS, retentionDays: 30, exclusions: { noisy: { filter: "severity<INFO", description: "drop debug" } } }); }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "gcp:logging/projectSink:ProjectSink::dev-audit-storage",
      "gcp:storage/bucket:Bucket::acme-prod-dev-audit",
      "gcp:storage/bucketIAMMember:BucketIAMMember::dev-audit-storage",
      "landing-zone:index:GcpLogging::dev-audit",
    ]);
    const bucket = findResource(inv, "gcp:storage/bucket:Bucket", "acme-prod-dev-audit");
    expect(bucket.inputs).toEqual({
      forceDestroy: false,
      labels: { environment: "prod" },
      lifecycleRules: [
        { action: { storageClass: "NEARLINE", type: "SetStorageClass" }, condition: { age: 30, matchesStorageClasses: ["STANDARD"] } },
        { action: { storageClass: "COLDLINE", type: "SetStorageClass" }, condition: { age: 90, matchesStorageClasses: ["NEARLINE"] } },
        { action: { storageClass: "ARCHIVE", type: "SetStorageClass" }, condition: { age: 365, matchesStorageClasses: ["COLDLINE"] } },
      ],
      location: "EU",
      name: "acme-prod-dev-audit",
      project: "acme-prod",
      publicAccessPrevention: "enforced",
      retentionPolicy: { isLocked: false, retentionPeriod: "2592000" },
      storageClass: "STANDARD",
      uniformBucketLevelAccess: true,
    });
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([false, false]);
    expect(findResource(inv, "gcp:logging/projectSink:ProjectSink", "dev-audit-storage").inputs).toEqual({
      description: "Audit logs to storage",
      destination: "storage.googleapis.com/acme-prod-dev-audit",
      exclusions: [{ description: "drop debug", filter: "severity<INFO", name: "noisy" }],
      filter: FILTER,
      name: "dev-audit-storage",
      project: "acme-prod",
      uniqueWriterIdentity: true,
    });
    expect(findResource(inv, "gcp:storage/bucketIAMMember:BucketIAMMember", "dev-audit-storage").inputs).toEqual({
      bucket: "acme-prod-dev-audit", member: WRITER, role: "roles/storage.objectCreator",
    });
  });

  it("in production locks retention, protects the bucket and dataset, and grants BigQuery and Pub/Sub writers their one role", async () => {
    const inv = await runOffline(() => {
      new GcpLogging("prod-audit", { ...ARGS, production: true, retentionDays: 400, bigquery: true, pubsub: true, kmsKeyName: "projects/k/locations/europe/keyRings/r/cryptoKeys/audit" });
    }, { stack: "test" });
    const bucket = findResource(inv, "gcp:storage/bucket:Bucket", "acme-prod-prod-audit");
    expect(bucket.inputs.retentionPolicy).toEqual({ isLocked: true, retentionPeriod: "34560000" });
    expect(bucket.inputs.encryption).toEqual({ defaultKmsKeyName: "projects/k/locations/europe/keyRings/r/cryptoKeys/audit" });
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    const dataset = findResource(inv, "gcp:bigquery/dataset:Dataset", "prod-audit-bq");
    expect(dataset.inputs).toEqual({
      datasetId: "prod_audit", deleteContentsOnDestroy: false, description: "Audit logs routed by the landing zone",
      defaultEncryptionConfiguration: { kmsKeyName: "projects/k/locations/europe/keyRings/r/cryptoKeys/audit" },
      labels: { environment: "prod" }, location: "EU", project: "acme-prod",
    });
    expect([dataset.protect, dataset.retainOnDelete]).toEqual([true, true]);
    expect(findResource(inv, "gcp:logging/projectSink:ProjectSink", "prod-audit-bigquery").inputs).toMatchObject({
      bigqueryOptions: { usePartitionedTables: true }, destination: "bigquery.googleapis.com/projects/acme-prod/datasets/prod_audit", filter: FILTER,
    });
    expect(findResource(inv, "gcp:logging/projectSink:ProjectSink", "prod-audit-pubsub").inputs.destination).toBe("pubsub.googleapis.com/projects/acme-prod/topics/prod-audit-topic");
    expect(findResource(inv, "gcp:bigquery/datasetIamMember:DatasetIamMember", "prod-audit-bigquery").inputs).toEqual({
      datasetId: "prod_audit", member: WRITER, project: "acme-prod", role: "roles/bigquery.dataEditor",
    });
    expect(findResource(inv, "gcp:pubsub/topicIAMMember:TopicIAMMember", "prod-audit-pubsub").inputs).toEqual({
      member: WRITER, project: "acme-prod", role: "roles/pubsub.publisher", topic: "prod-audit-topic",
    });
    // One grant per sink, nothing broader.
    const grants = inv.resources.filter((r) => /IAMMember|IamMember/.test(r.type)).map((r) => r.inputs.role).sort();
    expect(grants).toEqual(["roles/bigquery.dataEditor", "roles/pubsub.publisher", "roles/storage.objectCreator"]);
  });

  it("creates folder and organization sinks that include children", async () => {
    const inv = await runOffline(() => {
      new GcpLogging("f-audit", { ...ARGS, level: "folder", folderId: "1234567890", logKinds: ["activity"] });
      new GcpLogging("o-audit", { ...ARGS, level: "organization", orgId: "987654321" });
    }, { stack: "test" });
    expect(findResource(inv, "gcp:logging/folderSink:FolderSink", "f-audit-storage").inputs).toEqual({
      description: "Audit logs to storage", destination: "storage.googleapis.com/acme-prod-f-audit", exclusions: [],
      filter: 'log_id("cloudaudit.googleapis.com/activity")', folder: "1234567890", includeChildren: true, name: "f-audit-storage",
    });
    expect(findResource(inv, "gcp:logging/organizationSink:OrganizationSink", "o-audit-storage").inputs).toMatchObject({ orgId: "987654321", includeChildren: true });
    expect(resourcesOfType(inv, "gcp:logging/projectSink:ProjectSink")).toEqual([]);
  });

  it("rejects bad args with every problem at once and registers nothing", async () => {
    const bad: GcpLoggingArgs = { ...ARGS, production: true, retentionDays: 90, level: "folder", lifecycle: { coldlineAfterDays: 20 }, bucketName: "Bad_Name", exclusions: { noisy: { filter: " " } } };
    expect(await componentProblems(() => new GcpLogging("prod-audit", bad))).toEqual([
      ["LZ_SINK_FOLDER", "GcpLogging args.folderId"],
      ["LZ_AUDIT_RETENTION_TOO_SHORT", "GcpLogging args.retentionDays"],
      ["LZ_LIFECYCLE_ORDER", "GcpLogging args.lifecycle"],
      ["LZ_BUCKET_NAME", "GcpLogging args.bucketName"],
      ["LZ_EXCLUSION_FILTER", "GcpLogging args.exclusions.noisy.filter"],
    ]);
    expect(() => new GcpLogging("prod-audit", bad)).toThrow(
      "GcpLogging args.retentionDays: retention 90 days is shorter than the 365 days production requires [LZ_AUDIT_RETENTION_TOO_SHORT]\n    fix: set it to at least 365",
    );
  });

  it("refuses a Pub/Sub topic name starting with goog, which Pub/Sub reserves", async () => {
    expect(await componentProblems(() => new GcpLogging("google-audit", { ...ARGS, bucketName: "acme-prod-audit", pubsub: true }))).toEqual([
      ["LZ_TOPIC_NAME", "GcpLogging args"],
    ]);
  });
});
