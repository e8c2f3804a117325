import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { ramPolicyDocument, RamStatement } from "../core/personas";
import { ramTrustPolicy } from "./trust";
import { keepInProduction } from "../resource-options";
import { AlicloudLoggingArgs, ALICLOUD_LOGGING_DEFAULTS, ALICLOUD_LOGSTORES, ALICLOUD_OSS_KMS_WRITER_ACTIONS, AlicloudLoggingPlan, planAlicloudLogging } from "./logging-plan";

export * from "./logging-plan";

/**
 * An ActionTrail trail (all regions, read and write events) delivering to an SLS project and
 * logstore with retention, and optionally to an OSS bucket (private ACL, versioning, SSE, WORM
 * in production); with `kmsKeyId` the bucket uses SSE-KMS and (with `kmsRoleArn`) the logstores BYOK; a least-privilege RAM role ActionTrail assumes to write there; VPC flow logs
 * into the same SLS project. In production the audit storage is protected and retained.
 */
export class AlicloudLogging extends pulumi.ComponentResource {
  readonly slsProject: alicloud.log.Project;
  readonly trailStore: alicloud.log.Store;
  readonly trail: alicloud.actiontrail.Trail;
  readonly role: alicloud.ram.Role;
  readonly bucket?: alicloud.oss.Bucket;
  readonly flowLog?: alicloud.vpc.FlowLog;
  readonly slsProjectName: pulumi.Output<string>;
  readonly trailName: pulumi.Output<string>;
  readonly plan: AlicloudLoggingPlan;

