import type * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { checkAuditRetention } from "../core/audit";
import { joinPath, Problems, validated } from "../core/errors";
import { SECONDS_PER_DAY } from "../core/keys";
import { checkLabels } from "../core/labels";
import { checkGcpName, checkKey, nameOf } from "../core/naming";
import { checkKmsKeyFor, checkPubsubTopicName } from "./ids";

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
  /**
   * Project that owns the bucket (and dataset/topic); also the sink's scope at `project` level.
   * A plain string: planning needs it (the default bucket name is `<project>-<name>` and is checked against naming limits).
   */
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
  /**
   * CMEK key (`projects/P/locations/L/keyRings/R/cryptoKeys/K`) of the bucket and the BigQuery
   * dataset, in their location (`EU` → `europe`); the Cloud Storage and BigQuery service agents
   * need encrypter/decrypter on it (`GcpKeys` grants it: pass its `readyKeyNames.audit`, which
   * resolves once the grants exist). @default Google-managed keys
   */
  readonly kmsKeyName?: pulumi.Input<string>;
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
  // A key that is still an Output (e.g. GcpKeys' readyKeyNames) was checked where it was planned.
  if (typeof args.kmsKeyName === "string") checkKmsKeyFor(args.kmsKeyName, args.location, joinPath(path, "kmsKeyName"), problems, "the audit bucket");
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
    retentionSeconds: String(days * SECONDS_PER_DAY),
    lifecycle,
    ...(problems.items.length > before ? { destinations: [] } : {}),
  };
}

/** Plans `GcpLogging` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedGcpLogging(name: string, args: GcpLoggingArgs): GcpLoggingPlan {
  return validated("GcpLogging", planGcpLogging, name, args);
}

/** The sink resource of any scope (project, folder or organization); the type of `GcpLogging.sinks`. */
export type Sink = gcp.logging.ProjectSink | gcp.logging.FolderSink | gcp.logging.OrganizationSink;
