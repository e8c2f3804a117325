/**
 * The one firewall rule model of both clouds: tiers, named rules and named ranges in, a flat
 * list of resolved rules out. `GcpFirewall` turns the list into VPC firewall rules,
 * `AlicloudSecurityGroups` into security-group rules and network-ACL entries.
 * Pure: no Pulumi import.
 */
import { checkCidr, contains, isPrivate, mustParseCidr, parseCidr } from "./cidr";
import { joinPath, Problems } from "./errors";
import { checkKey } from "./naming";
import { adminPortsIn, ADMIN_PORTS, parsePortRange, PortRange } from "./ports";

export type Direction = "ingress" | "egress";
export type RuleAction = "allow" | "deny";
export type Protocol = "tcp" | "udp" | "icmp" | "all";

/** The world: every IPv4 address. */
export const INTERNET = "0.0.0.0/0";
/** Google's IAP TCP forwarding range (the only source of SSH/RDP on GCP by default). */
export const GCP_IAP_RANGE = "35.235.240.0/20";
/** The private.googleapis.com VIP range (every Google API). */
export const GCP_PRIVATE_APIS_RANGE = "199.36.153.8/30";
/** The restricted.googleapis.com VIP range (only APIs VPC Service Controls supports). */
export const GCP_RESTRICTED_APIS_RANGE = "199.36.153.4/30";
/** Private and restricted Google APIs VIPs (private.googleapis.com, restricted.googleapis.com). */
export const GCP_GOOGLE_APIS_RANGES: readonly string[] = [GCP_PRIVATE_APIS_RANGE, GCP_RESTRICTED_APIS_RANGE];
/** Alibaba Cloud's internal service network (intranet OSS, SLS, DNS 100.100.2.136/138 …). */
export const ALICLOUD_SERVICES_RANGE = "100.64.0.0/10";

/**
 * One named rule. Peers (`sources` of ingress rules, `destinations` of egress rules) are CIDRs,
 * tier names or named ranges (`internet`, `vpc`, `onprem`, `iap` on GCP, and your own `ranges`).
 */
export interface FirewallRuleArgs {
  /** @default "ingress" */
  readonly direction?: Direction;
  /** @default "allow" */
  readonly action?: RuleAction;
  /** @default "tcp" */
  readonly protocol?: Protocol;
  /** Ports or ranges, e.g. `["80", "8000-8099"]`; only for tcp and udp. @default every port */
  readonly ports?: readonly string[];
  /** Where ingress traffic comes from (required for ingress). @default none */
  readonly sources?: readonly string[];
  /** Where egress traffic goes (required for egress). @default none */
  readonly destinations?: readonly string[];
  /** Tiers the rule applies to: receivers of ingress, senders of egress. @default every instance (all tiers) */
  readonly tiers?: readonly string[];
  /** Provider priority: GCP 0–65535 (lower wins), Alibaba 1–100 (lower wins). @default 1000 on GCP, 10 on Alibaba */
  readonly priority?: number;
  /** @default a generated description */
  readonly description?: string;
  /** Allow an admin port (22, 23, 3389, 5900, 5985, 5986) from public addresses. Needs `justification`. @default false */
  readonly allowPublicAdmin?: boolean;
  /** Why an admin port faces public addresses (required with `allowPublicAdmin`). @default none */
  readonly justification?: string;
}

/** One tier of the multi-tier pattern: which subnets host it and who may reach it on which ports. */
export interface TierArgs {
  /** @default true */
  readonly enabled?: boolean;
  /** VPC subnets (by name) that host the tier. @default `[<tier name>]` */
  readonly subnets?: readonly string[];
  /** Peers that may reach the tier on `ports` (tiers, named ranges, CIDRs). @default see `DEFAULT_TIERS` */
  readonly from?: readonly string[];
  /** Ports the tier serves. @default see `DEFAULT_TIERS` */
  readonly ports?: readonly string[];
  /** @default "tcp" */
  readonly protocol?: "tcp" | "udp";
}

