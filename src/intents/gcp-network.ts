import { ipv4Text } from "../core/cidr";
import type { InventoryResource } from "../offline/inventory";
import { type Flow, hop, Index, inCidr, input, lastSegment, list, portMatches, protocolMatches, cidrValue } from "./net";
import type { Hop } from "./types";

const FIREWALL = "gcp:compute/firewall:Firewall";
const SUBNETWORK = "gcp:compute/subnetwork:Subnetwork";
const NETWORK = "gcp:compute/network:Network";
const ROUTE = "gcp:compute/route:Route";
const ROUTER = "gcp:compute/router:Router";
const ROUTER_NAT = "gcp:compute/routerNat:RouterNat";
const ROUTER_PEER = "gcp:compute/routerPeer:RouterPeer";
const ROUTER_INTERFACE = "gcp:compute/routerInterface:RouterInterface";
const TUNNEL = "gcp:compute/vPNTunnel:VPNTunnel";
const MANAGED_ZONE = "gcp:dns/managedZone:ManagedZone";
const RECORD_SET = "gcp:dns/recordSet:RecordSet";
const SERVICE = "gcp:projects/service:Service";

/** A VM in a subnetwork, as firewall rules see it. */
export interface GcpInstance {
  readonly label: string;
  readonly subnet: InventoryResource;
  readonly network: string;
  readonly project: string;
  readonly region: string;
  readonly ip: number;
  readonly tags: readonly string[];
  readonly serviceAccounts: readonly string[];
}

/** The other end of a flow: an address, and the instance when it is a VM of the same network. */
export interface GcpPeer {
  readonly ip: number;
  readonly instance?: GcpInstance;
}

/** A VM of the subnetwork named `name` (provider name), or undefined when the plan has none. */
export function gcpInstance(ix: Index, subnetName: string, tags: readonly string[], serviceAccounts: readonly string[], label: string): GcpInstance | undefined {
  const subnet = ix.of(SUBNETWORK).find((s) => (input<string>(s, "name") ?? s.name) === subnetName);
  const cidr = subnet && cidrValue(input(subnet, "ipCidrRange"));
  if (!subnet || !cidr) return undefined;
  return {
    label, subnet, network: lastSegment(input(subnet, "network")), project: String(input(subnet, "project") ?? ""),
    region: String(input(subnet, "region") ?? ""), ip: cidr.start + 2, tags, serviceAccounts,
  };
}

function sameNetwork(r: InventoryResource, network: string): boolean {
  return lastSegment(input(r, "network")) === network;
}

function ruleName(r: InventoryResource): string {
  return String(input(r, "name") ?? r.name);
}

function appliesTo(r: InventoryResource, inst: GcpInstance): boolean {
  const tags = list<string>(input(r, "targetTags"));
  const sas = list<string>(input(r, "targetServiceAccounts"));
  if (tags.length === 0 && sas.length === 0) return true;
  return tags.some((t) => inst.tags.includes(t)) || sas.some((s) => inst.serviceAccounts.includes(s));
}

function peerMatches(r: InventoryResource, direction: "INGRESS" | "EGRESS", inst: GcpInstance, peer: GcpPeer): boolean {
  if (direction === "EGRESS") {
    const dst = list<string>(input(r, "destinationRanges"));
    const src = list<string>(input(r, "sourceRanges"));
    if (src.length > 0 && !src.some((c) => inCidr(inst.ip, c))) return false;
    return dst.length === 0 || dst.some((c) => inCidr(peer.ip, c));
  }
  const ranges = list<string>(input(r, "sourceRanges"));
  const tags = list<string>(input(r, "sourceTags"));
  const sas = list<string>(input(r, "sourceServiceAccounts"));
  const dst = list<string>(input(r, "destinationRanges"));
  if (dst.length > 0 && !dst.some((c) => inCidr(inst.ip, c))) return false;
  // An ingress rule with no source at all applies to every source (GCP defaults sourceRanges to 0.0.0.0/0).
  if (ranges.length === 0 && tags.length === 0 && sas.length === 0) return true;
  if (ranges.some((c) => inCidr(peer.ip, c))) return true;
  // Source tags and service accounts match only VMs of the same network, by their primary address.
  const other = peer.instance;
  return other !== undefined && other.network === inst.network &&
    (tags.some((t) => other.tags.includes(t)) || sas.some((s) => other.serviceAccounts.includes(s)));
}

function flowMatches(entries: unknown, flow: Flow): boolean {
  return list<{ protocol?: string; ports?: string[] }>(entries).some((e) =>
    protocolMatches(e.protocol, flow) && (e.ports === undefined || e.ports.length === 0 || e.ports.some((p) => portMatches(p, flow))));
}

