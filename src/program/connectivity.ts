import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the connectivity components the environment asks for; returns their stack outputs. */
export function deployConnectivity(_ctx: LandingZoneContext): AreaOutputs {
  return {};
}
