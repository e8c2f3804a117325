/**
 * The environment's own Alibaba Cloud account (pure: no Pulumi import). Alibaba's landing-zone
 * guidance puts each environment in its own account (a Resource Directory member); the stack's
 * provider assumes a role in that account, so every resource lands there by construction, and
 * the config refuses an account another environment uses.
 */
import { joinPath, Problems } from "../core/errors";

/** Alibaba Cloud account ids (UIDs) are 16 digits. */
export const ALICLOUD_ACCOUNT_ID = /^\d{16}$/;
/** The role Resource Directory creates in every member account, trusted by the management account. */
export const ALICLOUD_DEFAULT_ACCOUNT_ROLE = "ResourceDirectoryAccountAccessRole";
/** RAM role names: 1–64 letters, digits, `.` or `-`. */
export const ALICLOUD_ROLE_NAME = /^[A-Za-z0-9.-]{1,64}$/;
/** Seconds an assumed-role session of the deployer lasts (the STS maximum for a role is 3600 by default). */
export const ALICLOUD_DEPLOY_SESSION_SECONDS = 3600;

export interface AlicloudAccountArgs {
  /** Account id (16 digits). */
  readonly id: string;
  /** RAM role the deployer assumes in the account. @default "ResourceDirectoryAccountAccessRole" */
  readonly role?: string;
  /** The other environments' account ids by environment name; `id` must differ from each. @default {} */
  readonly otherEnvironments?: Readonly<Record<string, string>>;
}

/**
 * Checks the account of an environment: well-formed id and role, not another environment's
 * account, and present in production (where resources must never land in whatever account the
 * deployer's credentials happen to belong to).
 */
export function checkAlicloudAccount(account: AlicloudAccountArgs | undefined, production: boolean, path: string, problems: Problems): void {
  if (account === undefined) {
    if (production) {
      problems.add("LZ_ALICLOUD_ACCOUNT_MISSING", path, "a production environment must name its own Alibaba Cloud account",
        "set account.id to the production account's 16-digit id (and account.otherEnvironments to the other environments' ids)");
    }
    return;
  }
  if (!ALICLOUD_ACCOUNT_ID.test(account.id)) {
    problems.add("LZ_ALICLOUD_ACCOUNT_ID", joinPath(path, "id"), `"${account.id}" is not an Alibaba Cloud account id (16 digits)`,
      "use the account's UID shown in the console's account center, quoted in YAML");
  }
  if (account.role !== undefined && !ALICLOUD_ROLE_NAME.test(account.role)) {
    problems.add("LZ_ALICLOUD_ACCOUNT_ROLE", joinPath(path, "role"), `"${account.role}" is not a RAM role name (1–64 letters, digits, . or -)`,
      `use the role the deployer assumes in the account, e.g. ${ALICLOUD_DEFAULT_ACCOUNT_ROLE}`);
  }
  for (const [env, id] of Object.entries(account.otherEnvironments ?? {})) {
    if (!ALICLOUD_ACCOUNT_ID.test(id)) {
      problems.add("LZ_ALICLOUD_ACCOUNT_ID", joinPath(joinPath(path, "otherEnvironments"), env), `"${id}" is not an Alibaba Cloud account id (16 digits)`,
        "use the other environment's 16-digit account id, quoted in YAML");
    } else if (id === account.id) {
      problems.add("LZ_ALICLOUD_ACCOUNT_SHARED", joinPath(path, "id"), `account ${id} is also environment "${env}"'s account: environments must not share an account`,
        "give each environment its own account (a Resource Directory member account)");
    }
  }
}

/** The provider's `assumeRole` for the environment's account. */
export function alicloudAssumeRole(environment: string, account: AlicloudAccountArgs): { roleArn: string; sessionName: string; sessionExpiration: number } {
  return {
    roleArn: `acs:ram::${account.id}:role/${account.role ?? ALICLOUD_DEFAULT_ACCOUNT_ROLE}`,
    sessionName: `landing-zone-${environment}`,
    sessionExpiration: ALICLOUD_DEPLOY_SESSION_SECONDS,
  };
}

/**
 * Checks that a RAM ARN (`acs:ram::<account>:…`, e.g. an OIDC provider a trust policy names)
 * is in the environment's account: a trust on another environment's provider would let that
 * environment's CI act here.
 */
export function checkArnInAccount(arn: string | undefined, account: AlicloudAccountArgs | undefined, path: string, problems: Problems): void {
  if (arn === undefined || account === undefined || !ALICLOUD_ACCOUNT_ID.test(account.id)) return;
  const owner = /^acs:ram::(\d+):/.exec(arn)?.[1];
  if (owner !== undefined && owner !== account.id) {
    problems.add("LZ_ALICLOUD_ACCOUNT_MISMATCH", path, `${arn} is in account ${owner}, not in this environment's account ${account.id}`,
      `use the OIDC provider of account ${account.id} (acs:ram::${account.id}:oidc-provider/<name>)`);
  }
}
