import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { KEY_ROTATION_MAX_DAYS, rotationDaysOf, rotationSeconds } from "../../core/keys";
import { isAuditLogstore } from "./logging";
import { fail, get, isProductionEnvironment, notApplicable, pass, type ResourceRule, type StackResource, type StackRule, tokenOf } from "../rule";

const GCP_KEY = tokenOf(gcp.kms.CryptoKey);
const GCP_KEY_GRANT = tokenOf(gcp.kms.CryptoKeyIAMMember);
const GCP_BUCKET = tokenOf(gcp.storage.Bucket);
const GCP_DATASET = tokenOf(gcp.bigquery.Dataset);
const GCP_REPOSITORY = tokenOf(gcp.artifactregistry.Repository);
const GCP_SINKS = [gcp.logging.ProjectSink, gcp.logging.FolderSink, gcp.logging.OrganizationSink].map(tokenOf);
const ALI_KEY = tokenOf(alicloud.kms.Key);
const ALI_OSS_BUCKET = tokenOf(alicloud.oss.Bucket);
const ALI_OSS_SSE = tokenOf(alicloud.oss.BucketServerSideEncryption);
const ALI_LOGSTORE = tokenOf(alicloud.log.Store);
const UNKNOWN = "[unknown]";

/** Longest rotation Alibaba offers default keys (no KMS instance), in days. */
const ALI_DEFAULT_KEY_ROTATION_DAYS = 365;

export const gcpKmsKeyRotation: ResourceRule = {
  kind: "resource",
  id: "gcp-kms-key-rotation",
  description: `Cloud KMS encryption keys rotate automatically at least every ${KEY_ROTATION_MAX_DAYS} days.`,
  severity: "high",
  enforcement: "mandatory",
  rationale: "A key version that never changes protects ever more data; rotation limits what one leaked version exposes.",
  source: "CIS GCP Foundations v4.0 1.10; CKV_GCP_43",
  types: [GCP_KEY],
  check: (_t, i) => {
    const purpose = i.purpose ?? "ENCRYPT_DECRYPT";
    if (purpose !== "ENCRYPT_DECRYPT") return notApplicable(`purpose ${String(purpose)} keys do not rotate automatically`);
    const days = rotationDaysOf(i.rotationPeriod);
    if (days === undefined) return fail(`rotationPeriod is ${JSON.stringify(i.rotationPeriod ?? "unset")}; set rotationPeriod: "${rotationSeconds(KEY_ROTATION_MAX_DAYS)}" or shorter`);
    return days <= KEY_ROTATION_MAX_DAYS ? pass : fail(`rotationPeriod is ${days} days; rotate every ${KEY_ROTATION_MAX_DAYS} days or less ("${rotationSeconds(KEY_ROTATION_MAX_DAYS)}")`);
  },
};

export const gcpKmsKeyProdDeletionPolicy: ResourceRule = {
  kind: "resource",
  id: "gcp-kms-key-prod-deletion-policy",
  description: "Cloud KMS keys labelled environment=prod or production cannot be destroyed by the deployment (deletionPolicy PREVENT or ABANDON).",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Destroying a key makes everything encrypted with it unreadable once its versions are destroyed: production data would be lost to a `pulumi destroy`.",
  source: "landing-zone",
  types: [GCP_KEY],
  check: (_t, i) => {
    if (!isProductionEnvironment(get(i, "labels", "environment"))) return notApplicable("not a production key");
    const policy = i.deletionPolicy ?? "DELETE";
    return policy === "PREVENT" || policy === "ABANDON" ? pass : fail(`deletionPolicy is ${String(policy)}; set deletionPolicy: "PREVENT" (and protect the resource)`);
  },
};

/** The CMEK a GCP resource names: bucket default key, dataset default key, repository key. */
function gcpCmekOf(r: StackResource): unknown {
  if (r.type === GCP_BUCKET) return get(r.inputs, "encryption", "defaultKmsKeyName");
  if (r.type === GCP_DATASET) return get(r.inputs, "defaultEncryptionConfiguration", "kmsKeyName");
  if (r.type === GCP_REPOSITORY) return r.inputs.kmsKeyName;
  return undefined;
}

/** The service agent (by email domain) that encrypts for a resource type. */
const GCP_AGENT_DOMAINS: Readonly<Record<string, string>> = {
  [GCP_BUCKET]: "@gs-project-accounts.iam.gserviceaccount.com",
  [GCP_DATASET]: "@bigquery-encryption.iam.gserviceaccount.com",
  [GCP_REPOSITORY]: "@gcp-sa-artifactregistry.iam.gserviceaccount.com",
};

