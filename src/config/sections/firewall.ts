import type { Problems } from "../../core/errors";
import type { EnvironmentSpec } from "../schema";

/**
 * Config keys of the firewall area (GCP firewall rules, Alibaba security groups and network
 * ACLs). `gcp` keys go under `landing-zone:gcp`, `alicloud` keys under `landing-zone:alicloud`,
 * `root` keys directly under `landing-zone:`.
 */
export const firewallSection = {
  root: {},
  gcp: {},
  alicloud: {},
};

/** Cross-field checks of the firewall keys; report every problem, throw nothing. */
export function validateFirewall(_spec: EnvironmentSpec, _problems: Problems): void {}
