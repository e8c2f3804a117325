import type * as pulumi from "@pulumi/pulumi";
import { joinPath, Problems } from "../core/errors";
import { nameOf } from "../core/naming";
import { checkBillingAccount, GCP_PROJECT_ID, GCP_SERVICE_ACCOUNT_ID } from "./ids";
import { checkPersona, gcpPersonaRoles, isGcpBasicRole, Persona, PERSONAS } from "../core/personas";

/** Member prefixes GCP IAM accepts here, each with the shape of its value. */
export const GCP_MEMBER_PREFIXES = ["user:", "group:", "serviceAccount:", "domain:", "principal://", "principalSet://"] as const;

/** Launch stages of a custom role. */
export const GCP_CUSTOM_ROLE_STAGES = ["ALPHA", "BETA", "GA", "DEPRECATED", "DISABLED", "EAP"] as const;

/** The log types the data-access audit config turns on for `allServices`. */
export const GCP_AUDIT_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;

/** Role of the robot's impersonators on the robot service account (workload identity federation). */
export const GCP_WORKLOAD_IDENTITY_ROLE = "roles/iam.workloadIdentityUser";

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** GKE Workload Identity member value: `PROJECT.svc.id.goog[NAMESPACE/KSA]`. */
const GKE_WORKLOAD = /^[a-z][a-z0-9-]{4,28}[a-z0-9]\.svc\.id\.goog\[[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?\]$/;
const PRINCIPAL = /^principal(Set)?:\/\/iam\.googleapis\.com\/\S+$/;
const PREDEFINED_ROLE = /^roles\/[a-zA-Z0-9_.]+$/;
const CUSTOM_ROLE_REF = /^(projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]|organizations\/\d+)\/roles\/[a-zA-Z0-9_.]{3,64}$/;
const CUSTOM_ROLE_ID = /^[a-zA-Z0-9_.]{3,64}$/;
const PERMISSION = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+){2,}$/;

/** Shortest written reason accepted for `allowBasicRoles`. */
export const GCP_JUSTIFICATION_MIN = 20;

/** A project-level custom role. */
export interface GcpCustomRoleSpec {
  /** Human-readable title (1–100 bytes of UTF-8, e.g. 100 ASCII characters). */
  readonly title: string;
  /** Permissions, e.g. `compute.instances.get` (at least one). */
  readonly permissions: readonly string[];
  /** @default none */
  readonly description?: string;
  /** Launch stage. @default "GA" */
  readonly stage?: string;
  /** Personas granted this role (in addition to their predefined roles). @default [] */
  readonly personas?: readonly string[];
}

export interface GcpIamArgs {
  /** Project the grants, robots, custom roles and audit config live in. May be another resource's output; checked as a project id only when it is a plain string. */
  readonly project: pulumi.Input<string>;
  /** Production grants: the narrower, read-leaning role set per persona. @default false */
  readonly production?: boolean;
  /**
   * Members per persona: `user:`, `group:`, `serviceAccount:` or `domain:` plus a well-formed
   * value, or a `principal://` / `principalSet://` workload identity. @default {}
   */
  readonly members?: Readonly<Record<string, readonly string[]>>;
  /**
   * Extra roles per persona (`roles/…`, `projects/P/roles/R`, `organizations/O/roles/R`),
   * granted besides the persona's predefined roles. Basic roles need `allowBasicRoles`. @default {}
   */
  readonly extraRoles?: Readonly<Record<string, readonly string[]>>;
  /** Custom roles keyed by role id (3–64 letters, digits, `_`, `.`). @default {} */
  readonly customRoles?: Readonly<Record<string, GcpCustomRoleSpec>>;
  /** Allow basic roles (owner, editor, viewer) in `extraRoles`; needs `justification`. @default false */
  readonly allowBasicRoles?: boolean;
  /** Written reason for `allowBasicRoles` (at least 20 characters). @default none */
  readonly justification?: string;
  /** Create the CI deployer robot (a service account with no keys). @default true */
  readonly ciDeployerRobot?: boolean;
  /**
   * Workload identities allowed to impersonate the robot (`roles/iam.workloadIdentityUser` on
   * the robot's service account), e.g. the `principal://…/subject/repo:<org>/<repo>:environment:<env>`
   * of a GitHub workload identity pool. Principal sets are refused in production. @default []
   */
  readonly robotImpersonators?: readonly string[];
  /** Billing account id; when set, billing viewers get `roles/billing.viewer` on it. @default none */
  readonly billingAccount?: string;
  /** Data-access audit logs for all services (ADMIN_READ, DATA_READ, DATA_WRITE). @default true */
  readonly dataAccessLogs?: boolean;
}

export const GCP_IAM_DEFAULTS = { production: false, ciDeployerRobot: true, dataAccessLogs: true, stage: "GA" } as const;