/** Audit buckets and datasets (sink destinations) and standard Docker repositories: the stores the landing zone encrypts. */
function gcpProtectedStores(resources: readonly StackResource[]): StackResource[] {
  const destinations = resources.filter((r) => GCP_SINKS.includes(r.type) && typeof r.inputs.destination === "string").map((r) => r.inputs.destination as string);
  const buckets = new Set(destinations.map((d) => /^storage\.googleapis\.com\/(.+)$/.exec(d)?.[1]).filter((n): n is string => n !== undefined));
  const datasets = new Set(destinations.map((d) => /^bigquery\.googleapis\.com\/projects\/[^/]+\/datasets\/(.+)$/.exec(d)?.[1]).filter((n): n is string => n !== undefined));
  return resources.filter((r) => (r.type === GCP_BUCKET && typeof r.inputs.name === "string" && buckets.has(r.inputs.name))
    || (r.type === GCP_DATASET && typeof r.inputs.datasetId === "string" && datasets.has(r.inputs.datasetId))
    || (r.type === GCP_REPOSITORY && String(r.inputs.format ?? "").toUpperCase() === "DOCKER" && (r.inputs.mode ?? "STANDARD_REPOSITORY") === "STANDARD_REPOSITORY"));
}

export const gcpCmekRequired: StackRule = {
  kind: "stack",
  id: "gcp-cmek-required",
  description: "Audit buckets and datasets and Docker repositories use a customer-managed key when the stack owns Cloud KMS keys or they are labelled environment=prod or production.",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "A customer-managed key puts reading the audit trail and the images under the organisation's own key policy, rotation and revocation; a stack that owns keys should use them.",
  source: "CIS GCP Foundations v4.0 7.3 (BigQuery datasets), extended to audit buckets and registries; landing-zone",
  check: (resources) => {
    const ownsKeys = resources.some((r) => r.type === GCP_KEY);
    return gcpProtectedStores(resources)
      .filter((r) => ownsKeys || isProductionEnvironment(get(r.inputs, "labels", "environment")))
      .filter((r) => { const k = gcpCmekOf(r); return typeof k !== "string" || k === ""; })
      .map((r) => ({ urn: r.urn, message: `${r.name} uses Google-managed encryption; set its customer-managed key (GcpKeys readyKeyNames: audit for buckets and datasets, registry for repositories)` }));
  },
};

export const gcpCmekGrantBeforeUse: StackRule = {
  kind: "stack",
  id: "gcp-cmek-grant-before-use",
  description: "A resource encrypted with a key the stack owns depends on that key's encrypter/decrypter grant to the resource type's service agent.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Cloud Storage, BigQuery and Artifact Registry refuse to create a CMEK resource until their service agent may use the key; without the dependency the first deployment races the grant and fails.",
  source: "landing-zone",
  check: (resources) => {
    const keys = new Map<string, StackResource>();
    for (const k of resources.filter((r) => r.type === GCP_KEY)) {
      if (typeof k.inputs.keyRing === "string" && k.inputs.keyRing !== UNKNOWN && typeof k.inputs.name === "string") keys.set(`${k.inputs.keyRing}/cryptoKeys/${k.inputs.name}`, k);
    }
    const grants = resources.filter((r) => r.type === GCP_KEY_GRANT && r.inputs.role === "roles/cloudkms.cryptoKeyEncrypterDecrypter");
    const out: { urn: string; message: string }[] = [];
    for (const r of resources) {
      const key = gcpCmekOf(r);
      if (typeof key !== "string" || !keys.has(key)) continue;
      const domain = GCP_AGENT_DOMAINS[r.type]!;
      const ok = grants.some((g) => g.inputs.cryptoKeyId === key && r.dependencies.includes(g.urn)
        && (g.inputs.member === UNKNOWN || (typeof g.inputs.member === "string" && g.inputs.member.endsWith(domain))));
      if (!ok) out.push({ urn: r.urn, message: `${r.name} uses ${key} but does not depend on its grant to the *${domain} service agent; create it after the grant (GcpKeys readyKeyNames)` });
    }
    return out;
  },
};

