import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { ALICLOUD_SECURITY_ALERTS, GCP_SECURITY_ALERTS } from "../../src";
import { filterTakesAllAuditLogs, isProductionStack, LANDING_ZONE_RULES, type StackResource, type StackRule, tokenOf } from "../../src/policy";

function rule(id: string): StackRule {
  const r = LANDING_ZONE_RULES.find((x) => x.id === id);
  if (!r || r.kind !== "stack") throw new Error(`no stack rule ${id}`);
  return r;
}

function res(cls: abstract new (...a: any[]) => unknown, name: string, inputs: Record<string, unknown>, dependencies: string[] = []): StackResource {
  const type = tokenOf(cls);
  return { urn: `urn:pulumi:t::p::${type}::${name}`, type, name, inputs, dependencies };
}

const AUDIT_FILTER = ["activity", "data_access", "system_event", "policy"].map((k) => `log_id("cloudaudit.googleapis.com/${k}")`).join(" OR ");
const net = res(gcp.compute.Network, "core", { name: "core", autoCreateSubnetworks: false });
const bucket = res(gcp.storage.Bucket, "audit", { name: "acme-audit", retentionPolicy: { retentionPeriod: "31536000", isLocked: true } });
const sink = res(gcp.logging.ProjectSink, "audit", { destination: "storage.googleapis.com/acme-audit", filter: AUDIT_FILTER });
const denyAll = res(gcp.compute.Firewall, "deny", { network: "projects/p/global/networks/core", direction: "INGRESS", sourceRanges: ["0.0.0.0/0"], denies: [{ protocol: "all" }], priority: 65534 });
const budget = res(gcp.billing.Budget, "b", { billingAccount: "x" });
const aliVpc = res(alicloud.vpc.Network, "core", { vpcName: "core", cidrBlock: "10.0.0.0/16" });
const flowLog = res(alicloud.vpc.FlowLog, "flow", { resourceType: "VPC", resourceId: "vpc-1", status: "Active" }, [aliVpc.urn]);
const trail = res(alicloud.actiontrail.Trail, "trail", { trailRegion: "All" });
const aliBudget: StackResource = { urn: "urn:pulumi:t::p::landing-zone:index:AlicloudBudget::b", type: "landing-zone:index:AlicloudBudget", name: "b", inputs: {}, dependencies: [] };
const cri = res(alicloud.cr.RegistryEnterpriseInstance, "cri", { instanceName: "cri" });
const criRule = res(alicloud.cr.ArtifactLifecycleRule, "cri-cleanup", { auto: true, retentionTagCount: 30 }, [cri.urn]);
const repo = res(gcp.artifactregistry.Repository, "apps", { format: "DOCKER" });
const scanning = res(gcp.projects.Service, "scan", { service: "containerscanning.googleapis.com" });

const auditConfig = res(gcp.projects.IAMAuditConfig, "audit", { service: "allServices", auditLogConfigs: [{ logType: "ADMIN_READ" }] });

// The CIS security alerts: a metric + alert policy per GCP entry, an SLS alert per Alibaba entry.
const gcpMetrics = GCP_SECURITY_ALERTS.map((a) => res(gcp.logging.Metric, `m-${a.id}`, { name: `lz-${a.id}`, filter: a.query }));
const gcpPolicies = GCP_SECURITY_ALERTS.map((a, i) => res(gcp.monitoring.AlertPolicy, `p-${a.id}`, {
  combiner: "OR", notificationChannels: ["projects/p/notificationChannels/1"],
  conditions: [{ conditionThreshold: { filter: `metric.type = "logging.googleapis.com/user/lz-${a.id}"`, comparison: "COMPARISON_GT" } }],
}, [gcpMetrics[i]!.urn]));
const aliAlerts = ALICLOUD_SECURITY_ALERTS.map((a) => res(alicloud.log.Alert, `a-${a.id}`, {
  version: "2.0", policyConfiguration: { alertPolicyId: "sls.builtin.dynamic", actionPolicyId: "lz-notify", repeatInterval: "1h" },
  queryLists: [{ store: "actiontrail_lz-trail", query: `${a.query} | select count(1) as cnt`, start: "-5m", end: "now" }],
}));
const [fwMetric, fwPolicy] = [gcpMetrics[3]!, gcpPolicies[3]!];
const rootAlert = aliAlerts.find((r) => r.name === "a-root-account-use")!;

