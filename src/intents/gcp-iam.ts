import type { InventoryResource } from "../offline/inventory";
import { hop, Index, input, lastSegment, list } from "./net";
import type { Hop } from "./types";

/** Predefined roles that carry each action's permission (artifactregistry.repositories.uploadArtifacts, …). */
export const GCP_ACTION_ROLES: Readonly<Record<"push" | "pull" | "deploy", readonly string[]>> = {
  push: ["roles/artifactregistry.writer", "roles/artifactregistry.repoAdmin", "roles/artifactregistry.admin", "roles/owner", "roles/editor"],
  pull: ["roles/artifactregistry.reader", "roles/artifactregistry.writer", "roles/artifactregistry.repoAdmin", "roles/artifactregistry.admin", "roles/owner", "roles/editor", "roles/viewer"],
  deploy: ["roles/run.developer", "roles/run.admin", "roles/container.developer", "roles/container.admin", "roles/owner", "roles/editor"],
};

const WORKLOAD_IDENTITY_USER = "roles/iam.workloadIdentityUser";
const TOKEN_CREATOR = "roles/iam.serviceAccountTokenCreator";

/** What a binding grants: role and members, unconditional only. */
interface Grant { role: string; members: string[]; r: InventoryResource }

function grants(r: InventoryResource): Grant | undefined {
  if (input(r, "condition") !== undefined) return undefined;
  const members = input<string>(r, "member") !== undefined ? [String(input(r, "member"))] : list<string>(input(r, "members"));
  return { role: String(input(r, "role")), members, r };
}

/** Whether `member` is one of `members`: exact, or a `principalSet://…/*` of the principal's pool. */
export function memberMatches(members: readonly string[], member: string): boolean {
  // `principal://iam.googleapis.com/projects/*/…`: a pool created by the stack, its project number known once deployed.
  const numbered = member.includes("/projects/*/") ? new RegExp(`^${member.split("/projects/*/").map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("/projects/[0-9]+/")}$`) : undefined;
  return members.some((m) => m === member || numbered?.test(m) === true ||
    (m.startsWith("principalSet://") && m.endsWith("/*") && member.startsWith(`principal://${m.slice("principalSet://".length, -1)}subject/`)));
}

/** A repository of the plan: project, location and id. */
export interface GcpRepositoryRef { readonly project: string; readonly location: string; readonly repositoryId: string }

/** Bindings that give `role` on the project or the repository (project and repository level). */
function bindingsFor(ix: Index, project: string, repo: GcpRepositoryRef | undefined): Grant[] {
  const projectLevel = [...ix.of("gcp:projects/iAMMember:IAMMember"), ...ix.of("gcp:projects/iAMBinding:IAMBinding")]
    .filter((r) => input(r, "project") === project);
  const repoLevel = repo ? [...ix.of("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"), ...ix.of("gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding")]
    .filter((r) => input(r, "project") === repo.project && input(r, "location") === repo.location && lastSegment(input(r, "repository")) === repo.repositoryId) : [];
  return [...projectLevel, ...repoLevel].map(grants).filter((g): g is Grant => g !== undefined);
}

function direct(ix: Index, member: string, action: "push" | "pull" | "deploy", project: string, repo: GcpRepositoryRef | undefined): Grant | undefined {
  return bindingsFor(ix, project, repo).find((g) => GCP_ACTION_ROLES[action].includes(g.role) && memberMatches(g.members, member));
}

function bindingName(g: Grant): string {
  return `${g.r.name} (${g.role})`;
}

/**
 * Whether `member` can do `action`: a binding of a role with the permission on the project or
 * the repository, to the member itself, or, for a workload identity (`principal://`,
 * `principalSet://`), to a service account it may impersonate (roles/iam.workloadIdentityUser
 * on the service account). Conditional bindings are not counted.
 */
export function gcpAuthorize(ix: Index, member: string, action: "push" | "pull" | "deploy", project: string, repo: GcpRepositoryRef | undefined): Hop[] {
  const what = `${action} on ${repo ? `repository ${repo.repositoryId}` : `project ${project}`}`;
  const own = direct(ix, member, action, project, repo);
  if (own) return [hop("binding", "pass", bindingName(own), `${member} holds ${own.role}: ${what}`, own.r.urn)];
  if (!member.startsWith("principal")) {
    return [hop("binding", "block", `no ${action} binding for ${member}`, `no unconditional binding gives ${member} a role with ${what} (roles: ${GCP_ACTION_ROLES[action].join(", ")})`)];
  }
  const saBindings = [...ix.of("gcp:serviceaccount/iAMMember:IAMMember"), ...ix.of("gcp:serviceaccount/iAMBinding:IAMBinding")]
    .map(grants).filter((g): g is Grant => g !== undefined && (g.role === WORKLOAD_IDENTITY_USER || g.role === TOKEN_CREATOR));
  const impersonable = saBindings.filter((g) => memberMatches(g.members, member));
  for (const b of impersonable) {
    const email = lastSegment(input(b.r, "serviceAccountId"));
    const via = direct(ix, `serviceAccount:${email}`, action, project, repo);
    if (via) {
      return [
        hop("trust", "pass", bindingName(b), `${member} may impersonate ${email} (${b.role}, keyless)`, b.r.urn),
        hop("binding", "pass", bindingName(via), `${email} holds ${via.role}: ${what}`, via.r.urn),
      ];
    }
  }
  const holders = bindingsFor(ix, project, repo).filter((g) => GCP_ACTION_ROLES[action].includes(g.role)).flatMap((g) => g.members)
    .filter((m) => m.startsWith("serviceAccount:")).map((m) => m.slice("serviceAccount:".length));
  const names = [...new Set(holders)].sort();
  return [hop("binding", "block", names.length > 0 ? `no ${WORKLOAD_IDENTITY_USER} on ${names.join(", ")}` : `no ${action} binding`,
    names.length > 0
      ? `${member} may not impersonate a service account that can ${what}: no ${WORKLOAD_IDENTITY_USER} binding for it on ${names.join(", ")}` +
        (impersonable.length > 0 ? ` (it may impersonate ${impersonable.map((b) => lastSegment(input(b.r, "serviceAccountId"))).join(", ")}, which cannot)` : "")
      : `no binding gives ${member}, or a service account it may impersonate, a role with ${what}`)];
}