export const alicloudKmsKeyRotation: ResourceRule = {
  kind: "resource",
  id: "alicloud-kms-key-rotation",
  description: `Alibaba KMS symmetric keys rotate automatically: at least every ${KEY_ROTATION_MAX_DAYS} days in a KMS instance, every ${ALI_DEFAULT_KEY_ROTATION_DAYS} days for default keys (the only period they offer).`,
  severity: "high",
  enforcement: "mandatory",
  rationale: "A key version that never changes protects ever more data; rotation limits what one leaked version exposes.",
  source: "landing-zone (CIS GCP Foundations v4.0 1.10 applied to Alibaba KMS)",
  types: [ALI_KEY],
  check: (_t, i) => {
    if (i.origin === "EXTERNAL") return notApplicable("imported key material does not rotate automatically");
    const spec = String(i.keySpec ?? "Aliyun_AES_256");
    if (!/^Aliyun_(AES|SM4)/.test(spec) || (i.keyUsage ?? "ENCRYPT/DECRYPT") !== "ENCRYPT/DECRYPT") return notApplicable(`${spec} keys do not rotate automatically`);
    if (i.automaticRotation !== "Enabled") return fail(`automaticRotation is ${String(i.automaticRotation ?? "unset (Disabled)")}; set automaticRotation: "Enabled" with a rotationInterval`);
    const days = rotationDaysOf(i.rotationInterval);
    const max = i.dkmsInstanceId === undefined ? ALI_DEFAULT_KEY_ROTATION_DAYS : KEY_ROTATION_MAX_DAYS;
    if (days === undefined) return fail(`rotationInterval is ${JSON.stringify(i.rotationInterval ?? "unset")}; set e.g. "${rotationSeconds(max)}"`);
    return days <= max ? pass : fail(`rotationInterval is ${days} days; rotate every ${max} days or less`);
  },
};

export const alicloudKmsKeyProtected: ResourceRule = {
  kind: "resource",
  id: "alicloud-kms-key-protected",
  description: "Alibaba KMS keys are enabled, not scheduled for deletion, and keys tagged environment=prod or production have deletion protection.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "When the pending-deletion window ends the key is gone, and every object and logstore encrypted with it becomes unreadable.",
  source: "landing-zone",
  types: [ALI_KEY],
  check: (_t, i) => {
    const bad: string[] = [];
    if (i.status !== undefined && i.status !== "Enabled") bad.push(`status is ${String(i.status)}`);
    if (isProductionEnvironment(get(i, "tags", "environment")) && i.deletionProtection !== "Enabled") bad.push(`deletionProtection is ${String(i.deletionProtection ?? "unset (Disabled)")}`);
    return bad.length > 0 ? fail(`${bad.join(", ")}; keep status "Enabled" and set deletionProtection: "Enabled" in production`) : pass;
  },
};

export const alicloudCmekRequired: StackRule = {
  kind: "stack",
  id: "alicloud-cmek-required",
  description: "When the stack owns Alibaba KMS keys, OSS buckets encrypt with a KMS key (SSE-KMS) and audit logstores with a customer key (BYOK).",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "A stack that owns keys should protect its audit data with them: key policy, rotation and revocation stay with the organisation.",
  source: "landing-zone",
  check: (resources) => {
    if (!resources.some((r) => r.type === ALI_KEY)) return [];
    const out: { urn: string; message: string }[] = [];
    const sse = resources.filter((r) => r.type === ALI_OSS_SSE);
    for (const b of resources.filter((r) => r.type === ALI_OSS_BUCKET)) {
      const rules = [get(b.inputs, "serverSideEncryptionRule"), ...sse.filter((s) => s.inputs.bucket === b.inputs.bucket).map((s) => s.inputs)];
      const kms = rules.some((x) => get(x, "sseAlgorithm") === "KMS" && typeof get(x, "kmsMasterKeyId") === "string");
      if (!kms) out.push({ urn: b.urn, message: `OSS bucket ${String(b.inputs.bucket ?? b.name)} is not encrypted with a KMS key; use sseAlgorithm "KMS" with kmsMasterKeyId (AlicloudKeys keyIds.audit)` });
    }
    for (const s of resources.filter((r) => r.type === ALI_LOGSTORE && isAuditLogstore(r.inputs.logstoreName ?? r.inputs.name))) {
      if (typeof get(s.inputs, "encryptConf", "userCmkInfo", "cmkKeyId") !== "string") {
        out.push({ urn: s.urn, message: `audit logstore ${String(s.inputs.logstoreName ?? s.name)} uses SLS service keys; create it with encryptConf.userCmkInfo (AlicloudKeys keyIds.audit and logServiceRoleArn)` });
      }
    }
    return out;
  },
};

export const KEY_RULES = [gcpKmsKeyRotation, gcpKmsKeyProdDeletionPolicy, gcpCmekRequired, gcpCmekGrantBeforeUse,
  alicloudKmsKeyRotation, alicloudKmsKeyProtected, alicloudCmekRequired] as const;
