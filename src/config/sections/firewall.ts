import { z } from "zod";
import { named } from "../common";

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
