import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import { gcpKeysArgs, parseEnvironment, planConfig } from "../../src/planner";
import { configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

const PROD = readStackFile("Pulumi.prod.yaml").values as Record<string, any>;
const DEV = readStackFile("Pulumi.dev.yaml").values as Record<string, any>;
const RING = "projects/acme-lz-prod/locations/europe-west1/keyRings/prod-keys";
const GCP_KEYS = "urn:pulumi:prod::landing-zone::landing-zone:index:GcpKeys$";

/** A copy of the prod config with `gcp` and `alicloud` changed. */
function prodWith(gcp: Record<string, unknown>, alicloud: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...PROD, gcp: { ...PROD.gcp, ...gcp }, alicloud: { ...PROD.alicloud, ...alicloud } };
}

describe("the keys area of the prod stack", () => {
  let inv: Inventory;
  it("creates the ring and keys before audit and registry, which are encrypted with them after their agents' grants", async () => {
    inv = await plannedStackFile("Pulumi.prod.yaml");
    const grant = (n: string) => `${GCP_KEYS}gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::${n}`;
    expect(resourcesOfType(inv, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((r) => r.name))
      .toEqual(["prod-keys-audit-bigquery", "prod-keys-audit-storage", "prod-keys-registry-artifactregistry"]);
    const bucket = findResource(inv, "gcp:storage/bucket:Bucket", "acme-lz-prod-prod-audit");
    expect(bucket.inputs.encryption).toEqual({ defaultKmsKeyName: `${RING}/cryptoKeys/audit` });
    expect(bucket.dependencies).toEqual(expect.arrayContaining([grant("prod-keys-audit-storage"), grant("prod-keys-audit-bigquery")]));
    expect(findResource(inv, "gcp:bigquery/dataset:Dataset", "prod-audit-bq").inputs.defaultEncryptionConfiguration).toEqual({ kmsKeyName: `${RING}/cryptoKeys/audit` });
    const repo = findResource(inv, "gcp:artifactregistry/repository:Repository", "prod-containers");
    expect(repo.inputs.kmsKeyName).toBe(`${RING}/cryptoKeys/registry`);
    expect(repo.dependencies).toContain(grant("prod-keys-registry-artifactregistry"));
    for (const r of [...resourcesOfType(inv, "gcp:kms/keyRing:KeyRing"), ...resourcesOfType(inv, "gcp:kms/cryptoKey:CryptoKey"), ...resourcesOfType(inv, "alicloud:kms/key:Key")]) {
      expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, true, true]);
    }
    // The APIs come from the environment's service list (the bootstrap provider), not from the component.
    expect(resourcesOfType(inv, "gcp:projects/service:Service").map((r) => r.inputs.service)).toEqual(expect.arrayContaining(["cloudkms.googleapis.com", "artifactregistry.googleapis.com"]));
    expect(resourcesOfType(inv, "gcp:projects/service:Service").filter((r) => r.name.startsWith("prod-keys-"))).toEqual([]);
  });

  it("encrypts the Alibaba OSS audit bucket and both logstores with the audit key in the KMS instance", () => {
    const key = findResource(inv, "alicloud:kms/key:Key", "prod-keys-audit");
    expect(key.inputs).toMatchObject({ dkmsInstanceId: "kst-hzzacmeprod0001", rotationInterval: "7776000s", deletionProtection: "Enabled", pendingWindowInDays: 30 });
    const keyId = findResource(inv, "alicloud:kms/alias:Alias", "prod-keys-audit").inputs.keyId;
    expect(findResource(inv, "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption", "acme-lz-prod-actiontrail").inputs)
      .toMatchObject({ sseAlgorithm: "KMS", kmsMasterKeyId: keyId });
    for (const store of resourcesOfType(inv, "alicloud:log/store:Store")) {
      expect([store.name, store.inputs.encryptConf]).toEqual([store.name, {
        enable: true, encryptType: "default", userCmkInfo: { arn: "acs:ram::1234567890123456:role/prod-keys-sls", cmkKeyId: keyId, regionId: "cn-hangzhou" },
      }]);
    }
    expect(inv.findings.filter((f) => f.rule.includes("kms") || f.rule.includes("cmek"))).toEqual([]);
  });

  it("keeps the dev stack without keys (the default outside production) and staging with them", async () => {
    const dev = await plannedStackFile("Pulumi.dev.yaml");
    expect(dev.resources.filter((r) => /kms|Keys/.test(r.type))).toEqual([]);
    expect(findResource(dev, "gcp:storage/bucket:Bucket", "acme-lz-dev-dev-audit").inputs.encryption).toBeUndefined();
    const staging = parseEnvironment(readStackFile("Pulumi.staging.yaml").values);
    const plan = planConfig(readStackFile("Pulumi.staging.yaml").values);
    expect(plan.keys.gcpKeys?.plan.keys.map((k) => k.keyName)).toEqual([
      `projects/${staging.gcp!.project}/locations/europe-west1/keyRings/staging-keys/cryptoKeys/audit`,
      `projects/${staging.gcp!.project}/locations/europe-west1/keyRings/staging-keys/cryptoKeys/registry`,
    ]);
    expect(plan.keys.alicloudKeys?.plan.keys.map((k) => k.rotationInterval)).toEqual(["31536000s"]);
  });
});

