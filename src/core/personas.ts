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