/**
 * The firewall verdict for `inst` sending (EGRESS) or receiving (INGRESS) the flow: the
 * matching rule with the lowest priority number wins, deny before allow at equal priority;
 * no match falls to the implied rules (allow egress, deny ingress). Disabled rules are skipped.
 */
export function gcpFirewall(ix: Index, direction: "INGRESS" | "EGRESS", inst: GcpInstance, peer: GcpPeer, flow: Flow): Hop {
  const matches = ix.of(FIREWALL)
    .filter((r) => sameNetwork(r, inst.network) && String(input(r, "direction") ?? "INGRESS") === direction && input(r, "disabled") !== true)
    .filter((r) => appliesTo(r, inst) && peerMatches(r, direction, inst, peer))
    .map((r) => ({ r, deny: flowMatches(input(r, "denies"), flow), allow: flowMatches(input(r, "allows"), flow), priority: Number(input(r, "priority") ?? 1000) }))
    .filter((m) => m.deny || m.allow)
    .sort((a, b) => a.priority - b.priority || Number(b.deny) - Number(a.deny) || ruleName(a.r).localeCompare(ruleName(b.r)));
  const what = `${direction.toLowerCase()} ${flow.protocol}/${flow.port} ${direction === "EGRESS" ? "to" : "from"} ${ipv4Text(peer.ip)} at ${inst.label}`;
  const first = matches[0];
  if (!first) {
    return direction === "EGRESS"
      ? hop("firewall", "pass", "implied allow egress", `${what}: no rule matches, the implied egress rule (priority 65535) allows it`)
      : hop("firewall", "block", "implied deny ingress", `${what}: no rule allows it, the implied ingress rule (priority 65535) denies it`);
  }
  const verdict = first.deny ? "block" : "pass";
  return hop("firewall", verdict, ruleName(first.r), `${what}: firewall rule ${ruleName(first.r)} (priority ${first.priority}) ${first.deny ? "denies" : "allows"} it`, first.r.urn);
}

/** Where a route sends traffic. */
export type GcpNextHop = "local" | "internet" | "vpn" | "other" | "none";

interface RouteChoice {
  readonly prefix: number;
  readonly priority: number;
  readonly next: GcpNextHop;
  readonly name: string;
  readonly urn?: string;
}

function networkOf(ix: Index, network: string): InventoryResource | undefined {
  return ix.of(NETWORK).find((n) => (input<string>(n, "name") ?? n.name) === network);
}

/** BGP sessions of the network's Cloud Routers that run over an existing VPN tunnel. */
export function gcpBgpSessions(ix: Index, network: string): { router: InventoryResource; peer: InventoryResource; tunnel: InventoryResource }[] {
  const out: { router: InventoryResource; peer: InventoryResource; tunnel: InventoryResource }[] = [];
  for (const router of ix.of(ROUTER).filter((r) => sameNetwork(r, network))) {
    const routerName = String(input(router, "name") ?? router.name);
    const region = input(router, "region");
    for (const peer of ix.of(ROUTER_PEER).filter((p) => lastSegment(input(p, "router")) === routerName && input(p, "region") === region)) {
      if (input(peer, "enable") === false) continue;
      const iface = ix.of(ROUTER_INTERFACE).find((i) => lastSegment(input(i, "router")) === routerName && input(i, "name") === input(peer, "interface"));
      const tunnelName = iface && lastSegment(input(iface, "vpnTunnel"));
      const tunnel = tunnelName ? ix.of(TUNNEL).find((t) => (input<string>(t, "name") ?? t.name) === tunnelName && lastSegment(input(t, "router")) === routerName) : undefined;
      if (tunnel) out.push({ router, peer, tunnel });
    }
  }
  return out;
}

/**
 * The route `inst` uses to reach `dst`: longest prefix, then lowest priority, among the subnet
 * routes, static routes (`gcp:compute/route:Route`, tags honoured), the default internet route
 * (unless the network was created with `deleteDefaultRoutesOnCreate`) and the dynamic routes the
 * Cloud Routers learn over BGP (`learned`: what on-premises advertises), in every region when the
 * network's routing mode is GLOBAL, else in the router's region.
 */
