import type { InventoryResource } from "../offline/inventory";
import { hop, Index, input, list } from "./net";
import type { Hop } from "./types";

/** Statements of the system policies the checker knows (others grant nothing it can see). */
const SYSTEM_POLICIES: Readonly<Record<string, readonly Statement[]>> = {
  AdministratorAccess: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  AliyunContainerRegistryFullAccess: [{ Effect: "Allow", Action: "cr:*", Resource: "*" }],
  AliyunContainerRegistryReadOnlyAccess: [{ Effect: "Allow", Action: ["cr:Get*", "cr:List*", "cr:PullRepository"], Resource: "*" }],
  AliyunCSFullAccess: [{ Effect: "Allow", Action: "cs:*", Resource: "*" }],
};

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Principal?: { Federated?: string | string[]; RAM?: string | string[]; Service?: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** RAM wildcard match: `*` any run of characters, `?` one; actions are case-insensitive. */
export function ramMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseInsensitive ? "i" : "");
  return re.test(value);
}

function statements(doc: unknown): Statement[] {
  if (typeof doc !== "string") return [];
  try {
    return list<Statement>((JSON.parse(doc) as { Statement?: unknown }).Statement);
  } catch {
    return [];
  }
}

/** One permission the API checks: action on resource. */
export interface RamCheck { readonly action: string; readonly resource: string }

/** A policy attached to the identity (directly, through a group, or to the role it assumes). */
interface Attached { policyName: string; policyType: string; via: InventoryResource }

function policyStatements(ix: Index, a: Attached): { statements: Statement[]; r?: InventoryResource } {
  if (a.policyType === "System") return { statements: [...(SYSTEM_POLICIES[a.policyName] ?? [])] };
  const p = ix.of("alicloud:ram/policy:Policy").find((p) => (input(p, "policyName") ?? p.name) === a.policyName);
  return p ? { statements: statements(input(p, "policyDocument")), r: p } : { statements: [] };
}

/** Allowed unless an attached Deny matches; the first Allow that matches names the hop. */
function evaluate(ix: Index, who: string, attached: readonly Attached[], check: RamCheck): Hop {
  let allow: Hop | undefined;
  for (const a of attached) {
    const { statements: st, r } = policyStatements(ix, a);
    for (const s of st) {
      const hit = asList(s.Action).some((p) => ramMatches(p, check.action, true)) && asList(s.Resource).some((p) => ramMatches(p, check.resource));
      if (!hit) continue;
      if (s.Effect === "Deny") return hop("policy", "block", a.policyName, `${a.policyName} denies ${check.action} on ${check.resource} to ${who}`, r?.urn ?? a.via.urn);
      allow ??= hop("policy", "pass", a.policyName, `${a.policyName} allows ${check.action} on ${check.resource} to ${who}`, r?.urn ?? a.via.urn);
    }
  }
  if (allow) return allow;
  const near = attached.find((a) => policyStatements(ix, a).statements.some((s) => asList(s.Action).some((p) => ramMatches(p, check.action, true))));
  return hop("policy", "block", near ? near.policyName : `no policy grants ${check.action}`,
    near ? `${near.policyName} grants ${check.action} to ${who} but not on ${check.resource}, the resource the API checks`
      : `no policy attached to ${who} allows ${check.action} on ${check.resource}`, near ? policyStatements(ix, near).r?.urn : undefined);
}

/** The OIDC identity of a CI job: provider, issuer, audience and subject. */
export interface OidcIdentity { readonly providerArn: string; readonly issuer?: string; readonly audience?: string; readonly subject: string }

function conditionHolds(cond: Statement["Condition"], id: OidcIdentity): boolean {
  const values: Record<string, string | undefined> = { "oidc:iss": id.issuer, "oidc:aud": id.audience, "oidc:sub": id.subject };
  for (const [op, keys] of Object.entries(cond ?? {})) {
    for (const [key, expected] of Object.entries(keys)) {
      const v = values[key];
      if (v === undefined) return false;
      const ok = op === "StringEquals" ? asList(expected).includes(v) : op === "StringLike" ? asList(expected).some((p) => ramMatches(p, v)) : false;
      if (!ok) return false;
    }
  }
  return true;
}

function roleTrusts(r: InventoryResource, id: OidcIdentity): boolean {
  return statements(input(r, "assumeRolePolicyDocument")).some((s) => s.Effect === "Allow" &&
    asList(s.Action as string | string[]).some((a) => ramMatches(a, "sts:AssumeRoleWithOIDC", true) || ramMatches(a, "sts:AssumeRole", true)) &&
    asList(s.Principal?.Federated).includes(id.providerArn) && conditionHolds(s.Condition, id));
}

/**
 * Whether a CI job with the OIDC identity can do every check, keylessly: some role whose trust
 * policy admits the identity (Federated principal = the OIDC provider, conditions on
 * oidc:iss/aud/sub) has policies allowing each check, no Deny matching.
 */
export function aliAuthorizeOidc(ix: Index, id: OidcIdentity, checks: readonly RamCheck[]): Hop[] {
  const roles = ix.of("alicloud:ram/role:Role").filter((r) => roleTrusts(r, id));
  if (roles.length === 0) return [hop("trust", "block", `no role trusts ${id.subject}`, `no RAM role's trust policy admits ${id.subject} from ${id.providerArn}`)];
  let best: Hop[] | undefined;
  const passes = (hops: readonly Hop[]) => hops.filter((h) => h.verdict === "pass").length;
  for (const role of roles) {
    const roleName = String(input(role, "roleName") ?? role.name);
    const attached = ix.of("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment").filter((a) => input(a, "roleName") === roleName)
      .map((a) => ({ policyName: String(input(a, "policyName")), policyType: String(input(a, "policyType") ?? "Custom"), via: a }));
    const hops = [hop("trust", "pass", roleName, `role ${roleName} trusts ${id.subject} (OIDC, keyless)`, role.urn), ...checks.map((c) => evaluate(ix, `role ${roleName}`, attached, c))];
    if (hops.every((h) => h.verdict === "pass")) return hops;
    if (best === undefined || passes(hops) > passes(best)) best = hops;
  }
  return best!;
}

/** Whether a RAM user can do every check: policies attached to the user or to its groups. */
export function aliAuthorizeUser(ix: Index, user: string, checks: readonly RamCheck[]): Hop[] {
  const groups = ix.of("alicloud:ram/userGroupAttachment:UserGroupAttachment").filter((a) => input(a, "userName") === user).map((a) => String(input(a, "groupName")));
  const attached = [
    ...ix.of("alicloud:ram/userPolicyAttachment:UserPolicyAttachment").filter((a) => input(a, "userName") === user),
    ...ix.of("alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment").filter((a) => groups.includes(String(input(a, "groupName")))),
  ].map((a) => ({ policyName: String(input(a, "policyName")), policyType: String(input(a, "policyType") ?? "Custom"), via: a }));
  return checks.map((c) => evaluate(ix, `user ${user}`, attached, c));
}
