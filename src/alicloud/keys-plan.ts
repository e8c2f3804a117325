import { joinPath, Problems, validated } from "../core/errors";
import { KEY_ROTATION_MAX_DAYS, checkKeyRotation, mergedKeys, rotationSeconds } from "../core/keys";
import { checkAlicloudName, checkKey, nameOf } from "../core/naming";
import { checkAlicloudTags } from "./tags";

/** One KMS key. */
export interface AlicloudKeyArgs {
  /** Key description. @default "<component name> <key> key" */
  readonly description?: string;
  /** Days between automatic rotations (7–90 in a KMS instance; default keys rotate every 365 days only). @default the component's `rotationDays` */
  readonly rotationDays?: number;
  /** Simple Log Service may use the key through the component's RAM role (logstore BYOK encryption). @default false (true for `audit`) */
  readonly logService?: boolean;
}

export interface AlicloudKeysArgs {
  /** Region of the keys: the region of the OSS bucket and SLS project they protect. */
  readonly region: string;
  /**
   * KMS instance (`kst-…`, a software key management instance bought separately) that holds the
   * keys. Without one, the keys are default keys, which Alibaba rotates only every 365 days.
   * @default none (default keys)
   */
  readonly kmsInstanceId?: string;
  /** Days between automatic rotations: 7–90 in a KMS instance, exactly 365 for default keys. @default 90 in a KMS instance, else 365 */
  readonly rotationDays?: number;
  /** Days a key stays in PendingDeletion before it is gone for good, 7–366. @default 30 */
  readonly pendingWindowDays?: number;
  /** The landing zone's own `audit` key (OSS audit bucket and SLS logstores). @default true */
  readonly defaultKeys?: boolean;
  /** More keys by name, or overrides of the default key. @default {} */
  readonly keys?: Readonly<Record<string, AlicloudKeyArgs>>;
  /** Create the RAM role Simple Log Service assumes to use the keys marked `logService`. @default true */
  readonly logServiceRole?: boolean;
  /** Production: deletion protection on, keys protected and retained. @default false */
  readonly production?: boolean;
  /** Tags of the keys and the role. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export const ALICLOUD_KEYS_DEFAULTS = {
  /** Rotation of keys in a KMS instance. */
  rotationDays: KEY_ROTATION_MAX_DAYS,
  /** The one rotation period Alibaba offers for default keys (no KMS instance). */
  defaultKeyRotationDays: 365,
  pendingWindowDays: 30,
  keys: { audit: { logService: true } } as Readonly<Record<string, AlicloudKeyArgs>>,
} as const;

/**
 * What Simple Log Service's role may do with a key: the cryptographic calls of
 * AliyunKMSCryptoUserAccess and the DescribeKey of AliyunKMSReadOnlyAccess (the two system
 * policies the SLS data-encryption guide attaches), scoped to the keys instead of the account.
 */
