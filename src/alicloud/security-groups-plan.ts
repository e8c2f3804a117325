import type { PlanArgs } from "../core/planned";
import type * as pulumi from "@pulumi/pulumi";
import { checkCidr, parseCidr } from "../core/cidr";
import { joinPath, Problems, validated } from "../core/errors";
import { checkAlicloudName, nameOf } from "../core/naming";
import { alicloudPort, PortRange, portSlug } from "../core/ports";
import { ALICLOUD_PRIORITIES, ALICLOUD_SERVICES_RANGE, cidrSlug, FirewallRuleArgs, INTERNET, Peer, PlannedRule, planRules, Protocol, RulePlan, RuleSetArgs } from "../core/rules";
import { vpcArgForm, type VpcFormKeys } from "../core/vpc-form";
import { checkAlicloudTags } from "./tags";
import type { AlicloudVpc } from "./vpc";
import type { AlicloudVpcPlan } from "./vpc-plan";

/** A vSwitch of the VPC, as the security groups see it. */
export interface AlicloudVswitchRef {
  /** The VPC subnet (tier of the VPC plan) the vSwitch belongs to, e.g. `web`. */
  readonly subnet: string;
  /** Whether the subnet is public (its network ACL is the public one). */
  readonly public: boolean;
  /** The vSwitch's CIDR. */
  readonly cidr: string;
  /** The vSwitch's id. */
  readonly id: pulumi.Input<string>;
}

/**
 * `AlicloudSecurityGroups` args. Give the VPC either as the VPC component (`vpc`) or in the plain
 * form (`vpcId`, `vpcCidr`, `vswitches`), not both.
 */
export interface AlicloudSecurityGroupsArgs extends RuleSetArgs {
  /** The VPC component: its id, range (`vpc`) and vSwitches are taken from it. @default none (plain form) */
  readonly vpc?: AlicloudVpc;
  /** The VPC's id (plain form). @default the VPC's id */
  readonly vpcId?: pulumi.Input<string>;
  /** The VPC's range, the named range `vpc` (plain form). @default the VPC's `cidr` */
  readonly vpcCidr?: string;
  /** The VPC's vSwitches keyed `<subnet>-<zone>` (plain form; `alicloudVswitchRefs(vpc.plan, ids)`). @default the VPC's vSwitches */
  readonly vswitches?: Readonly<Record<string, AlicloudVswitchRef>>;
  /** On-premises CIDRs by name: the named range `onprem`, and the default admin source. @default {} */
  readonly onPremisesRanges?: Readonly<Record<string, string>>;
  /** Network ACLs on the public and private vSwitches as a second, stateless layer. @default true */
  readonly networkAcls?: boolean;
  /** Resource group of the security groups. @default the account's default group */
  readonly resourceGroupId?: string;
  /** Tags for every child that takes tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Prefix of every child's name. @default the component's name */
  readonly namePrefix?: string;
  /**
   * CIDRs (by name) where VPC endpoints of cloud services sit, e.g. the vSwitch of the container
   * registry's VPC endpoint: the named range `endpoints`, reached on tcp 443 under deny-all egress. @default {}
   */
  readonly serviceEndpoints?: Readonly<Record<string, string>>;
}

/** Longest description of a network ACL entry (security-group rules take 512, with the rule name in front). */
export const ALICLOUD_ACL_DESCRIPTION_MAX = 256;

/** One security-group rule as it will be created (plain data; ids resolved at creation). */
export interface AlicloudSgRulePlan {
  readonly key: string;
  readonly tier: string;
  readonly rule: string;
  readonly type: "ingress" | "egress";
  readonly ipProtocol: Protocol;
  readonly portRange: string;
  readonly policy: "accept" | "drop";
  readonly priority: number;
  readonly cidrIp?: string;
  /** Tier whose security group is the peer. */
  readonly peerTier?: string;
  readonly description: string;
}

/** One network-ACL entry (plain data, in priority order). */
export interface AlicloudAclEntry {
  readonly networkAclEntryName: string;
  readonly policy: "accept" | "drop";
  readonly protocol: Protocol;
  readonly port: string;
  readonly cidr: string;
  readonly description: string;
}

