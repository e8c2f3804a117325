import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { GcpKeys, GcpKeysArgs, planGcpKeys } from "../../src/gcp/keys";
import { GcpLogging, planGcpLogging } from "../../src/gcp/logging";
import { GcpRegistry } from "../../src/gcp/registry";
import { Problems } from "../../src/core/errors";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: GcpKeysArgs = { project: "acme-lz-prod", location: "europe-west1", labels: { environment: "prod" } };
const RING = "projects/acme-lz-prod/locations/europe-west1/keyRings/prod-keys";
// The offline project number of acme-lz-prod (the mock's getProject answer, shared by every agent).
const N = "339725644353";
const URN = "urn:pulumi:test::landing-zone::landing-zone:index:GcpKeys$";

describe("GcpKeys children", () => {
  it("creates a ring, the audit and registry keys rotating every 90 days, and grants each agent encrypter/decrypter on its key only", async () => {
    const inv = await runOffline(() => { new GcpKeys("prod-keys", ARGS); }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "gcp:kms/cryptoKey:CryptoKey::prod-keys-audit",
      "gcp:kms/cryptoKey:CryptoKey::prod-keys-registry",
      "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::prod-keys-audit-bigquery",
      "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::prod-keys-audit-storage",
      "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::prod-keys-registry-artifactregistry",
      "gcp:kms/keyRing:KeyRing::prod-keys",
      "gcp:projects/service:Service::prod-keys-artifactregistry",
      "gcp:projects/service:Service::prod-keys-bigquery",
      "gcp:projects/service:Service::prod-keys-cloudkms",
      "gcp:projects/service:Service::prod-keys-storage",
      "gcp:projects/serviceIdentity:ServiceIdentity::prod-keys-artifactregistry-agent",
      "landing-zone:index:GcpKeys::prod-keys",
    ]);
    expect(findResource(inv, "gcp:kms/keyRing:KeyRing", "prod-keys").inputs).toEqual({ location: "europe-west1", name: "prod-keys", project: "acme-lz-prod" });
    const audit = findResource(inv, "gcp:kms/cryptoKey:CryptoKey", "prod-keys-audit");
    expect(audit.inputs).toEqual({
      destroyScheduledDuration: "2592000s",
      keyRing: RING,
      labels: { environment: "prod" },
      name: "audit",
      purpose: "ENCRYPT_DECRYPT",
      rotationPeriod: "7776000s",
      versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "SOFTWARE" },
    });
    expect([audit.protect, audit.retainOnDelete]).toEqual([false, false]);
    const grants = resourcesOfType(inv, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((r) => [r.name, r.inputs]);
    const role = "roles/cloudkms.cryptoKeyEncrypterDecrypter";
    expect(grants).toEqual([
      ["prod-keys-audit-bigquery", { cryptoKeyId: `${RING}/cryptoKeys/audit`, member: `serviceAccount:bq-${N}@bigquery-encryption.iam.gserviceaccount.com`, role }],
      ["prod-keys-audit-storage", { cryptoKeyId: `${RING}/cryptoKeys/audit`, member: `serviceAccount:service-${N}@gs-project-accounts.iam.gserviceaccount.com`, role }],
      ["prod-keys-registry-artifactregistry", { cryptoKeyId: `${RING}/cryptoKeys/registry`, member: `serviceAccount:service-${N}@gcp-sa-artifactregistry.iam.gserviceaccount.com`, role }],
    ]);
    expect(findResource(inv, "gcp:projects/serviceIdentity:ServiceIdentity", "prod-keys-artifactregistry-agent").inputs)
      .toEqual({ project: "acme-lz-prod", service: "artifactregistry.googleapis.com" });
    expect(resourcesOfType(inv, "gcp:projects/service:Service").map((r) => r.inputs.service)).toEqual([
      "artifactregistry.googleapis.com", "bigquery.googleapis.com", "cloudkms.googleapis.com", "storage.googleapis.com",
    ]);
  });

  it("in production protects, retains and deletion-prevents the ring and keys (destroying a key loses its data)", async () => {
    const inv = await runOffline(() => { new GcpKeys("prod-keys", { ...ARGS, production: true }); }, { stack: "test" });
    for (const r of [...resourcesOfType(inv, "gcp:kms/keyRing:KeyRing"), ...resourcesOfType(inv, "gcp:kms/cryptoKey:CryptoKey")]) {
      expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, true, true]);
    }
    expect(findResource(inv, "gcp:kms/cryptoKey:CryptoKey", "prod-keys-registry").inputs.deletionPolicy).toBe("PREVENT");
  });

  it("takes extra keys with members, a shorter rotation, HSM, and no default keys or services", async () => {
    const inv = await runOffline(() => {
      new GcpKeys("stg-keys", {
        ...ARGS, keyRingName: "staging-ring", defaultKeys: false, enableServices: false, rotationDays: 30,
        keys: { app: { members: ["serviceAccount:app@acme-lz-prod.iam.gserviceaccount.com"], rotationDays: 7, protectionLevel: "HSM" } },
      });
    }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "gcp:kms/cryptoKey:CryptoKey::stg-keys-app",
      "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::stg-keys-app-serviceaccount-app-acme-lz-prod-iam-gserviceaccount-com",
      "gcp:kms/keyRing:KeyRing::staging-ring",
      "landing-zone:index:GcpKeys::stg-keys",
    ]);
    expect(findResource(inv, "gcp:kms/cryptoKey:CryptoKey", "stg-keys-app").inputs).toMatchObject({
      keyRing: "projects/acme-lz-prod/locations/europe-west1/keyRings/staging-ring", rotationPeriod: "604800s",
      versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "HSM" },
    });
  });

  it("hands out key names that resolve after the grants: a consumer depends on the key and every grant on it", async () => {
    const inv = await runOffline(() => {
      const keys = new GcpKeys("prod-keys", ARGS);
      expect(keys.keyNames).toEqual({ audit: `${RING}/cryptoKeys/audit`, registry: `${RING}/cryptoKeys/registry` });
      new gcp.storage.Bucket("consumer", { location: "europe-west1", encryption: { defaultKmsKeyName: keys.readyKeyNames.audit! } });
    }, { stack: "test" });
    const bucket = findResource(inv, "gcp:storage/bucket:Bucket", "consumer");
    expect(bucket.inputs.encryption).toEqual({ defaultKmsKeyName: `${RING}/cryptoKeys/audit` });
    expect(bucket.dependencies).toEqual([
      `${URN}gcp:kms/cryptoKey:CryptoKey::prod-keys-audit`,
      `${URN}gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::prod-keys-audit-bigquery`,
      `${URN}gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::prod-keys-audit-storage`,
    ]);
  });
});

