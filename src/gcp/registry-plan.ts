import type * as pulumi from "@pulumi/pulumi";
import { joinPath, Problems, validated } from "../core/errors";
import { checkLabels } from "../core/labels";
import { GCP_NAME_MAX, GCP_NAME_PATTERN, nameOf } from "../core/naming";
import { checkPersona, personaRegistryAccess, RegistryAccess } from "../core/personas";
import type { PlanArgs } from "../core/planned";
import { checkGcpMemberFormat } from "./iam-plan";
import { checkKmsKeyFor, GCP_SERVICE_ACCOUNT_ID } from "./ids";

/** Artifact Registry roles granted on the repository (never project-wide, never basic roles). */
export const GCP_REGISTRY_ROLES = {
  push: "roles/artifactregistry.writer",
  pull: "roles/artifactregistry.reader",
} as const;

/** APIs the registry needs: Artifact Registry itself and automatic vulnerability scanning of pushed images. */
export const GCP_REGISTRY_SERVICES = ["artifactregistry.googleapis.com", "containerscanning.googleapis.com"] as const;

export const GCP_REGISTRY_DEFAULTS = {
  /** Versions kept per image, whatever their age. */
  keepCount: 10,
  /** Untagged versions older than this are deleted. */
  deleteUntaggedAfterDays: 14,
  /** Cleanup policies act (not just report). */
  dryRun: false,
} as const;

/** Clean-up of old images: KEEP the N most recent versions, DELETE untagged versions older than D days. */
export interface GcpRegistryCleanupArgs {
  /** Most recent versions of each image kept regardless of age (KEEP policy). @default 10 */
  readonly keepCount?: number;
  /** Untagged versions older than this many days are deleted (DELETE policy). @default 14 */
  readonly deleteUntaggedAfterDays?: number;
  /** Only report what the policies would delete (`cleanupPolicyDryRun`). @default false */
  readonly dryRun?: boolean;
}