export const ALICLOUD_SLS_KMS_ACTIONS = ["kms:DescribeKey", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"] as const;

/** One planned key. */
export interface AlicloudKeyPlan {
  readonly key: string;
  /** Logical name of the Key and its Alias: `<name>-<key>`. */
  readonly resourceName: string;
  /** `alias/<name>-<key>`. */
  readonly aliasName: string;
  readonly description: string;
  /** `"<seconds>s"`. */
  readonly rotationInterval: string;
  readonly logService: boolean;
}

export interface AlicloudKeysPlan {
  readonly keys: readonly AlicloudKeyPlan[];
  /** The SLS role's name, when there is one (some key has `logService` and `logServiceRole` is on). */
  readonly logServiceRoleName?: string;
  readonly pendingWindowDays: number;
}

/** KMS instance ids, e.g. `kst-hzz65f1b2c3d4e5f6g7h8`. */
export const ALICLOUD_KMS_INSTANCE_ID = /^kst-[a-z0-9]{4,}$/;

/** The keys an `AlicloudKeys` creates: `mergedKeys` of `ALICLOUD_KEYS_DEFAULTS.keys` and the args. */
export function alicloudKeysOf(args: Pick<AlicloudKeysArgs, "defaultKeys" | "keys">): Readonly<Record<string, AlicloudKeyArgs>> {
  return mergedKeys(ALICLOUD_KEYS_DEFAULTS.keys, args);
}

/** Validates `AlicloudKeys` args and computes its plan; reports every problem under `path`. */
export function planAlicloudKeys(name: string, args: AlicloudKeysArgs, path: string, problems: Problems): AlicloudKeysPlan {
  const instance = args.kmsInstanceId !== undefined;
  if (instance && !ALICLOUD_KMS_INSTANCE_ID.test(args.kmsInstanceId!)) {
    problems.add("LZ_KMS_INSTANCE_ID", joinPath(path, "kmsInstanceId"), `"${args.kmsInstanceId}" is not a KMS instance id`,
      "use the id the KMS console shows for the instance, e.g. kst-hzz65f1b2c3d4e5f6g7h8, or remove it to use default keys");
  }
  const [min, max, why] = instance
    ? [7, KEY_ROTATION_MAX_DAYS, "keys in a KMS instance rotate every 7 to 365 days; the landing zone rotates at least every 90 days"]
    : [ALICLOUD_KEYS_DEFAULTS.defaultKeyRotationDays, ALICLOUD_KEYS_DEFAULTS.defaultKeyRotationDays, "default keys rotate every 365 days only; set kmsInstanceId to rotate more often"];
  const ringDays = args.rotationDays ?? (instance ? ALICLOUD_KEYS_DEFAULTS.rotationDays : ALICLOUD_KEYS_DEFAULTS.defaultKeyRotationDays);
  if (args.rotationDays !== undefined) checkKeyRotation(ringDays, min, max, joinPath(path, "rotationDays"), problems, why);
  const pendingWindowDays = args.pendingWindowDays ?? ALICLOUD_KEYS_DEFAULTS.pendingWindowDays;
  if (!Number.isInteger(pendingWindowDays) || pendingWindowDays < 7 || pendingWindowDays > 366) {
    problems.add("LZ_KEY_PENDING_WINDOW", joinPath(path, "pendingWindowDays"), `a pending-deletion window of ${pendingWindowDays} days is not a whole number from 7 to 366`,
      "use e.g. 30: long enough to cancel a deletion by mistake");
  }
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);

  const keysPath = joinPath(path, "keys");
  const all = mergedKeys(ALICLOUD_KEYS_DEFAULTS.keys, args);
  if (Object.keys(all).length === 0) {
    problems.add("LZ_KMS_NO_KEYS", keysPath, "no key would be created (defaultKeys is false and keys is empty)",
      "list at least one key under keys, or leave defaultKeys on");
  }
  const keys: AlicloudKeyPlan[] = [];
  for (const [key, k] of Object.entries(all)) {
    const at = joinPath(keysPath, key);
    checkKey(key, at, problems);
    const days = k.rotationDays ?? ringDays;
    if (k.rotationDays !== undefined) checkKeyRotation(days, min, max, joinPath(at, "rotationDays"), problems, why);
    const resourceName = nameOf(name, key);
    keys.push({
      key,
      resourceName,
      aliasName: `alias/${resourceName}`,
      description: k.description ?? `${name} ${key} key`,
      rotationInterval: rotationSeconds(days),
      logService: k.logService === true,
    });
  }
  let logServiceRoleName: string | undefined;
  if ((args.logServiceRole ?? true) && keys.some((k) => k.logService)) {
    logServiceRoleName = nameOf(name, "sls");
    checkAlicloudName(logServiceRoleName, joinPath(path, "name"), problems, 1, 64, "RAM role name");
  }
  return { keys, logServiceRoleName, pendingWindowDays };
}

/** Plans `AlicloudKeys` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedAlicloudKeys(name: string, args: AlicloudKeysArgs): AlicloudKeysPlan {
  return validated("AlicloudKeys", planAlicloudKeys, name, args);
}
