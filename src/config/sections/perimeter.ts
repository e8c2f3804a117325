import { z } from "zod";
import type { Problems } from "../../core/errors";
import { PERSONAS } from "../../core/personas";
import type { EnvironmentSpec } from "../schema";

const persona = z.enum(PERSONAS);

/**
 * Config keys of the perimeter area (firewalls, security groups, IAM/RAM). `gcp` keys go
 * under `landing-zone:gcp`, `alicloud` keys under `landing-zone:alicloud`, `root` keys
 * directly under `landing-zone:`.
 */
export const perimeterSection = {
  root: {},
  gcp: {
    /** GCP IAM: members per persona (`user:`, `group:`, `serviceAccount:` …). */
    iam: z.strictObject({
      members: z.partialRecord(persona, z.array(z.string())).optional(),
    }).optional(),
  },
  alicloud: {
    /** Alibaba RAM: RAM user names per persona. */
    ram: z.strictObject({
      members: z.partialRecord(persona, z.array(z.string())).optional(),
    }).optional(),
  },
};

/** Cross-field checks of the perimeter keys; report every problem, throw nothing. */
export function validatePerimeter(_spec: EnvironmentSpec, _problems: Problems): void {}