export function gcpRoute(ix: Index, inst: GcpInstance, dst: number, learned: readonly string[]): { hop: Hop; next: GcpNextHop } {
  const choices: RouteChoice[] = [];
  for (const s of ix.of(SUBNETWORK).filter((s) => sameNetwork(s, inst.network))) {
    for (const c of [input(s, "ipCidrRange"), ...list<{ ipCidrRange?: string }>(input(s, "secondaryIpRanges")).map((r) => r.ipCidrRange)]) {
      const cidr = cidrValue(c);
      if (cidr && inCidr(dst, c)) choices.push({ prefix: cidr.prefix, priority: 0, next: "local", name: `subnet route of ${input(s, "name") ?? s.name}` });
    }
  }
  const net = networkOf(ix, inst.network);
  if (net && input(net, "deleteDefaultRoutesOnCreate") !== true) {
    choices.push({ prefix: 0, priority: 1000, next: "internet", name: "default route to the internet gateway" });
  }
  for (const r of ix.of(ROUTE).filter((r) => sameNetwork(r, inst.network))) {
    const cidr = cidrValue(input(r, "destRange"));
    const tags = list<string>(input(r, "tags"));
    if (!cidr || !inCidr(dst, input(r, "destRange")) || (tags.length > 0 && !tags.some((t) => inst.tags.includes(t)))) continue;
    const next: GcpNextHop = input(r, "nextHopGateway") !== undefined ? "internet" : input(r, "nextHopVpnTunnel") !== undefined ? "vpn" : "other";
    choices.push({ prefix: cidr.prefix, priority: Number(input(r, "priority") ?? 1000), next, name: String(input(r, "name") ?? r.name), urn: r.urn });
  }
  const global = net !== undefined && input(net, "routingMode") === "GLOBAL";
  for (const s of gcpBgpSessions(ix, inst.network)) {
    if (!global && input(s.router, "region") !== inst.region) continue;
    for (const c of learned) {
      const cidr = cidrValue(c);
      if (cidr && inCidr(dst, c)) {
        choices.push({ prefix: cidr.prefix, priority: 100, next: "vpn", name: `${c} learned over BGP by ${input(s.router, "name") ?? s.router.name} (${input(s.tunnel, "name") ?? s.tunnel.name})`, urn: s.peer.urn });
      }
    }
  }
  choices.sort((a, b) => b.prefix - a.prefix || a.priority - b.priority || a.name.localeCompare(b.name));
  const best = choices[0];
  if (!best) return { hop: hop("route", "block", "no route", `no route in network ${inst.network} covers ${ipv4Text(dst)}`), next: "none" };
  return { hop: hop("route", "pass", best.name, `${ipv4Text(dst)} from ${inst.label} takes ${best.name}`, best.urn), next: best.next };
}

/** Whether Cloud NAT translates the instance's subnet (a router NAT of its network and region). */
export function gcpNat(ix: Index, inst: GcpInstance): Hop {
  const subnetName = String(input(inst.subnet, "name") ?? inst.subnet.name);
  for (const nat of ix.of(ROUTER_NAT).filter((n) => input(n, "region") === inst.region)) {
    const router = ix.of(ROUTER).find((r) => (input(r, "name") ?? r.name) === lastSegment(input(nat, "router")) && input(r, "region") === inst.region);
    if (!router || !sameNetwork(router, inst.network)) continue;
    const mode = String(input(nat, "sourceSubnetworkIpRangesToNat") ?? "");
    const listed = list<{ name?: string }>(input(nat, "subnetworks")).some((s) => lastSegment(s.name) === subnetName);
    if (mode.startsWith("ALL_SUBNETWORKS") || (mode === "LIST_OF_SUBNETWORKS" && listed)) {
      return hop("nat", "pass", String(input(nat, "name") ?? nat.name), `Cloud NAT ${input(nat, "name") ?? nat.name} translates ${subnetName}`, nat.urn);
    }
  }
  return hop("nat", "block", `no Cloud NAT for ${subnetName}`, `${inst.label} has no external address and no Cloud NAT in ${inst.region} translates subnetwork ${subnetName}`);
}

/** Whether a project has an API enabled in the plan (`gcp:projects/service:Service`). */
export function gcpApiEnabled(ix: Index, project: string, service: string): Hop {
  const s = ix.of(SERVICE).find((r) => input(r, "service") === service && (input(r, "project") === undefined || input(r, "project") === project));
  return s ? hop("api", "pass", service, `${service} is enabled in ${project}`, s.urn)
    : hop("api", "block", `${service} not enabled`, `no gcp:projects/service:Service enables ${service} in ${project}`);
}

/**
 * Whether on-premises learns a route to `cidr` from a BGP session of the network: a router
 * advertising its subnets (DEFAULT mode, or CUSTOM with ALL_SUBNETS) or a custom range covering
 * it; a peer's own advertiseMode overrides its router's. Without GLOBAL routing a router
 * advertises only its region's subnets.
 */
