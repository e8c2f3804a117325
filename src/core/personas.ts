import { Problems } from "./errors";

/**
 * The RBAC personas of a landing zone. Each maps to least-privilege roles on each cloud
 * (see the README's persona table). Members per persona come from config per environment.
 */
export const PERSONAS = [
  "platformAdmin",
  "networkAdmin",
  "securityAuditor",
  "developer",
  "tester",
  "billingViewer",
  "ciDeployer",
] as const;

export type Persona = (typeof PERSONAS)[number];

/** True when `name` is a persona. */
export function isPersona(name: string): name is Persona {
  return (PERSONAS as readonly string[]).includes(name);
}

/** Checks that `name` (a members key, a `personas` entry, ...) is a persona; reports `LZ_UNKNOWN_PERSONA` under `path`. */
export function checkPersona(name: string, path: string, problems: Problems): name is Persona {
  if (isPersona(name)) return true;
  problems.add("LZ_UNKNOWN_PERSONA", path, `"${name}" is not a persona`, `use one of ${PERSONAS.join(", ")}`);
  return false;
}

/** What a persona may do in the container registry (granted on the repositories, not project-wide). */
export type RegistryAccess = "push" | "pull" | "none";

/**
 * Registry access per persona and environment kind. Non-production: developers push and pull,
 * testers pull, the CI robot pushes. Production: people read, the pipeline writes, so developers
 * only pull. Everyone else has no registry access. The registry components grant exactly this.
 */
export const PERSONA_REGISTRY_ACCESS: Readonly<{ standard: Readonly<Record<Persona, RegistryAccess>>; production: Readonly<Record<Persona, RegistryAccess>> }> = {
  standard: {
    platformAdmin: "none", networkAdmin: "none", securityAuditor: "none",
    developer: "push", tester: "pull", billingViewer: "none", ciDeployer: "push",
  },
  production: {
    platformAdmin: "none", networkAdmin: "none", securityAuditor: "none",
    developer: "pull", tester: "pull", billingViewer: "none", ciDeployer: "push",
  },
};

/** The registry access of a persona in an environment (`production: true` → the production table). */
export function personaRegistryAccess(persona: Persona, production: boolean): RegistryAccess {
  return (production ? PERSONA_REGISTRY_ACCESS.production : PERSONA_REGISTRY_ACCESS.standard)[persona];
}

/** Per-environment grants of one persona: the default set and the narrower production set. */
export interface PersonaGrants<T> {
  /** Non-production environments (dev, staging …). */
  readonly standard: readonly T[];
  /** Production (`production: true`): read-leaning, never wider than `standard`. */
  readonly production: readonly T[];
}

/** The same grants in every environment (already least privilege, nothing to narrow in production). */
export function everywhere<T>(grants: readonly T[]): PersonaGrants<T> {
  return { standard: grants, production: grants };
}

