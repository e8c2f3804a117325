// The CrossGuard entry point: `pulumi preview --policy-pack ./policy-pack` runs this file.
// It only builds the pack; every rule lives in src/policy/ and is shared with `npm run plan`.
import { PolicyPack } from "@pulumi/policy";
import { LANDING_ZONE_RULES, readWaivers, toPolicies } from "../src/policy";

/**
 * Waivers, in the same YAML file `npm run plan -- --waivers FILE` reads, from the
 * LANDING_ZONE_WAIVERS environment variable. Single waivers can also be set per policy in the
 * pack config (`--policy-pack-config`), as `{ "<rule id>": { "waivers": [{ resource, reason }] } }`.
 */
function waivers() {
  const file = process.env.LANDING_ZONE_WAIVERS;
  if (!file) return [];
  const read = readWaivers(file);
  if (!read.ok) throw new Error(read.error);
  return read.waivers;
}

new PolicyPack("landing-zone", {
  policies: toPolicies(LANDING_ZONE_RULES, { waivers: waivers() }),
});