const BASELINE = [net, bucket, sink, denyAll, budget, aliVpc, flowLog, trail, aliBudget, cri, criRule, repo, scanning, auditConfig, ...gcpMetrics, ...gcpPolicies, ...aliAlerts];
/** The baseline as a production stack (its network labelled environment: prod). */
const PROD = BASELINE.map((r) => (r === net ? { ...net, inputs: { ...net.inputs, labels: { environment: "prod" } } } : r));
const replace = (stack: readonly StackResource[], old: StackResource, inputs: Record<string, unknown>) => stack.map((r) => (r === old ? { ...old, inputs: { ...old.inputs, ...inputs } } : r));

// Keys: a GCP ring's key with its Cloud Storage agent grant, and the audit bucket created after it.
const KEY = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/audit";
const gcpKey = res(gcp.kms.CryptoKey, "audit", { keyRing: "projects/p/locations/europe-west1/keyRings/r", name: "audit", rotationPeriod: "7776000s" });
const gcsGrant = res(gcp.kms.CryptoKeyIAMMember, "audit-storage", { cryptoKeyId: KEY, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: "serviceAccount:service-1@gs-project-accounts.iam.gserviceaccount.com" });
const keyedBucket = { ...bucket, inputs: { ...bucket.inputs, encryption: { defaultKmsKeyName: KEY } }, dependencies: [gcsGrant.urn] };
const keyedRepo = { ...repo, inputs: { ...repo.inputs, kmsKeyName: "projects/p/locations/europe-west1/keyRings/other/cryptoKeys/images" } };
const GCP_KEYED = [...BASELINE.filter((r) => r !== bucket && r !== repo), keyedBucket, keyedRepo, gcpKey, gcsGrant];
// Alibaba: a key, an SSE-KMS bucket and a BYOK ActionTrail logstore.
const aliKey = res(alicloud.kms.Key, "audit", { automaticRotation: "Enabled", rotationInterval: "7776000s" });
const oss = res(alicloud.oss.Bucket, "oss", { bucket: "acme-audit" });
const ossSse = res(alicloud.oss.BucketServerSideEncryption, "oss", { bucket: "acme-audit", sseAlgorithm: "KMS", kmsMasterKeyId: "key-1" });
const trailStore = res(alicloud.log.Store, "trail", { logstoreName: "actiontrail_prod-trail", encryptConf: { enable: true, encryptType: "default", userCmkInfo: { cmkKeyId: "key-1", arn: "acs:ram::1:role/sls", regionId: "cn-hangzhou" } } });
const ALI_KEYED = [...BASELINE, aliKey, oss, ossSse, trailStore];

