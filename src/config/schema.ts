import { z } from "zod";
import type { AlicloudSpec, EnvironmentSpec, GcpSpec } from "./spec";
import { distinctList, labelValue } from "./common";
import { alicloudVpcConfig, gcpNetworkConfig } from "./network";
import { alertsSection } from "./sections/alerts";
import { auditSection } from "./sections/audit";
import { connectivitySection } from "./sections/connectivity";
import { firewallSection } from "./sections/firewall";
import { iamSection } from "./sections/iam";
import { keysSection } from "./sections/keys";
import { intentsSection } from "./sections/intents";
import { registrySection } from "./sections/registry";

/** Clouds a landing zone can span. */
export const CLOUDS = ["gcp", "alicloud"] as const;
export type Cloud = (typeof CLOUDS)[number];

/** `landing-zone:gcp`. */
export const gcpConfig = z.strictObject({
  /** Project id that hosts the landing zone. */
  project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: "must be a GCP project id: 6–30 lowercase letters, digits or hyphens, starting with a letter" }),
  /** Regions in order; the first is the primary region. */
  regions: distinctList(z.string().regex(/^[a-z]+-[a-z]+\d+$/, { error: "must be a GCP region such as europe-west1" })),
  network: gcpNetworkConfig,
  ...firewallSection.gcp,
  ...iamSection.gcp,
  ...connectivitySection.gcp,
  ...keysSection.gcp,
  ...auditSection.gcp,
  ...alertsSection.gcp,
  ...registrySection.gcp,
});

/** `landing-zone:alicloud`. */
export const alicloudConfig = z.strictObject({
  /** Region id, e.g. cn-hangzhou. */
  region: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, { error: "must be an Alibaba Cloud region id such as cn-hangzhou" }),
  /** Zones in order. */
  zones: distinctList(z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, { error: "must be an Alibaba Cloud zone id such as cn-hangzhou-i" })),
  vpc: alicloudVpcConfig,
  /**
   * The environment's own Alibaba Cloud account: the provider assumes `role` in it, so every
   * resource lands there. Required in production. @default none (the credentials' account)
   */
  account: z.strictObject({
    /** Account id (16 digits). */
    id: z.string(),
    /** RAM role the deployer assumes in the account. @default "ResourceDirectoryAccountAccessRole" */
    role: z.string().optional(),
    /** The other environments' account ids by name: the id must differ from each. @default {} */
    otherEnvironments: z.record(z.string(), z.string()).optional(),
  }).optional(),
  ...firewallSection.alicloud,
  ...iamSection.alicloud,
  ...connectivitySection.alicloud,
  ...keysSection.alicloud,
  ...auditSection.alicloud,
  ...alertsSection.alicloud,
  ...registrySection.alicloud,
});

/** Everything under the `landing-zone:` namespace of a `Pulumi.<env>.yaml`. */
export const environmentConfig = z.strictObject({
  /** Environment name; prefixes every resource name. */
  environment: z.string().regex(/^[a-z][a-z0-9]{0,9}$/, { error: "must be 1–10 lowercase letters or digits, starting with a letter (it prefixes every resource name)" }),
  /** Stricter settings: protected stateful resources, locked retention, immutable tags, deny-all egress. */
  production: z.boolean().default(false),
  /** Owning team (label `owner`). */
  owner: labelValue,
  /** Cost center (label `cost-center`). */
  costCenter: labelValue,
  /** Extra labels for every resource that takes labels or tags. */
  labels: z.record(z.string(), z.string()).default({}),
  /** Clouds to deploy to. */
  clouds: distinctList(z.enum(CLOUDS)),
  gcp: gcpConfig.optional(),
  alicloud: alicloudConfig.optional(),
  ...firewallSection.root,
  ...iamSection.root,
  ...connectivitySection.root,
  ...keysSection.root,
  ...auditSection.root,
  ...alertsSection.root,
  ...registrySection.root,
  ...intentsSection.root,
}).superRefine((spec, ctx) => {
  for (const cloud of CLOUDS) {
    const enabled = spec.clouds.includes(cloud);
    const present = spec[cloud] !== undefined;
    if (enabled && !present) {
      ctx.addIssue({ code: "custom", path: [cloud], message: `cloud "${cloud}" is enabled in clouds but has no settings`,
        params: { code: "LZ_CLOUD_MISSING", fix: `add a landing-zone:${cloud} section, or remove "${cloud}" from landing-zone:clouds` } });
    }
    if (!enabled && present) {
      ctx.addIssue({ code: "custom", path: [cloud], message: `settings for "${cloud}" are given but "${cloud}" is not in clouds`,
        params: { code: "LZ_CLOUD_DISABLED", fix: `add "${cloud}" to landing-zone:clouds, or remove the landing-zone:${cloud} section` } });
    }
  }
});

/** What `environmentConfig` parses to; `src/config/spec.ts` prints it as plain types (`npm run spec:update`). */
export type InferredEnvironmentSpec = z.infer<typeof environmentConfig>;

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** Compile-time guard: fails to type-check when `spec.ts` is out of date (run `npm run spec:update`). */
export const SPEC_TYPES_UP_TO_DATE: Same<EnvironmentSpec, InferredEnvironmentSpec> = true;

export type { AlicloudSpec, EnvironmentSpec, GcpSpec };

/** Top-level keys of the namespace (used to read them from Pulumi config). */
export const ROOT_KEYS: readonly string[] = Object.keys(environmentConfig.shape);
