import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the perimeter components the environment asks for; returns their stack outputs. */
export function deployPerimeter(_ctx: LandingZoneContext): AreaOutputs {
  return {};
}