export interface AlicloudAclPlan {
  readonly name: string;
  readonly group: "public" | "private";
  readonly vswitches: readonly string[];
  readonly ingress: readonly AlicloudAclEntry[];
  readonly egress: readonly AlicloudAclEntry[];
}

export interface AlicloudSecurityGroupsPlan {
  readonly prefix: string;
  readonly rules: RulePlan;
  /** Security-group name of each tier. */
  readonly groups: Readonly<Record<string, string>>;
  readonly sgRules: readonly AlicloudSgRulePlan[];
  readonly acls: readonly AlicloudAclPlan[];
}

/**
 * Egress Alibaba workloads need when all other egress is denied, all inside the internal service
 * network 100.64.0.0/10: intranet endpoints (OSS, SLS, the instance metadata service
 * 100.100.100.200) on tcp 80/443, the DNS resolvers (100.100.2.136/138) on udp and tcp 53 (tcp
 * for large answers) and the NTP servers (`ntp.cloud.aliyuncs.com`, 100.100.3.x) on udp 123.
 */
export const ALICLOUD_SERVICE_EGRESS: Readonly<Record<string, FirewallRuleArgs>> = {
  "cloud-services": { direction: "egress", protocol: "tcp", ports: ["80", "443"], destinations: ["cloud-services"], description: "Alibaba Cloud intranet service endpoints" },
  "cloud-dns": { direction: "egress", protocol: "udp", ports: ["53"], destinations: ["cloud-services"], description: "Alibaba Cloud DNS resolvers" },
  "cloud-dns-tcp": { direction: "egress", protocol: "tcp", ports: ["53"], destinations: ["cloud-services"], description: "Alibaba Cloud DNS resolvers over tcp" },
  "cloud-ntp": { direction: "egress", protocol: "udp", ports: ["123"], destinations: ["cloud-services"], description: "Alibaba Cloud NTP servers" },
};

/**
 * Egress to the VPC endpoints of cloud services (e.g. the container registry's VPC endpoint,
 * whose addresses lie in a vSwitch of the VPC): https to the named range `endpoints`. Only
 * planned when `serviceEndpoints` names a range.
 */
export const ALICLOUD_ENDPOINT_EGRESS: Readonly<Record<string, FirewallRuleArgs>> = {
  "cloud-endpoints": { direction: "egress", protocol: "tcp", ports: ["443"], destinations: ["endpoints"], description: "VPC endpoints of cloud services (container registry)" },
};

/** NTP's port: ntpd-style clients send from it, so the stateless ACL admits NTP replies to it. */
export const NTP_PORT: PortRange = { from: 123, to: 123 };

/**
 * Local ephemeral ports our own instances use for outbound connections (Linux 32768–60999,
 * Windows 49152–65535): the stateless ACL admits returns only there, so a return entry from
 * anywhere never also admits an admin port such as SSH (22) or RDP (3389).
 */
export const EPHEMERAL_PORTS: PortRange = { from: 32768, to: 65535 };

/** Remote client ports our replies go to (any unprivileged port: clients choose their own). */
export const CLIENT_PORTS: PortRange = { from: 1024, to: 65535 };

function ports(rule: PlannedRule): (PortRange | undefined)[] {
  if (rule.protocol === "icmp" || rule.protocol === "all") return [undefined];
  return rule.ports.length > 0 ? [...rule.ports] : [{ from: 1, to: 65535 }];
}

function portText(r: PortRange | undefined): string {
  return r === undefined ? "-1/-1" : alicloudPort(r);
}

function peerLabel(p: Peer): string {
  return p.kind === "tier" ? `sg-${p.tier}` : p.label;
}