/**
 * The default tiers: the internet reaches web on 80 and 443, web reaches app on the app ports,
 * app reaches data on the data ports, nothing else.
 */
export const DEFAULT_TIERS: Readonly<Record<string, Required<Pick<TierArgs, "from" | "ports">>>> = {
  web: { from: ["internet"], ports: ["80", "443"] },
  app: { from: ["web"], ports: ["8080", "8443"] },
  data: { from: ["app"], ports: ["5432", "3306", "6379"] },
};

/** Default admin ports: SSH and RDP. */
export const DEFAULT_ADMIN_PORTS: readonly string[] = ["22", "3389"];

/** Priority limits and defaults of one provider. */
export interface PriorityRange {
  readonly min: number;
  readonly max: number;
  /** Priority of rules that give none. */
  readonly default: number;
  /** Priority of the closing deny-all rules (the weakest). */
  readonly denyAll: number;
}
export const GCP_PRIORITIES: PriorityRange = { min: 0, max: 65535, default: 1000, denyAll: 65534 };
export const ALICLOUD_PRIORITIES: PriorityRange = { min: 1, max: 100, default: 10, denyAll: 100 };

/** The rule set of one VPC, in the shared model. */
export interface RuleSetArgs {
  /** Tiers by name, merged key by key over `DEFAULT_TIERS`. @default web, app and data */
  readonly tiers?: Readonly<Record<string, TierArgs>>;
  /** Extra named rules. @default {} */
  readonly rules?: Readonly<Record<string, FirewallRuleArgs>>;
  /** Extra named ranges (name → CIDRs). @default {} */
  readonly ranges?: Readonly<Record<string, readonly string[]>>;
  /** Peers allowed to reach every tier on the admin ports. @default GCP `["iap"]`; Alibaba `["onprem"]` when on-premises ranges exist, else none */
  readonly adminSources?: readonly string[];
  /** @default `["22", "3389"]` */
  readonly adminPorts?: readonly string[];
  /** Deny all egress except the tier matrix, the cloud's service ranges and egress rules. @default false (true in production stacks) */
  readonly denyAllEgress?: boolean;
}

/** What the cloud adds to the model: its own named ranges, priorities and the egress its workloads need. */
export interface CloudRuleContext {
  /** Built-in named ranges (internet, vpc, onprem, iap …). Empty lists are ranges that exist but hold nothing. */
  readonly builtinRanges: Readonly<Record<string, readonly string[]>>;
  /** Subnets of the VPC by name, with their CIDRs. */
  readonly subnets: Readonly<Record<string, readonly string[]>>;
  readonly priorities: PriorityRange;
  /** Egress allowed by default when all other egress is denied (name → rule). */
  readonly serviceEgress: Readonly<Record<string, FirewallRuleArgs>>;
  /** Admin sources when the args give none. */
  readonly defaultAdminSources: readonly string[];
  /** Why a name has no CIDRs (e.g. how to configure on-premises ranges), by range name. */
  readonly emptyRangeHints?: Readonly<Record<string, string>>;
}

/** A resolved peer: a tier (by identity) or one CIDR. */
export type Peer =
  | { readonly kind: "tier"; readonly tier: string }
  | { readonly kind: "cidr"; readonly cidr: string; readonly label: string };

/** A rule after defaults and references are resolved. */
export interface PlannedRule {
  readonly name: string;
  readonly direction: Direction;
  readonly action: RuleAction;
  readonly protocol: Protocol;
  /** Empty means every port (and always empty for icmp and all). */
  readonly ports: readonly PortRange[];
  readonly priority: number;
  /** Tiers the rule applies to; empty means every instance. */
  readonly tiers: readonly string[];
  readonly peers: readonly Peer[];
  readonly description: string;
  /** Where the rule comes from: a tier's `from`, the admin rule, a named rule, or the closing defaults. */
  readonly origin: "tier" | "admin" | "rule" | "service" | "default";
}

/** A resolved tier. */
export interface PlannedTier {
  readonly name: string;
  readonly subnets: readonly string[];
  readonly cidrs: readonly string[];
}

