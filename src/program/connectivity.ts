import { AlicloudVpn } from "../alicloud/vpn";
import { GcpHaVpn } from "../gcp/ha-vpn";
import { deployArgs } from "../planner/step";
import type { AreaOutputs, LandingZoneContext } from "./context";

/**
 * Creates the planned VPNs on the VPCs; returns what the on-premises team needs (gateway IPs,
 * per-tunnel settings) and the pre-shared keys as secrets.
 */
export function deployConnectivity(ctx: LandingZoneContext): AreaOutputs {
  const { connectivity } = ctx.plan;
  const outputs: AreaOutputs = {};
  if (connectivity.gcp && ctx.gcpVpc) {
    const vpn = new GcpHaVpn(connectivity.gcp.name, deployArgs(connectivity.gcp, { network: ctx.gcpVpc.networkId }), ctx.gcpOpts);
    outputs.gcpVpnGatewayIps = vpn.gatewayIps;
    outputs.gcpVpnTunnels = vpn.onPremisesConfig;
    outputs.gcpVpnSharedSecrets = vpn.sharedSecrets;
  }
  if (connectivity.alicloud && ctx.alicloudVpc) {
    const vpc = ctx.alicloudVpc;
    const { placement } = connectivity.alicloud;
    const vswitch = (key: string | undefined) => (key === undefined ? undefined : vpc.vswitches[key]!.id);
    const vpn = new AlicloudVpn(connectivity.alicloud.name, deployArgs(connectivity.alicloud, {
      vpcId: vpc.vpcId,
      vswitchId: vswitch(placement.vswitch)!,
      disasterRecoveryVswitchId: vswitch(placement.disasterRecoveryVswitch),
      // The gateway publishes to the system route table only: the tiers' custom tables get their own routes.
      routeTableIds: Object.fromEntries(Object.entries(vpc.routeTables).map(([tier, table]) => [tier, table.id])),
    }), ctx.alicloudOpts);
    outputs.alicloudVpnGatewayIps = vpn.gatewayIps;
    outputs.alicloudVpnTunnels = vpn.onPremisesConfig;
    outputs.alicloudVpnSharedSecrets = vpn.sharedSecrets;
  }
  return outputs;
}
