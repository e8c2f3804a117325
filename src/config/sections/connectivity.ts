import { z } from "zod";
import type { Problems } from "../../core/errors";
import { named } from "../common";
import type { EnvironmentSpec } from "../schema";

/**
 * Config keys of the connectivity area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`.
 */
export const connectivitySection = {
  root: {
    /**
     * The on-premises networks, shared by both clouds: the VPNs route to them and the
     * firewalls use them as the named range `onprem`.
     */
    onPremises: z.strictObject({
      /** On-premises CIDRs keyed by name, e.g. `{ hq: 192.168.0.0/20 }`. */
      ranges: named(z.string()),
    }).optional(),
  },
  gcp: {},
  alicloud: {},
};

/** Cross-field checks of the connectivity keys; report every problem, throw nothing. */
export function validateConnectivity(_spec: EnvironmentSpec, _problems: Problems): void {}
