import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { fail, get, list, notApplicable, pass, type ResourceRule, type StackResource, type StackRule, tokenOf } from "../rule";

const GCP_BUCKET = tokenOf(gcp.storage.Bucket);
const GCP_SINKS = [gcp.logging.ProjectSink, gcp.logging.FolderSink, gcp.logging.OrganizationSink].map(tokenOf);
const ALI_TRAIL = tokenOf(alicloud.actiontrail.Trail);

export const gcpBucketUniformAccess: ResourceRule = {
  kind: "resource",
  id: "gcp-bucket-uniform-access",
  description: "Cloud Storage buckets use uniform bucket-level access.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Object ACLs bypass IAM and are how buckets end up partly public; uniform access leaves IAM as the one control.",
  source: "CIS GCP Foundations v4.0 5.2; CKV_GCP_29",
  types: [GCP_BUCKET],
  check: (_t, i) => (i.uniformBucketLevelAccess === true ? pass : fail("uniformBucketLevelAccess is not true; set uniformBucketLevelAccess: true")),
};

export const gcpBucketPublicAccessPrevention: ResourceRule = {
  kind: "resource",
  id: "gcp-bucket-public-access-prevention",
  description: "Cloud Storage buckets enforce public access prevention.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Enforced prevention makes a later allUsers grant fail instead of publishing the data.",
  source: "CIS GCP Foundations v4.0 5.1; CKV_GCP_114",
  types: [GCP_BUCKET],
  check: (_t, i) => (i.publicAccessPrevention === "enforced" ? pass
    : fail(`publicAccessPrevention is ${JSON.stringify(i.publicAccessPrevention ?? "unset (inherited)")}; set publicAccessPrevention: "enforced"`)),
};

export const gcpBucketVersioning: ResourceRule = {
  kind: "resource",
  id: "gcp-bucket-versioning",
  description: "Cloud Storage buckets keep object versions, unless a retention policy protects their objects.",
  severity: "low",
  enforcement: "advisory",
  rationale: "Versioning lets an overwritten or deleted object be restored. Cloud Storage refuses versioning on a bucket with a retention policy, which already blocks every overwrite and delete for its period.",
  source: "CKV_GCP_78",
  types: [GCP_BUCKET],
  check: (_t, i) => {
    if (get(i, "retentionPolicy") !== undefined) return notApplicable("a retention policy protects the objects (versioning cannot be combined with it)");
    return get(i, "versioning", "enabled") === true ? pass : fail("versioning is off; set versioning { enabled: true }");
  },
};

export const POLICY_AUDIT_LOG_IDS = ["activity", "data_access", "system_event", "policy"] as const;

/**
 * True when a sink filter lets every Cloud Audit Logs entry through: an empty filter (all logs),
 * a `logName:"cloudaudit.googleapis.com"` match, or a disjunction of `log_id(...)` terms naming
 * all four audit logs. Anything else (an AND, a NOT, a missing log) counts as partial.
 */
export function filterTakesAllAuditLogs(filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter !== "string") return false;
  const f = filter.trim();
  if (f === "") return true;
  if (/^logName\s*:\s*"?cloudaudit\.googleapis\.com"?$/.test(f)) return true;
  const terms = f.split(/\s+OR\s+/);
  const ids = terms.map((t) => /^\(?\s*log_id\(\s*"cloudaudit\.googleapis\.com\/([a-z_]+)"\s*\)\s*\)?$/.exec(t.trim())?.[1]);
  if (ids.some((id) => id === undefined)) return false;
  return POLICY_AUDIT_LOG_IDS.every((k) => ids.includes(k));
}

function isGcp(r: StackResource): boolean {
  return r.type.startsWith("gcp:");
}

export const gcpAuditSinkAllAuditLogs: StackRule = {
  kind: "stack",
  id: "gcp-audit-sink-all-audit-logs",
  description: "A stack with GCP resources has a log sink that takes every Cloud Audit Log (activity, data access, system event, policy).",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Audit logs in the _Default bucket expire after 30 or 400 days and can be changed by project owners; a sink keeps an independent copy.",
  source: "CIS GCP Foundations v4.0 2.2",
  check: (resources) => {
    if (!resources.some(isGcp)) return [];
    const ok = resources.some((r) => GCP_SINKS.includes(r.type) && r.inputs.disabled !== true
      && typeof r.inputs.destination === "string" && r.inputs.destination !== "" && filterTakesAllAuditLogs(r.inputs.filter));
    return ok ? [] : [{ message: "no log sink takes all audit logs; add one (GcpLogging does) with an empty filter or log_id(\"cloudaudit.googleapis.com/activity\") OR …/data_access OR …/system_event OR …/policy" }];
  },
};

