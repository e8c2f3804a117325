import type { Problems } from "../../core/errors";
import type { EnvironmentSpec } from "../schema";

/**
 * Config keys of the registry area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`.
 */
export const registrySection = {
  root: {},
  gcp: {},
  alicloud: {},
};

/** Cross-field checks of the registry keys; report every problem, throw nothing. */
export function validateRegistry(_spec: EnvironmentSpec, _problems: Problems): void {}