/** One change per violation: the stack without a resource, or with one resource replaced. */
const CASES: readonly (readonly [string, string, readonly StackResource[], readonly (string | undefined)[]])[] = [
  ["gcp-audit-sink-all-audit-logs", "no sink", BASELINE.filter((r) => r !== sink), [undefined]],
  ["gcp-audit-sink-all-audit-logs", "a sink for activity logs only", BASELINE.map((r) => (r === sink ? { ...sink, inputs: { ...sink.inputs, filter: 'log_id("cloudaudit.googleapis.com/activity")' } } : r)), [undefined]],
  ["gcp-audit-sink-all-audit-logs", "a disabled sink", BASELINE.map((r) => (r === sink ? { ...sink, inputs: { ...sink.inputs, disabled: true } } : r)), [undefined]],
  ["gcp-audit-bucket-retention", "no retention on the sink's bucket", BASELINE.map((r) => (r === bucket ? { ...bucket, inputs: { name: "acme-audit" } } : r)), [bucket.urn]],
  ["gcp-audit-bucket-retention-locked", "retention not locked", BASELINE.map((r) => (r === bucket ? { ...bucket, inputs: { name: "acme-audit", retentionPolicy: { retentionPeriod: "86400", isLocked: false } } } : r)), [bucket.urn]],
  ["gcp-audit-config-present", "no audit config", BASELINE.filter((r) => r !== auditConfig), [undefined]],
  ["gcp-network-deny-all-ingress", "no deny-all", BASELINE.filter((r) => r !== denyAll), [net.urn]],
  ["gcp-network-deny-all-ingress", "the deny-all is on another network", BASELINE.map((r) => (r === denyAll ? { ...denyAll, inputs: { ...denyAll.inputs, network: "other" } } : r)), [net.urn]],
  ["alicloud-vpc-flow-logs", "no flow log", BASELINE.filter((r) => r !== flowLog), [aliVpc.urn]],
  ["alicloud-vpc-flow-logs", "an inactive flow log", BASELINE.map((r) => (r === flowLog ? { ...flowLog, inputs: { ...flowLog.inputs, status: "Inactive" } } : r)), [aliVpc.urn]],
  ["alicloud-actiontrail-present", "no trail", BASELINE.filter((r) => r !== trail), [undefined]],
  ["gcp-budget-present", "no budget", BASELINE.filter((r) => r !== budget), [undefined]],
  ["alicloud-budget-present", "no AlicloudBudget", BASELINE.filter((r) => r !== aliBudget), [undefined]],
  ["alicloud-registry-cleanup", "no lifecycle rule", BASELINE.filter((r) => r !== criRule), [cri.urn]],
  ["gcp-registry-scanning-api", "no Container Scanning API", BASELINE.filter((r) => r !== scanning), [undefined]],
  ["gcp-cmek-required", "the stack owns a key, the audit bucket and the registry do not use one", [...BASELINE, gcpKey], [bucket.urn, repo.urn]],
  ["gcp-cmek-required", "no keys, but a production registry without CMEK", BASELINE.map((r) => (r === repo ? { ...repo, inputs: { ...repo.inputs, labels: { environment: "prod" } } } : r)), [repo.urn]],
  ["gcp-cmek-required", "no keys, but a registry labelled environment=production without CMEK", BASELINE.map((r) => (r === repo ? { ...repo, inputs: { ...repo.inputs, labels: { environment: "production" } } } : r)), [repo.urn]],
  ["gcp-cmek-grant-before-use", "the bucket does not wait for the grant", GCP_KEYED.map((r) => (r === keyedBucket ? { ...keyedBucket, dependencies: [] } : r)), [bucket.urn]],
  ["gcp-cmek-grant-before-use", "the grant is to the BigQuery agent, not Cloud Storage's", GCP_KEYED.map((r) => (r === gcsGrant ? { ...gcsGrant, inputs: { ...gcsGrant.inputs, member: "serviceAccount:bq-1@bigquery-encryption.iam.gserviceaccount.com" } } : r)), [bucket.urn]],
  ["alicloud-cmek-required", "the stack owns a key, the bucket uses AES256", ALI_KEYED.map((r) => (r === ossSse ? { ...ossSse, inputs: { bucket: "acme-audit", sseAlgorithm: "AES256" } } : r)), [oss.urn]],
  ["alicloud-cmek-required", "the stack owns a key, the trail logstore uses SLS service keys", ALI_KEYED.map((r) => (r === trailStore ? { ...trailStore, inputs: { ...trailStore.inputs, encryptConf: { enable: true, encryptType: "default" } } } : r)), [trailStore.urn]],
  ["gcp-security-alerts", "no firewall-change metric", BASELINE.filter((r) => r !== fwMetric), [undefined]],
  ["gcp-security-alerts", "a metric with a narrower filter", replace(BASELINE, fwMetric, { filter: 'resource.type="gce_firewall_rule"' }), [undefined]],
  ["gcp-security-alerts", "an alert policy that notifies nobody", replace(BASELINE, fwPolicy, { notificationChannels: [] }), [undefined]],
  ["gcp-security-alerts-prod", "production without the firewall-change alert policy", PROD.filter((r) => r !== fwPolicy), [undefined]],
  ["alicloud-security-alerts", "no root-account alert", BASELINE.filter((r) => r !== rootAlert), [undefined]],
  ["alicloud-security-alerts", "an alert over another logstore", replace(BASELINE, rootAlert, { queryLists: [{ store: "vpc-flow-logs", query: "event.userIdentity.type: root-account" }] }), [undefined]],
  ["alicloud-security-alerts-prod", "production with an alert that notifies no action policy", replace(PROD, rootAlert, { policyConfiguration: { alertPolicyId: "sls.builtin.dynamic", repeatInterval: "1h" } }), [undefined]],
];

