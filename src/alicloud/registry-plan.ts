import type * as pulumi from "@pulumi/pulumi";
import { joinPath, Problems } from "../core/errors";
import { nameOf } from "../core/naming";
import { checkPersona, personaRegistryAccess } from "../core/personas";
import { RAM_NAME_MAX, RAM_POLICY_NAME_MAX } from "./ram-plan";
import { checkAlicloudTags } from "./tags";
import { checkOidcTrust, OidcTrustKeys, RamOidcTrust } from "./trust";

/** Container Registry Enterprise Edition instance types `createInstance` accepts (provider doc of `instanceType`). */
export const ALICLOUD_CR_INSTANCE_TYPES = ["Basic", "Standard", "Advanced"] as const;
export type AlicloudCrInstanceType = (typeof ALICLOUD_CR_INSTANCE_TYPES)[number];

/**
 * Namespace names (provider doc of `cs.RegistryEnterpriseNamespace.name`): 2–120 characters,
 * lowercase letters, digits, `_`, `-`, `.`, not starting or ending with a delimiter.
 */
export const ALICLOUD_CR_NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,118}[a-z0-9]$/;
/** Repository names (ACR console rule): 2–64 characters, lowercase letters, digits, `_`, `-`, `.`, not starting or ending with a delimiter. */
export const ALICLOUD_CR_REPO_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}[a-z0-9]$/;
/** Instance names (ACR console rule): 3–30 lowercase letters, digits or hyphens, starting with a letter, not ending with a hyphen. */
export const ALICLOUD_CR_INSTANCE_NAME_PATTERN = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

/** Enterprise Edition instance ids: `cri-` and lowercase letters or digits. */
export const ALICLOUD_CR_INSTANCE_ID_PATTERN = /^cri-[a-z0-9]+$/;

/** RAM actions of the push and pull policies. */
export const ALICLOUD_CR_ACTIONS = {
  /**
   * Log in with a temporary token. ACR authorizes `GetAuthorizationToken` against the resource
   * `*` only (its RAM authorization rules), so a grant on the instance ARN never matches.
   */
  token: ["cr:GetAuthorizationToken"],
  /** On the instance: read it (the login flow resolves the instance's endpoints). */
  login: ["cr:GetInstance"],
  pull: ["cr:PullRepository", "cr:GetRepository", "cr:ListRepositoryTag"],
  push: ["cr:PullRepository", "cr:GetRepository", "cr:ListRepositoryTag", "cr:PushRepository"],
} as const;

export const ALICLOUD_REGISTRY_DEFAULTS = {
  /** Tags kept per repository by the lifecycle rule. */
  keepTagCount: 30,
  /** Prepaid months of a created instance. */
  period: 12,
} as const;

/** Settings of one private repository. */
export interface AlicloudRegistryRepoArgs {
  /** One-line summary (1–80 characters). @default "<repo> images" */
  readonly summary?: string;
}

/** Image clean-up (artifact lifecycle rule on the namespace, weekly, automatic). */
export interface AlicloudRegistryCleanupArgs {
  /** Tags kept per repository (`retentionTagCount`). @default 30 */
  readonly keepTagCount?: number;
  /** Tags matching this regular expression are always kept (`tagRegexp`). @default none */
  readonly retainTagPattern?: string;
}

/** A sync rule that copies the namespace to an instance in a second region. */
export interface AlicloudRegistrySyncArgs {
  /** Region of the target instance; must differ from `region`. */
  readonly region: string;
  /** The target Enterprise Edition instance (`cri-…`). */
  readonly instanceId: string;
  /** Namespace on the target instance (it must exist there). @default the source namespace */
  readonly namespace?: string;
}

/** Keyless CI through OIDC (e.g. GitHub Actions, GitLab): who may assume the robot role. */
export interface AlicloudRegistryOidcArgs extends RamOidcTrust {
  /** ARN of the RAM OIDC provider: `acs:ram::<account>:oidc-provider/<name>`. */
  readonly providerArn: string;
  /** The OIDC issuer's URL (condition `oidc:iss`), e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** Accepted `aud` claims (condition `oidc:aud`), at least one, e.g. `sts.aliyuncs.com`. */
  readonly audiences: readonly string[];
  /** Accepted `sub` claims (condition `oidc:sub`, StringLike: wildcards allowed), e.g. `repo:acme/app:ref:refs/heads/main`. */
  readonly subjects: readonly string[];
}

