import { joinPath, Problems } from "../core/errors";
import { checkKey, nameOf } from "../core/naming";
import { ALICLOUD_CUSTOM_POLICIES, alicloudPersonaPolicies, allowsEverything, checkPersona, Persona, PERSONAS, personaSlug, ramPolicyDocument, RamPolicyRef, RamStatement } from "../core/personas";
import { checkAlicloudTags } from "./tags";
import { checkOidcTrust, OidcTrustKeys, RamOidcTrust, ramTrustPolicy } from "./trust";

/** RAM group, role and user names: 1–64 letters, digits, `.`, `_`, `-` (groups and users), not starting with `-`. */
export const RAM_NAME_PATTERN = /^[A-Za-z0-9._][A-Za-z0-9._-]*$/;
export const RAM_NAME_MAX = 64;
/** RAM role names: 1–64 letters, digits, `.`, `-`. */
export const RAM_ROLE_NAME_PATTERN = /^[A-Za-z0-9.][A-Za-z0-9.-]*$/;
/** RAM policy names: 1–128 letters, digits and `-`. */
export const RAM_POLICY_NAME_PATTERN = /^[A-Za-z0-9-]{1,128}$/;
export const RAM_POLICY_NAME_MAX = 128;
/** Policy documents are at most 6144 bytes. */
export const RAM_POLICY_DOCUMENT_MAX = 6144;
/** Policy and role descriptions are 1 to 1024 characters. */
export const RAM_DESCRIPTION_MAX = 1024;
/** Session duration range of a RAM role, seconds. */
export const RAM_SESSION_MIN = 3600;
export const RAM_SESSION_MAX = 43200;

const RAM_PRINCIPAL_ARN = /^acs:ram::\d{10,20}:(root|user\/[A-Za-z0-9._@-]{1,64}|role\/[A-Za-z0-9.-]{1,64})$/;
const RAM_ACTION = /^(\*|[a-z][a-z0-9-]*:[A-Za-z0-9*]+)$/;

/** One statement of a custom policy from config or args. */
export interface AlicloudRamStatementArgs {
  /** `Allow` or `Deny`. */
  readonly effect: string;
  /** Actions, e.g. `ecs:DescribeInstances` (wildcards inside a service allowed, e.g. `ecs:Describe*`). */
  readonly actions: readonly string[];
  /** Resource ARNs, e.g. `acs:ecs:*:*:instance/*`. */
  readonly resources: readonly string[];
}

/** A custom RAM policy attached to some personas' groups. */
export interface AlicloudCustomPolicySpec {
  readonly statements: readonly AlicloudRamStatementArgs[];
  /** @default none */
  readonly description?: string;
  /** Personas whose groups get this policy. @default [] */
  readonly personas?: readonly string[];
}

/** Who may assume the CI deployer robot's RAM role. At least one of `oidcProviderArn` or `trustedPrincipals`. */
export interface AlicloudRobotArgs {
  /** OIDC identity provider ARN, `acs:ram::<uid>:oidc-provider/<name>`. @default none */
  readonly oidcProviderArn?: string;
  /** The OIDC issuer URL (condition `oidc:iss`), required with `oidcProviderArn`. @default none */
  readonly issuer?: string;
  /** Allowed audiences (condition `oidc:aud`), at least one with `oidcProviderArn`. @default [] */
  readonly audiences?: readonly string[];
  /** Allowed subjects (condition `oidc:sub`, StringLike: `*` patterns allowed), e.g. `repo:acme/app:environment:prod`; at least one with `oidcProviderArn`. @default [] */
  readonly subjects?: readonly string[];
  /** RAM principals (`acs:ram::<uid>:root`, `…:user/<name>`, `…:role/<name>`). @default [] */
  readonly trustedPrincipals?: readonly string[];
  /** Session length in seconds (3600–43200). @default 3600 */
  readonly maxSessionDuration?: number;
}