/** Whether `member` is a well-formed IAM member: a known prefix and a value of the shape that prefix takes. */
export function isGcpMember(member: string): boolean {
  const prefix = GCP_MEMBER_PREFIXES.find((p) => member.startsWith(p));
  if (prefix === undefined) return false;
  const value = member.slice(prefix.length);
  if (prefix === "domain:") return DOMAIN.test(value);
  if (prefix.startsWith("principal")) return PRINCIPAL.test(member);
  if (prefix === "serviceAccount:") return EMAIL.test(value) || GKE_WORKLOAD.test(value);
  return EMAIL.test(value);
}

/** The members that stand for everyone; a landing zone never grants to them. */
export const GCP_PUBLIC_MEMBERS = ["allUsers", "allAuthenticatedUsers"] as const;

/**
 * The member rule every GCP grant shares (project IAM, registry): not public
 * (`LZ_MEMBER_PUBLIC`) and well formed (`LZ_MEMBER_INVALID`). Reports under `path`; true when
 * the member passed both.
 */
export function checkGcpMemberFormat(member: string, path: string, problems: Problems): boolean {
  if ((GCP_PUBLIC_MEMBERS as readonly string[]).includes(member)) {
    problems.add("LZ_MEMBER_PUBLIC", path, `"${member}" grants access to everyone`,
      "name the users, groups or service accounts that need access; a landing zone never grants to the public");
    return false;
  }
  if (!isGcpMember(member)) {
    problems.add("LZ_MEMBER_INVALID", path,
      `"${member}" is not a member: expected user:EMAIL, group:EMAIL, serviceAccount:EMAIL (or PROJECT.svc.id.goog[NS/KSA]), domain:DOMAIN, principal://iam.googleapis.com/… or principalSet://iam.googleapis.com/…`,
      "write the member with its prefix, e.g. group:platform-team@acme.example");
    return false;
  }
  return true;
}

/** Checks one GCP IAM member string for a project grant: the shared member rule, and no default service account. */
export function checkGcpMember(member: string, path: string, problems: Problems): void {
  if (!checkGcpMemberFormat(member, path, problems)) return;
  if (/^serviceAccount:.*(-compute@developer|@appspot)\.gserviceaccount\.com$/.test(member)) {
    problems.add("LZ_IAM_DEFAULT_SERVICE_ACCOUNT", path, `"${member}" is a default service account`,
      "create a dedicated service account for the workload and grant it instead");
  }
}

/** The CI robot's service account id: `<name>-ci-deployer`. */
export function gcpRobotAccountId(name: string): string {
  return nameOf(name, "ci-deployer");
}

