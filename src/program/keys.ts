import { AlicloudKeys } from "../alicloud/keys";
import { GcpKeys } from "../gcp/keys";
import type * as pulumi from "@pulumi/pulumi";
import type { AreaOutputs, LandingZoneContext } from "./context";

/**
 * The key a consumer is deployed with: when its planned `kmsKeyName` is the landing zone's own
 * key, that key's name as an Output that resolves after the key's grants (so the consumer is
 * created after its service agent may use the key); otherwise the planned value.
 */
export function landingZoneKey(keys: GcpKeys | undefined, key: string, planned: pulumi.Input<string> | undefined): pulumi.Input<string> | undefined {
  return keys !== undefined && planned !== undefined && planned === keys.keyNames[key] ? keys.readyKeyNames[key] : planned;
}

/**
 * Creates the landing zone's keys where the plan has them, before the audit and registry areas,
 * and hands those areas the keys (`ctx.shared.gcpKeys`, `ctx.shared.alicloudKeys`).
 */
export function deployKeys(ctx: LandingZoneContext): AreaOutputs {
  const { keys } = ctx.plan;
  const outputs: AreaOutputs = {};
  if (keys.gcpKeys) {
    const p = keys.gcpKeys;
    const gcpKeys = new GcpKeys(p.name, p.args, ctx.gcpOpts);
    ctx.shared.gcpKeys = gcpKeys;
    outputs.gcpKeyNames = gcpKeys.keyNames;
  }
  if (keys.alicloudKeys) {
    const p = keys.alicloudKeys;
    const aliKeys = new AlicloudKeys(p.name, p.args, ctx.alicloudOpts);
    ctx.shared.alicloudKeys = aliKeys;
    outputs.alicloudKeyIds = aliKeys.keyIds;
  }
  return outputs;
}
