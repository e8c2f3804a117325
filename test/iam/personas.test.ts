import { describe, expect, it } from "vitest";
import {
  ALICLOUD_CUSTOM_POLICIES, ALICLOUD_PERSONA_POLICIES, allowsEverything, GCP_BILLING_ACCOUNT_ROLES, GCP_PERSONA_ROLES,
  isGcpBasicRole, PERSONAS, personaSlug, ramPolicyDocument,
} from "../../src/core/personas";

describe("persona role maps", () => {
  it("grant no GCP basic role and only predefined roles", () => {
    for (const persona of PERSONAS) {
      const { standard, production } = GCP_PERSONA_ROLES[persona];
      for (const role of [...standard, ...production, ...(GCP_BILLING_ACCOUNT_ROLES[persona] ?? [])]) {
        expect(isGcpBasicRole(role), `${persona} ${role}`).toBe(false);
        expect(role, persona).toMatch(/^roles\/[a-zA-Z]+\.[a-zA-Z]+$/);
      }
    }
  });

  it("never grant a project-level service-account user or token creator role (CIS 1.6)", () => {
    const all = PERSONAS.flatMap((p) => [...GCP_PERSONA_ROLES[p].standard, ...GCP_PERSONA_ROLES[p].production]);
    expect(all.filter((r) => r === "roles/iam.serviceAccountUser" || r === "roles/iam.serviceAccountTokenCreator")).toEqual([]);
  });

  it("use built-in custom RAM policies that exist and never allow * on *", () => {
    for (const persona of PERSONAS) {
      const { standard, production } = ALICLOUD_PERSONA_POLICIES[persona];
      for (const ref of [...standard, ...production]) {
        if (ref.type === "Custom") expect(Object.keys(ALICLOUD_CUSTOM_POLICIES), `${persona} ${ref.name}`).toContain(ref.name);
        else expect(ref.name, persona).toMatch(/^Aliyun[A-Za-z]+(ReadOnly|Full)Access$/);
      }
    }
    for (const [key, statements] of Object.entries(ALICLOUD_CUSTOM_POLICIES)) {
      expect(statements.filter(allowsEverything), key).toEqual([]);
      expect(Buffer.byteLength(ramPolicyDocument(statements)), key).toBeLessThanOrEqual(6144);
    }
  });

  it("detect a statement that allows every action on every resource, and only that", () => {
    expect(allowsEverything({ effect: "Allow", actions: ["*"], resources: ["*"] })).toBe(true);
    expect(allowsEverything({ effect: "Allow", actions: ["ecs:Describe*", "*:*"], resources: ["acs:ecs:*:*:instance/*", "*"] })).toBe(true);
    expect(allowsEverything({ effect: "Deny", actions: ["*"], resources: ["*"] })).toBe(false);
    expect(allowsEverything({ effect: "Allow", actions: ["ecs:*"], resources: ["*"] })).toBe(false);
    expect(allowsEverything({ effect: "Allow", actions: ["*"], resources: ["acs:ecs:*:*:instance/*"] })).toBe(false);
  });

  it("name personas in kebab case for resource names", () => {
    expect(PERSONAS.map(personaSlug)).toEqual(["platform-admin", "network-admin", "security-auditor", "developer", "tester", "billing-viewer", "ci-deployer"]);
  });
});
