import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { GCP_BASIC_ROLES, isGcpBasicRole } from "../../core/personas";
import { fail, type Inputs, notApplicable, pass, type ResourceRule, strings, tokenOf } from "../rule";

/** Project, folder and organization IAM grants (the non-authoritative ones). */
const GCP_HIERARCHY_GRANTS = [
  gcp.projects.IAMMember, gcp.projects.IAMBinding,
  gcp.folder.IAMMember, gcp.folder.IAMBinding,
  gcp.organizations.IAMMember, gcp.organizations.IAMBinding,
].map(tokenOf);
const GCP_PROJECT_GRANTS = [gcp.projects.IAMMember, gcp.projects.IAMBinding].map(tokenOf);
const GCP_AUTHORITATIVE = [gcp.projects.IAMPolicy, gcp.folder.IAMPolicy, gcp.organizations.IAMPolicy].map(tokenOf);

/** The members of an IAM member or binding resource. */
function membersOf(i: Inputs): string[] {
  return [...strings(i.member), ...strings(i.members)];
}

/** The basic roles the rule flags: the same list the IAM components refuse. */
export const POLICY_BASIC_ROLES: readonly string[] = GCP_BASIC_ROLES;

export const gcpIamNoBasicRoles: ResourceRule = {
  kind: "resource",
  id: "gcp-iam-no-basic-roles",
  description: "No project, folder or organization grant of a basic role (owner, editor, viewer).",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Basic roles grant thousands of permissions across every service; grant predefined or custom roles instead.",
  source: "CIS GCP Foundations v4.0 1.5 (adapted); CKV_GCP_115, CKV_GCP_116, CKV_GCP_117",
  types: GCP_HIERARCHY_GRANTS,
  check: (_t, i) => (typeof i.role === "string" && isGcpBasicRole(i.role)
    ? fail(`grants the basic role ${i.role} to ${membersOf(i).join(", ") || "its members"}; grant a predefined role such as roles/compute.networkViewer`) : pass),
};

export const gcpIamNoAuthoritativePolicy: ResourceRule = {
  kind: "resource",
  id: "gcp-iam-no-authoritative-policy",
  description: "No authoritative IAM policy (IAMPolicy) on a project, folder or organization.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "An authoritative policy replaces every grant made elsewhere, including Google's own service agents, and can lock everyone out.",
  source: "landing-zone (Pulumi GCP provider guidance on IAMPolicy)",
  types: GCP_AUTHORITATIVE,
  check: () => fail("an authoritative IAMPolicy replaces all other grants; use IAMMember (or IAMBinding) per role instead"),
};

export const gcpIamNoServiceAccountKeys: ResourceRule = {
  kind: "resource",
  id: "gcp-iam-no-service-account-keys",
  description: "No user-managed service account keys.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "A key file is a long-lived credential that leaks; use workload identity federation or impersonation.",
  source: "CIS GCP Foundations v4.0 1.4; CKV2_GCP_3",
  types: [tokenOf(gcp.serviceaccount.Key)],
  check: () => fail("creates a user-managed service account key; use workload identity federation or service account impersonation"),
};

/** GCP IAM member/binding types of any service (bucket, repository, KMS, project …), by the class name in the token. */
export function isGcpIamGrantType(type: string): boolean {
  return /^gcp:[^:]+:[A-Za-z]*(IamMember|IAMMember|IamBinding|IAMBinding)$/.test(type);
}

export const POLICY_PUBLIC_MEMBERS: readonly string[] = ["allUsers", "allAuthenticatedUsers"];

export const gcpIamNoPublicMembers: ResourceRule = {
  kind: "resource",
  id: "gcp-iam-no-public-members",
  description: "No IAM grant, on any resource (buckets, registries, keys, projects), to allUsers or allAuthenticatedUsers.",
  severity: "critical",
  enforcement: "mandatory",
  rationale: "allUsers is the whole internet and allAuthenticatedUsers is every Google account; nothing in a landing zone is public.",
  source: "CIS GCP Foundations v4.0 5.1, 1.9; CKV_GCP_101, CKV_GCP_112",
  types: "all",
  check: (type, i) => {
    if (!isGcpIamGrantType(type)) return notApplicable();
    const pub = membersOf(i).filter((m) => POLICY_PUBLIC_MEMBERS.includes(m));
    return pub.length > 0 ? fail(`grants ${String(i.role)} to ${pub.join(", ")}; grant it to named groups or service accounts`) : pass;
  },
};