describe("stack rules", () => {
  it("pass the compliant baseline stack", () => {
    for (const r of LANDING_ZONE_RULES.filter((x): x is StackRule => x.kind === "stack")) expect(r.check(BASELINE), r.id).toEqual([]);
  });
  it("pass stacks that own keys and use them (GCP: grant before use; Alibaba: SSE-KMS and BYOK)", () => {
    for (const id of ["gcp-cmek-required", "gcp-cmek-grant-before-use", "alicloud-cmek-required"]) {
      expect(rule(id).check(GCP_KEYED), id).toEqual([]);
      expect(rule(id).check(ALI_KEYED), id).toEqual([]);
    }
  });
  it.each(CASES)("%s: %s", (id, _name, resources, urns) => {
    const found = rule(id).check(resources);
    expect(found.map((v) => v.urn)).toEqual(urns);
    for (const v of found) expect(v.message.length).toBeGreaterThan(10);
  });
  it("do not apply to a stack without that cloud", () => {
    const gcpOnly = BASELINE.filter((r) => !r.type.startsWith("alicloud:") && !r.type.includes("Alicloud"));
    expect(rule("alicloud-actiontrail-present").check(gcpOnly)).toEqual([]);
    expect(rule("alicloud-budget-present").check(gcpOnly)).toEqual([]);
    const aliOnly = BASELINE.filter((r) => !r.type.startsWith("gcp:"));
    expect(rule("gcp-audit-sink-all-audit-logs").check(aliOnly)).toEqual([]);
    expect(rule("gcp-budget-present").check(aliOnly)).toEqual([]);
    expect(rule("gcp-audit-config-present").check(aliOnly)).toEqual([]);
  });
  it("pass the compliant baseline as a production stack", () => {
    expect(isProductionStack(PROD)).toBe(true);
    expect(isProductionStack(BASELINE)).toBe(false);
    for (const r of LANDING_ZONE_RULES.filter((x): x is StackRule => x.kind === "stack")) expect(r.check(PROD), r.id).toEqual([]);
  });
  it("report security alerts once: advisory outside production, mandatory in production", () => {
    const noAlerts = BASELINE.filter((r) => !gcpMetrics.includes(r));
    expect(rule("gcp-security-alerts").check(noAlerts)).toHaveLength(GCP_SECURITY_ALERTS.length);
    expect(rule("gcp-security-alerts-prod").check(noAlerts)).toEqual([]);
    const prodNoAlerts = PROD.filter((r) => !aliAlerts.includes(r));
    expect(rule("alicloud-security-alerts").check(prodNoAlerts)).toEqual([]);
    expect(rule("alicloud-security-alerts-prod").check(prodNoAlerts).map((v) => v.message)).toContain(
      'no alert for "Root (Alibaba Cloud) account used" (CIS Alibaba Cloud v2.0, logging and monitoring: usage of the root account, alert root-account-use); add AlicloudSecurityAlerts (or an SLS 2.0 alert over the actiontrail_ logstore with the CIS query and an action policy)');
  });
  it("every stack rule has a case", () => {
    const tested = new Set(CASES.map((c) => c[0]));
    expect(LANDING_ZONE_RULES.filter((r) => r.kind === "stack" && !tested.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});

describe("filterTakesAllAuditLogs", () => {
  it.each([
    [undefined, true], ["", true], ['logName:"cloudaudit.googleapis.com"', true], [AUDIT_FILTER, true],
    ['log_id("cloudaudit.googleapis.com/activity") OR log_id("cloudaudit.googleapis.com/data_access")', false],
    [`${AUDIT_FILTER} AND severity>=ERROR`, false], ["NOT log_id(\"cloudaudit.googleapis.com/activity\")", false], ["severity>=ERROR", false],
  ] as const)("%s → %s", (filter, want) => {
    expect(filterTakesAllAuditLogs(filter)).toBe(want);
  });
});