/** Kebab-case form of a persona for resource names: `platformAdmin` → `platform-admin`. */
export function personaSlug(persona: Persona): string {
  return persona.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

// ---------------------------------------------------------------------------------------------
// Google Cloud
// ---------------------------------------------------------------------------------------------

/** GCP basic (primitive) roles: never granted unless `allowBasicRoles` with a justification. */
export const GCP_BASIC_ROLES: readonly string[] = ["roles/owner", "roles/editor", "roles/viewer"];

/** True when `role` is a GCP basic role. */
export function isGcpBasicRole(role: string): boolean {
  return GCP_BASIC_ROLES.includes(role);
}

/**
 * Predefined GCP roles per persona, granted project-wide with `projects.IAMMember`.
 * Registry push/pull is granted on the repositories by the registry components
 * (`PERSONA_REGISTRY_ACCESS`), so developer and tester get only log/metric viewing here.
 * In production people get read-leaning roles; changes go through the pipeline.
 */
export const GCP_PERSONA_ROLES: Readonly<Record<Persona, PersonaGrants<string>>> = {
  platformAdmin: {
    standard: [
      "roles/compute.admin",
      // Creates and views service accounts; not serviceAccountAdmin, whose setIamPolicy would let an
      // admin grant themselves token creation on any account (project-wide impersonation).
      "roles/iam.serviceAccountCreator",
      "roles/iam.serviceAccountViewer",
      "roles/logging.admin",
      "roles/monitoring.admin",
      "roles/serviceusage.serviceUsageAdmin",
    ],
    production: [
      "roles/compute.viewer",
      "roles/iam.securityReviewer",
      "roles/logging.viewer",
      "roles/monitoring.viewer",
      "roles/serviceusage.serviceUsageViewer",
    ],
  },
  networkAdmin: {
    standard: ["roles/compute.networkAdmin", "roles/compute.securityAdmin", "roles/dns.admin"],
    production: ["roles/compute.networkViewer", "roles/dns.reader"],
  },
  securityAuditor: everywhere(["roles/iam.securityReviewer", "roles/logging.privateLogViewer", "roles/cloudasset.viewer"]),
  developer: {
    standard: ["roles/logging.viewer", "roles/monitoring.viewer"],
    production: ["roles/monitoring.viewer"],
  },
  tester: {
    standard: ["roles/logging.viewer"],
    production: [],
  },
  billingViewer: {
    // Billing data lives on the billing account, see GCP_BILLING_ACCOUNT_ROLES.
    standard: [],
    production: [],
  },
  ciDeployer: everywhere(["roles/container.developer", "roles/run.developer"]),
};

/** Roles granted on the billing account (`billing.AccountIamMember`) when one is configured. */
export const GCP_BILLING_ACCOUNT_ROLES: Readonly<Partial<Record<Persona, readonly string[]>>> = {
  billingViewer: ["roles/billing.viewer"],
};

/** The GCP predefined roles of a persona in an environment. */
export function gcpPersonaRoles(persona: Persona, production: boolean): readonly string[] {
  const g = GCP_PERSONA_ROLES[persona];
  return production ? g.production : g.standard;
}

// ---------------------------------------------------------------------------------------------
// Alibaba Cloud
// ---------------------------------------------------------------------------------------------

/** One statement of a RAM policy document. */
export interface RamStatement {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** A RAM policy: a system policy by name, or a custom policy (key into the custom policy set). */
export interface RamPolicyRef {
  readonly type: "System" | "Custom";
  /** System policy name, or custom policy key. */
  readonly name: string;
}

/**
 * Least-privilege custom RAM policies the personas use, keyed by name. None allows action `*`
 * on resource `*`.
 */
export const ALICLOUD_CUSTOM_POLICIES: Readonly<Record<string, readonly RamStatement[]>> = {
  "security-groups-manage": [
    { effect: "Allow", actions: ["ecs:DescribeSecurityGroups", "ecs:DescribeSecurityGroupAttribute", "ecs:DescribeSecurityGroupReferences"], resources: ["*"] },
    {
      effect: "Allow",
      actions: [
        "ecs:CreateSecurityGroup", "ecs:DeleteSecurityGroup", "ecs:ModifySecurityGroupAttribute", "ecs:ModifySecurityGroupPolicy",
        "ecs:AuthorizeSecurityGroup", "ecs:AuthorizeSecurityGroupEgress", "ecs:RevokeSecurityGroup", "ecs:RevokeSecurityGroupEgress",
        "ecs:ModifySecurityGroupRule", "ecs:ModifySecurityGroupEgressRule",
      ],
      resources: ["acs:ecs:*:*:securitygroup/*"],
    },
  ],
  "security-groups-read": [
    { effect: "Allow", actions: ["ecs:DescribeSecurityGroups", "ecs:DescribeSecurityGroupAttribute", "ecs:DescribeSecurityGroupReferences"], resources: ["*"] },
  ],
  "ack-deploy": [
    { effect: "Allow", actions: ["cs:DescribeClusters", "cs:DescribeClusterDetail", "cs:DescribeClusterUserKubeconfig"], resources: ["*"] },
  ],
};

/**
 * RAM policies per persona, attached to the persona's RAM group (and the robot's RAM role).
 * Registry push/pull policies are attached by the registry components.
 */
export const ALICLOUD_PERSONA_POLICIES: Readonly<Record<Persona, PersonaGrants<RamPolicyRef>>> = {
  platformAdmin: {
    standard: [
      { type: "System", name: "AliyunECSFullAccess" },
      { type: "System", name: "AliyunVPCFullAccess" },
      { type: "System", name: "AliyunLogFullAccess" },
      { type: "System", name: "AliyunCloudMonitorFullAccess" },
      { type: "System", name: "AliyunRAMReadOnlyAccess" },
    ],
    production: [
      { type: "System", name: "AliyunECSReadOnlyAccess" },
      { type: "System", name: "AliyunVPCReadOnlyAccess" },
      { type: "System", name: "AliyunLogReadOnlyAccess" },
      { type: "System", name: "AliyunCloudMonitorReadOnlyAccess" },
      { type: "System", name: "AliyunRAMReadOnlyAccess" },
    ],
  },
  networkAdmin: {
    standard: [{ type: "System", name: "AliyunVPCFullAccess" }, { type: "Custom", name: "security-groups-manage" }],
    production: [{ type: "System", name: "AliyunVPCReadOnlyAccess" }, { type: "Custom", name: "security-groups-read" }],
  },
  securityAuditor: everywhere([
    { type: "System", name: "AliyunActionTrailReadOnlyAccess" },
    { type: "System", name: "AliyunLogReadOnlyAccess" },
    { type: "System", name: "AliyunRAMReadOnlyAccess" },
    { type: "System", name: "AliyunConfigReadOnlyAccess" },
    { type: "System", name: "AliyunECSReadOnlyAccess" },
    { type: "System", name: "AliyunVPCReadOnlyAccess" },
  ]),
  developer: everywhere([{ type: "System", name: "AliyunCloudMonitorReadOnlyAccess" }]),
  tester: { standard: [], production: [] },
  billingViewer: everywhere([{ type: "System", name: "AliyunBSSReadOnlyAccess" }]),
  ciDeployer: everywhere([{ type: "Custom", name: "ack-deploy" }]),
};

/** The RAM policies of a persona in an environment. */
export function alicloudPersonaPolicies(persona: Persona, production: boolean): readonly RamPolicyRef[] {
  const g = ALICLOUD_PERSONA_POLICIES[persona];
  return production ? g.production : g.standard;
}

/** Renders statements as a RAM policy document (version 1), deterministic key order. */
export function ramPolicyDocument(statements: readonly RamStatement[]): string {
  return JSON.stringify({
    Version: "1",
    Statement: statements.map((s) => ({ Effect: s.effect, Action: [...s.actions], Resource: [...s.resources] })),
  });
}

/** True when an Allow statement grants every action (`*`) on every resource (`*`). */
export function allowsEverything(statement: RamStatement): boolean {
  return statement.effect === "Allow" && statement.actions.some((a) => a === "*" || a === "*:*") && statement.resources.includes("*");
}