export interface AlicloudRegistryArgs {
  /** Region of the instance (used in ARNs and URLs). */
  readonly region: string;
  /** Account id for RAM ARNs. @default looked up with `alicloud.getCallerIdentity` */
  readonly accountId?: string;
  /** An existing Enterprise Edition instance (`cri-…`). Give this, or `createInstance: true`. @default none */
  readonly instanceId?: string;
  /**
   * Buy a new Enterprise Edition instance. It is PREPAID (Subscription) and costs money from the
   * moment it is created, for `period` months. Requires `instanceType`. @default false
   */
  readonly createInstance?: boolean;
  /** Type of a created instance. @default none (required with `createInstance`) */
  readonly instanceType?: AlicloudCrInstanceType;
  /** Prepaid months of a created instance. @default 12 */
  readonly period?: number;
  /** The instance's name: that of the existing instance (for URLs), or of the one to create. @default the component name when creating */
  readonly instanceName?: string;
  /** The existing instance's registry domain (e.g. a custom domain); takes precedence over `instanceName` in URLs. @default none */
  readonly domain?: string;
  /** Namespace holding the repositories (created with autoCreate off, default visibility PRIVATE). */
  readonly namespace: string;
  /** Private repositories keyed by name. @default {} */
  readonly repositories?: Readonly<Record<string, AlicloudRegistryRepoArgs>>;
  /** Production: immutable tags by default; namespace, repositories and a created instance protected and retained. @default false */
  readonly production?: boolean;
  /** Tags can never be overwritten (`tagImmutability` on each repository). @default `production` */
  readonly immutableTags?: boolean;
  /** Scan every pushed image for vulnerabilities (scan rule on the namespace, triggered automatically). @default true */
  readonly scan?: boolean;
  /** Image clean-up. @default keep 30 tags per repository */
  readonly cleanup?: AlicloudRegistryCleanupArgs;
  /** VPC to link to the instance's VPC endpoint (private pulls). @default none (no link) */
  readonly vpcId?: pulumi.Input<string>;
  /** vSwitch of the VPC endpoint; required with `vpcId`. @default none */
  readonly vswitchId?: pulumi.Input<string>;
  /** Copy the namespace to a second region. @default none */
  readonly sync?: AlicloudRegistrySyncArgs;
  /**
   * RAM group name per persona. Groups get the push or pull policy `personaRegistryAccess(persona, production)`
   * gives their persona (ciDeployer push; tester pull; developer push outside production, pull in production). @default {}
   */
  readonly personaGroups?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Create the CI robot RAM role with the push policy. @default true */
  readonly robot?: boolean;
  /**
   * OIDC identities (CI jobs) allowed to assume the robot role. Required in production with the
   * robot (`LZ_REGISTRY_ROBOT_TRUST`): there the account's RAM identities are never trusted.
   * @default outside production only: the account's own RAM identities (`acs:ram::<account>:root`) that are allowed sts:AssumeRole
   */
  readonly robotOidc?: AlicloudRegistryOidcArgs;
  /** Tags of the resources that take tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** What `planAlicloudRegistry` computes: plain data, no Pulumi. */
export interface AlicloudRegistryPlan {
  readonly instanceName?: string;
  readonly immutableTags: boolean;
  readonly keepTagCount: number;
  readonly pushPolicyName: string;
  readonly pullPolicyName: string;
  readonly robotRoleName?: string;
  /** Persona → policy it gets (only personas with a group and registry access). */
  readonly personaPolicies: Readonly<Record<string, "push" | "pull">>;
  /** `docker push` / `docker pull` prefix over the internet endpoint, when the domain is known before deploy. */
  readonly url?: string;
  /** `docker pull` prefix inside the linked VPC, when the domain is known before deploy. */
  readonly vpcUrl?: string;
}

/** Checks a namespace name against Alibaba's rule. */
export function checkCrNamespace(ns: string, path: string, problems: Problems): void {
  if (!ALICLOUD_CR_NAMESPACE_PATTERN.test(ns)) {
    problems.add("LZ_REGISTRY_NAMESPACE", path,
      `namespace "${ns}" breaks Container Registry's rule: 2–120 lowercase letters, digits, "_", "-" or ".", not starting or ending with a delimiter`,
      "choose a name such as prod or team-apps");
  }
}

const ROBOT_OIDC_KEYS: OidcTrustKeys = {
  providerArn: { key: "providerArn", code: "LZ_REGISTRY_OIDC" },
  issuer: { key: "issuer", code: "LZ_REGISTRY_OIDC" },
  audiences: { key: "audiences", code: "LZ_REGISTRY_OIDC" },
  subjects: { key: "subjects", code: "LZ_REGISTRY_OIDC" },
};

/** Validates `AlicloudRegistry` args and computes its plan; reports every problem under `path`. */
export function planAlicloudRegistry(name: string, args: AlicloudRegistryArgs, path: string, problems: Problems): AlicloudRegistryPlan {
  const create = args.createInstance === true;
  if (create && args.instanceId !== undefined) {
    problems.add("LZ_REGISTRY_INSTANCE", joinPath(path, "instanceId"), "both instanceId and createInstance are given",
      "use the existing instance (remove createInstance) or buy a new one (remove instanceId)");
  } else if (!create && args.instanceId === undefined) {
    problems.add("LZ_REGISTRY_INSTANCE", joinPath(path, "instanceId"), "no Container Registry Enterprise Edition instance is given",
      "set instanceId to an existing instance (cri-…), or set createInstance: true with instanceType (a prepaid purchase)");
  }
  if (args.instanceId !== undefined && !ALICLOUD_CR_INSTANCE_ID_PATTERN.test(args.instanceId)) {
    problems.add("LZ_REGISTRY_INSTANCE_ID", joinPath(path, "instanceId"), `"${args.instanceId}" is not an Enterprise Edition instance id`,
      "use the id shown in the Container Registry console, e.g. cri-abc123def456");
  }
  if (create) {
    if (args.instanceType === undefined || !(ALICLOUD_CR_INSTANCE_TYPES as readonly string[]).includes(args.instanceType)) {
      problems.add("LZ_REGISTRY_INSTANCE_TYPE", joinPath(path, "instanceType"),
        args.instanceType === undefined ? "createInstance needs an instance type" : `"${args.instanceType}" is not an instance type`,
        `set instanceType to one of ${ALICLOUD_CR_INSTANCE_TYPES.join(", ")} (each is billed monthly in advance)`);
    }
    if (args.period !== undefined && (!Number.isInteger(args.period) || args.period <= 0)) {
      problems.add("LZ_REGISTRY_PERIOD", joinPath(path, "period"), `period ${args.period} is not a whole number of months above 0`, "use e.g. 12");
    }
  }
  const instanceName = args.instanceName ?? (create ? name : undefined);
  if (instanceName !== undefined && !ALICLOUD_CR_INSTANCE_NAME_PATTERN.test(instanceName)) {
    problems.add("LZ_REGISTRY_INSTANCE_NAME", joinPath(path, args.instanceName === undefined ? "name" : "instanceName"),
      `instance name "${instanceName}" must be 3–30 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen`,
      "set instanceName, e.g. acme-prod");
  }
  if (!create && args.instanceId !== undefined && args.instanceName === undefined && args.domain === undefined) {
    problems.add("LZ_REGISTRY_DOMAIN", joinPath(path, "instanceName"), "the registry URL of an existing instance needs its name or domain",
      "set instanceName (the instance's name in the console) or domain (e.g. acme-prod-registry.cn-hangzhou.cr.aliyuncs.com)");
  }
  checkCrNamespace(args.namespace, joinPath(path, "namespace"), problems);
  for (const repo of Object.keys(args.repositories ?? {})) {
    const repoPath = joinPath(joinPath(path, "repositories"), repo);
    if (!ALICLOUD_CR_REPO_PATTERN.test(repo)) {
      problems.add("LZ_REGISTRY_REPOSITORY_NAME", repoPath,
        `repository "${repo}" breaks Container Registry's rule: 2–64 lowercase letters, digits, "_", "-" or ".", not starting or ending with a delimiter`,
        "rename it, e.g. api or web-frontend");
    }
    const summary = args.repositories![repo]!.summary;
    if (summary !== undefined && (summary.length < 1 || summary.length > 80)) {
      problems.add("LZ_REGISTRY_SUMMARY", joinPath(repoPath, "summary"), `summary is ${summary.length} characters; 1–80 are allowed`, "shorten it");
    }
  }
  const keep = args.cleanup?.keepTagCount;
  if (keep !== undefined && (!Number.isInteger(keep) || keep <= 0)) {
    problems.add("LZ_REGISTRY_RETENTION", joinPath(joinPath(path, "cleanup"), "keepTagCount"), `keepTagCount ${keep} is not a whole number above 0`,
      "use a positive whole number, e.g. 30");
  }
  if (args.cleanup?.retainTagPattern !== undefined) {
    try {
      new RegExp(args.cleanup.retainTagPattern);
    } catch {
      problems.add("LZ_REGISTRY_TAG_PATTERN", joinPath(joinPath(path, "cleanup"), "retainTagPattern"), `"${args.cleanup.retainTagPattern}" is not a regular expression`,
        "use e.g. ^v[0-9]+\\.[0-9]+\\.[0-9]+$");
    }
  }
  if (args.vpcId !== undefined && args.vswitchId === undefined) {
    problems.add("LZ_REGISTRY_VSWITCH_MISSING", joinPath(path, "vswitchId"), "linking a VPC needs a vSwitch for the endpoint", "give vswitchId as well");
  }
  if (args.sync) {
    const syncPath = joinPath(path, "sync");
    if (args.sync.region === args.region) {
      problems.add("LZ_REGISTRY_SYNC", joinPath(syncPath, "region"), `the sync target is in the registry's own region "${args.region}"`,
        "sync to a second region, e.g. cn-shanghai");
    }
    if (!ALICLOUD_CR_INSTANCE_ID_PATTERN.test(args.sync.instanceId)) {
      problems.add("LZ_REGISTRY_INSTANCE_ID", joinPath(syncPath, "instanceId"), `"${args.sync.instanceId}" is not an Enterprise Edition instance id`,
        "use the target instance's id, e.g. cri-abc123def456");
    }
    if (args.sync.namespace !== undefined) checkCrNamespace(args.sync.namespace, joinPath(syncPath, "namespace"), problems);
  }
  const personaPolicies: Record<string, "push" | "pull"> = {};
  for (const persona of Object.keys(args.personaGroups ?? {})) {
    if (!checkPersona(persona, joinPath(joinPath(path, "personaGroups"), persona), problems)) continue;
    const access = personaRegistryAccess(persona, args.production === true);
    if (access !== "none") personaPolicies[persona] = access;
  }
  if (args.robotOidc) checkOidcTrust(args.robotOidc, joinPath(path, "robotOidc"), ROBOT_OIDC_KEYS, problems);
  const robot = args.robot ?? true;
  if (args.production === true && robot && args.robotOidc === undefined) {
    problems.add("LZ_REGISTRY_ROBOT_TRUST", joinPath(path, "robotOidc"),
      "in production the CI robot role would trust every RAM identity of the account that may call sts:AssumeRole (acs:ram::<account>:root), so anyone could push to the production registry",
      "set robotOidc {providerArn, issuer, audiences, subjects} (in config: landing-zone:alicloud.registry.robotOidc, or landing-zone:alicloud.ram.robot with oidcProviderArn, issuer, audiences and subjects, which the registry reuses), or robot: false");
  }
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);
  // RAM names derived from the component name: policies `<name>-push`/`<name>-pull` (1–128 letters, digits, "-"),
  // the robot's role `<name>-ci` (1–64 letters, digits, ".", "-"). Both allow letters, digits and hyphens.
  const pushPolicyName = nameOf(name, "push");
  const pullPolicyName = nameOf(name, "pull");
  const robotRoleName = robot ? nameOf(name, "ci") : undefined;
  const ramNames = [pushPolicyName, pullPolicyName, ...(robotRoleName === undefined ? [] : [robotRoleName])];
  const ramNameMax = robot
    ? Math.min(RAM_NAME_MAX - "-ci".length, RAM_POLICY_NAME_MAX - "-push".length)
    : RAM_POLICY_NAME_MAX - "-push".length;
  if (!/^[A-Za-z0-9-]+$/.test(name) || name.length > ramNameMax) {
    problems.add("LZ_REGISTRY_RAM_NAME", joinPath(path, "name"),
      `component name "${name}" does not fit the RAM names built from it (${ramNames.join(", ")}): it must be letters, digits and hyphens, at most ${ramNameMax} characters${robot ? " with the robot role" : ""}`,
      `use a shorter component name such as prod-registry (at most ${ramNameMax} characters)`);
  }

  const host = args.domain ?? (instanceName === undefined ? undefined : `${instanceName}-registry.${args.region}.cr.aliyuncs.com`);
  const vpcHost = args.domain === undefined
    ? (instanceName === undefined ? undefined : `${instanceName}-registry-vpc.${args.region}.cr.aliyuncs.com`)
    : (/-registry\./.test(args.domain) ? args.domain.replace("-registry.", "-registry-vpc.") : undefined);
  return {
    instanceName,
    immutableTags: args.immutableTags ?? args.production === true,
    keepTagCount: keep ?? ALICLOUD_REGISTRY_DEFAULTS.keepTagCount,
    pushPolicyName,
    pullPolicyName,
    robotRoleName,
    personaPolicies,
    url: host === undefined ? undefined : `${host}/${args.namespace}`,
    vpcUrl: vpcHost === undefined ? undefined : `${vpcHost}/${args.namespace}`,
  };
}