export const POLICY_SA_IMPERSONATION_ROLES: readonly string[] = ["roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"];

export const gcpIamNoProjectSaImpersonation: ResourceRule = {
  kind: "resource",
  id: "gcp-iam-no-project-sa-impersonation",
  description: "Service Account User and Token Creator are granted on single service accounts, not on the project.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "At project level these roles let the holder act as every service account in the project, including the most privileged.",
  source: "CIS GCP Foundations v4.0 1.6; CKV_GCP_41",
  types: GCP_PROJECT_GRANTS,
  check: (_t, i) => (typeof i.role === "string" && POLICY_SA_IMPERSONATION_ROLES.includes(i.role)
    ? fail(`grants ${i.role} on the whole project; grant it on the one service account (gcp.serviceaccount.IAMMember)`) : pass),
};

/** The statements of a RAM policy: from `policyDocument` (or the deprecated `document`) JSON, or `statements`. */
function ramStatements(i: Inputs): { effect: string; actions: string[]; resources: string[] }[] | undefined {
  const doc = typeof i.policyDocument === "string" ? i.policyDocument : typeof i.document === "string" ? i.document : undefined;
  if (doc !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc);
    } catch {
      return undefined;
    }
    const stmts = (parsed as { Statement?: unknown }).Statement;
    return (Array.isArray(stmts) ? stmts : stmts ? [stmts] : []).map((s: Record<string, unknown>) => ({
      effect: String(s.Effect ?? ""), actions: strings(s.Action), resources: strings(s.Resource),
    }));
  }
  if (Array.isArray(i.statements)) {
    return i.statements.map((s: Record<string, unknown>) => ({ effect: String(s.effect ?? ""), actions: strings(s.actions), resources: strings(s.resources) }));
  }
  return [];
}

export const alicloudRamNoFullAdmin: ResourceRule = {
  kind: "resource",
  id: "alicloud-ram-no-full-admin-policy",
  description: "No custom RAM policy allows action * on resource *.",
  severity: "critical",
  enforcement: "mandatory",
  rationale: "A full-admin custom policy is AdministratorAccess under another name; grant the actions and resources a duty needs.",
  source: "CIS Alibaba Cloud v2.0 1.15",
  types: [tokenOf(alicloud.ram.Policy)],
  check: (_t, i) => {
    const stmts = ramStatements(i);
    if (stmts === undefined) return fail("the policy document is not valid JSON; write it with JSON.stringify");
    const bad = stmts.some((s) => s.effect.toLowerCase() === "allow" && s.actions.includes("*") && s.resources.includes("*"));
    return bad ? fail(`policy ${String(i.policyName ?? i.name ?? "")} allows action * on resource *; list the actions and resources needed`) : pass;
  },
};

export const alicloudRamNoUserAttachments: ResourceRule = {
  kind: "resource",
  id: "alicloud-ram-no-user-policy-attachments",
  description: "RAM policies are attached to groups or roles, not to users.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Per-user grants drift and are never reviewed; grants through groups and roles are.",
  source: "CIS Alibaba Cloud v2.0 1.16",
  types: [tokenOf(alicloud.ram.UserPolicyAttachment)],
  check: (_t, i) => fail(`attaches ${String(i.policyName ?? "a policy")} to user ${String(i.userName ?? "")}; attach it to a RAM group or role`),
};

export const IAM_RULES = [gcpIamNoBasicRoles, gcpIamNoAuthoritativePolicy, gcpIamNoServiceAccountKeys, gcpIamNoPublicMembers, gcpIamNoProjectSaImpersonation, alicloudRamNoFullAdmin, alicloudRamNoUserAttachments] as const;
