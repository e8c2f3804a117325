import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { ramPolicyDocument } from "../core/personas";
import { keepInProduction } from "../resource-options";
import { ALICLOUD_SLS_KMS_ACTIONS, AlicloudKeysArgs, AlicloudKeysPlan, validatedAlicloudKeys } from "./keys-plan";
import { ramTrustPolicy } from "./trust";

export * from "./keys-plan";

/**
 * Symmetric KMS keys (`Aliyun_AES_256`, `ENCRYPT/DECRYPT`) owned by the landing zone, with
 * automatic rotation, an alias each, a pending-deletion window and, in production, deletion
 * protection. Keys sit in a KMS instance when `kmsInstanceId` is given (rotation 7–90 days),
 * else they are default keys (rotation every 365 days, the only period Alibaba offers them).
 * A RAM role that Simple Log Service assumes (`log.aliyuncs.com`) may use the keys marked
 * `logService`, for logstore BYOK encryption; OSS needs no role (the writer's own RAM
 * permissions on the key apply).
 */
export class AlicloudKeys extends pulumi.ComponentResource {
  /** Keys by key name (`audit`, …). */
  readonly keys: Record<string, alicloud.kms.Key>;
  /** Key ids by key name. */
  readonly keyIds: Record<string, pulumi.Output<string>>;
  /** The role Simple Log Service assumes to use the keys, when there is one. */
  readonly logServiceRole?: alicloud.ram.Role;
  /** The SLS role's ARN, resolving once its policy is attached (pass it as `AlicloudLogging.kmsRoleArn`). */
  readonly logServiceRoleArn?: pulumi.Output<string>;
  readonly plan: AlicloudKeysPlan;

  constructor(name: string, args: AlicloudKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validatedAlicloudKeys(name, args);
    super("landing-zone:index:AlicloudKeys", name, args, opts);
    this.plan = plan;
    const production = args.production === true;
    const keep = keepInProduction(this, production);
    const tags = { ...args.tags };

    this.keys = {};
    this.keyIds = {};
    for (const k of plan.keys) {
      const key = new alicloud.kms.Key(k.resourceName, {
        description: k.description,
        dkmsInstanceId: args.kmsInstanceId,
        keySpec: "Aliyun_AES_256",
        keyUsage: "ENCRYPT/DECRYPT",
        origin: "Aliyun_KMS",
        protectionLevel: "SOFTWARE",
        automaticRotation: "Enabled",
        rotationInterval: k.rotationInterval,
        pendingWindowInDays: plan.pendingWindowDays,
        deletionProtection: production ? "Enabled" : "Disabled",
        deletionProtectionDescription: production ? "Landing zone key: data encrypted with it is lost when it is deleted" : undefined,
        status: "Enabled",
        tags,
      }, keep);
      new alicloud.kms.Alias(k.resourceName, { aliasName: k.aliasName, keyId: key.id }, { parent: this });
      this.keys[k.key] = key;
      this.keyIds[k.key] = key.id;
    }

    if (plan.logServiceRoleName !== undefined) {
      const roleName = plan.logServiceRoleName;
      this.logServiceRole = new alicloud.ram.Role(roleName, {
        roleName,
        description: "Assumed by Simple Log Service to encrypt logstores with the landing zone's keys",
        assumeRolePolicyDocument: ramTrustPolicy({ services: ["log.aliyuncs.com"] }),
        tags,
      }, keep);
      const arns = plan.keys.filter((k) => k.logService).map((k) => this.keys[k.key]!.arn);
      const policy = new alicloud.ram.Policy(roleName, {
        policyName: roleName,
        description: "Use of the landing zone's log keys by Simple Log Service",
        policyDocument: pulumi.all(arns).apply((resources) => ramPolicyDocument([{ effect: "Allow", actions: ALICLOUD_SLS_KMS_ACTIONS, resources }])),
        tags,
      }, keep);
      const attachment = new alicloud.ram.RolePolicyAttachment(roleName, {
        roleName: this.logServiceRole.roleName,
        policyName: policy.policyName,
        policyType: "Custom",
      }, keep);
      this.logServiceRoleArn = pulumi.all([this.logServiceRole.arn, attachment.id]).apply(([arn]) => arn);
    }

    this.registerOutputs({ keyIds: this.keyIds, logServiceRoleArn: this.logServiceRoleArn });
  }
}
