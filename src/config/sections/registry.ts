import { z } from "zod";

/**
 * Config keys of the registry area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`. A cloud gets a
 * registry when its `registry` key is present (`registry: {}` takes every default).
 * Ranges and names are checked by the planner (`planRegistry`) (so every problem names its key).
 */
export const registrySection = {
  root: {},
  gcp: {
    registry: z.strictObject({
      /** Repository id. @default `<environment>-containers` */
      repositoryId: z.string().optional(),
      /** Use an existing (e.g. shared) repository: grants and robot only. @default false */
      existing: z.boolean().optional(),
      /** Region of the repository. @default the first of `regions` */
      location: z.string().optional(),
      /** @default `production` */
      immutableTags: z.boolean().optional(),
      cleanup: z.strictObject({
        /** @default 10 */
        keepCount: z.number().optional(),
        /** @default 14 */
        deleteUntaggedAfterDays: z.number().optional(),
        /** @default false */
        dryRun: z.boolean().optional(),
      }).optional(),
      /** CMEK key in the repository's region. @default Google-managed */
      kmsKeyName: z.string().optional(),
      /** Docker Hub pull-through proxy repository. @default false */
      dockerHubProxy: z.boolean().optional(),
      /** Runtime identities that pull (e.g. node service accounts). @default [] */
      readers: z.array(z.string()).optional(),
      /** Keyless CI robot service account. @default true */
      robot: z.boolean().optional(),
      /** CI jobs that may act as the robot through workload identity federation. @default none */
      robotWorkloadIdentity: z.strictObject({
        /** Pool resource name. @default the pool of `landing-zone:gcp.workloadIdentity` */
        pool: z.string().optional(),
        /** Token subjects, e.g. `repo:acme/app:environment:prod`. */
        subjects: z.array(z.string()).optional(),
        /** Repositories (every job), outside production only. */
        repositories: z.array(z.string()).optional(),
      }).optional(),
    }).optional(),
  },
  alicloud: {
    registry: z.strictObject({
      /** Existing Enterprise Edition instance (`cri-…`). */
      instanceId: z.string().optional(),
      /** The instance's name (URLs), or the name of a created one. */
      instanceName: z.string().optional(),
      /** The instance's registry domain, when known (takes precedence in URLs). */
      domain: z.string().optional(),
      /** Buy a new PREPAID instance (costs money). @default false */
      createInstance: z.boolean().optional(),
      instanceType: z.enum(["Basic", "Standard", "Advanced"]).optional(),
      /** Prepaid months. @default 12 */
      period: z.number().optional(),
      /** @default the environment name */
      namespace: z.string().optional(),
      /** Private repositories keyed by name. @default {} */
      repositories: z.record(z.string(), z.strictObject({ summary: z.string().optional() })).optional(),
      /** @default `production` */
      immutableTags: z.boolean().optional(),
      /** Automatic vulnerability scan rule. @default true */
      scan: z.boolean().optional(),
      cleanup: z.strictObject({
        /** @default 30 */
        keepTagCount: z.number().optional(),
        retainTagPattern: z.string().optional(),
      }).optional(),
      /** Link the landing zone's VPC to the instance's VPC endpoint. @default true */
      vpcLink: z.boolean().optional(),
      /** Subnet key whose first vSwitch hosts the VPC endpoint. @default the first private subnet */
      vpcSubnet: z.string().optional(),
      /** Sync the namespace to an instance in a second region. @default none */
      sync: z.strictObject({
        region: z.string(),
        instanceId: z.string(),
        namespace: z.string().optional(),
      }).optional(),
      /** CI robot RAM role. @default true */
      robot: z.boolean().optional(),
      /**
       * OIDC identities allowed to assume the robot role (conditions `oidc:iss`, `oidc:aud`, `oidc:sub`).
       * @default `landing-zone:alicloud.ram.robot`'s OIDC trust when it has oidcProviderArn, issuer,
       * audiences and subjects; otherwise the account's RAM identities, which production refuses (LZ_REGISTRY_ROBOT_TRUST)
       */
      robotOidc: z.strictObject({
        providerArn: z.string(),
        issuer: z.string(),
        audiences: z.array(z.string()),
        subjects: z.array(z.string()),
      }).optional(),
    }).optional(),
  },
};