describe("GcpKeys feeding the audit bucket, BigQuery and the registry", () => {
  it("encrypts the bucket, the dataset and the repository with the ring's keys, each created after its agents' grants", async () => {
    const inv = await runOffline(() => {
      const keys = new GcpKeys("prod-keys", ARGS);
      new GcpLogging("prod-audit", { project: "acme-lz-prod", location: "europe-west1", bigquery: true, kmsKeyName: keys.readyKeyNames.audit });
      new GcpRegistry("prod-registry", { project: "acme-lz-prod", location: "europe-west1", robot: false, enableServices: false, kmsKeyName: keys.readyKeyNames.registry });
    }, { stack: "test" });
    const grant = (n: string) => `${URN}gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::${n}`;
    const bucket = findResource(inv, "gcp:storage/bucket:Bucket", "acme-lz-prod-prod-audit");
    expect(bucket.inputs.encryption).toEqual({ defaultKmsKeyName: `${RING}/cryptoKeys/audit` });
    expect(bucket.dependencies).toEqual(expect.arrayContaining([grant("prod-keys-audit-storage"), grant("prod-keys-audit-bigquery")]));
    const dataset = findResource(inv, "gcp:bigquery/dataset:Dataset", "prod-audit-bq");
    expect(dataset.inputs.defaultEncryptionConfiguration).toEqual({ kmsKeyName: `${RING}/cryptoKeys/audit` });
    expect(dataset.dependencies).toEqual(expect.arrayContaining([grant("prod-keys-audit-bigquery")]));
    const repo = findResource(inv, "gcp:artifactregistry/repository:Repository", "prod-registry");
    expect(repo.inputs.kmsKeyName).toBe(`${RING}/cryptoKeys/registry`);
    expect(repo.dependencies).toEqual(expect.arrayContaining([grant("prod-keys-registry-artifactregistry")]));
  });

  it("checks a plain key name against the audit bucket's location: EU takes a key in europe, not in us", () => {
    const run = (location: string, key: string) => {
      const p = new Problems();
      planGcpLogging("prod-audit", { project: "acme-lz-prod", location, kmsKeyName: key }, "L", p);
      return p.items.map((i) => [i.code, i.path]);
    };
    expect(run("EU", "projects/p/locations/europe/keyRings/r/cryptoKeys/audit")).toEqual([]);
    expect(run("EU", "projects/p/locations/us/keyRings/r/cryptoKeys/audit")).toEqual([["LZ_KMS_KEY_LOCATION", "L.kmsKeyName"]]);
    expect(run("europe-west1", `${RING}/cryptoKeys/audit`)).toEqual([]);
  });
});

describe("GcpKeys bad input", () => {
  it("reports every problem with its code and path, registering nothing", async () => {
    expect(await componentProblems(() => new GcpKeys("prod-keys", {
      project: "Acme", location: "Europe West", keyRingName: "ring/1", rotationDays: 365, protectionLevel: "EXTERNAL" as never,
      keys: { App: {}, db: { rotationDays: 0, agents: ["pubsub" as never], members: ["allUsers"] } },
    }))).toEqual([
      ["LZ_KMS_PROJECT", "GcpKeys args.project"],
      ["LZ_KMS_LOCATION", "GcpKeys args.location"],
      ["LZ_KMS_ID", "GcpKeys args.keyRingName"],
      ["LZ_KEY_ROTATION", "GcpKeys args.rotationDays"],
      ["LZ_KMS_PROTECTION_LEVEL", "GcpKeys args.protectionLevel"],
      ["LZ_KEY_INVALID", "GcpKeys args.keys.App"],
      ["LZ_KEY_ROTATION", "GcpKeys args.keys.db.rotationDays"],
      ["LZ_KMS_AGENT", "GcpKeys args.keys.db.agents[0]"],
      ["LZ_MEMBER_PUBLIC", "GcpKeys args.keys.db.members[0]"],
    ]);
  });

  it("a ring without keys is LZ_KMS_NO_KEYS; a 91-day rotation is LZ_KEY_ROTATION; 90 passes", () => {
    const run = (args: GcpKeysArgs) => {
      const p = new Problems();
      planGcpKeys("prod-keys", args, "K", p);
      return p.items.map((i) => [i.code, i.path]);
    };
    expect(run({ ...ARGS, defaultKeys: false })).toEqual([["LZ_KMS_NO_KEYS", "K.keys"]]);
    expect(run({ ...ARGS, rotationDays: 91 })).toEqual([["LZ_KEY_ROTATION", "K.rotationDays"]]);
    expect(run({ ...ARGS, rotationDays: 90, location: "europe" })).toEqual([]);
  });
});