/** The storage buckets that receive audit sinks, by bucket name. */
function auditBuckets(resources: readonly StackResource[]): StackResource[] {
  const names = resources
    .filter((r) => GCP_SINKS.includes(r.type) && typeof r.inputs.destination === "string")
    .map((r) => /^storage\.googleapis\.com\/(.+)$/.exec(r.inputs.destination as string)?.[1])
    .filter((n): n is string => n !== undefined);
  return resources.filter((r) => r.type === GCP_BUCKET && typeof r.inputs.name === "string" && names.includes(r.inputs.name));
}

export const gcpAuditBucketRetention: StackRule = {
  kind: "stack",
  id: "gcp-audit-bucket-retention",
  description: "Buckets that receive log sinks have a retention policy.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Without retention an owner (or an attacker with their rights) can delete the audit trail.",
  source: "CIS GCP Foundations v4.0 2.3 (retention part); CKV2_GCP_4",
  check: (resources) => auditBuckets(resources)
    .filter((b) => Number(get(b.inputs, "retentionPolicy", "retentionPeriod") ?? 0) <= 0)
    .map((b) => ({ urn: b.urn, message: `log bucket ${String(b.inputs.name)} has no retention policy; set retentionPolicy { retentionPeriod: <seconds> }` })),
};

export const gcpAuditBucketRetentionLocked: StackRule = {
  kind: "stack",
  id: "gcp-audit-bucket-retention-locked",
  description: "Buckets that receive log sinks have their retention policy locked (production does this).",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Only a locked policy stops the retention period being shortened; locking is irreversible, so non-production stacks may leave it open.",
  source: "CIS GCP Foundations v4.0 2.3",
  check: (resources) => auditBuckets(resources)
    .filter((b) => get(b.inputs, "retentionPolicy", "isLocked") !== true)
    .map((b) => ({ urn: b.urn, message: `log bucket ${String(b.inputs.name)} has an unlocked retention policy; set retentionPolicy.isLocked: true (irreversible)` })),
};

const GCP_AUDIT_CONFIGS = [gcp.projects.IAMAuditConfig, gcp.folder.IamAuditConfig, gcp.organizations.IamAuditConfig].map(tokenOf);
export const POLICY_AUDIT_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;

export const gcpAuditConfigAllServices: ResourceRule = {
  kind: "resource",
  id: "gcp-audit-config-all-services",
  description: "Audit configs for allServices turn on ADMIN_READ, DATA_READ and DATA_WRITE, and no audit config exempts anyone.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Data Access logs are off by default; without them nobody can say who read or changed data. An exempted member is a blind spot.",
  source: "CIS GCP Foundations v4.0 2.1; CKV2_GCP_5",
  types: GCP_AUDIT_CONFIGS,
  check: (_t, i) => {
    const configs = list(i.auditLogConfigs);
    const bad: string[] = [];
    if (i.service === "allServices") {
      const types = configs.map((c) => get(c, "logType"));
      const missing = POLICY_AUDIT_LOG_TYPES.filter((t) => !types.includes(t));
      if (missing.length > 0) bad.push(`log types ${missing.join(", ")} are off`);
    }
    const exempt = configs.flatMap((c) => list(get(c, "exemptedMembers")).map(String));
    if (exempt.length > 0) bad.push(`exempts ${exempt.join(", ")}`);
    return bad.length > 0 ? fail(`audit config for ${String(i.service)}: ${bad.join("; ")}; log ADMIN_READ, DATA_READ and DATA_WRITE for allServices with no exemptedMembers`) : pass;
  },
};

export const gcpAuditConfigPresent: StackRule = {
  kind: "stack",
  id: "gcp-audit-config-present",
  description: "A stack with GCP resources turns on Data Access audit logs for allServices.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Data Access logs are off by default. Advisory: the config may be set on the folder or organization by another stack.",
  source: "CIS GCP Foundations v4.0 2.1",
  check: (resources) => (resources.some(isGcp) && !resources.some((r) => GCP_AUDIT_CONFIGS.includes(r.type) && r.inputs.service === "allServices")
    ? [{ message: "no IAMAuditConfig for allServices; add one with ADMIN_READ, DATA_READ and DATA_WRITE" }] : []),
};