function aclEntries(plan: RulePlan, group: "public" | "private", groupTiers: ReadonlySet<string>, vpcCidr: string): { ingress: AlicloudAclEntry[]; egress: AlicloudAclEntry[] } {
  const applies = (r: PlannedRule) => r.tiers.length === 0 || r.tiers.some((t) => groupTiers.has(t));
  const entry = (name: string, policy: "accept" | "drop", protocol: Protocol, range: PortRange | undefined, cidr: string, description: string): AlicloudAclEntry =>
    ({ networkAclEntryName: name, policy, protocol, port: portText(range), cidr, description });
  const fromRules = (direction: "ingress" | "egress", action: "allow" | "deny") => plan.rules
    .filter((r) => r.direction === direction && r.action === action && r.origin !== "default" && applies(r))
    .flatMap((r) => r.peers.flatMap((p) => (p.kind === "cidr" ? ports(r).map((pr) => entry(
      nameOf(r.name, p.label, pr ? portSlug(pr) : "all"), action === "allow" ? "accept" : "drop", r.protocol, pr, p.cidr, r.description)) : [])));
  const distinct = (cidrs: string[]) => [...new Set(cidrs)];
  const peerCidrs = (direction: "ingress" | "egress") => distinct(plan.rules
    .filter((r) => r.direction === direction && r.action === "allow" && applies(r))
    .flatMap((r) => r.peers.flatMap((p) => (p.kind === "cidr" ? [p.cidr] : []))));
  const ingress = [
    ...fromRules("ingress", "deny"),
    ...fromRules("ingress", "allow"),
    entry("vpc-in", "accept", "all", undefined, vpcCidr, "traffic inside the VPC (security groups filter it per tier)"),
  ];
  const egress = [
    ...fromRules("egress", "deny"),
    entry("vpc-out", "accept", "all", undefined, vpcCidr, "traffic inside the VPC (security groups filter it per tier)"),
  ];
  // Stateless: replies to allowed inbound connections leave towards the peers' ephemeral ports.
  for (const cidr of peerCidrs("ingress")) {
    egress.push(entry(nameOf("reply", cidrSlug(cidr)), "accept", "tcp", CLIENT_PORTS, cidr, `replies to inbound connections from ${cidr}`));
  }
  // NTP replies from the Alibaba servers to clients that send from port 123 (ntpd); chrony's replies land on the ephemeral ports.
  ingress.push(entry("return-ntp", "accept", "udp", NTP_PORT, ALICLOUD_SERVICES_RANGE, "NTP replies from the Alibaba Cloud NTP servers"));
  if (plan.denyAllEgress) {
    egress.push(...fromRules("egress", "allow"));
    for (const cidr of peerCidrs("egress")) {
      ingress.push(entry(nameOf("return-tcp", cidrSlug(cidr)), "accept", "tcp", EPHEMERAL_PORTS, cidr, `returns of outbound connections to ${cidr}`));
      ingress.push(entry(nameOf("return-udp", cidrSlug(cidr)), "accept", "udp", EPHEMERAL_PORTS, cidr, `returns of outbound connections to ${cidr}`));
    }
    egress.push(entry("deny-all-out", "drop", "all", undefined, INTERNET, "deny every egress not allowed above"));
  } else {
    ingress.push(entry("return-tcp", "accept", "tcp", EPHEMERAL_PORTS, INTERNET, "returns of outbound connections"));
    ingress.push(entry("return-udp", "accept", "udp", EPHEMERAL_PORTS, INTERNET, "returns of outbound connections"));
    egress.push(entry("all-out", "accept", "all", undefined, INTERNET, `egress of the ${group} vSwitches (deny-all egress is off)`));
  }
  ingress.push(entry("deny-all-in", "drop", "all", undefined, INTERNET, "deny every ingress not allowed above"));
  return { ingress, egress };
}

/** The plain keys that `vpc` stands for: the range and vSwitches planning reads, the VPC id deploying needs. */
export const ALICLOUD_SECURITY_GROUPS_VPC_KEYS: VpcFormKeys = { plan: ["vpcCidr", "vswitches"], deploy: ["vpcId"] };

/**
 * The security groups' `vswitches` from a VPC plan: subnet, public or private and CIDR of each
 * vSwitch keyed `<subnet>-<zone>`, with its id from `ids` (e.g. `AlicloudVpc.vswitchIdsByKey`).
 */
