import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { checkAuditRetention } from "../core/audit";
import { joinPath, Problems, validated } from "../core/errors";
import { checkLabels } from "../core/labels";
import { checkGcpName, checkKey, nameOf } from "../core/naming";
import { checkKmsKeyName, checkPubsubTopicName } from "./ids";
import { keepInProduction } from "../resource-options";

/** Audit log kinds a sink can route. */
export const GCP_AUDIT_LOG_KINDS = ["activity", "data_access", "system_event", "policy"] as const;
export type GcpAuditLogKind = (typeof GCP_AUDIT_LOG_KINDS)[number];

/** A log exclusion applied to the sinks. */
export interface GcpLogExclusionArgs {
  /** Logging query of the entries to drop, e.g. `protoPayload.methodName="storage.objects.get"`. */
  readonly filter: string;
  /** @default none */
  readonly description?: string;
}

/** Ages (days since creation) at which audit objects move to colder storage classes. */
export interface GcpLogLifecycleArgs {
  /** @default 30 */
  readonly nearlineAfterDays?: number;
  /** @default 90 */
  readonly coldlineAfterDays?: number;
  /** @default 365 */
  readonly archiveAfterDays?: number;
}

export interface GcpLoggingArgs {
  /** Project that owns the bucket (and dataset/topic); also the sink's scope at `project` level. */
  readonly project: string;
  /** Bucket (and dataset) location, e.g. `europe-west1` or `EU`. */
  readonly location: string;
  /** Where the sink sits: `project`, `folder` (needs `folderId`) or `organization` (needs `orgId`). @default "project" */
  readonly level?: "project" | "folder" | "organization";
  /** Numeric folder id, for `level: folder`. @default none */
  readonly folderId?: string;
  /** Numeric organization id, for `level: organization`. @default none */
  readonly orgId?: string;
  /** Audit log kinds routed. @default ["activity", "data_access", "system_event", "policy"] */
  readonly logKinds?: readonly GcpAuditLogKind[];
  /** Exclusions by name. @default {} */
  readonly exclusions?: Readonly<Record<string, GcpLogExclusionArgs>>;
  /** Days objects are retained (cannot be deleted or overwritten); production needs ≥ 365. @default 365 */
  readonly retentionDays?: number;
  /** Production: lock the retention policy (irreversible), protect and retain the audit storage. @default false */
  readonly production?: boolean;
  /** Storage-class transitions. @default { nearlineAfterDays: 30, coldlineAfterDays: 90, archiveAfterDays: 365 } */
  readonly lifecycle?: GcpLogLifecycleArgs;
  /** CMEK key (`projects/P/locations/L/keyRings/R/cryptoKeys/K`); the Cloud Storage agent needs encrypter/decrypter on it. @default Google-managed keys */
  readonly kmsKeyName?: string;
  /** Bucket name (global, 3–63). @default "<project>-<component name>" */
  readonly bucketName?: string;
  /** Also route the audit logs to a BigQuery dataset. @default false */
  readonly bigquery?: boolean;
  /** Also route the audit logs to a Pub/Sub topic. @default false */
  readonly pubsub?: boolean;
  /** Labels for children that take labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export const GCP_LOGGING_DEFAULTS = {
  level: "project",
  logKinds: GCP_AUDIT_LOG_KINDS,
  retentionDays: 365,
  lifecycle: { nearlineAfterDays: 30, coldlineAfterDays: 90, archiveAfterDays: 365 },
  bigquery: false,
  pubsub: false,
} as const;

/** The role a sink's writer identity needs on each destination kind, and nothing more. */
export const GCP_SINK_WRITER_ROLES = {
  storage: "roles/storage.objectCreator",
  bigquery: "roles/bigquery.dataEditor",
  pubsub: "roles/pubsub.publisher",
} as const;

export type GcpSinkDestination = keyof typeof GCP_SINK_WRITER_ROLES;

/** Everything `GcpLogging` will create, as plain data. */
export interface GcpLoggingPlan {
  readonly prefix: string;
  readonly bucketName: string;
  /** BigQuery dataset id (letters, digits, `_`). */
  readonly datasetId: string;
  readonly filter: string;
  readonly destinations: readonly GcpSinkDestination[];
  readonly retentionSeconds: string;
  readonly lifecycle: Required<GcpLogLifecycleArgs>;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/;

/** The sink filter selecting the given audit log kinds. */
export function auditLogFilter(kinds: readonly GcpAuditLogKind[]): string {
  return kinds.map((k) => `log_id("cloudaudit.googleapis.com/${k}")`).join(" OR ");
}

/** The audit topic's name: `<name>-topic`. */
export function gcpLoggingTopicName(name: string): string {
  return nameOf(name, "topic");
}

/** Validates `GcpLogging` args and computes its plan; reports every problem under `path`. */
export function planGcpLogging(name: string, args: GcpLoggingArgs, path: string, problems: Problems): GcpLoggingPlan {
  const before = problems.items.length;
  checkGcpName(name, path, problems, "component name");
  const level = args.level ?? GCP_LOGGING_DEFAULTS.level;
  if (level === "folder" && !/^\d{1,20}$/.test(args.folderId ?? "")) {
    problems.add("LZ_SINK_FOLDER", joinPath(path, "folderId"), "a folder-level sink needs the numeric folder id",
      "set folderId, e.g. \"123456789012\", or use level: project");
  }
  if (level === "organization" && !/^\d{1,20}$/.test(args.orgId ?? "")) {
    problems.add("LZ_SINK_ORG", joinPath(path, "orgId"), "an organization-level sink needs the numeric organization id",
      "set orgId, e.g. \"123456789012\", or use level: project");
  }
  const kinds = args.logKinds ?? GCP_LOGGING_DEFAULTS.logKinds;
  if (kinds.length === 0 || kinds.some((k) => !GCP_AUDIT_LOG_KINDS.includes(k))) {
    problems.add("LZ_SINK_LOG_KINDS", joinPath(path, "logKinds"), `log kinds ${JSON.stringify(kinds)} must be a non-empty subset of ${GCP_AUDIT_LOG_KINDS.join(", ")}`,
      "list the audit log kinds to route, e.g. [activity, data_access, system_event, policy]");
  }
  const production = args.production === true;
  const days = args.retentionDays ?? GCP_LOGGING_DEFAULTS.retentionDays;
  checkAuditRetention(days, production, joinPath(path, "retentionDays"), problems);
  const lifecycle = { ...GCP_LOGGING_DEFAULTS.lifecycle, ...args.lifecycle };
  const ages = [lifecycle.nearlineAfterDays, lifecycle.coldlineAfterDays, lifecycle.archiveAfterDays];
  if (ages.some((a) => !Number.isInteger(a) || a < 1) || !(ages[0]! < ages[1]! && ages[1]! < ages[2]!)) {
    problems.add("LZ_LIFECYCLE_ORDER", joinPath(path, "lifecycle"), `ages ${ages.join(", ")} must be whole days, at least 1 and strictly increasing (nearline < coldline < archive)`,
      "use e.g. nearlineAfterDays: 30, coldlineAfterDays: 90, archiveAfterDays: 365");
  }
  if (args.kmsKeyName !== undefined) checkKmsKeyName(args.kmsKeyName, joinPath(path, "kmsKeyName"), problems);
  const bucketName = args.bucketName ?? nameOf(args.project, name);
  if (!BUCKET_NAME.test(bucketName) || bucketName.includes("goog")) {
    problems.add("LZ_BUCKET_NAME", joinPath(path, "bucketName"), `bucket name "${bucketName}" must be 3–63 lowercase letters, digits, - or _, start and end alphanumeric, and not contain "goog"`,
      "set bucketName to a valid, globally unique name");
  }
  for (const [key, ex] of Object.entries(args.exclusions ?? {})) {
    checkKey(key, joinPath(joinPath(path, "exclusions"), key), problems);
    if (typeof ex.filter !== "string" || ex.filter.trim() === "") {
      problems.add("LZ_EXCLUSION_FILTER", joinPath(joinPath(joinPath(path, "exclusions"), key), "filter"), "the exclusion has an empty filter",
        "give a Logging query selecting the entries to drop");
    }
  }
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);
  const destinations: GcpSinkDestination[] = ["storage"];
  if (args.bigquery ?? GCP_LOGGING_DEFAULTS.bigquery) destinations.push("bigquery");
  if (args.pubsub ?? GCP_LOGGING_DEFAULTS.pubsub) {
    destinations.push("pubsub");
    checkPubsubTopicName(gcpLoggingTopicName(name), path, problems);
  }
  return {
    prefix: name,
    bucketName,
    datasetId: name.replace(/-/g, "_"),
    filter: auditLogFilter(kinds),
    destinations,
    retentionSeconds: String(days * 86_400),
    lifecycle,
    ...(problems.items.length > before ? { destinations: [] } : {}),
  };
}

/** Plans `GcpLogging` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedGcpLogging(name: string, args: GcpLoggingArgs): GcpLoggingPlan {
  return validated("GcpLogging", planGcpLogging, name, args);
}

type Sink = gcp.logging.ProjectSink | gcp.logging.FolderSink | gcp.logging.OrganizationSink;

/**
 * Audit log sinks (project, folder or organization level) into a locked-down Cloud Storage
 * bucket (uniform access, public access prevention, retention instead of versioning, colder classes
 * over time, optional CMEK), optionally also into BigQuery and Pub/Sub. Each sink's writer
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
