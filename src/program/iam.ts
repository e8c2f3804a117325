import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the IAM / RAM components (personas, robots) the environment asks for; returns their stack outputs. */
export function deployIam(_ctx: LandingZoneContext): AreaOutputs {
  return {};
}