export const alicloudActiontrailAllRegions: ResourceRule = {
  kind: "resource",
  id: "alicloud-actiontrail-all-regions",
  description: "ActionTrail trails record read and write events in all regions, and are enabled.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "A trail limited to one region or to writes misses activity an attacker will use.",
  source: "CIS Alibaba Cloud v2.0 2.1; CKV_ALI_4, CKV_ALI_5",
  types: [ALI_TRAIL],
  check: (_t, i) => {
    const bad: string[] = [];
    if (i.trailRegion !== "All") bad.push(`trailRegion is ${String(i.trailRegion ?? "unset")}`);
    if (i.eventRw !== undefined && i.eventRw !== "All") bad.push(`eventRw is ${String(i.eventRw)}`);
    if (i.status !== undefined && i.status !== "Enable") bad.push(`status is ${String(i.status)}`);
    return bad.length > 0 ? fail(`${bad.join(", ")}; set trailRegion: "All", eventRw: "All", status: "Enable"`) : pass;
  },
};

export const alicloudActiontrailPresent: StackRule = {
  kind: "stack",
  id: "alicloud-actiontrail-present",
  description: "A stack with Alibaba resources has an ActionTrail trail.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "ActionTrail keeps API events for 90 days only unless a trail delivers them to SLS or OSS.",
  source: "CIS Alibaba Cloud v2.0 2.1",
  check: (resources) => {
    const ali = resources.some((r) => r.type.startsWith("alicloud:"));
    if (!ali || resources.some((r) => r.type === ALI_TRAIL)) return [];
    return [{ message: "no ActionTrail trail; add one (AlicloudLogging does) delivering to SLS with trailRegion All" }];
  },
};

/** Logstores that hold audit events: ActionTrail's, or named for audit. */
export function isAuditLogstore(name: unknown): boolean {
  return typeof name === "string" && /actiontrail|audit/i.test(name);
}

export const alicloudAuditLogstoreRetention: ResourceRule = {
  kind: "resource",
  id: "alicloud-audit-logstore-retention",
  description: "Audit logstores (ActionTrail's, or named *audit*) keep logs 365 days or more.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Investigations reach back months; CIS asks for at least a year. Advisory: non-production stacks may keep less.",
  source: "CIS Alibaba Cloud v2.0 2.23; CKV_ALI_27",
  types: [tokenOf(alicloud.log.Store)],
  check: (_t, i) => {
    if (!isAuditLogstore(i.logstoreName ?? i.name)) return { status: "not-applicable", reason: "not an audit logstore" };
    const days = Number(i.retentionPeriod ?? 30);
    return days >= 365 ? pass : fail(`retentionPeriod is ${days} days; keep audit logs at least 365 days`);
  },
};

const PUBLIC_ACLS = new Set(["public-read", "public-read-write"]);

export const alicloudOssPrivate: ResourceRule = {
  kind: "resource",
  id: "alicloud-oss-private",
  description: "OSS buckets are private (no public-read or public-read-write ACL).",
  severity: "critical",
  enforcement: "mandatory",
  rationale: "A public ACL publishes every object, including audit archives.",
  source: "CIS Alibaba Cloud v2.0 5.1, 2.2; CKV_ALI_1",
  types: [tokenOf(alicloud.oss.Bucket), tokenOf(alicloud.oss.BucketAcl)],
  check: (_t, i) => (typeof i.acl === "string" && PUBLIC_ACLS.has(i.acl) ? fail(`acl is ${i.acl}; use private and grant access through RAM`) : pass),
};

export const LOGGING_RULES = [gcpBucketUniformAccess, gcpBucketPublicAccessPrevention, gcpBucketVersioning, gcpAuditSinkAllAuditLogs, gcpAuditBucketRetention,
  gcpAuditBucketRetentionLocked, gcpAuditConfigAllServices, gcpAuditConfigPresent, alicloudActiontrailAllRegions, alicloudActiontrailPresent, alicloudAuditLogstoreRetention, alicloudOssPrivate] as const;
