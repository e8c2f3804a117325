import type { AreaOutputs, LandingZoneContext } from "./context";

/** Creates the firewall components (GCP firewall rules, Alibaba security groups and ACLs); returns their stack outputs. */
export function deployFirewall(_ctx: LandingZoneContext): AreaOutputs {
  return {};
}
