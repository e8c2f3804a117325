import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the audit components the environment asks for; returns their stack outputs. */
export function deployAudit(_ctx: LandingZoneContext): AreaOutputs {
  return {};
}
