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

/** What a persona may do in the container registry (granted on the repositories, not project-wide). */
export type RegistryAccess = "push" | "pull" | "none";

/**
 * Registry access per persona: developers push and pull, testers pull only, the CI robot
 * pushes; everyone else has no registry access. The registry components grant exactly this.
 */
export const PERSONA_REGISTRY_ACCESS: Readonly<Record<Persona, RegistryAccess>> = {
  platformAdmin: "none",
  networkAdmin: "none",
  securityAuditor: "none",
  developer: "push",
  tester: "pull",
  billingViewer: "none",
  ciDeployer: "push",
};
