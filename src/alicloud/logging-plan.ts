import type * as pulumi from "@pulumi/pulumi";
import { checkAuditRetention, checkRetentionRange } from "../core/audit";
import { joinPath, Problems } from "../core/errors";
import { checkAlicloudName, nameOf } from "../core/naming";
import { checkAlicloudTags } from "./tags";

export interface AlicloudLoggingArgs {
  /** Region of the SLS project and OSS bucket, e.g. `cn-hangzhou`. */
  readonly region: string;
  /** SLS project name (globally unique, 3–63 lowercase letters, digits, `-`). @default "<component name>-sls" */
  readonly slsProjectName?: string;
  /** Days the ActionTrail logstore keeps events; production needs ≥ 365. @default 365 */
  readonly retentionDays?: number;
  /** Also deliver events to an OSS bucket (versioned, encrypted, private; WORM in production). @default false */
  readonly oss?: boolean;
  /** OSS bucket name (global, 3–63). @default "<component name>-oss" */
  readonly ossBucketName?: string;
  /** VPC whose flow logs go to SLS. @default none (no flow log) */
  readonly flowLogVpcId?: pulumi.Input<string>;
  /** Days the flow-log logstore keeps records. @default 30 */
  readonly flowLogRetentionDays?: number;
  /**
   * KMS key (id) of the audit data: the OSS bucket's default encryption becomes SSE-KMS with it
   * (and the ActionTrail role may use it to write there), and with `kmsRoleArn` the logstores use
   * it too (BYOK). Pass `AlicloudKeys.keyIds.audit`. @default OSS-managed and SLS service keys
   */
  readonly kmsKeyId?: pulumi.Input<string>;
  /**
   * RAM role Simple Log Service assumes to use `kmsKeyId` for the logstores (`AlicloudKeys.logServiceRoleArn`).
   * A logstore's encryption is fixed when it is created: this cannot be added to an existing logstore.
   * @default none (logstores use SLS service keys)
   */
  readonly kmsRoleArn?: pulumi.Input<string>;
  /** Production: WORM-lock the OSS bucket, protect and retain audit storage. @default false */
  readonly production?: boolean;
  /** Tags for children that take tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What the ActionTrail role may do with the bucket's KMS key to write SSE-KMS objects: create data keys and read them back. */
export const ALICLOUD_OSS_KMS_WRITER_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"] as const;

export const ALICLOUD_LOGGING_DEFAULTS = { retentionDays: 365, oss: false, flowLogRetentionDays: 30 } as const;

/** The logstores' child-name suffixes; the flow-log store is also named `vpc-flow-logs` in SLS. */
export const ALICLOUD_LOGSTORES = { trail: "actiontrail", flow: "vpc-flow-logs" } as const;

/**
 * The logstore ActionTrail delivers to: SLS names it `actiontrail_<trail name>` and creates it
 * with permanent retention when it is missing, so the component creates it first with the
 * configured retention and encryption.
 */
export function trailLogstoreName(trailName: string): string {
  return `actiontrail_${trailName}`;
}

export interface AlicloudLoggingPlan {
  readonly slsProjectName: string;
  readonly ossBucketName?: string;
  readonly trailName: string;
  /** The logstore ActionTrail writes to: `actiontrail_<trailName>`. */
  readonly trailStoreName: string;
  readonly roleName: string;
}

const SLS_PROJECT = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const OSS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const SLS_LOGSTORE = /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/;

/** Validates `AlicloudLogging` args and computes its names; reports every problem under `path`. */
export function planAlicloudLogging(name: string, args: AlicloudLoggingArgs, path: string, problems: Problems): AlicloudLoggingPlan {
  const slsProjectName = args.slsProjectName ?? nameOf(name, "sls");
  if (!SLS_PROJECT.test(slsProjectName)) {
    problems.add("LZ_SLS_PROJECT_NAME", joinPath(path, "slsProjectName"), `SLS project name "${slsProjectName}" must be 3–63 lowercase letters, digits or -, starting and ending alphanumeric`,
      "set slsProjectName to a valid, globally unique name, e.g. acme-lz-prod-audit");
  }
  const production = args.production === true;
  checkAuditRetention(args.retentionDays ?? ALICLOUD_LOGGING_DEFAULTS.retentionDays, production, joinPath(path, "retentionDays"), problems);
  const flowDays = args.flowLogRetentionDays ?? ALICLOUD_LOGGING_DEFAULTS.flowLogRetentionDays;
  checkRetentionRange(flowDays, joinPath(path, "flowLogRetentionDays"), problems, 30);
  const oss = args.oss ?? ALICLOUD_LOGGING_DEFAULTS.oss;
  const ossBucketName = oss ? (args.ossBucketName ?? nameOf(name, "oss")) : undefined;
  if (ossBucketName !== undefined && !OSS_BUCKET.test(ossBucketName)) {
    problems.add("LZ_OSS_BUCKET_NAME", joinPath(path, "ossBucketName"), `OSS bucket name "${ossBucketName}" must be 3–63 lowercase letters, digits or -, starting and ending alphanumeric`,
      "set ossBucketName to a valid, globally unique name");
  }
  const trailName = nameOf(name, "trail");
  checkAlicloudName(trailName, joinPath(path, "name"), problems, 6, 36, "trail name");
  const trailStoreName = trailLogstoreName(trailName);
  if (!SLS_LOGSTORE.test(trailStoreName)) {
    problems.add("LZ_SLS_LOGSTORE_NAME", joinPath(path, "name"), `logstore name "${trailStoreName}" must be 3–63 lowercase letters, digits, - or _, starting and ending alphanumeric`,
      "use a lowercase component name, e.g. prod-audit");
  }
  const roleName = nameOf(name, "actiontrail");
  checkAlicloudName(roleName, joinPath(path, "name"), problems, 1, 64, "RAM role name");
  if (args.kmsRoleArn !== undefined && args.kmsKeyId === undefined) {
    problems.add("LZ_SLS_KMS_ROLE", joinPath(path, "kmsRoleArn"), "kmsRoleArn is set but kmsKeyId is not: the logstores have no key to use it for",
      "set kmsKeyId to the key the role may use, or remove kmsRoleArn");
  }
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);
  return { slsProjectName, ossBucketName, trailName, trailStoreName, roleName };
}