/** Validates `GcpIam` args; reports every problem under `path`. */
export function planGcpIam(name: string, args: GcpIamArgs, path: string, problems: Problems): void {
  if (typeof args.project === "string" && !GCP_PROJECT_ID.test(args.project)) {
    problems.add("LZ_PROJECT_ID", joinPath(path, "project"), `"${args.project}" is not a GCP project id`,
      "use the 6–30 character project id, e.g. acme-lz-prod");
  }
  if (args.ciDeployerRobot ?? GCP_IAM_DEFAULTS.ciDeployerRobot) {
    const id = gcpRobotAccountId(name);
    if (!GCP_SERVICE_ACCOUNT_ID.test(id)) {
      problems.add("LZ_IAM_ACCOUNT_ID", path, `the robot's account id "${id}" must be 6–30 lowercase letters, digits or hyphens`,
        "shorten the component name (at most 18 characters)");
    }
  }
  for (const [key, members] of Object.entries(args.members ?? {})) {
    const at = joinPath(joinPath(path, "members"), key);
    checkPersona(key, at, problems);
    const seen = new Set<string>();
    members.forEach((m, i) => {
      checkGcpMember(m, `${at}[${i}]`, problems);
      if (seen.has(m)) {
        problems.add("LZ_IAM_MEMBER_DUPLICATE", `${at}[${i}]`, `"${m}" is listed twice`, "remove the duplicate");
      }
      seen.add(m);
    });
  }
  const basicAllowed = args.allowBasicRoles === true;
  if (basicAllowed && (args.justification ?? "").trim().length < GCP_JUSTIFICATION_MIN) {
    problems.add("LZ_IAM_JUSTIFICATION", joinPath(path, "justification"),
      `allowBasicRoles needs a written justification of at least ${GCP_JUSTIFICATION_MIN} characters`,
      "say why a predefined or custom role cannot do, and until when");
  }
  for (const [key, roles] of Object.entries(args.extraRoles ?? {})) {
    const at = joinPath(joinPath(path, "extraRoles"), key);
    checkPersona(key, at, problems);
    roles.forEach((role, i) => {
      if (isGcpBasicRole(role)) {
        if (!basicAllowed) {
          problems.add("LZ_IAM_BASIC_ROLE", `${at}[${i}]`, `${role} is a basic role (far wider than any persona needs)`,
            "grant predefined or custom roles; or set allowBasicRoles: true with a justification");
        }
      } else if (!PREDEFINED_ROLE.test(role) && !CUSTOM_ROLE_REF.test(role)) {
        problems.add("LZ_IAM_ROLE_INVALID", `${at}[${i}]`, `"${role}" is not a role`,
          "use roles/SERVICE.ROLE, projects/PROJECT/roles/ID or organizations/ORG/roles/ID");
      }
    });
  }
  for (const [id, role] of Object.entries(args.customRoles ?? {})) {
    const at = joinPath(joinPath(path, "customRoles"), id);
    if (!CUSTOM_ROLE_ID.test(id)) {
      problems.add("LZ_IAM_CUSTOM_ROLE_ID", at, `custom role id "${id}" must be 3–64 letters, digits, underscores or periods (no hyphens)`,
        "rename the key, e.g. lzNetworkReader");
    }
    const titleBytes = Buffer.byteLength(role.title, "utf8");
    if (titleBytes < 1 || titleBytes > 100) {
      problems.add("LZ_IAM_CUSTOM_ROLE_TITLE", joinPath(at, "title"), `the title is ${titleBytes} bytes; it must be 1–100 bytes of UTF-8`, "give a short title");
    }
    if (role.permissions.length === 0) {
      problems.add("LZ_IAM_CUSTOM_ROLE_PERMISSIONS", joinPath(at, "permissions"), "a custom role needs at least one permission",
        "list permissions such as compute.instances.get");
    }
    role.permissions.forEach((p, i) => {
      if (!PERMISSION.test(p)) {
        problems.add("LZ_IAM_PERMISSION_INVALID", `${joinPath(at, "permissions")}[${i}]`, `"${p}" is not a permission (service.resource.verb)`,
          "use a permission such as compute.instances.get; wildcards are not allowed");
      }
    });
    if (role.stage !== undefined && !(GCP_CUSTOM_ROLE_STAGES as readonly string[]).includes(role.stage)) {
      problems.add("LZ_IAM_CUSTOM_ROLE_STAGE", joinPath(at, "stage"), `"${role.stage}" is not a launch stage`,
        `use one of ${GCP_CUSTOM_ROLE_STAGES.join(", ")}`);
    }
    (role.personas ?? []).forEach((p, i) => checkPersona(p, `${joinPath(at, "personas")}[${i}]`, problems));
  }
  (args.robotImpersonators ?? []).forEach((m, i) => {
    const at = `${joinPath(path, "robotImpersonators")}[${i}]`;
    checkGcpMember(m, at, problems);
    // A principal set (every workflow of a repository, every identity of a pool) may not deploy to production.
    if ((args.production ?? GCP_IAM_DEFAULTS.production) && m.startsWith("principalSet://")) {
      problems.add("LZ_IAM_ROBOT_PRINCIPAL_SET", at, "in production the deploy robot may only be impersonated by single identities, not a principal set (any branch or pull request of the repository would deploy)",
        "use the production job's subject, e.g. principal://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/subject/repo:<org>/<repo>:environment:prod");
    }
  });
  if ((args.robotImpersonators ?? []).length > 0 && !(args.ciDeployerRobot ?? GCP_IAM_DEFAULTS.ciDeployerRobot)) {
    problems.add("LZ_IAM_NO_ROBOT", joinPath(path, "robotImpersonators"), "robot impersonators are given but ciDeployerRobot is off",
      "turn ciDeployerRobot on, or remove robotImpersonators");
  }
  if (args.billingAccount !== undefined) checkBillingAccount(args.billingAccount, joinPath(path, "billingAccount"), problems);
}

/** The roles each persona gets from these args: predefined, extra, then custom (deduplicated, in order). */
export function gcpEffectiveRoles(args: GcpIamArgs): Record<Persona, string[]> {
  const production = args.production ?? GCP_IAM_DEFAULTS.production;
  const out = {} as Record<Persona, string[]>;
  for (const persona of PERSONAS) {
    const roles = [...gcpPersonaRoles(persona, production), ...(args.extraRoles?.[persona] ?? [])];
    for (const [id, role] of Object.entries(args.customRoles ?? {})) {
      if ((role.personas ?? []).includes(persona)) roles.push(`custom:${id}`);
    }
    out[persona] = [...new Set(roles)];
  }
  return out;
}

/** Shared with the component class, not public API. @internal */
export function roleTail(role: string): string {
  if (role.startsWith("roles/")) return role.slice("roles/".length);
  if (role.startsWith("custom:")) return role.slice("custom:".length);
  return role.split("/").pop()!;
}