describe("keys config", () => {
  it("grants only the agents the environment uses, and adds extra keys and members", () => {
    const spec = parseEnvironment(prodWith({
      audit: { ...PROD.gcp.audit, logging: { ...PROD.gcp.audit.logging, bigquery: false } },
      keys: { enabled: true, keys: { audit: { members: ["serviceAccount:siem@acme-lz-prod.iam.gserviceaccount.com"] }, app: { agents: ["storage"] } } },
    }));
    expect(gcpKeysArgs(spec).keys).toEqual({
      audit: { agents: ["storage"], members: ["serviceAccount:siem@acme-lz-prod.iam.gserviceaccount.com"] },
      registry: { agents: ["artifactregistry"] },
      app: { agents: ["storage"] },
    });
  });

  it("reports bad keys settings with their config keys, all at once", () => {
    expect(configProblems(prodWith(
      { keys: { rotationDays: 120, keyRingName: "ring with spaces", keys: { Bad: {} } } },
      { keys: { kmsInstanceId: "instance-1", pendingWindowDays: 3 } },
    ))).toEqual([
      ["LZ_KMS_ID", "landing-zone:gcp.keys.keyRingName"],
      ["LZ_KEY_ROTATION", "landing-zone:gcp.keys.rotationDays"],
      ["LZ_KEY_INVALID", "landing-zone:gcp.keys.keys.Bad"],
      ["LZ_KMS_INSTANCE_ID", "landing-zone:alicloud.keys.kmsInstanceId"],
      ["LZ_KEY_PENDING_WINDOW", "landing-zone:alicloud.keys.pendingWindowDays"],
    ]);
  });

  it("a ring in another location than the audit bucket and registry is LZ_KMS_KEY_LOCATION under gcp.keys.location, once per user", () => {
    expect(configProblems(prodWith({ keys: { location: "us" } }))).toEqual([
      ["LZ_KMS_KEY_LOCATION", "landing-zone:gcp.keys.location"],
      ["LZ_KMS_KEY_LOCATION", "landing-zone:gcp.keys.location"],
    ]);
  });

  it("Alibaba default keys (no KMS instance) take no rotation other than 365 days", () => {
    const { kmsInstanceId: _, ...rest } = PROD.alicloud.keys;
    expect(configProblems(prodWith({}, { keys: { ...rest, rotationDays: 90 } }))).toEqual([["LZ_KEY_ROTATION", "landing-zone:alicloud.keys.rotationDays"]]);
  });

  it("an EU audit bucket puts the dev ring in europe when keys are turned on", () => {
    const spec = parseEnvironment({ ...DEV, gcp: { ...DEV.gcp, keys: { enabled: true }, registry: undefined, audit: { ...DEV.gcp.audit, logging: { ...DEV.gcp.audit.logging, location: "EU" } } } });
    expect(gcpKeysArgs(spec).location).toBe("europe");
  });
});
