import type { PlanArgs } from "../core/planned";
import type * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { checkCidr } from "../core/cidr";
import { vpcArgForm, type VpcFormKeys } from "../core/vpc-form";
import { joinPath, Problems, validated } from "../core/errors";
import { checkGcpName, nameOf } from "../core/naming";
import { gcpPort } from "../core/ports";
import type { GcpVpc } from "./vpc";
import type { GcpVpcPlan } from "./vpc-plan";
import { effectiveTierNames, FirewallRuleArgs, GCP_GOOGLE_APIS_RANGES, GCP_IAP_RANGE, GCP_PRIORITIES, INTERNET, PlannedRule, planRules, RulePlan, RuleSetArgs, TierArgs } from "../core/rules";

/** A tier on GCP: the shared tier model plus how instances of the tier are recognised. */
export interface GcpTierArgs extends TierArgs {
  /** Network tag that marks the tier's instances (with `targetBy: "tags"`). @default `tier-<name>` */
  readonly tag?: string;
  /** Service account email of the tier's instances (required with `targetBy: "serviceAccounts"`). @default none */
  readonly serviceAccount?: string;
}

/**
 * `GcpFirewall` args. Give the network either as the VPC component (`vpc`) or in the plain form
 * (`project`, `network`, `vpcCidr`, `subnets`), not both.
 */
export interface GcpFirewallArgs extends RuleSetArgs {
  /** The network's VPC component: project, network id, range (`vpc`) and subnets are taken from it. @default none (plain form) */
  readonly vpc?: GcpVpc;
  /** Project that owns the network (plain form). Not needed for planning: may be another resource's output. @default the VPC's project */
  readonly project?: pulumi.Input<string>;
  /** The network's id or self link (plain form). @default the VPC's network id */
  readonly network?: pulumi.Input<string>;
  /** The VPC's range, the named range `vpc` (plain form). @default the VPC's `cidr` */
  readonly vpcCidr?: string;
  /** The VPC's subnets by name with their CIDRs in every region (plain form; `gcpFirewallSubnets(vpc.plan)`). @default the VPC's subnets */
  readonly subnets?: Readonly<Record<string, readonly string[]>>;
  /** Tiers by name, merged key by key over `DEFAULT_TIERS`. @default web, app and data */
  readonly tiers?: Readonly<Record<string, GcpTierArgs>>;
  /** On-premises CIDRs by name: the named range `onprem`. @default {} */
  readonly onPremisesRanges?: Readonly<Record<string, string>>;
  /** How rules pick the instances of a tier: network tags or service accounts. @default "tags" */
  readonly targetBy?: "tags" | "serviceAccounts";
  /** Prefix of every firewall rule's name. @default the component's name */
  readonly namePrefix?: string;
}

/** A firewall rule as it will be created (plain data). */
export interface GcpFirewallRulePlan {
  readonly key: string;
  readonly name: string;
  readonly rule: PlannedRule;
}

export interface GcpFirewallPlan {
  readonly prefix: string;
  readonly rules: RulePlan;
  readonly firewalls: readonly GcpFirewallRulePlan[];
  /** Network tag (tags mode) or service account (service-account mode) of each tier. */
  readonly tierIdentities: Readonly<Record<string, string>>;
  readonly targetBy: "tags" | "serviceAccounts";
}

/** Logging metadata of every rule. */
export const GCP_FIREWALL_LOG_METADATA = "INCLUDE_ALL_METADATA";

/** Egress GCP workloads need when all other egress is denied: the private and restricted Google APIs VIPs on 443. */
export const GCP_SERVICE_EGRESS: Readonly<Record<string, FirewallRuleArgs>> = {
  "google-apis": { direction: "egress", protocol: "tcp", ports: ["443"], destinations: ["google-apis"], description: "Private Google Access VIPs (private/restricted.googleapis.com)" },
};

