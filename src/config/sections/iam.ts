import { z } from "zod";

/** Members per persona. Keys are checked against the personas by the planner (`planIam`) (LZ_UNKNOWN_PERSONA). */
const membersByPersona = z.record(z.string(), z.array(z.string()));

/**
 * Config keys of the IAM area (GCP IAM, Alibaba RAM, RBAC personas). `gcp` keys go
 * under `landing-zone:gcp`, `alicloud` keys under `landing-zone:alicloud`, `root` keys
 * directly under `landing-zone:`.
 */
export const iamSection = {
  root: {},
  gcp: {
    /** GCP IAM for the personas. */
    iam: z.strictObject({
      /** Members per persona (`user:`, `group:`, `serviceAccount:`, `domain:`, `principal://`, `principalSet://`). */
      members: membersByPersona.optional(),
      /** Extra roles per persona besides the predefined ones. */
      extraRoles: membersByPersona.optional(),
      /** Custom roles keyed by role id. */
      customRoles: z.record(z.string(), z.strictObject({
        title: z.string(),
        permissions: z.array(z.string()),
        description: z.string().optional(),
        stage: z.string().optional(),
        personas: z.array(z.string()).optional(),
      })).optional(),
      /** Allow basic roles in extraRoles (needs justification). */
      allowBasicRoles: z.boolean().optional(),
      justification: z.string().optional(),
      /** Create the CI deployer service account (default true). */
      ciDeployerRobot: z.boolean().optional(),
      /** Workload identities that may impersonate the robot. */
      robotImpersonators: z.array(z.string()).optional(),
      /** Data-access audit logs for all services (default true). */
      dataAccessLogs: z.boolean().optional(),
    }).optional(),
    /** Workload identity pool and OIDC provider for keyless CI (see `GcpWorkloadIdentityArgs`). @default none */
    workloadIdentity: z.strictObject({
      poolId: z.string().optional(),
      providerId: z.string().optional(),
      issuer: z.string(),
      audiences: z.array(z.string()).optional(),
      attributeCondition: z.string(),
    }).optional(),
  },
  alicloud: {
    /** Alibaba RAM for the personas. */
    ram: z.strictObject({
      /** RAM user names per persona. */
      members: membersByPersona.optional(),
      /** Extra custom policies keyed by name. */
      customPolicies: z.record(z.string(), z.strictObject({
        statements: z.array(z.strictObject({
          effect: z.string(),
          actions: z.array(z.string()),
          resources: z.array(z.string()),
        })),
        description: z.string().optional(),
        personas: z.array(z.string()).optional(),
      })).optional(),
      /** The CI deployer robot's RAM role and who may assume it. */
      robot: z.strictObject({
        oidcProviderArn: z.string().optional(),
        issuer: z.string().optional(),
        audiences: z.array(z.string()).optional(),
        subjects: z.array(z.string()).optional(),
        trustedPrincipals: z.array(z.string()).optional(),
        maxSessionDuration: z.number().optional(),
      }).optional(),
    }).optional(),
  },
};
