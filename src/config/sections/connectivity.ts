import type { Problems } from "../../core/errors";
import type { EnvironmentSpec } from "../schema";

/**
 * Config keys of the connectivity area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`.
 */
export const connectivitySection = {
  root: {},
  gcp: {},
  alicloud: {},
};

/** Cross-field checks of the connectivity keys; report every problem, throw nothing. */
export function validateConnectivity(_spec: EnvironmentSpec, _problems: Problems): void {}
