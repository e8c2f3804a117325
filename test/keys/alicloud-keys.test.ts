import { describe, expect, it } from "vitest";
import { AlicloudKeys, AlicloudKeysArgs, planAlicloudKeys } from "../../src/alicloud/keys";
import { AlicloudLogging } from "../../src/alicloud/logging";
import { Problems } from "../../src/core/errors";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: AlicloudKeysArgs = { region: "cn-hangzhou", tags: { environment: "prod" } };
const ACCOUNT = "1234567890123456";

describe("AlicloudKeys children", () => {
  it("creates a rotating audit key with an alias, and a role SLS assumes that may use only that key", async () => {
    const inv = await runOffline(() => { new AlicloudKeys("prod-keys", { ...ARGS, kmsInstanceId: "kst-hzz65f1b2c3d4e5" }); }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "alicloud:kms/alias:Alias::prod-keys-audit",
      "alicloud:kms/key:Key::prod-keys-audit",
      "alicloud:ram/policy:Policy::prod-keys-sls",
      "alicloud:ram/role:Role::prod-keys-sls",
      "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment::prod-keys-sls",
      "landing-zone:index:AlicloudKeys::prod-keys",
    ]);
    const key = findResource(inv, "alicloud:kms/key:Key", "prod-keys-audit");
    expect(key.inputs).toEqual({
      automaticRotation: "Enabled",
      deletionProtection: "Disabled",
      description: "prod-keys audit key",
      dkmsInstanceId: "kst-hzz65f1b2c3d4e5",
      keySpec: "Aliyun_AES_256",
      keyUsage: "ENCRYPT/DECRYPT",
      origin: "Aliyun_KMS",
      pendingWindowInDays: 30,
      protectionLevel: "SOFTWARE",
      rotationInterval: "7776000s",
      status: "Enabled",
      tags: { environment: "prod" },
    });
    expect([key.protect, key.retainOnDelete]).toEqual([false, false]);
    const keyId = (findResource(inv, "alicloud:kms/alias:Alias", "prod-keys-audit").inputs.keyId as string);
    expect(findResource(inv, "alicloud:kms/alias:Alias", "prod-keys-audit").inputs).toEqual({ aliasName: "alias/prod-keys-audit", keyId });
    expect(JSON.parse(findResource(inv, "alicloud:ram/role:Role", "prod-keys-sls").inputs.assumeRolePolicyDocument as string)).toEqual({
      Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["log.aliyuncs.com"] } }],
    });
    expect(JSON.parse(findResource(inv, "alicloud:ram/policy:Policy", "prod-keys-sls").inputs.policyDocument as string)).toEqual({
      Version: "1",
      Statement: [{
        Effect: "Allow",
        Action: ["kms:DescribeKey", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"],
        Resource: [`acs:kms:cn-hangzhou:${ACCOUNT}:key/${keyId}`],
      }],
    });
  });

  it("without a KMS instance makes default keys rotating every 365 days; production turns deletion protection on and protects the key", async () => {
    const inv = await runOffline(() => { new AlicloudKeys("prod-keys", { ...ARGS, production: true, pendingWindowDays: 60, logServiceRole: false }); }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:ram/role:Role")).toEqual([]);
    const key = findResource(inv, "alicloud:kms/key:Key", "prod-keys-audit");
    expect(key.inputs).toMatchObject({ rotationInterval: "31536000s", pendingWindowInDays: 60, deletionProtection: "Enabled", automaticRotation: "Enabled" });
    expect(key.inputs.dkmsInstanceId).toBeUndefined();
    expect([key.protect, key.retainOnDelete]).toEqual([true, true]);
  });

  it("feeds AlicloudLogging: SSE-KMS on the OSS bucket, BYOK logstores through the SLS role, and the trail role may use the key", async () => {
    const inv = await runOffline(() => {
      const keys = new AlicloudKeys("prod-keys", { ...ARGS, kmsInstanceId: "kst-hzz65f1b2c3d4e5" });
      new AlicloudLogging("prod-audit", { region: "cn-hangzhou", oss: true, flowLogVpcId: "vpc-123", kmsKeyId: keys.keyIds.audit, kmsRoleArn: keys.logServiceRoleArn });
    }, { stack: "test" });
    const keyId = findResource(inv, "alicloud:kms/alias:Alias", "prod-keys-audit").inputs.keyId as string;
    const cmk = { enable: true, encryptType: "default", userCmkInfo: { arn: `acs:ram::${ACCOUNT}:role/prod-keys-sls`, cmkKeyId: keyId, regionId: "cn-hangzhou" } };
    for (const store of resourcesOfType(inv, "alicloud:log/store:Store")) expect([store.name, store.inputs.encryptConf]).toEqual([store.name, cmk]);
    const trailStore = findResource(inv, "alicloud:log/store:Store", "prod-audit-actiontrail");
    expect(trailStore.dependencies).toContain("urn:pulumi:test::landing-zone::landing-zone:index:AlicloudKeys$alicloud:ram/rolePolicyAttachment:RolePolicyAttachment::prod-keys-sls");
    expect(findResource(inv, "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption", "prod-audit-oss").inputs)
      .toEqual({ bucket: "prod-audit-oss", kmsMasterKeyId: keyId, sseAlgorithm: "KMS" });
    const policy = JSON.parse(findResource(inv, "alicloud:ram/policy:Policy", "prod-audit-actiontrail").inputs.policyDocument as string);
    expect(policy.Statement.at(-1)).toEqual({ Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: [`acs:kms:cn-hangzhou:${ACCOUNT}:key/${keyId}`] });
  });
});

