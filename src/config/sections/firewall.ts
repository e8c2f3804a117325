import { z } from "zod";
import { Problems } from "../../core/errors";
import { planAlicloudVpc } from "../../alicloud/vpc-plan";
import { planAlicloudSecurityGroups } from "../../alicloud/security-groups-plan";
import { planGcpVpc } from "../../gcp/vpc-plan";
import { planGcpFirewall } from "../../gcp/firewall-plan";
import { alicloudVpcArgs, corePrefix, gcpVpcArgs } from "../../program/network-args";
import { alicloudFirewallArgs, firewallName, gcpFirewallArgs } from "../../program/firewall";
import { named } from "../common";
import { keyPath } from "../issues";
import type { EnvironmentSpec } from "../schema";

const peers = z.array(z.string());

/** One named rule (see `FirewallRuleArgs`). Ranges and references are checked by `planRules`. */
const rule = z.strictObject({
  direction: z.enum(["ingress", "egress"]).optional(),
  action: z.enum(["allow", "deny"]).optional(),
  protocol: z.enum(["tcp", "udp", "icmp", "all"]).optional(),
  ports: z.array(z.string()).optional(),
  sources: peers.optional(),
  destinations: peers.optional(),
  tiers: z.array(z.string()).optional(),
  priority: z.number().optional(),
  description: z.string().optional(),
  allowPublicAdmin: z.boolean().optional(),
  justification: z.string().optional(),
});

/** One tier (see `TierArgs`). */
const tier = {
  enabled: z.boolean().optional(),
  subnets: z.array(z.string()).optional(),
  from: peers.optional(),
  ports: z.array(z.string()).optional(),
  protocol: z.enum(["tcp", "udp"]).optional(),
};

/** Keys shared by both clouds (see `RuleSetArgs`). */
const ruleSet = {
  rules: named(rule).optional(),
  ranges: named(z.array(z.string())).optional(),
  adminSources: peers.optional(),
  adminPorts: z.array(z.string()).optional(),
  denyAllEgress: z.boolean().optional(),
};

/**
 * Config keys of the firewall area (GCP firewall rules, Alibaba security groups and network
 * ACLs). `gcp` keys go under `landing-zone:gcp`, `alicloud` keys under `landing-zone:alicloud`,
 * `root` keys directly under `landing-zone:`. Everything is optional: without a `firewall` key
 * each cloud gets the default tiers (web, app, data), admin access from IAP (GCP) or the
 * on-premises ranges (Alibaba), and deny-all egress when `production` is true.
 */
export const firewallSection = {
  root: {},
  gcp: {
    firewall: z.strictObject({
      ...ruleSet,
      tiers: named(z.strictObject({ ...tier, tag: z.string().optional(), serviceAccount: z.string().optional() })).optional(),
      targetBy: z.enum(["tags", "serviceAccounts"]).optional(),
    }).optional(),
  },
  alicloud: {
    firewall: z.strictObject({
      ...ruleSet,
      tiers: named(z.strictObject(tier)).optional(),
      networkAcls: z.boolean().optional(),
    }).optional(),
  },
};

/** Cross-field checks of the firewall keys; report every problem, throw nothing. */
export function validateFirewall(spec: EnvironmentSpec, problems: Problems): void {
  // The args carry only the on-premises ranges that parse (`onPremisesRanges`): the connectivity area reports the others.
  // The firewall places tiers on the VPC's subnets: only check it against a VPC that plans cleanly.
  if (spec.gcp) {
    const scratch = new Problems();
    const vpc = planGcpVpc(corePrefix(spec), { ...gcpVpcArgs(spec), labels: undefined }, "", scratch);
    if (scratch.empty) planGcpFirewall(firewallName(spec), gcpFirewallArgs(spec, vpc, ""), keyPath(["gcp", "firewall"]), problems);
  }
  if (spec.alicloud) {
    const scratch = new Problems();
    const vpc = planAlicloudVpc(corePrefix(spec), { ...alicloudVpcArgs(spec), tags: undefined }, "", scratch);
    if (scratch.empty) {
      planAlicloudSecurityGroups(firewallName(spec), { ...alicloudFirewallArgs(spec, vpc, "", {}), tags: undefined },
        keyPath(["alicloud", "firewall"]), problems);
    }
  }
}