export interface RulePlan {
  readonly tiers: readonly PlannedTier[];
  readonly rules: readonly PlannedRule[];
  readonly denyAllEgress: boolean;
}

/** The enabled tiers of a rule set, in order: the defaults first, then new tiers. */
export function effectiveTierNames(tiers: Readonly<Record<string, TierArgs>> | undefined): string[] {
  const names = [...Object.keys(DEFAULT_TIERS), ...Object.keys(tiers ?? {}).filter((k) => !(k in DEFAULT_TIERS))];
  return names.filter((n) => tiers?.[n]?.enabled !== false);
}

/** Names of generated rules; a named rule must not take one. */
export function reservedRuleNames(tierNames: readonly string[], serviceEgress: readonly string[]): string[] {
  return [
    ...tierNames.map((t) => `${t}-in`),
    ...tierNames.map((t) => `${t}-in-egress`),
    "admin", "deny-all-ingress", "deny-all-egress", ...serviceEgress,
  ];
}

/** `10.0.0.0/8` → `10-0-0-0-8`, for child names. */
export function cidrSlug(cidr: string): string {
  return cidr.replace(/[./:]/g, "-");
}

/** Whether `cidr` lies in public address space (outside RFC 1918, CGNAT 100.64/10 and loopback). */
export function isPublicCidr(cidr: string): boolean {
  const c = mustParseCidr(cidr);
  if (isPrivate(c)) return false;
  return !["100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"].some((r) => contains(mustParseCidr(r), c));
}

interface Resolver {
  readonly tierNames: ReadonlySet<string>;
  readonly ranges: Readonly<Record<string, readonly string[]>>;
  readonly trusted: readonly string[];
  readonly hints: Readonly<Record<string, string>>;
}

function resolvePeers(refs: readonly string[], r: Resolver, path: string, problems: Problems): Peer[] {
  const peers: Peer[] = [];
  refs.forEach((ref, i) => {
    const at = `${path}[${i}]`;
    if (ref.includes("/")) {
      if (checkCidr(ref, at, problems) === undefined) return;
      peers.push({ kind: "cidr", cidr: ref, label: cidrSlug(ref) });
    } else if (r.tierNames.has(ref)) {
      peers.push({ kind: "tier", tier: ref });
    } else if (ref in r.ranges) {
      const cidrs = r.ranges[ref]!;
      if (cidrs.length === 0) {
        problems.add("LZ_FW_RANGE_EMPTY", at, `named range "${ref}" holds no CIDR`, r.hints[ref] ?? `give the range "${ref}" at least one CIDR`);
        return;
      }
      for (const cidr of cidrs) peers.push({ kind: "cidr", cidr, label: `${ref}-${cidrSlug(cidr)}` });
    } else {
      problems.add("LZ_FW_UNKNOWN_REFERENCE", at, `"${ref}" is neither a CIDR, a tier (${[...r.tierNames].join(", ") || "none"}) nor a named range (${Object.keys(r.ranges).join(", ")})`,
        "use a CIDR such as 10.0.0.0/8, one of the tiers, or one of the named ranges (add your own under ranges)");
    }
  });
  return peers;
}

function parsePorts(ports: readonly string[] | undefined, protocol: Protocol, path: string, problems: Problems): PortRange[] {
  if (ports === undefined) return [];
  if (protocol === "icmp" || protocol === "all") {
    problems.add("LZ_FW_PORTS_NOT_ALLOWED", path, `protocol ${protocol} has no ports`, "remove ports, or use protocol tcp or udp");
    return [];
  }
  if (ports.length === 0) {
    problems.add("LZ_FW_PORT_RANGE", path, "the port list is empty", "list ports such as [\"443\"], or omit ports for every port");
  }
  const out: PortRange[] = [];
  ports.forEach((p, i) => {
    const parsed = parsePortRange(p);
    if (parsed.ok) out.push(parsed.range);
    else problems.add("LZ_FW_PORT_RANGE", `${path}[${i}]`, parsed.reason, "write a port (443) or an ascending range (8000-8099) from 1 to 65535");
  });
  return out;
}