  constructor(name: string, args: AlicloudLoggingArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validated("AlicloudLogging", planAlicloudLogging, name, args);
    super("landing-zone:index:AlicloudLogging", name, args, opts);
    this.plan = plan;
    const production = args.production === true;
    const tags = { ...args.tags };
    const keep = keepInProduction(this, production);
    const account = alicloud.getCallerIdentityOutput({ parent: this });

    this.slsProject = new alicloud.log.Project(plan.slsProjectName, {
      projectName: plan.slsProjectName,
      description: "Landing zone audit logs (ActionTrail, VPC flow logs)",
      tags,
    }, keep);
    // Logstores: SLS service keys, or BYOK with the landing zone's key through the SLS role.
    // Fixed at creation: SLS refuses to switch an existing logstore between the two.
    const encryptConf = args.kmsKeyId !== undefined && args.kmsRoleArn !== undefined
      ? { enable: true, encryptType: "default", userCmkInfo: { cmkKeyId: args.kmsKeyId, arn: args.kmsRoleArn, regionId: args.region } }
      : { enable: true, encryptType: "default" };
    this.trailStore = new alicloud.log.Store(nameOf(name, ALICLOUD_LOGSTORES.trail), {
      projectName: this.slsProject.projectName,
      logstoreName: plan.trailStoreName,
      retentionPeriod: args.retentionDays ?? ALICLOUD_LOGGING_DEFAULTS.retentionDays,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
      appendMeta: true,
      encryptConf,
    }, keep);

    const slsProjectArn = pulumi.interpolate`acs:log:${args.region}:${account.accountId}:project/${this.slsProject.projectName}`;
    // The actions of AliyunActionTrailDeliveryPolicy, scoped to this project, its trail logstore and bucket.
    const project = `acs:log:*:*:project/${plan.slsProjectName}`;
    const statements: RamStatement[] = [
      { effect: "Allow", actions: ["log:GetProject"], resources: [project] },
      {
        effect: "Allow",
        actions: ["log:PostLogStoreLogs", "log:CreateLogstore", "log:GetLogstore", "log:CreateIndex", "log:UpdateIndex", "log:GetIndex", "log:GetLogStoreLogs"],
        resources: [`${project}/logstore/${plan.trailStoreName}`],
      },
      { effect: "Allow", actions: ["log:CreateDashboard", "log:UpdateDashboard"], resources: [`${project}/dashboard/*`] },
      { effect: "Allow", actions: ["log:CreateSavedSearch", "log:UpdateSavedSearch"], resources: [`${project}/savedsearch/actiontrail_*`] },
    ];
    if (plan.ossBucketName !== undefined) {
      const bucketName = plan.ossBucketName;
      this.bucket = new alicloud.oss.Bucket(bucketName, {
        bucket: bucketName,
        storageClass: "Standard",
        redundancyType: "ZRS",
        forceDestroy: false,
        tags,
      }, { ...keep, ignoreChanges: ["acl", "versioning", "serverSideEncryptionRule"] });
      new alicloud.oss.BucketAcl(bucketName, { bucket: this.bucket.bucket, acl: "private" }, { parent: this });
      // OSS refuses versioning on a bucket with a WORM retention policy (and the reverse); WORM
      // already blocks every overwrite and delete, so production has WORM and no versioning.
      if (!production) new alicloud.oss.BucketVersioning(bucketName, { bucket: this.bucket.bucket, status: "Enabled" }, { parent: this });
      new alicloud.oss.BucketServerSideEncryption(bucketName, args.kmsKeyId === undefined
        ? { bucket: this.bucket.bucket, sseAlgorithm: "AES256" }
        : { bucket: this.bucket.bucket, sseAlgorithm: "KMS", kmsMasterKeyId: args.kmsKeyId }, { parent: this });
      new alicloud.oss.BucketPublicAccessBlock(bucketName, { bucket: this.bucket.bucket, blockPublicAccess: true }, { parent: this });
      if (production) {
        new alicloud.oss.BucketWorm(bucketName, {
          bucket: this.bucket.bucket,
          retentionPeriodInDays: args.retentionDays ?? ALICLOUD_LOGGING_DEFAULTS.retentionDays,
          status: "Locked",
        }, keep);
      }
      statements.push({
        effect: "Allow",
        actions: ["oss:PutObject", "oss:GetBucketInfo", "oss:GetBucketLifecycle", "oss:GetBucketLocation"],
        resources: [`acs:oss:*:*:${bucketName}`, `acs:oss:*:*:${bucketName}/*`],
      });
    }
    // Writing to an SSE-KMS bucket takes the writer's own permission to use the key.
    const kmsKeyArn = args.kmsKeyId !== undefined && plan.ossBucketName !== undefined
      ? pulumi.interpolate`acs:kms:${args.region}:${account.accountId}:key/${args.kmsKeyId}` : undefined;

    this.role = new alicloud.ram.Role(plan.roleName, {
      roleName: plan.roleName,
      description: "Assumed by ActionTrail to deliver audit events",
      assumeRolePolicyDocument: ramTrustPolicy({ services: ["actiontrail.aliyuncs.com"] }),
      tags,
    }, keep);
    const policy = new alicloud.ram.Policy(plan.roleName, {
      policyName: plan.roleName,
      description: "Write access to the landing zone's audit log destinations only",
      policyDocument: kmsKeyArn === undefined ? ramPolicyDocument(statements)
        : kmsKeyArn.apply((arn) => ramPolicyDocument([...statements, { effect: "Allow", actions: ALICLOUD_OSS_KMS_WRITER_ACTIONS, resources: [arn] }])),
      tags,
    }, keep);
    const attachment = new alicloud.ram.RolePolicyAttachment(plan.roleName, {
      roleName: this.role.roleName,
      policyName: policy.policyName,
      policyType: "Custom",
    }, keep);

    // The trail, its role and the flow log are the audit pipeline: protected and retained in production too.
    this.trail = new alicloud.actiontrail.Trail(plan.trailName, {
      trailName: plan.trailName,
      trailRegion: "All",
      eventRw: "All",
      status: "Enable",
      slsProjectArn,
      slsWriteRoleArn: this.role.arn,
      ossBucketName: this.bucket?.bucket,
      ossKeyPrefix: this.bucket ? "actiontrail" : undefined,
      ossWriteRoleArn: this.bucket ? this.role.arn : undefined,
    }, { ...keep, dependsOn: [attachment, this.trailStore] });

    if (args.flowLogVpcId !== undefined) {
      const flowStore = new alicloud.log.Store(nameOf(name, ALICLOUD_LOGSTORES.flow), {
        projectName: this.slsProject.projectName,
        logstoreName: ALICLOUD_LOGSTORES.flow,
        retentionPeriod: args.flowLogRetentionDays ?? ALICLOUD_LOGGING_DEFAULTS.flowLogRetentionDays,
        shardCount: 2,
        autoSplit: true,
        maxSplitShardCount: 64,
        encryptConf,
      }, keep);
      this.flowLog = new alicloud.vpc.FlowLog(nameOf(name, "vpc-flow"), {
        flowLogName: nameOf(name, "vpc-flow"),
        description: "All traffic of the landing zone VPC",
        resourceType: "VPC",
        resourceId: args.flowLogVpcId,
        trafficType: "All",
        aggregationInterval: "10",
        status: "Active",
        projectName: this.slsProject.projectName,
        logStoreName: flowStore.logstoreName,
        tags,
      }, keep);
    }

    this.slsProjectName = this.slsProject.projectName;
    this.trailName = this.trail.trailName;
    this.registerOutputs({ slsProjectName: this.slsProjectName, trailName: this.trailName });
  }
}
