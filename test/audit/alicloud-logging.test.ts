import { describe, expect, it } from "vitest";
import { AlicloudLogging } from "../../src/alicloud/logging";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const TAGS = { environment: "prod" };
const ROLE_ARN = "acs:ram::1234567890123456:role/prod-audit-actiontrail";

describe("AlicloudLogging children", () => {
  it("delivers an all-region read/write trail to SLS and OSS through its own role, with WORM and protection in production", async () => {
    const inv = await runOffline(() => {
      new AlicloudLogging("prod-audit", { region: "cn-hangzhou", production: true, oss: true, retentionDays: 400, flowLogVpcId: "vpc-123", tags: TAGS });
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:actiontrail/trail:Trail", "prod-audit-trail").inputs).toEqual({
      eventRw: "All",
      ossBucketName: "prod-audit-oss",
      ossKeyPrefix: "actiontrail",
      ossWriteRoleArn: ROLE_ARN,
      slsProjectArn: "acs:log:cn-hangzhou:1234567890123456:project/prod-audit-sls",
      slsWriteRoleArn: ROLE_ARN,
      status: "Enable",
      trailName: "prod-audit-trail",
      trailRegion: "All",
    });
    expect(findResource(inv, "alicloud:log/project:Project", "prod-audit-sls").inputs).toEqual({
      description: "Landing zone audit logs (ActionTrail, VPC flow logs)", projectName: "prod-audit-sls", tags: TAGS,
    });
    expect(findResource(inv, "alicloud:log/store:Store", "prod-audit-actiontrail").inputs).toEqual({
      appendMeta: true, autoSplit: true, encryptConf: { enable: true, encryptType: "default" }, logstoreName: "actiontrail_prod-audit-trail",
      maxSplitShardCount: 64, projectName: "prod-audit-sls", retentionPeriod: 400, shardCount: 2,
    });
    const bucket = findResource(inv, "alicloud:oss/bucket:Bucket", "prod-audit-oss");
    expect(bucket.inputs).toEqual({ bucket: "prod-audit-oss", forceDestroy: false, redundancyType: "ZRS", storageClass: "Standard", tags: TAGS });
    expect(bucket.options).toEqual({ ignoreChanges: ["acl", "serverSideEncryptionRule", "versioning"] });
    expect(findResource(inv, "alicloud:oss/bucketAcl:BucketAcl", "prod-audit-oss").inputs).toEqual({ acl: "private", bucket: "prod-audit-oss" });
    // WORM and versioning are mutually exclusive on OSS: production keeps WORM only.
    expect(inv.resources.filter((r) => r.type === "alicloud:oss/bucketVersioning:BucketVersioning")).toEqual([]);
    expect(findResource(inv, "alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption", "prod-audit-oss").inputs).toEqual({ bucket: "prod-audit-oss", sseAlgorithm: "AES256" });
    expect(findResource(inv, "alicloud:oss/bucketWorm:BucketWorm", "prod-audit-oss").inputs).toEqual({ bucket: "prod-audit-oss", retentionPeriodInDays: 400, status: "Locked" });
    for (const [type, name] of [
      ["alicloud:log/project:Project", "prod-audit-sls"], ["alicloud:log/store:Store", "prod-audit-actiontrail"],
      ["alicloud:oss/bucket:Bucket", "prod-audit-oss"], ["alicloud:oss/bucketWorm:BucketWorm", "prod-audit-oss"],
    ] as const) {
      const r = findResource(inv, type, name);
      expect([name, r.protect, r.retainOnDelete]).toEqual([name, true, true]);
    }
    const role = findResource(inv, "alicloud:ram/role:Role", "prod-audit-actiontrail");
    expect(JSON.parse(String(role.inputs.assumeRolePolicyDocument))).toEqual({
      Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["actiontrail.aliyuncs.com"] } }],
    });
    expect(JSON.parse(String(findResource(inv, "alicloud:ram/policy:Policy", "prod-audit-actiontrail").inputs.policyDocument))).toEqual({
      Version: "1",
      Statement: [
        // AliyunActionTrailDeliveryPolicy's actions, scoped to this project, its trail logstore and bucket.
        { Effect: "Allow", Action: ["log:GetProject"], Resource: ["acs:log:*:*:project/prod-audit-sls"] },
        {
          Effect: "Allow",
          Action: ["log:PostLogStoreLogs", "log:CreateLogstore", "log:GetLogstore", "log:CreateIndex", "log:UpdateIndex", "log:GetIndex", "log:GetLogStoreLogs"],
          Resource: ["acs:log:*:*:project/prod-audit-sls/logstore/actiontrail_prod-audit-trail"],
        },
        { Effect: "Allow", Action: ["log:CreateDashboard", "log:UpdateDashboard"], Resource: ["acs:log:*:*:project/prod-audit-sls/dashboard/*"] },
        { Effect: "Allow", Action: ["log:CreateSavedSearch", "log:UpdateSavedSearch"], Resource: ["acs:log:*:*:project/prod-audit-sls/savedsearch/actiontrail_*"] },
        {
          Effect: "Allow",
          Action: ["oss:PutObject", "oss:GetBucketInfo", "oss:GetBucketLifecycle", "oss:GetBucketLocation"],
          Resource: ["acs:oss:*:*:prod-audit-oss", "acs:oss:*:*:prod-audit-oss/*"],
        },
      ],
    });
    expect(findResource(inv, "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", "prod-audit-actiontrail").inputs).toEqual({
      policyName: "prod-audit-actiontrail", policyType: "Custom", roleName: "prod-audit-actiontrail",
    });
    expect(findResource(inv, "alicloud:vpc/flowLog:FlowLog", "prod-audit-vpc-flow").inputs).toEqual({
      aggregationInterval: "10", description: "All traffic of the landing zone VPC", flowLogName: "prod-audit-vpc-flow",
      logStoreName: "vpc-flow-logs", projectName: "prod-audit-sls", resourceId: "vpc-123", resourceType: "VPC", status: "Active", tags: TAGS, trafficType: "All",
    });
    expect(findResource(inv, "alicloud:log/store:Store", "prod-audit-vpc-flow-logs").inputs.retentionPeriod).toBe(30);
  });

  it("outside production, an OSS copy is versioned instead of WORM-locked", async () => {
    const inv = await runOffline(() => {
      new AlicloudLogging("dev-audit", { region: "cn-hangzhou", oss: true, tags: TAGS });
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:oss/bucketVersioning:BucketVersioning", "dev-audit-oss").inputs).toEqual({ bucket: "dev-audit-oss", status: "Enabled" });
    expect(resourcesOfType(inv, "alicloud:oss/bucketWorm:BucketWorm")).toEqual([]);
  });

  it("outside production: SLS only, nothing protected, no WORM", async () => {
    const inv = await runOffline(() => { new AlicloudLogging("dev-audit", { region: "cn-hangzhou", retentionDays: 30, slsProjectName: "acme-dev-audit" }); }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "alicloud:actiontrail/trail:Trail::dev-audit-trail",
      "alicloud:log/project:Project::acme-dev-audit",
      "alicloud:log/store:Store::dev-audit-actiontrail",
      "alicloud:ram/policy:Policy::dev-audit-actiontrail",
      "alicloud:ram/role:Role::dev-audit-actiontrail",
      "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment::dev-audit-actiontrail",
      "landing-zone:index:AlicloudLogging::dev-audit",
    ]);
    expect(inv.resources.filter((r) => r.protect || r.retainOnDelete)).toEqual([]);
    const trail = findResource(inv, "alicloud:actiontrail/trail:Trail", "dev-audit-trail").inputs;
    expect([trail.ossBucketName, trail.ossWriteRoleArn]).toEqual([undefined, undefined]);
    expect(resourcesOfType(inv, "alicloud:oss/bucketWorm:BucketWorm")).toEqual([]);
  });

  it("rejects a production retention under 365 days, out-of-range retention and bad names together", async () => {
    expect(await componentProblems(() => new AlicloudLogging("prod-audit", {
      region: "cn-hangzhou", production: true, retentionDays: 180, flowLogRetentionDays: 0, slsProjectName: "Audit_Logs", oss: true, ossBucketName: "-x",
    }))).toEqual([
      ["LZ_SLS_PROJECT_NAME", "AlicloudLogging args.slsProjectName"],
      ["LZ_AUDIT_RETENTION_TOO_SHORT", "AlicloudLogging args.retentionDays"],
      ["LZ_AUDIT_RETENTION_RANGE", "AlicloudLogging args.flowLogRetentionDays"],
      ["LZ_OSS_BUCKET_NAME", "AlicloudLogging args.ossBucketName"],
    ]);
  });

  it("rejects a component name whose trail logstore (actiontrail_<trail>) SLS would refuse", async () => {
    expect(await componentProblems(() => new AlicloudLogging("Prod-Audit", { region: "cn-hangzhou", slsProjectName: "prod-audit-sls" }))).toEqual([
      ["LZ_SLS_LOGSTORE_NAME", "AlicloudLogging args.name"],
    ]);
  });
});