describe("AlicloudKeys bad input", () => {
  it("reports every problem with its code and path, registering nothing", async () => {
    expect(await componentProblems(() => new AlicloudKeys("prod-keys", {
      region: "cn-hangzhou", kmsInstanceId: "instance-1", rotationDays: 120, pendingWindowDays: 400, tags: { aliyun: "x" },
      keys: { "Bad Key": {}, app: { rotationDays: 3 } },
    }))).toEqual([
      ["LZ_KMS_INSTANCE_ID", "AlicloudKeys args.kmsInstanceId"],
      ["LZ_KEY_ROTATION", "AlicloudKeys args.rotationDays"],
      ["LZ_KEY_PENDING_WINDOW", "AlicloudKeys args.pendingWindowDays"],
      ["LZ_TAG_KEY_RESERVED", "AlicloudKeys args.tags.aliyun"],
      ["LZ_KEY_INVALID", "AlicloudKeys args.keys.Bad Key"],
      ["LZ_KEY_ROTATION", "AlicloudKeys args.keys.app.rotationDays"],
    ]);
  });

  it("default keys take only a 365-day rotation; no keys at all is LZ_KMS_NO_KEYS; a long name breaks the RAM role name limit", () => {
    const run = (name: string, args: AlicloudKeysArgs) => {
      const p = new Problems();
      planAlicloudKeys(name, args, "K", p);
      return p.items.map((i) => [i.code, i.path]);
    };
    expect(run("prod-keys", { ...ARGS, rotationDays: 90 })).toEqual([["LZ_KEY_ROTATION", "K.rotationDays"]]);
    expect(run("prod-keys", { ...ARGS, rotationDays: 365 })).toEqual([]);
    expect(run("prod-keys", { ...ARGS, defaultKeys: false })).toEqual([["LZ_KMS_NO_KEYS", "K.keys"]]);
    expect(run("k".repeat(61), ARGS)).toEqual([["LZ_NAME_TOO_LONG", "K.name"]]);
  });

  it("AlicloudLogging refuses an SLS key role without a key", async () => {
    expect(await componentProblems(() => new AlicloudLogging("prod-audit", { region: "cn-hangzhou", kmsRoleArn: "acs:ram::1:role/x" })))
      .toEqual([["LZ_SLS_KMS_ROLE", "AlicloudLogging args.kmsRoleArn"]]);
  });
});
