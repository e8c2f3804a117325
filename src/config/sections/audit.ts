import type { Problems } from "../../core/errors";
import type { EnvironmentSpec } from "../schema";

/**
 * Config keys of the audit area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`.
 */
export const auditSection = {
  root: {},
  gcp: {},
  alicloud: {},
};

/** Cross-field checks of the audit keys; report every problem, throw nothing. */
export function validateAudit(_spec: EnvironmentSpec, _problems: Problems): void {}