export interface AlicloudRamArgs {
  /** Production grants: the narrower, read-leaning policy set per persona. @default false */
  readonly production?: boolean;
  /** Existing RAM user names per persona (1–64 letters, digits, `.`, `_`, `-`). @default {} */
  readonly members?: Readonly<Record<string, readonly string[]>>;
  /** Extra custom policies keyed by name (kebab-case). Never action `*` on resource `*`. @default {} */
  readonly customPolicies?: Readonly<Record<string, AlicloudCustomPolicySpec>>;
  /** The CI deployer robot's RAM role and its trust. @default no robot role */
  readonly robot?: AlicloudRobotArgs;
  /** Tags for children that take tags (policies, role). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export const ALICLOUD_RAM_DEFAULTS = { production: false, maxSessionDuration: RAM_SESSION_MIN } as const;

/** A persona's RAM group name: `<name>-<persona-slug>`. */
export function ramGroupName(name: string, persona: Persona): string {
  return nameOf(name, personaSlug(persona));
}

/** The robot's RAM role name: `<name>-ci-deployer`. */
export function ramRobotRoleName(name: string): string {
  return nameOf(name, "ci-deployer");
}

/** A custom policy's name: `<name>-<key>`. */
export function ramPolicyName(name: string, key: string): string {
  return nameOf(name, key);
}

function checkRamName(value: string, path: string, problems: Problems, what: string, pattern = RAM_NAME_PATTERN): void {
  if (value.length < 1 || value.length > RAM_NAME_MAX || !pattern.test(value)) {
    problems.add("LZ_RAM_NAME", path, `${what} "${value}" must be 1–${RAM_NAME_MAX} letters, digits, periods, hyphens${pattern === RAM_NAME_PATTERN ? " or underscores" : ""}, not starting with a hyphen`,
      "shorten or rename it");
  }
}

/** Shared with the component class, not public API. @internal */
export function toStatements(spec: AlicloudCustomPolicySpec): RamStatement[] {
  return spec.statements.map((s) => ({ effect: s.effect as "Allow" | "Deny", actions: s.actions, resources: s.resources }));
}

/** The trust policy (assume-role document) of the robot's role. */
export function robotTrustPolicy(robot: AlicloudRobotArgs): string {
  return ramTrustPolicy({ oidc: robotOidc(robot), principals: robot.trustedPrincipals });
}

function robotOidc(robot: AlicloudRobotArgs): RamOidcTrust | undefined {
  return robot.oidcProviderArn === undefined ? undefined
    : { providerArn: robot.oidcProviderArn, issuer: robot.issuer, audiences: robot.audiences, subjects: robot.subjects };
}

const ROBOT_OIDC_KEYS: OidcTrustKeys = {
  providerArn: { key: "oidcProviderArn", code: "LZ_RAM_PRINCIPAL_INVALID" },
  issuer: { key: "issuer", code: "LZ_RAM_OIDC_ISSUER" },
  audiences: { key: "audiences", code: "LZ_RAM_OIDC_AUDIENCE" },
  subjects: { key: "subjects", code: "LZ_RAM_OIDC_SUBJECT" },
};

/** Validates `AlicloudRam` args; reports every problem under `path`. */
export function planAlicloudRam(name: string, args: AlicloudRamArgs, path: string, problems: Problems): void {
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);
  for (const persona of PERSONAS) checkRamName(ramGroupName(name, persona), path, problems, "RAM group name");
  for (const [key, users] of Object.entries(args.members ?? {})) {
    const at = joinPath(joinPath(path, "members"), key);
    checkPersona(key, at, problems);
    const seen = new Set<string>();
    users.forEach((u, i) => {
      if (u.length < 1 || u.length > RAM_NAME_MAX || !RAM_NAME_PATTERN.test(u)) {
        problems.add("LZ_RAM_USER_INVALID", `${at}[${i}]`, `"${u}" is not a RAM user name (1–64 letters, digits, ".", "_", "-", not starting with "-")`,
          "give the RAM user's name (without @<account-alias>.onaliyun.com)");
      } else if (seen.has(u)) {
        problems.add("LZ_IAM_MEMBER_DUPLICATE", `${at}[${i}]`, `"${u}" is listed twice`, "remove the duplicate");
      }
      seen.add(u);
    });
  }
  for (const [key, spec] of Object.entries(args.customPolicies ?? {})) {
    const at = joinPath(joinPath(path, "customPolicies"), key);
    checkKey(key, at, problems);
    if (key in ALICLOUD_CUSTOM_POLICIES) {
      problems.add("LZ_RAM_POLICY_DUPLICATE", at, `"${key}" is a built-in policy of the personas`, "choose another name");
    }
    if (!RAM_POLICY_NAME_PATTERN.test(ramPolicyName(name, key))) {
      problems.add("LZ_RAM_NAME", at, `policy name "${ramPolicyName(name, key)}" must be 1–128 letters, digits or hyphens`, "shorten or rename the key");
    }
    if (spec.description !== undefined && (spec.description.length < 1 || spec.description.length > RAM_DESCRIPTION_MAX)) {
      problems.add("LZ_RAM_POLICY_DESCRIPTION", joinPath(at, "description"), `the description is ${spec.description.length} characters; RAM takes 1 to ${RAM_DESCRIPTION_MAX}`,
        "shorten it, or leave it out for the generated one");
    }
    if (spec.statements.length === 0) {
      problems.add("LZ_RAM_POLICY_EMPTY", joinPath(at, "statements"), "a policy needs at least one statement", "add a statement");
    }
    spec.statements.forEach((s, i) => {
      const sp = `${joinPath(at, "statements")}[${i}]`;
      if (s.effect !== "Allow" && s.effect !== "Deny") {
        problems.add("LZ_RAM_POLICY_EFFECT", joinPath(sp, "effect"), `"${s.effect}" is not an effect`, "use Allow or Deny");
      }
      if (s.actions.length === 0 || s.resources.length === 0) {
        problems.add("LZ_RAM_POLICY_EMPTY", sp, "a statement needs at least one action and one resource", "list the actions and resource ARNs");
      }
      s.actions.forEach((a, j) => {
        if (!RAM_ACTION.test(a)) {
          problems.add("LZ_RAM_ACTION_INVALID", `${joinPath(sp, "actions")}[${j}]`, `"${a}" is not an action (service:Action)`, "use e.g. ecs:DescribeInstances");
        }
      });
      if (allowsEverything({ effect: s.effect as "Allow", actions: s.actions, resources: s.resources })) {
        problems.add("LZ_RAM_POLICY_WILDCARD", sp, "the statement allows every action on every resource",
          "name the service actions (e.g. ecs:Describe*) and the resource ARNs the persona needs");
      }
    });
    if (Buffer.byteLength(ramPolicyDocument(toStatements(spec))) > RAM_POLICY_DOCUMENT_MAX) {
      problems.add("LZ_RAM_POLICY_TOO_LONG", at, `the policy document is longer than ${RAM_POLICY_DOCUMENT_MAX} bytes`, "split it into two policies");
    }
    (spec.personas ?? []).forEach((p, i) => {
      checkPersona(p, `${joinPath(at, "personas")}[${i}]`, problems);
    });
  }
  // Built-in policies the personas hold are named like custom ones: `<name>-<key>`.
  const builtIn = new Set(Object.values(ramEffectivePolicies(args)).flat()
    .filter((r) => r.type === "Custom" && args.customPolicies?.[r.name] === undefined).map((r) => r.name));
  for (const key of [...builtIn].sort()) {
    if (!RAM_POLICY_NAME_PATTERN.test(ramPolicyName(name, key))) {
      problems.add("LZ_RAM_NAME", path, `policy name "${ramPolicyName(name, key)}" must be 1–128 letters, digits or hyphens`, "use a component name of letters, digits and hyphens");
    }
  }
  const robot = args.robot;
  if (robot) {
    const at = joinPath(path, "robot");
    checkRamName(ramRobotRoleName(name), at, problems, "RAM role name", RAM_ROLE_NAME_PATTERN);
    if (robot.oidcProviderArn === undefined && (robot.trustedPrincipals ?? []).length === 0) {
      problems.add("LZ_RAM_ROBOT_TRUST", at, "the robot's role trusts nobody", "set oidcProviderArn (with issuer, audiences and subjects) or trustedPrincipals");
    }
    const oidc = robotOidc(robot);
    if (oidc !== undefined) checkOidcTrust(oidc, at, ROBOT_OIDC_KEYS, problems);
    (robot.trustedPrincipals ?? []).forEach((p, i) => {
      if (!RAM_PRINCIPAL_ARN.test(p)) {
        problems.add("LZ_RAM_PRINCIPAL_INVALID", `${joinPath(at, "trustedPrincipals")}[${i}]`, `"${p}" is not a RAM principal ARN`,
          "use acs:ram::<account-id>:root, acs:ram::<account-id>:user/<name> or acs:ram::<account-id>:role/<name>");
      }
    });
    const d = robot.maxSessionDuration;
    if (d !== undefined && (!Number.isInteger(d) || d < RAM_SESSION_MIN || d > RAM_SESSION_MAX)) {
      problems.add("LZ_RAM_SESSION_DURATION", joinPath(at, "maxSessionDuration"), `${d} is outside ${RAM_SESSION_MIN}–${RAM_SESSION_MAX} seconds`,
        "use a whole number of seconds, e.g. 3600");
    }
  }
}

/** The policies each persona's group gets: built-in per persona, then config custom policies. */
export function ramEffectivePolicies(args: AlicloudRamArgs): Record<Persona, RamPolicyRef[]> {
  const production = args.production ?? ALICLOUD_RAM_DEFAULTS.production;
  const out = {} as Record<Persona, RamPolicyRef[]>;
  for (const persona of PERSONAS) {
    const refs = [...alicloudPersonaPolicies(persona, production)];
    for (const [key, spec] of Object.entries(args.customPolicies ?? {})) {
      if ((spec.personas ?? []).includes(persona)) refs.push({ type: "Custom", name: key });
    }
    out[persona] = refs;
  }
  return out;
}