/**
 * Whether `peer` is public: a CIDR in public address space not inside a trusted range (the IAP
 * range, the on-premises ranges). Tiers are never public peers.
 */
function publicPeer(peer: Peer, trusted: readonly string[]): boolean {
  if (peer.kind === "tier") return false;
  if (!isPublicCidr(peer.cidr)) return false;
  const c = mustParseCidr(peer.cidr);
  return !trusted.some((t) => contains(mustParseCidr(t), c));
}

function checkPublicAdmin(rule: { direction: Direction; action: RuleAction; protocol: Protocol; ports: readonly PortRange[]; peers: readonly Peer[] },
  args: { allowPublicAdmin?: boolean; justification?: string }, r: Resolver, path: string, portsPath: string, problems: Problems): void {
  if (rule.direction !== "ingress" || rule.action !== "allow" || rule.protocol === "icmp") return;
  const admin = adminPortsIn(rule.ports);
  const open = rule.peers.filter((p) => publicPeer(p, r.trusted));
  if (admin.length === 0 || open.length === 0) return;
  const justified = args.allowPublicAdmin === true && (args.justification ?? "").trim() !== "";
  if (justified) return;
  const names = admin.map((p) => `${p} (${ADMIN_PORTS[p]})`).join(", ");
  const from = open.map((p) => (p.kind === "cidr" ? p.cidr : p.tier)).join(", ");
  problems.add("LZ_FW_PUBLIC_ADMIN", portsPath, `opens admin port${admin.length > 1 ? "s" : ""} ${names} to public addresses ${from}`,
    "reach admin ports through the IAP range (GCP) or the VPN and on-premises ranges; if it must stay public, set allowPublicAdmin: true and a written justification");
  if (args.allowPublicAdmin === true) {
    problems.add("LZ_FW_JUSTIFICATION_MISSING", joinPath(path, "justification"), "allowPublicAdmin is set without a justification",
      "write why the admin port must face public addresses, who approved it and until when");
  }
}

function checkPriority(priority: number, range: PriorityRange, path: string, problems: Problems): void {
  if (!Number.isInteger(priority) || priority < range.min || priority > range.max) {
    problems.add("LZ_FW_PRIORITY", path, `priority ${priority} is outside the provider's range ${range.min}–${range.max}`,
      `use a whole number from ${range.min} to ${range.max} (lower wins)`);
  }
}

/**
 * Validates a rule set and resolves it into planned rules, in this order: tier rules, their
 * egress mirrors (deny-all egress only), the admin rule, service egress, named rules, closing
 * deny-all rules. Every problem goes to `problems` under `path`; the plan is empty when any
 * problem was found.
 */
