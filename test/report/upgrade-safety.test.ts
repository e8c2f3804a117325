import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import type { Inventory } from "../../src/offline/inventory";
import { plannedStackFile } from "../stack-plans";

/**
 * Stateful resource types: deleting or replacing one loses data (logs, images, keys). In
 * production each must be `protect: true` (Pulumi refuses to delete it) and
 * `retainOnDelete: true` (a removal from the program leaves it in the cloud).
 */
export const STATEFUL_TYPES: readonly string[] = [
  "gcp:storage/bucket:Bucket",
  "gcp:bigquery/dataset:Dataset",
  "gcp:artifactregistry/repository:Repository",
  "gcp:kms/keyRing:KeyRing",
  "gcp:kms/cryptoKey:CryptoKey",
  "gcp:logging/projectBucketConfig:ProjectBucketConfig",
  "alicloud:log/project:Project",
  "alicloud:log/store:Store",
  "alicloud:oss/bucket:Bucket",
  "alicloud:kms/key:Key",
  "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance",
  "alicloud:cr/namespace:Namespace",
  "alicloud:cr/repo:Repo",
  "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace",
  "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo",
];

describe("upgrade safety of the prod stack", () => {
  let inv: Inventory;
  beforeAll(async () => {
    inv = await plannedStackFile(path.join(__dirname, "..", "..", "Pulumi.prod.yaml"));
  });

  it("plans stateful resources: audit storage on both clouds, and the registries the stack file asks for", () => {
    const types = new Set(inv.resources.filter((r) => STATEFUL_TYPES.includes(r.type)).map((r) => r.type));
    for (const t of ["gcp:storage/bucket:Bucket", "gcp:bigquery/dataset:Dataset", "alicloud:log/project:Project", "alicloud:log/store:Store", "alicloud:oss/bucket:Bucket"]) {
      expect(types, t).toContain(t);
    }
    const values = readStackFile(path.join(__dirname, "..", "..", "Pulumi.prod.yaml")).values as { gcp?: { registry?: unknown }; alicloud?: { registry?: unknown } };
    if (values.gcp?.registry !== undefined) expect(types).toContain("gcp:artifactregistry/repository:Repository");
    if (values.alicloud?.registry !== undefined) {
      expect([...types].some((t) => /^alicloud:(cr|cs)\//.test(t)), "an Alibaba Container Registry namespace or repository").toBe(true);
    }
  });

  it("protects and retains every stateful resource", () => {
    const unprotected = inv.resources
      .filter((r) => STATEFUL_TYPES.includes(r.type) && !(r.protect && r.retainOnDelete))
      .map((r) => `${r.urn} (protect: ${r.protect}, retainOnDelete: ${r.retainOnDelete})`);
    expect(unprotected).toEqual([]);
  });

});

describe("the dev stack", () => {
  it("stays disposable: no stateful resource is protected", async () => {
    const dev = await plannedStackFile(path.join(__dirname, "..", "..", "Pulumi.dev.yaml"));
    const stateful = dev.resources.filter((r) => STATEFUL_TYPES.includes(r.type));
    expect(stateful.length).toBeGreaterThan(0);
    expect(stateful.filter((r) => r.protect).map((r) => r.urn)).toEqual([]);
  });
});
