import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { nameOf } from "../core/naming";
import { keepInProduction } from "../resource-options";
import { GcpLoggingArgs, GCP_SINK_WRITER_ROLES, GcpSinkDestination, GcpLoggingPlan, gcpLoggingTopicName, validatedGcpLogging, Sink } from "./logging-plan";

export * from "./logging-plan";

/**
 * Audit log sinks (project, folder or organization level) into a locked-down Cloud Storage
 * bucket (uniform access, public access prevention, retention instead of versioning, colder classes
 * over time, optional CMEK), optionally also into BigQuery (same CMEK) and Pub/Sub. Each sink's writer
 * identity gets exactly the role its destination needs. In production the retention is
 * locked and the audit storage is protected and retained on delete.
 */
export class GcpLogging extends pulumi.ComponentResource {
  /** The audit bucket. */
  readonly bucket: gcp.storage.Bucket;
  /** Sinks keyed by destination kind (`storage`, `bigquery`, `pubsub`). */
  readonly sinks: Partial<Record<GcpSinkDestination, Sink>>;
  /** The BigQuery dataset, when `bigquery` is on. */
  readonly dataset?: gcp.bigquery.Dataset;
  /** The Pub/Sub topic, when `pubsub` is on. */
  readonly topic?: gcp.pubsub.Topic;
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** Writer identities keyed by destination kind. */
  readonly writerIdentities: pulumi.Output<Record<string, string>>;
  readonly plan: GcpLoggingPlan;

  constructor(name: string, args: GcpLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validatedGcpLogging(name, args);
    super("landing-zone:index:GcpLogging", name, args, opts);
    this.plan = plan;
    const production = args.production === true;
    const labels = { ...args.labels };
    const project = args.project;
    // Audit storage survives `pulumi destroy` and cannot be deleted by accident in production.
    const keep = keepInProduction(this, production);
    const lc = plan.lifecycle;

    this.bucket = new gcp.storage.Bucket(plan.bucketName, {
      name: plan.bucketName,
      project,
      location: args.location,
      storageClass: "STANDARD",
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
      // No object versioning: Cloud Storage refuses it beside a retention policy (the two are mutually
      // exclusive), and the retention policy already stops every delete and overwrite.
      retentionPolicy: { retentionPeriod: plan.retentionSeconds, isLocked: production },
      lifecycleRules: [
        { action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: lc.nearlineAfterDays, matchesStorageClasses: ["STANDARD"] } },
        { action: { type: "SetStorageClass", storageClass: "COLDLINE" }, condition: { age: lc.coldlineAfterDays, matchesStorageClasses: ["NEARLINE"] } },
        { action: { type: "SetStorageClass", storageClass: "ARCHIVE" }, condition: { age: lc.archiveAfterDays, matchesStorageClasses: ["COLDLINE"] } },
      ],
      encryption: args.kmsKeyName === undefined ? undefined : { defaultKmsKeyName: args.kmsKeyName },
      forceDestroy: false,
      labels,
    }, keep);

    const destinations: Record<GcpSinkDestination, pulumi.Input<string>> = {
      storage: pulumi.interpolate`storage.googleapis.com/${this.bucket.name}`,
      bigquery: "",
      pubsub: "",
    };
    if (plan.destinations.includes("bigquery")) {
      this.dataset = new gcp.bigquery.Dataset(nameOf(name, "bq"), {
        datasetId: plan.datasetId,
        project,
        location: args.location,
        description: "Audit logs routed by the landing zone",
        deleteContentsOnDestroy: false,
        defaultEncryptionConfiguration: args.kmsKeyName === undefined ? undefined : { kmsKeyName: args.kmsKeyName },
        labels,
      }, keep);
      destinations.bigquery = pulumi.interpolate`bigquery.googleapis.com/projects/${project}/datasets/${this.dataset.datasetId}`;
    }
    if (plan.destinations.includes("pubsub")) {
      this.topic = new gcp.pubsub.Topic(gcpLoggingTopicName(name), {
        name: gcpLoggingTopicName(name),
        project,
        labels,
      }, { parent: this });
      destinations.pubsub = pulumi.interpolate`pubsub.googleapis.com/${this.topic.id}`;
    }

    const exclusions = Object.entries(args.exclusions ?? {}).map(([key, ex]) => ({
      name: key, filter: ex.filter, description: ex.description,
    }));
    this.sinks = {};
    const identities: Record<string, pulumi.Output<string>> = {};
    for (const kind of plan.destinations) {
      const sinkName = nameOf(name, kind);
      const common = {
        name: sinkName,
        destination: destinations[kind],
        filter: plan.filter,
        description: `Audit logs to ${kind}`,
        exclusions,
        bigqueryOptions: kind === "bigquery" ? { usePartitionedTables: true } : undefined,
      };
      // Sinks and their write grants are the audit pipeline: protected and retained in production too.
      let sink: Sink;
      if (args.level === "folder") {
        sink = new gcp.logging.FolderSink(sinkName, { ...common, folder: args.folderId!, includeChildren: true }, keep);
      } else if (args.level === "organization") {
        sink = new gcp.logging.OrganizationSink(sinkName, { ...common, orgId: args.orgId!, includeChildren: true }, keep);
      } else {
        sink = new gcp.logging.ProjectSink(sinkName, { ...common, project, uniqueWriterIdentity: true }, keep);
      }
      this.sinks[kind] = sink;
      identities[kind] = sink.writerIdentity;
      const role = GCP_SINK_WRITER_ROLES[kind];
      if (kind === "storage") {
        new gcp.storage.BucketIAMMember(sinkName, { bucket: this.bucket.name, role, member: sink.writerIdentity }, keep);
      } else if (kind === "bigquery") {
        new gcp.bigquery.DatasetIamMember(sinkName, { project, datasetId: this.dataset!.datasetId, role, member: sink.writerIdentity }, keep);
      } else {
        new gcp.pubsub.TopicIAMMember(sinkName, { project, topic: this.topic!.name, role, member: sink.writerIdentity }, keep);
      }
    }

    this.bucketName = this.bucket.name;
    this.writerIdentities = pulumi.all(identities);
    this.registerOutputs({ bucketName: this.bucketName, writerIdentities: this.writerIdentities });
  }
}