export function planRules(args: RuleSetArgs, cloud: CloudRuleContext, path: string, problems: Problems): RulePlan {
  const before = problems.items.length;
  const pr = cloud.priorities;
  const denyAllEgress = args.denyAllEgress ?? false;

  // Tiers: defaults merged key by key with the args.
  const tierArgs: Record<string, TierArgs> = {};
  for (const [name, d] of Object.entries(DEFAULT_TIERS)) tierArgs[name] = { ...d };
  for (const [name, t] of Object.entries(args.tiers ?? {})) tierArgs[name] = { ...tierArgs[name], ...t };
  const tiers: PlannedTier[] = [];
  for (const [name, t] of Object.entries(tierArgs)) {
    if (t.enabled === false) continue;
    const tPath = joinPath(joinPath(path, "tiers"), name);
    checkKey(name, tPath, problems);
    const subnets = t.subnets ?? [name];
    const cidrs: string[] = [];
    subnets.forEach((s, i) => {
      const found = cloud.subnets[s];
      if (found === undefined) {
        problems.add("LZ_FW_UNKNOWN_SUBNET", t.subnets ? `${joinPath(tPath, "subnets")}[${i}]` : tPath, `tier "${name}" is placed on subnet "${s}", which the VPC does not have`,
          `set subnets to some of: ${Object.keys(cloud.subnets).join(", ")}; or set enabled: false`);
      } else cidrs.push(...found);
    });
    tiers.push({ name, subnets, cidrs });
  }
  const tierNames = new Set(tiers.map((t) => t.name));

  // Invalid CIDRs are reported by their owner (below for `ranges`, the component for its own); only valid ones resolve.
  const valid = (cidrs: readonly string[]) => cidrs.filter((c) => parseCidr(c).ok);
  const ranges: Record<string, readonly string[]> = Object.fromEntries(Object.entries(cloud.builtinRanges).map(([k, v]) => [k, valid(v)]));
  for (const [name, cidrs] of Object.entries(args.ranges ?? {})) {
    const rPath = joinPath(joinPath(path, "ranges"), name);
    checkKey(name, rPath, problems);
    if (name in cloud.builtinRanges || tierNames.has(name)) {
      problems.add("LZ_FW_NAME_CLASH", rPath, `range "${name}" has the name of a ${tierNames.has(name) ? "tier" : "built-in range"}`, "rename the range");
      continue;
    }
    cidrs.forEach((c, i) => checkCidr(c, `${rPath}[${i}]`, problems));
    ranges[name] = valid(cidrs);
  }
  for (const name of tierNames) {
    if (name in cloud.builtinRanges) {
      problems.add("LZ_FW_NAME_CLASH", joinPath(joinPath(path, "tiers"), name), `tier "${name}" has the name of a built-in range`, "rename the tier");
    }
  }
  const trusted = [...(ranges.iap ?? []), ...(ranges.onprem ?? [])];
  const r: Resolver = { tierNames, ranges, trusted, hints: cloud.emptyRangeHints ?? {} };
  const rules: PlannedRule[] = [];

  // Tier rules: who reaches each tier on which ports.
  for (const t of tiers) {
    const a = tierArgs[t.name]!;
    const tPath = joinPath(joinPath(path, "tiers"), t.name);
    const protocol = a.protocol ?? "tcp";
    const ports = parsePorts(a.ports, protocol, joinPath(tPath, "ports"), problems);
    const peers = resolvePeers(a.from ?? [], r, joinPath(tPath, "from"), problems);
    if ((a.from ?? []).length === 0) continue;
    const rule: PlannedRule = {
      name: `${t.name}-in`, direction: "ingress", action: "allow", protocol, ports, priority: pr.default, tiers: [t.name], peers,
      description: `${t.name} accepts ${protocol} ${(a.ports ?? ["all"]).join(", ")} from ${(a.from ?? []).join(", ")}`, origin: "tier",
    };
    checkPublicAdmin(rule, {}, r, tPath, joinPath(tPath, "ports"), problems);
    rules.push(rule);
  }
  if (denyAllEgress) {
    for (const rule of [...rules]) {
      const senders = rule.peers.filter((p): p is Extract<Peer, { kind: "tier" }> => p.kind === "tier").map((p) => p.tier);
      if (senders.length === 0) continue;
      rules.push({
        ...rule, name: `${rule.name}-egress`, direction: "egress", tiers: senders, peers: [{ kind: "tier", tier: rule.tiers[0]! }],
        description: `egress side of ${rule.name}: ${senders.join(", ")} to ${rule.tiers[0]}`,
      });
    }
  }

  // Admin access: only from trusted peers unless a rule says otherwise.
  const adminSources = args.adminSources ?? cloud.defaultAdminSources;
  if (adminSources.length > 0) {
    const adminPorts = parsePorts(args.adminPorts ?? DEFAULT_ADMIN_PORTS, "tcp", joinPath(path, "adminPorts"), problems);
    const peers = resolvePeers(adminSources, r, joinPath(path, "adminSources"), problems);
    const rule: PlannedRule = {
      name: "admin", direction: "ingress", action: "allow", protocol: "tcp", ports: adminPorts, priority: pr.default, tiers: [], peers,
      description: `admin access (${(args.adminPorts ?? DEFAULT_ADMIN_PORTS).join(", ")}) from ${adminSources.join(", ")}`, origin: "admin",
    };
    // An admin port can never be justified through adminSources: public admin needs a named rule.
    checkPublicAdmin(rule, {}, r, path, joinPath(path, "adminSources"), problems);
    rules.push(rule);
  }

  const reserved = new Set(reservedRuleNames([...tierNames], Object.keys(cloud.serviceEgress)));
  const named: [string, FirewallRuleArgs, "service" | "rule"][] = [
    ...(denyAllEgress ? Object.entries(cloud.serviceEgress).map(([k, v]) => [k, v, "service"] as [string, FirewallRuleArgs, "service"]) : []),
    ...Object.entries(args.rules ?? {}).map(([k, v]) => [k, v, "rule"] as [string, FirewallRuleArgs, "rule"]),
  ];
  for (const [name, a, origin] of named) {
    const rPath = joinPath(joinPath(path, "rules"), name);
    if (origin === "rule") {
      checkKey(name, rPath, problems);
      if (reserved.has(name)) {
        problems.add("LZ_FW_DUPLICATE_RULE", rPath, `rule name "${name}" is already taken by a generated rule`, `rename the rule; generated names are ${[...reserved].join(", ")}`);
      }
    }
    const direction = a.direction ?? "ingress";
    const action = a.action ?? "allow";
    const protocol = a.protocol ?? "tcp";
    const ports = parsePorts(a.ports, protocol, joinPath(rPath, "ports"), problems);
    const priority = a.priority ?? pr.default;
    checkPriority(priority, pr, joinPath(rPath, "priority"), problems);
    const peerKey = direction === "ingress" ? "sources" : "destinations";
    const wrongKey = direction === "ingress" ? "destinations" : "sources";
    const refs = (direction === "ingress" ? a.sources : a.destinations) ?? [];
    if (refs.length === 0) {
      problems.add("LZ_FW_NO_PEERS", joinPath(rPath, peerKey), `an ${direction} rule needs ${peerKey}`, `list ${peerKey}: CIDRs, tiers or named ranges`);
    }
    if ((direction === "ingress" ? a.destinations : a.sources) !== undefined) {
      problems.add("LZ_FW_WRONG_PEER_KEY", joinPath(rPath, wrongKey), `an ${direction} rule takes ${peerKey}, not ${wrongKey}`, `move the entries to ${peerKey}`);
    }
    const peers = resolvePeers(refs, r, joinPath(rPath, peerKey), problems);
    const targets = a.tiers ?? [];
    targets.forEach((t, i) => {
      if (!tierNames.has(t)) {
        problems.add("LZ_FW_UNKNOWN_TIER", `${joinPath(rPath, "tiers")}[${i}]`, `tier "${t}" does not exist`, `use one of: ${[...tierNames].join(", ")}`);
      }
    });
    const rule: PlannedRule = {
      name, direction, action, protocol, ports, priority, tiers: targets, peers,
      description: a.description ?? `${action} ${direction} ${protocol} ${(a.ports ?? ["all"]).join(", ")} ${direction === "ingress" ? "from" : "to"} ${refs.join(", ")}`,
      origin,
    };
    checkPublicAdmin(rule, a, r, rPath, joinPath(rPath, a.ports ? "ports" : "sources"), problems);
    rules.push(rule);
  }

  const world: Peer = { kind: "cidr", cidr: INTERNET, label: "internet" };
  rules.push({
    name: "deny-all-ingress", direction: "ingress", action: "deny", protocol: "all", ports: [], priority: pr.denyAll, tiers: [], peers: [world],
    description: "deny every ingress not allowed above", origin: "default",
  });
  if (denyAllEgress) {
    rules.push({
      name: "deny-all-egress", direction: "egress", action: "deny", protocol: "all", ports: [], priority: pr.denyAll, tiers: [], peers: [world],
      description: "deny every egress not allowed above", origin: "default",
    });
  }
  if (problems.items.length > before) return { tiers: [], rules: [], denyAllEgress };
  return { tiers, rules, denyAllEgress };
}
