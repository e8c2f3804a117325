import { z } from "zod";
import { GCP_KEY_AGENTS, GCP_KEY_PROTECTION_LEVELS, type GcpKeyAgent } from "../../gcp/keys-plan";

const AGENTS = Object.keys(GCP_KEY_AGENTS) as [GcpKeyAgent, ...GcpKeyAgent[]];

/**
 * Config keys of the keys area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys under
 * `landing-zone:alicloud`. Keys are created when `keys.enabled` is true, which it is by default in
 * production; the audit area and the registry then use them. Ranges are checked by the planner
 * (`planKeys`). See docs/keys.md.
 */
export const keysSection = {
  root: {},
  gcp: {
    keys: z.strictObject({
      /** Create the key ring and keys, and use them for the audit bucket, dataset and registry. @default `production` */
      enabled: z.boolean().optional(),
      /** Cloud KMS location of the ring. @default the audit bucket's location in Cloud KMS terms (`EU` → `europe`), else the first of `regions` */
      location: z.string().optional(),
      /** Key ring id (rings can never be deleted). @default `<environment>-keys` */
      keyRingName: z.string().optional(),
      /** Days between rotations, 1–90. @default 90 */
      rotationDays: z.number().optional(),
      /** @default SOFTWARE */
      protectionLevel: z.enum(GCP_KEY_PROTECTION_LEVELS).optional(),
      /** More keys (or overrides of `audit` / `registry`) by name. @default {} */
      keys: z.record(z.string(), z.strictObject({
        agents: z.array(z.enum(AGENTS)).optional(),
        members: z.array(z.string()).optional(),
        rotationDays: z.number().optional(),
        protectionLevel: z.enum(GCP_KEY_PROTECTION_LEVELS).optional(),
      })).optional(),
    }).optional(),
  },
  alicloud: {
    keys: z.strictObject({
      /** Create the keys, and use them for the OSS audit bucket and SLS logstores. @default `production` */
      enabled: z.boolean().optional(),
      /** KMS instance (`kst-…`) holding the keys; without one they are default keys rotating every 365 days. @default none */
      kmsInstanceId: z.string().optional(),
      /** Days between rotations: 7–90 in a KMS instance, 365 for default keys. @default 90 / 365 */
      rotationDays: z.number().optional(),
      /** Days a key stays in PendingDeletion, 7–366. @default 30 */
      pendingWindowDays: z.number().optional(),
      /** Encrypt the audit logstores with the key (BYOK; fixed when a logstore is created). @default true */
      logstores: z.boolean().optional(),
      /** More keys (or overrides of `audit`) by name. @default {} */
      keys: z.record(z.string(), z.strictObject({
        description: z.string().optional(),
        rotationDays: z.number().optional(),
        logService: z.boolean().optional(),
      })).optional(),
    }).optional(),
  },
};
