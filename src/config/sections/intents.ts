import { z } from "zod";
import type { Problems } from "../../core/errors";
import { validateIntents } from "../../intents/check";
import { intentCatalogue } from "../../program/intents";
import { keyPath } from "../issues";
import type { EnvironmentSpec } from "../schema";

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
 * environment's default intents plus these (docs/intents.md).
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

/** Checks that every configured intent names tiers, ranges, identities and targets of this stack. */
export function validateIntentsConfig(spec: EnvironmentSpec, problems: Problems): void {
  if (!spec.intents) return;
  const cat = intentCatalogue(spec);
  validateIntents({ required: spec.intents.required ?? [], forbidden: spec.intents.forbidden ?? [] }, cat, keyPath(["intents"]), problems);
}