export function alicloudVswitchRefs(vpc: AlicloudVpcPlan, ids: Readonly<Record<string, pulumi.Input<string>>>): Record<string, AlicloudVswitchRef>;
/** The same without ids, for planning. */
export function alicloudVswitchRefs(vpc: AlicloudVpcPlan): Record<string, PlanArgs<AlicloudVswitchRef, "id">>;
export function alicloudVswitchRefs(vpc: AlicloudVpcPlan, ids?: Readonly<Record<string, pulumi.Input<string>>>): Record<string, PlanArgs<AlicloudVswitchRef, "id">> {
  return Object.fromEntries(vpc.subnets.map((s) => {
    const key = `${s.name}-${s.location}`;
    return [key, { subnet: s.name, public: s.tier === "public", cidr: s.cidr, ...(ids ? { id: ids[key] } : {}) }];
  }));
}

/** The VPC range and vSwitches the groups and ACLs are planned on, from `vpc` or the plain form (`undefined` after a problem). */
function alicloudSecurityGroupsRanges(args: AlicloudSecurityGroupsPlanArgs, path: string, problems: Problems):
  { vpcCidr: string; vswitches: Readonly<Record<string, PlanArgs<AlicloudVswitchRef, "id">>> } | undefined {
  const form = vpcArgForm(args, ALICLOUD_SECURITY_GROUPS_VPC_KEYS, path, problems);
  if (form === "vpc") return { vpcCidr: args.vpc!.cidr, vswitches: alicloudVswitchRefs(args.vpc!.plan) };
  if (form === "plain") return { vpcCidr: args.vpcCidr!, vswitches: args.vswitches! };
  return undefined;
}

/** The VPC id and vSwitch ids the children are created with, from `vpc` or the plain form (args already validated). */
export function alicloudSecurityGroupsVpc(args: AlicloudSecurityGroupsArgs): { readonly vpcId: pulumi.Input<string>; readonly vswitches: Readonly<Record<string, AlicloudVswitchRef>> } {
  return args.vpc !== undefined
    ? { vpcId: args.vpc.vpcId, vswitches: alicloudVswitchRefs(args.vpc.plan, args.vpc.vswitchIdsByKey) }
    : { vpcId: args.vpcId!, vswitches: args.vswitches! };
}

/**
 * `AlicloudSecurityGroupsArgs` without the VPC and vSwitch ids (known only at deploy time): what
 * `planAlicloudSecurityGroups` reads.
 */
export type AlicloudSecurityGroupsPlanArgs = Omit<PlanArgs<AlicloudSecurityGroupsArgs, "vpcId">, "vswitches"> & {
  readonly vswitches?: Readonly<Record<string, PlanArgs<AlicloudVswitchRef, "id">>>;
};

