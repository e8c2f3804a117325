import { z } from "zod";
import type { Problems } from "../../core/errors";
import { PERSONAS } from "../../core/personas";
import type { EnvironmentSpec } from "../schema";

const persona = z.enum(PERSONAS);

/**
 * Config keys of the IAM area (GCP IAM, Alibaba RAM, RBAC personas). `gcp` keys go
 * under `landing-zone:gcp`, `alicloud` keys under `landing-zone:alicloud`, `root` keys
 * directly under `landing-zone:`.
 */
export const iamSection = {
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

/** Cross-field checks of the IAM keys; report every problem, throw nothing. */
export function validateIam(_spec: EnvironmentSpec, _problems: Problems): void {}
