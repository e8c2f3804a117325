import { AlicloudSecurityAlerts } from "../alicloud/security-alerts";
import { GcpSecurityAlerts } from "../gcp/security-alerts";
import { deployArgs } from "../planner/step";
import type { AreaOutputs, LandingZoneContext } from "./context";

/**
 * Creates the planned security alerts after the audit area: on GCP to the budget's channels (and
 * the alerts' own), on Alibaba Cloud over the audit area's ActionTrail logstore.
 */
export function deployAlerts(ctx: LandingZoneContext): AreaOutputs {
  const { alerts } = ctx.plan;
  const { gcpBudget, alicloudLogging } = ctx.shared;
  const outputs: AreaOutputs = {};
  if (alerts.gcp) {
    const notificationChannels = alerts.gcpBudgetChannels.map((key) => gcpBudget!.channels[key]!.name);
    outputs.gcpSecurityAlerts = new GcpSecurityAlerts(alerts.gcp.name, deployArgs(alerts.gcp, { notificationChannels }), ctx.gcpOpts).alertIds;
  }
  if (alerts.alicloud && alicloudLogging) {
    outputs.alicloudSecurityAlerts = new AlicloudSecurityAlerts(alerts.alicloud.name, deployArgs(alerts.alicloud, { slsProjectName: alicloudLogging.slsProjectName }),
      { ...ctx.alicloudOpts, dependsOn: [alicloudLogging.trailStore] }).alertIds;
  }
  return outputs;
}