export function gcpAdvertised(ix: Index, inst: GcpInstance): Hop {
  const subnetCidr = cidrValue(input(inst.subnet, "ipCidrRange"))!;
  const net = networkOf(ix, inst.network);
  const global = net !== undefined && input(net, "routingMode") === "GLOBAL";
  const sessions = gcpBgpSessions(ix, inst.network);
  if (sessions.length === 0) return hop("vpn", "block", "no VPN", `network ${inst.network} has no Cloud Router BGP session over a VPN tunnel`);
  for (const s of sessions) {
    const own = input<string>(s.peer, "advertiseMode");
    const src = own !== undefined && own !== "DEFAULT" ? s.peer : own === "DEFAULT" ? undefined : s.router;
    const bgp = (src === s.router ? input<Record<string, unknown>>(s.router, "bgp") : src ? s.peer.inputs : undefined) ?? {};
    const mode = String(bgp.advertiseMode ?? "DEFAULT");
    const groups = list<string>(bgp.advertisedGroups);
    const ranges = list<{ range?: string }>(bgp.advertisedIpRanges).map((r) => cidrValue(r.range)).filter((c) => c !== undefined);
    const subnets = (mode === "DEFAULT" || groups.includes("ALL_SUBNETS")) && (global || input(s.router, "region") === inst.region);
    const custom = ranges.some((c) => c.start <= subnetCidr.start && subnetCidr.end <= c.end);
    if (subnets || custom) {
      return hop("vpn", "pass", String(input(s.peer, "name") ?? s.peer.name), `${input(s.router, "name") ?? s.router.name} advertises ${subnetCidr.text} to on-premises over ${input(s.tunnel, "name") ?? s.tunnel.name}`, s.peer.urn);
    }
  }
  const r = sessions[0]!.router;
  return hop("vpn", "block", String(input(r, "name") ?? r.name), `no BGP session of network ${inst.network} advertises ${subnetCidr.text}: on-premises has no route to it`, r.urn);
}

function fqdn(name: string): string {
  return name.endsWith(".") ? name : `${name}.`;
}

/**
 * Resolves `host` as a VM of the network does: the private managed zone visible to the network
 * with the longest matching DNS name answers (A records, CNAMEs followed, `*.` wildcards), and
 * a matching private zone without the record answers NXDOMAIN. Without a private zone the
 * public answer applies: `publicAddress` stands for Google's public front ends.
 */
export function gcpResolve(ix: Index, project: string, network: string, host: string, publicAddress: number): { ips: number[]; hops: Hop[] } {
  const hops: Hop[] = [];
  let name = fqdn(host);
  for (let depth = 0; depth < 5; depth++) {
    const zones = ix.of(MANAGED_ZONE).filter((z) => String(input(z, "visibility") ?? "public") === "private" &&
      list<{ networkUrl?: string }>((input<Record<string, unknown>>(z, "privateVisibilityConfig") ?? {}).networks).some((n) => lastSegment(n.networkUrl) === network))
      .filter((z) => name === fqdn(String(input(z, "dnsName"))) || name.endsWith(`.${fqdn(String(input(z, "dnsName")))}`))
      .sort((a, b) => String(input(b, "dnsName")).length - String(input(a, "dnsName")).length);
    const zone = zones[0];
    if (!zone) {
      hops.push(hop("dns", "pass", "public DNS", `no private zone visible to ${network} matches ${name}: it resolves to Google's public addresses`));
      return { ips: [publicAddress], hops };
    }
    const zoneName = String(input(zone, "name") ?? zone.name);
    const zoneProject = String(input(zone, "project") ?? project);
    const dnsApi = gcpApiEnabled(ix, zoneProject, "dns.googleapis.com");
    if (dnsApi.verdict === "block") return { ips: [], hops: [...hops, { ...dnsApi, detail: `${dnsApi.detail}: private zone ${zoneName} cannot be created` }] };
    const records = ix.of(RECORD_SET).filter((r) => lastSegment(input(r, "managedZone")) === zoneName);
    const wildcard = `*.${name.split(".").slice(1).join(".")}`;
    const record = records.find((r) => fqdn(String(input(r, "name"))) === name) ?? records.find((r) => fqdn(String(input(r, "name"))) === wildcard);
    if (!record) {
      hops.push(hop("dns", "block", zoneName, `private zone ${zoneName} (${input(zone, "dnsName")}) has no record for ${name}: VMs in ${network} get NXDOMAIN`, zone.urn));
      return { ips: [], hops };
    }
    const type = String(input(record, "type"));
    const data = list<string>(input(record, "rrdatas"));
    hops.push(hop("dns", "pass", String(input(record, "name")), `${name} in private zone ${zoneName}: ${type} ${data.join(" ")}`, record.urn));
    if (type === "CNAME" && data[0]) {
      name = fqdn(data[0]);
      continue;
    }
    const ips = type === "A" ? data.map((d) => cidrValue(d)?.start).filter((n): n is number => n !== undefined) : [];
    if (ips.length === 0) return { ips: [], hops: [...hops.slice(0, -1), { ...hops[hops.length - 1]!, verdict: "block" }] };
    return { ips, hops };
  }
  return { ips: [], hops: [...hops, hop("dns", "block", name, `CNAME chain for ${host} is longer than 5`)] };
}