export interface GcpRegistryArgs {
  /** Project that holds the repository. A plain string: planning needs it (the repository URLs are plan-time values). */
  readonly project: string;
  /** Region of the repository (the environment's primary region). */
  readonly location: string;
  /** Repository id (RFC 1035, ≤ 63 characters). @default the component name */
  readonly repositoryId?: string;
  /**
   * Use a repository that already exists (e.g. one shared by several environments and
   * created by another stack): grant access and create the CI robot, but create no repository.
   * @default false
   */
  readonly existing?: boolean;
  /** Repository description. @default "Container images of <name>" */
  readonly description?: string;
  /** Production: immutable tags by default, repository protected, retained and deletion-prevented; developers only pull. @default false */
  readonly production?: boolean;
  /** Tags can never be moved or deleted (`dockerConfig.immutableTags`). @default `production` */
  readonly immutableTags?: boolean;
  /** Image clean-up policies. @default keep 10 most recent, delete untagged after 14 days, not a dry run */
  readonly cleanup?: GcpRegistryCleanupArgs;
  /**
   * CMEK key (`projects/P/locations/<location>/keyRings/R/cryptoKeys/K`), in the repository's
   * location; the Artifact Registry service agent needs encrypter/decrypter on it (`GcpKeys`
   * grants it: pass its `readyKeyNames.registry`). Immutable: changing it replaces the repository.
   * @default Google-managed encryption
   */
  readonly kmsKeyName?: pulumi.Input<string>;
  /** Also create a remote repository `<repositoryId>-dockerhub` that proxies (and scans) Docker Hub. @default false */
  readonly dockerHubProxy?: boolean;
  /**
   * Members per persona (`user:`, `group:`, `serviceAccount:` …). Each persona gets the access
   * `personaRegistryAccess(persona, production)` gives it: ciDeployer pushes, tester pulls,
   * developer pushes outside production and only pulls in production, others nothing.
   * @default {}
   */
  readonly members?: Readonly<Record<string, readonly string[]>>;
  /** Runtime identities (e.g. `serviceAccount:gke-nodes@P.iam.gserviceaccount.com`) that pull images. @default [] */
  readonly readers?: readonly string[];
  /** Create the keyless CI robot service account with push access to this registry's repositories. @default true */
  readonly robot?: boolean;
  /** The robot's account id (6–30 characters). @default `<name>-ci` */
  readonly robotAccountId?: string;
  /**
   * Who may impersonate the CI robot keylessly through workload identity federation
   * (`roles/iam.workloadIdentityUser` on the robot). Without it nobody can use the robot. @default none
   */
  readonly robotWorkloadIdentity?: GcpRobotWorkloadIdentityArgs;
  /** Enable the Artifact Registry and Container Scanning APIs in the project. @default true */
  readonly enableServices?: boolean;
  /** Labels of the repositories. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The CI jobs that may act as the registry robot, in a workload identity pool. */
export interface GcpRobotWorkloadIdentityArgs {
  /**
   * The pool's resource name, `projects/<number>/locations/global/workloadIdentityPools/<id>`
   * (`GcpWorkloadIdentity.poolName`). Required: a missing, empty or blank string is
   * `LZ_WIF_POOL_MISSING`; an Output is taken as it resolves.
   */
  readonly pool: pulumi.Input<string>;
  /** Token subjects that may push, e.g. `repo:acme/app:environment:prod`: one `principal://…/subject/<sub>` member each. @default [] */
  readonly subjects?: readonly string[];
  /** Repositories (e.g. `acme/app`) whose every job may push: `principalSet://…/attribute.repository/<repo>`. Refused in production. @default [] */
  readonly repositories?: readonly string[];
}

/**
 * `GcpRegistryArgs` as `planGcpRegistry` reads them: the robot's pool may be left out, as the
 * plan never depends on it (a name known at deploy time); a pool that is given is checked. The
 * environment planner leaves it out when the robot uses the environment's own pool (see
 * `RegistryPlan.gcp.robotPool`); the component requires it (`validatedGcpRegistry`).
 */
export type GcpRegistryPlanArgs = Omit<GcpRegistryArgs, "robotWorkloadIdentity"> & {
  readonly robotWorkloadIdentity?: PlanArgs<GcpRobotWorkloadIdentityArgs, "pool">;
};

/** One workload identity binding on the robot (its member is only known once the pool exists). */
export interface GcpRobotWifBinding {
  /** Logical name of the `serviceaccount.IAMMember`. */
  readonly resourceName: string;
  readonly kind: "subject" | "repository";
  readonly value: string;
}

/** One IAM grant on a repository. */
export interface GcpRegistryGrant {
  /** Logical name of the RepositoryIamMember (stable: built from the role and the member, not list positions). */
  readonly resourceName: string;
  readonly role: string;
  readonly member: string;
  /** Why the member has access: a persona, `reader` (runtime) or `robot`. */
  readonly reason: string;
}

/** What `planGcpRegistry` computes from the args: plain data, no Pulumi. */
export interface GcpRegistryPlan {
  readonly repositoryId: string;
  readonly remoteRepositoryId?: string;
  readonly robotAccountId?: string;
  readonly immutableTags: boolean;
  readonly cleanup: Required<GcpRegistryCleanupArgs>;
  /** Grants on the standard repository, excluding the robot's (its email is only known at deploy time). */
  readonly grants: readonly GcpRegistryGrant[];
  /** Registry host for `docker login`, e.g. `europe-west1-docker.pkg.dev`. */
  readonly host: string;
  /** `docker push` / `docker pull` prefix of the repository. */
  readonly url: string;
  /** `docker pull` prefix of the Docker Hub proxy. */
  readonly proxyUrl?: string;
  /** Workload identity bindings on the robot. */
  readonly robotWif: readonly GcpRobotWifBinding[];
}

/** Turns a member into a name fragment: `user:ann@acme.example` → `user-ann-acme-example`. */
export function registryMemberSlug(member: string): string {
  return member.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Checks an IAM member: never public, well formed (`isGcpMember`). */
export function checkRegistryMember(member: string, path: string, problems: Problems): void {
  checkGcpMemberFormat(member, path, problems);
}

/** Checks a retention number: a whole number above 0. */
export function checkRegistryRetention(value: number | undefined, path: string, what: string, problems: Problems): void {
  if (value !== undefined && (!Number.isInteger(value) || value <= 0)) {
    problems.add("LZ_REGISTRY_RETENTION", path, `${what} ${value} is not a whole number above 0`,
      "use a positive whole number, e.g. 10");
  }
}

/** Validates `GcpRegistry` args and computes its plan; reports every problem under `path`. */
export function planGcpRegistry(name: string, args: GcpRegistryPlanArgs, path: string, problems: Problems): GcpRegistryPlan {
  const repositoryId = args.repositoryId ?? name;
  if (repositoryId.length > GCP_NAME_MAX || !GCP_NAME_PATTERN.test(repositoryId)) {
    problems.add("LZ_REGISTRY_REPOSITORY_ID", joinPath(path, args.repositoryId === undefined ? "name" : "repositoryId"),
      `repository id "${repositoryId}" breaks Artifact Registry's rule: 1–63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen`,
      "choose an id such as prod-containers");
  }
  const remoteRepositoryId = args.dockerHubProxy === true ? nameOf(repositoryId, "dockerhub") : undefined;
  if (remoteRepositoryId !== undefined && GCP_NAME_PATTERN.test(repositoryId) && remoteRepositoryId.length > GCP_NAME_MAX) {
    problems.add("LZ_REGISTRY_REPOSITORY_ID", joinPath(path, "dockerHubProxy"),
      `the proxy's id "${remoteRepositoryId}" is longer than ${GCP_NAME_MAX} characters`, "shorten the repository id to at most 53 characters");
  }
  const cleanupPath = joinPath(path, "cleanup");
  checkRegistryRetention(args.cleanup?.keepCount, joinPath(cleanupPath, "keepCount"), "keepCount", problems);
  checkRegistryRetention(args.cleanup?.deleteUntaggedAfterDays, joinPath(cleanupPath, "deleteUntaggedAfterDays"), "deleteUntaggedAfterDays", problems);
  // A key that is still an Output (e.g. GcpKeys' readyKeyNames) was checked where it was planned.
  if (typeof args.kmsKeyName === "string") checkKmsKeyFor(args.kmsKeyName, args.location, joinPath(path, "kmsKeyName"), problems, "the repository");
  let robotAccountId: string | undefined;
  if (args.robot ?? true) {
    robotAccountId = args.robotAccountId ?? nameOf(name, "ci");
    if (!GCP_SERVICE_ACCOUNT_ID.test(robotAccountId)) {
      problems.add("LZ_REGISTRY_ROBOT_ID", joinPath(path, args.robotAccountId === undefined ? "name" : "robotAccountId"),
        `service account id "${robotAccountId}" must be 6–30 lowercase letters, digits or hyphens, starting with a letter`,
        "set robotAccountId, e.g. prod-registry-ci");
    }
  }

  const grants: GcpRegistryGrant[] = [];
  const seen = new Set<string>();
  const grant = (access: Exclude<RegistryAccess, "none">, member: string, reason: string) => {
    const role = GCP_REGISTRY_ROLES[access];
    const resourceName = nameOf(name, access === "push" ? "writer" : "reader", registryMemberSlug(member));
    if (seen.has(resourceName)) return;
    seen.add(resourceName);
    grants.push({ resourceName, role, member, reason });
  };
  const membersPath = joinPath(path, "members");
  for (const [persona, members] of Object.entries(args.members ?? {})) {
    const personaPath = joinPath(membersPath, persona);
    if (!checkPersona(persona, personaPath, problems)) continue;
    members.forEach((m, i) => checkRegistryMember(m, `${personaPath}[${i}]`, problems));
    const access = personaRegistryAccess(persona, args.production === true);
    if (access === "none") continue;
    for (const m of members) grant(access, m, persona);
  }
  (args.readers ?? []).forEach((m, i) => {
    checkRegistryMember(m, `${joinPath(path, "readers")}[${i}]`, problems);
    grant("pull", m, "reader");
  });
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);
  const robotWif = planRobotWif(name, args, robotAccountId !== undefined, joinPath(path, "robotWorkloadIdentity"), problems);

  const host = `${args.location}-docker.pkg.dev`;
  return {
    repositoryId,
    remoteRepositoryId,
    robotAccountId,
    immutableTags: args.immutableTags ?? args.production === true,
    cleanup: {
      keepCount: args.cleanup?.keepCount ?? GCP_REGISTRY_DEFAULTS.keepCount,
      deleteUntaggedAfterDays: args.cleanup?.deleteUntaggedAfterDays ?? GCP_REGISTRY_DEFAULTS.deleteUntaggedAfterDays,
      dryRun: args.cleanup?.dryRun ?? GCP_REGISTRY_DEFAULTS.dryRun,
    },
    grants,
    host,
    url: `${host}/${args.project}/${repositoryId}`,
    proxyUrl: remoteRepositoryId === undefined ? undefined : `${host}/${args.project}/${remoteRepositoryId}`,
    robotWif,
  };
}

/** Token subjects: non-empty, no whitespace (GitHub: `repo:<org>/<repo>:<context>`). */
const WIF_SUBJECT = /^\S{1,127}$/;
/** Repository attribute values, e.g. `acme/app`. */
const WIF_REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function planRobotWif(name: string, args: GcpRegistryPlanArgs, robot: boolean, path: string, problems: Problems): GcpRobotWifBinding[] {
  const wif = args.robotWorkloadIdentity;
  if (wif === undefined) return [];
  // Left out only by the environment planner (the environment's pool, added at deploy time); an Output resolves at deploy time.
  if (wif.pool !== undefined) checkRobotPool(wif.pool, joinPath(path, "pool"), problems);
  if (!robot) {
    problems.add("LZ_WIF_NO_ROBOT", path, "robotWorkloadIdentity is given but robot is off", "turn robot on, or remove robotWorkloadIdentity");
  }
  const subjects = wif.subjects ?? [];
  const repositories = wif.repositories ?? [];
  if (subjects.length + repositories.length === 0) {
    problems.add("LZ_WIF_NO_MEMBERS", path, "no subject or repository may impersonate the robot", "list the CI job's token subject in subjects, e.g. repo:acme/app:environment:prod");
  }
  subjects.forEach((s, i) => {
    if (!WIF_SUBJECT.test(s)) {
      problems.add("LZ_WIF_SUBJECT", `${joinPath(path, "subjects")}[${i}]`, `"${s}" is not a token subject (1–127 characters, no spaces)`,
        "use the CI token's sub claim, e.g. repo:acme/app:environment:prod");
    }
  });
  repositories.forEach((r, i) => {
    const at = `${joinPath(path, "repositories")}[${i}]`;
    if (!WIF_REPOSITORY.test(r)) {
      problems.add("LZ_WIF_REPOSITORY", at, `"${r}" is not a repository (<owner>/<name>)`, "use e.g. acme/app");
    } else if (args.production === true) {
      problems.add("LZ_WIF_PRINCIPAL_SET", at, "in production the registry robot may only be used by single token subjects, not every job of a repository (any branch or pull request would push)",
        "list the production job's subject in subjects instead, e.g. repo:acme/app:environment:prod");
    }
  });
  return [
    ...subjects.map((value) => ({ resourceName: nameOf(name, "robot-wif", registryMemberSlug(value)), kind: "subject" as const, value })),
    ...repositories.map((value) => ({ resourceName: nameOf(name, "robot-wifset", registryMemberSlug(value)), kind: "repository" as const, value })),
  ];
}

/**
 * Checks the robot's pool as given: present, and not an empty or blank string (its members would
 * be `principal://iam.googleapis.com//subject/…`, a pool that cannot exist).
 */
export function checkRobotPool(pool: pulumi.Input<string> | null | undefined, path: string, problems: Problems): void {
  if (pool !== undefined && pool !== null && (typeof pool !== "string" || pool.trim() !== "")) return;
  problems.add("LZ_WIF_POOL_MISSING", path,
    typeof pool === "string" ? `the robot's workload identity pool "${pool}" is empty` : "the robot's workload identity has no pool",
    "give the pool's resource name, projects/<number>/locations/global/workloadIdentityPools/<id> (GcpWorkloadIdentity.poolName)");
}

/**
 * Plans `GcpRegistry` args before anything is registered; throws one `LandingZoneValidationError`
 * with every problem. A `robotWorkloadIdentity` without its pool is one: the component binds
 * members of a real pool only.
 */
export function validatedGcpRegistry(name: string, args: GcpRegistryArgs): GcpRegistryPlan {
  const pool: pulumi.Input<string> | null | undefined = args.robotWorkloadIdentity?.pool;
  if (args.robotWorkloadIdentity !== undefined && (pool === undefined || pool === null)) {
    const path = "GcpRegistry args";
    const problems = new Problems();
    planGcpRegistry(name, args, path, problems);
    checkRobotPool(pool, joinPath(joinPath(path, "robotWorkloadIdentity"), "pool"), problems);
    problems.throwIfAny(`GcpRegistry "${name}"`);
  }
  return validated("GcpRegistry", planGcpRegistry, name, args);
}

/** A service account description may hold 256 UTF-8 bytes. */
export const GCP_SERVICE_ACCOUNT_DESCRIPTION_MAX = 256;

/** The CI robot's description: with the component name and push URL when they fit in 256 bytes, else with the repository id only. */
export function registryRobotDescription(name: string, plan: GcpRegistryPlan): string {
  const tail = "only. Use it through workload identity federation; create no keys.";
  const full = `Keyless CI robot of ${name}: pushes images to ${plan.url} ${tail}`;
  return Buffer.byteLength(full, "utf8") <= GCP_SERVICE_ACCOUNT_DESCRIPTION_MAX ? full : `Keyless CI robot: pushes images to repository ${plan.repositoryId} ${tail}`;
}
