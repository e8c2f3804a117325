import { z } from "zod";

const name = z.string().optional();

/** A network intent (see `ReachIntent`). */
const reach = z.strictObject({
  name,
  from: z.string(),
  to: z.string(),
  port: z.union([z.number().int().min(1).max(65535), z.array(z.number().int().min(1).max(65535)).min(1)]).optional(),
  protocol: z.enum(["tcp", "udp", "icmp"]).optional(),
});

/** An authorization intent (see `AuthIntent`). */
const auth = z.strictObject({
  name,
  identity: z.string(),
  action: z.enum(["push", "pull", "deploy"]),
  on: z.string(),
});

const intent = z.union([reach, auth]);

/**
 * Config keys of the intents area, directly under `landing-zone:`. The plan checks the
 * environment's default intents plus these (docs/intents.md); the planner checks their names
 * (`src/planner/intents.ts`).
 */
export const intentsSection = {
  root: {
    intents: z.strictObject({
      /** Check the environment's default intents. @default true */
      defaults: z.boolean().optional(),
      /** Paths and permissions that must exist. @default [] */
      required: z.array(intent).optional(),
      /** Paths and permissions that must not exist. @default [] */
      forbidden: z.array(intent).optional(),
    }).optional(),
  },
  gcp: {},
  alicloud: {},
};