/** Validates `AlicloudSecurityGroups` args and computes every child; see `planGcpVpc` for the contract. */
export function planAlicloudSecurityGroups(name: string, args: AlicloudSecurityGroupsPlanArgs, path: string, problems: Problems): AlicloudSecurityGroupsPlan {
  const before = problems.items.length;
  const prefix = args.namePrefix ?? name;
  const vpc = alicloudSecurityGroupsRanges(args, path, problems);
  if (vpc === undefined) return { prefix, rules: { tiers: [], rules: [], denyAllEgress: false }, groups: {}, sgRules: [], acls: [] };
  checkAlicloudName(prefix, joinPath(path, "namePrefix"), problems, 2, 100, "name prefix");
  checkAlicloudTags(args.tags, joinPath(path, "tags"), problems);
  const onprem = Object.values(args.onPremisesRanges ?? {});
  const endpoints = Object.values(args.serviceEndpoints ?? {});
  checkCidr(vpc.vpcCidr, joinPath(path, "vpcCidr"), problems);
  for (const [k, c] of Object.entries(args.onPremisesRanges ?? {})) checkCidr(c, joinPath(joinPath(path, "onPremisesRanges"), k), problems);
  for (const [k, c] of Object.entries(args.serviceEndpoints ?? {})) checkCidr(c, joinPath(joinPath(path, "serviceEndpoints"), k), problems);
  const subnets: Record<string, string[]> = {};
  for (const v of Object.values(vpc.vswitches)) (subnets[v.subnet] ??= []).push(v.cidr);
  const rules = planRules(args, {
    builtinRanges: { internet: [INTERNET], vpc: [vpc.vpcCidr], onprem, "cloud-services": [ALICLOUD_SERVICES_RANGE], endpoints },
    subnets,
    priorities: ALICLOUD_PRIORITIES,
    // Bad endpoint CIDRs are reported above; the rule only exists when one resolves.
    serviceEgress: endpoints.some((c) => parseCidr(c).ok) ? { ...ALICLOUD_SERVICE_EGRESS, ...ALICLOUD_ENDPOINT_EGRESS } : ALICLOUD_SERVICE_EGRESS,
    defaultAdminSources: onprem.some((c) => parseCidr(c).ok) ? ["onprem"] : [],
    emptyRangeHints: {
      onprem: "set landing-zone:onPremises.ranges (or onPremisesRanges) to the on-premises CIDRs",
      endpoints: "set serviceEndpoints to the CIDRs of the vSwitches that hold cloud-service VPC endpoints",
    },
  }, path, problems);

  for (const [key, rule] of Object.entries(args.rules ?? {})) {
    if (rule.description !== undefined && rule.description.length > ALICLOUD_ACL_DESCRIPTION_MAX) {
      problems.add("LZ_FW_DESCRIPTION_TOO_LONG", joinPath(joinPath(joinPath(path, "rules"), key), "description"),
        `the description is ${rule.description.length} characters; network ACL entries take at most ${ALICLOUD_ACL_DESCRIPTION_MAX}`, "shorten it");
    }
  }

  const groups: Record<string, string> = {};
  for (const t of rules.tiers) groups[t.name] = nameOf(prefix, t.name);
  const sgRules: AlicloudSgRulePlan[] = [];
  for (const r of rules.rules) {
    const targets = r.tiers.length > 0 ? r.tiers : rules.tiers.map((t) => t.name);
    for (const tier of targets) {
      for (const peer of r.peers) {
        for (const range of ports(r)) {
          sgRules.push({
            key: nameOf(prefix, tier, r.name, peerLabel(peer), range ? portSlug(range) : "all"),
            tier, rule: r.name, type: r.direction, ipProtocol: r.protocol, portRange: portText(range),
            policy: r.action === "allow" ? "accept" : "drop", priority: r.priority,
            ...(peer.kind === "cidr" ? { cidrIp: peer.cidr } : { peerTier: peer.tier }),
            description: `${r.name}: ${r.description}`,
          });
        }
      }
    }
  }

  const acls: AlicloudAclPlan[] = [];
  if (args.networkAcls ?? true) {
    for (const group of ["public", "private"] as const) {
      const keys = Object.keys(vpc.vswitches).filter((k) => vpc.vswitches[k]!.public === (group === "public")).sort();
      if (keys.length === 0) continue;
      const groupSubnets = new Set(keys.map((k) => vpc.vswitches[k]!.subnet));
      const groupTiers = new Set(rules.tiers.filter((t) => t.subnets.some((s) => groupSubnets.has(s))).map((t) => t.name));
      acls.push({ name: nameOf(prefix, group, "acl"), group, vswitches: keys, ...aclEntries(rules, group, groupTiers, vpc.vpcCidr) });
    }
  }
  for (const n of [...Object.values(groups), ...acls.map((a) => a.name)]) checkAlicloudName(n, path, problems, 2, 128);
  if (problems.items.length > before) return { prefix, rules, groups: {}, sgRules: [], acls: [] };
  return { prefix, rules, groups, sgRules, acls };
}

/** Plans `AlicloudSecurityGroups` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedAlicloudSecurityGroups(name: string, args: AlicloudSecurityGroupsArgs): AlicloudSecurityGroupsPlan {
  return validated("AlicloudSecurityGroups", planAlicloudSecurityGroups, name, args);
}
