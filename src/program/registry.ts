import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the registry components the environment asks for; returns their stack outputs. */
export function deployRegistry(_ctx: LandingZoneContext): AreaOutputs {
  return {};
}