/** The plain keys that `vpc` stands for: the range and subnets planning reads, the ids deploying needs. */
export const GCP_FIREWALL_VPC_KEYS: VpcFormKeys = { plan: ["vpcCidr", "subnets"], deploy: ["project", "network"] };

/** Subnet CIDRs by subnet name over every region, the firewall's `subnets`, from a VPC plan. */
export function gcpFirewallSubnets(vpc: GcpVpcPlan): Record<string, string[]> {
  const subnets: Record<string, string[]> = {};
  for (const s of vpc.subnets) (subnets[s.name] ??= []).push(s.cidr);
  return subnets;
}

/** The VPC range and subnets the rules are planned on, from `vpc` or the plain form (`undefined` after a problem). */
function gcpFirewallRanges(args: GcpFirewallPlanArgs, path: string, problems: Problems): { vpcCidr: string; subnets: Readonly<Record<string, readonly string[]>> } | undefined {
  const form = vpcArgForm(args, GCP_FIREWALL_VPC_KEYS, path, problems);
  if (form === "vpc") return { vpcCidr: args.vpc!.cidr, subnets: gcpFirewallSubnets(args.vpc!.plan) };
  if (form === "plain") return { vpcCidr: args.vpcCidr!, subnets: args.subnets! };
  return undefined;
}

/** The project and network the rules are created in, from `vpc` or the plain form (args already validated). */
export function gcpFirewallNetwork(args: GcpFirewallArgs): { readonly project: pulumi.Input<string>; readonly network: pulumi.Input<string> } {
  return args.vpc !== undefined ? { project: args.vpc.project, network: args.vpc.networkId } : { project: args.project!, network: args.network! };
}

/** `GcpFirewallArgs` without the network (an id known only at deploy time): what `planGcpFirewall` reads. */
export type GcpFirewallPlanArgs = PlanArgs<GcpFirewallArgs, "network">;

/** Validates `GcpFirewall` args and computes every rule; see `planGcpVpc` for the contract. */
export function planGcpFirewall(name: string, args: GcpFirewallPlanArgs, path: string, problems: Problems): GcpFirewallPlan {
  const before = problems.items.length;
  const prefix = args.namePrefix ?? name;
  const targetBy = args.targetBy ?? "tags";
  const net = gcpFirewallRanges(args, path, problems);
  if (net === undefined) return { prefix, rules: { tiers: [], rules: [], denyAllEgress: false }, firewalls: [], tierIdentities: {}, targetBy };
  checkGcpName(prefix, joinPath(path, "namePrefix"), problems, "name prefix");
  const prefixOk = problems.items.length === before;
  const onprem = Object.values(args.onPremisesRanges ?? {});
  checkCidr(net.vpcCidr, joinPath(path, "vpcCidr"), problems);
  for (const [k, c] of Object.entries(args.onPremisesRanges ?? {})) checkCidr(c, joinPath(joinPath(path, "onPremisesRanges"), k), problems);
  // A GCP egress rule with no destination range matches every destination: a tier must have ranges.
  for (const [subnet, cidrs] of Object.entries(net.subnets)) {
    const at = joinPath(joinPath(path, "subnets"), subnet);
    if (cidrs.length === 0) {
      problems.add("LZ_FW_SUBNET_EMPTY", at, `subnet "${subnet}" has no CIDR`, "pass the subnet's CIDRs in every region (GcpVpc.plan), or leave the subnet out");
    }
    cidrs.forEach((c, i) => checkCidr(c, `${at}[${i}]`, problems));
  }
  const rules = planRules(args, {
    builtinRanges: { internet: [INTERNET], vpc: [net.vpcCidr], iap: [GCP_IAP_RANGE], onprem, "google-apis": GCP_GOOGLE_APIS_RANGES },
    subnets: net.subnets,
    priorities: GCP_PRIORITIES,
    serviceEgress: GCP_SERVICE_EGRESS,
    defaultAdminSources: ["iap"],
    emptyRangeHints: { onprem: "set landing-zone:onPremises.ranges (or onPremisesRanges) to the on-premises CIDRs" },
  }, path, problems);

  const tierIdentities: Record<string, string> = {};
  for (const tier of effectiveTierNames(args.tiers)) {
    const tierArgs = args.tiers?.[tier];
    const tPath = joinPath(joinPath(path, "tiers"), tier);
    if (targetBy === "tags") {
      const tag = tierArgs?.tag ?? `tier-${tier}`;
      checkGcpName(tag, joinPath(tPath, "tag"), problems, "network tag");
      tierIdentities[tier] = tag;
    } else {
      const sa = tierArgs?.serviceAccount;
      if (sa === undefined || !/^[^@\s]+@[^@\s]+\.gserviceaccount\.com$/.test(sa)) {
        problems.add("LZ_FW_SERVICE_ACCOUNT", joinPath(tPath, "serviceAccount"),
          sa === undefined ? `targetBy is serviceAccounts but tier "${tier}" has no serviceAccount` : `"${sa}" is not a service account email`,
          "set the email of the tier's service account, e.g. web@my-project.iam.gserviceaccount.com, or use targetBy: tags");
      } else tierIdentities[tier] = sa;
    }
  }
  const firewalls = rules.rules.map((rule) => {
    const fwName = nameOf(prefix, rule.name);
    if (prefixOk) checkGcpName(fwName, rule.origin === "rule" ? joinPath(joinPath(path, "rules"), rule.name) : path, problems, "firewall rule name");
    return { key: rule.name, name: fwName, rule };
  });
  if (problems.items.length > before) return { prefix, rules, firewalls: [], tierIdentities: {}, targetBy };
  return { prefix, rules, firewalls, tierIdentities, targetBy };
}

