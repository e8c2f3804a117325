import { mustParseCidr, overlaps, parseCidr } from "../core/cidr";
import { Problems } from "../core/errors";
import { checkLabels } from "../core/labels";
import { planAlicloudVpc } from "../alicloud/vpc-plan";
import { planGcpVpc } from "../gcp/vpc-plan";
import { keyPath } from "./issues";
import type { EnvironmentSpec } from "./schema";
import { validateAlerts } from "./sections/alerts";
import { validateAudit } from "./sections/audit";
import { validateConnectivity } from "./sections/connectivity";
import { validateFirewall } from "./sections/firewall";
import { validateIam } from "./sections/iam";
import { validateRegistry } from "./sections/registry";
import { cloudRanges } from "../program/connectivity";
import { alicloudVpcArgs, corePrefix, gcpVpcArgs } from "../program/network-args";
import { alicloudConfig, gcpConfig } from "./schema";

/**
 * Cross-field checks of a schema-valid environment: the VPCs' CIDR plans, labels, the VPC
 * ranges of both clouds being disjoint, then each area's own checks. Reports, never throws.
 */
export function validateSpec(spec: EnvironmentSpec, problems: Problems): void {
  checkLabels(spec.labels, keyPath(["labels"]), problems);
  // Labels were checked above under their own key; the VPC plans check the rest.
  if (spec.gcp) planGcpVpc(corePrefix(spec), { ...gcpVpcArgs(spec), labels: undefined }, keyPath(["gcp", "network"]), problems);
  if (spec.alicloud) planAlicloudVpc(corePrefix(spec), { ...alicloudVpcArgs(spec), tags: undefined }, keyPath(["alicloud", "vpc"]), problems);
  const ranges = vpcRanges(spec);
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (overlaps(mustParseCidr(a.cidr), mustParseCidr(b.cidr))) {
        problems.add("LZ_VPC_OVERLAP", b.path, `${b.cidr} overlaps ${a.cidr} (${a.path})`,
          "give each cloud's VPC its own range so they can be connected later");
      }
    }
  }
  validateFirewall(spec, problems);
  validateIam(spec, problems);
  validateConnectivity(spec, problems);
  validateAudit(spec, problems);
  validateAlerts(spec, problems);
  validateRegistry(spec, problems);
}

/** The environment's VPC ranges with their config paths (only ranges that parse: the VPC plans report the others). */
export function vpcRanges(spec: EnvironmentSpec): { cidr: string; path: string }[] {
  return cloudRanges(spec).filter((r) => parseCidr(r.cidr).ok);
}

/**
 * When the schema rejected the config as a whole, plans each cloud's network whose own keys
 * (regions or zones, and the network) are well-formed, so CIDR problems show up in the same run
 * as the schema problems, whatever else in the section is wrong.
 */
export function validateWellFormedNetworks(raw: Record<string, unknown>, problems: Problems): void {
  const env = typeof raw.environment === "string" && /^[a-z][a-z0-9]{0,9}$/.test(raw.environment) ? raw.environment : "env";
  const section = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : {});
  const g = section(raw.gcp);
  const gcp = gcpConfig.pick({ regions: true, network: true }).safeParse({ regions: g.regions, network: g.network });
  if (gcp.success) {
    // The project only labels resources; a placeholder stands in when its own key is wrong.
    const spec = { environment: env, gcp: { project: "offline-check", ...gcp.data } } as unknown as EnvironmentSpec;
    planGcpVpc(corePrefix(spec), { ...gcpVpcArgs(spec), labels: undefined }, keyPath(["gcp", "network"]), problems);
  }
  const a = section(raw.alicloud);
  const ali = alicloudConfig.pick({ region: true, zones: true, vpc: true }).safeParse({ region: a.region, zones: a.zones, vpc: a.vpc });
  if (ali.success) {
    const spec = { environment: env, production: false, alicloud: ali.data } as unknown as EnvironmentSpec;
    planAlicloudVpc(corePrefix(spec), { ...alicloudVpcArgs(spec), tags: undefined }, keyPath(["alicloud", "vpc"]), problems);
  }
}