/** Plans `GcpFirewall` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedGcpFirewall(name: string, args: GcpFirewallArgs): GcpFirewallPlan {
  return validated("GcpFirewall", planGcpFirewall, name, args);
}

/** The `gcp.compute.Firewall` arguments of one planned rule, without `network` and `project`. */
export function gcpFirewallInputs(plan: GcpFirewallPlan, f: GcpFirewallRulePlan): Omit<gcp.compute.FirewallArgs, "network" | "project"> {
  const { rule } = f;
  const tierCidrs = (tier: string) => plan.rules.tiers.find((t) => t.name === tier)?.cidrs ?? [];
  const identities = (tiers: readonly string[]) => tiers.map((t) => plan.tierIdentities[t]!);
  const cidrs = rule.peers.flatMap((p) => (p.kind === "cidr" ? [p.cidr] : []));
  const peerTiers = rule.peers.flatMap((p) => (p.kind === "tier" ? [p.tier] : []));
  const protocols = [{ protocol: rule.protocol, ...(rule.ports.length > 0 ? { ports: rule.ports.map(gcpPort) } : {}) }];
  const byTags = plan.targetBy === "tags";
  const ingress = rule.direction === "ingress";
  return {
    name: f.name,
    description: rule.description,
    direction: ingress ? "INGRESS" : "EGRESS",
    priority: rule.priority,
    ...(rule.action === "allow" ? { allows: protocols } : { denies: protocols }),
    ...(ingress && cidrs.length > 0 ? { sourceRanges: cidrs } : {}),
    ...(ingress && peerTiers.length > 0 ? (byTags ? { sourceTags: identities(peerTiers) } : { sourceServiceAccounts: identities(peerTiers) }) : {}),
    // Egress rules cannot match destination tags: a tier is its subnets' ranges.
    ...(!ingress ? { destinationRanges: [...cidrs, ...peerTiers.flatMap(tierCidrs)] } : {}),
    ...(rule.tiers.length > 0 ? (byTags ? { targetTags: identities(rule.tiers) } : { targetServiceAccounts: identities(rule.tiers) }) : {}),
    logConfig: { metadata: GCP_FIREWALL_LOG_METADATA },
  };
}
