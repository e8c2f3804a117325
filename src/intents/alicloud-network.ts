import { type Cidr, ipv4Text } from "../core/cidr";
import { ALICLOUD_SERVICES_RANGE } from "../core/rules";
import type { InventoryResource } from "../offline/inventory";
import { cidrValue, type Flow, hop, Index, inBlock, inCidr, input, list, nameOf, portMatches, protocolMatches } from "./net";
import type { Hop } from "./types";

const SWITCH = "alicloud:vpc/switch:Switch";
const SECURITY_GROUP = "alicloud:ecs/securityGroup:SecurityGroup";
const SG_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const ACL = "alicloud:vpc/networkAcl:NetworkAcl";
const ACL_ATTACHMENT = "alicloud:vpc/vpcNetworkAclAttachment:VpcNetworkAclAttachment";
const ROUTE_TABLE_ATTACHMENT = "alicloud:vpc/routeTableAttachment:RouteTableAttachment";
const ROUTE_ENTRY = "alicloud:vpc/routeEntry:RouteEntry";
const SNAT = "alicloud:vpc/snatEntry:SnatEntry";
const VPN_GATEWAY = "alicloud:vpn/gateway:Gateway";
const VPN_CONNECTION = "alicloud:vpn/connection:Connection";
const VPN_ROUTE = "alicloud:vpn/routeEntry:RouteEntry";

/** What network ACLs always allow (DNS resolvers and the metadata server). */
const ACL_ALWAYS_ALLOWED = ["100.100.2.128/28", "100.100.2.112/28", "100.100.100.200/32"];
/** Client ports a reply goes to: Linux's default ephemeral range, both ends checked. */
export const REPLY_PORTS: readonly number[] = [32768, 60999];

/** An ECS instance in a vSwitch, in a security group. */
export interface AliInstance {
  readonly label: string;
  readonly vswitch: InventoryResource;
  readonly vswitchId: string;
  readonly vpcId: string;
  readonly securityGroup?: InventoryResource;
  readonly ip: number;
}

export function aliInstance(ix: Index, vswitchName: string, securityGroup: string | undefined, label: string): AliInstance | undefined {
  const vswitch = ix.of(SWITCH).find((s) => nameOf(s) === vswitchName);
  const cidr = vswitch && cidrValue(input(vswitch, "cidrBlock"));
  if (!vswitch || !cidr) return undefined;
  const sg = securityGroup === undefined ? undefined : ix.of(SECURITY_GROUP).find((g) => nameOf(g) === securityGroup);
  return { label, vswitch, vswitchId: ix.idOf(vswitch), vpcId: String(input(vswitch, "vpcId") ?? ""), ip: cidr.start + 2, ...(sg ? { securityGroup: sg } : {}) };
}

/**
 * The security group verdict for `inst` sending (egress) or receiving (ingress) the flow: the
 * matching rule with the smallest priority wins, drop before accept at equal priority. With no
 * matching rule, traffic between members of the group follows innerAccessPolicy; other ingress
 * is dropped and other egress accepted (a basic security group's defaults).
 */
export function aliSecurityGroup(ix: Index, direction: "ingress" | "egress", inst: AliInstance, peer: { ip: number; group?: InventoryResource }, flow: Flow): Hop {
  const what = `${direction} ${flow.protocol}/${flow.port} ${direction === "egress" ? "to" : "from"} ${ipv4Text(peer.ip)} at ${inst.label}`;
  const sg = inst.securityGroup;
  if (!sg) return hop("security-group", "block", "no security group", `${what}: the instance has no security group in the plan`);
  const id = ix.idOf(sg);
  const peerId = peer.group ? ix.idOf(peer.group) : undefined;
  const matches = ix.of(SG_RULE)
    .filter((r) => input(r, "securityGroupId") === id && input(r, "type") === direction)
    .filter((r) => (input(r, "cidrIp") !== undefined && inCidr(peer.ip, input(r, "cidrIp"))) ||
      (peerId !== undefined && input(r, "sourceSecurityGroupId") === peerId))
    .filter((r) => protocolMatches(input(r, "ipProtocol"), flow) && portMatches(input(r, "portRange"), flow))
    .map((r) => ({ r, drop: input(r, "policy") === "drop", priority: Number(input(r, "priority") ?? 1) }))
    .sort((a, b) => a.priority - b.priority || Number(b.drop) - Number(a.drop) || a.r.name.localeCompare(b.r.name));
  const first = matches[0];
  if (first) {
    return hop("security-group", first.drop ? "block" : "pass", first.r.name,
      `${what}: rule ${first.r.name} of ${nameOf(sg)} (priority ${first.priority}) ${first.drop ? "drops" : "accepts"} it`, first.r.urn);
  }
  if (peer.group !== undefined && peer.group.urn === sg.urn) {
    const accept = String(input(sg, "innerAccessPolicy") ?? "Accept") === "Accept";
    return hop("security-group", accept ? "pass" : "block", nameOf(sg), `${what}: same group, innerAccessPolicy ${accept ? "Accept" : "Drop"} of ${nameOf(sg)}`, sg.urn);
  }
  return direction === "egress"
    ? hop("security-group", "pass", nameOf(sg), `${what}: no rule of ${nameOf(sg)} matches; a basic security group accepts egress by default`, sg.urn)
    : hop("security-group", "block", nameOf(sg), `${what}: no rule of ${nameOf(sg)} accepts it; a security group drops unmatched ingress`, sg.urn);
}

function aclOf(ix: Index, inst: AliInstance): InventoryResource | undefined {
  const inline = ix.of(ACL).find((a) => list<{ resourceId?: string }>(input(a, "resources")).some((r) => r.resourceId === inst.vswitchId));
  if (inline) return inline;
  const att = ix.of(ACL_ATTACHMENT).find((a) => input(a, "resourceId") === inst.vswitchId);
  return att ? ix.ref(input(att, "networkAclId")) : undefined;
}

/**
 * The network ACL verdict of the instance's vSwitch for one packet (stateless: call it for the
 * request and for the reply). Entries are evaluated in order, the first match decides and no
 * match drops; traffic inside the vSwitch and to the DNS resolvers and metadata server is not
 * filtered. The port is the packet's destination port.
 */
export function aliAcl(ix: Index, direction: "ingress" | "egress", inst: AliInstance, peerIp: number, flow: Flow): Hop {
  const acl = aclOf(ix, inst);
  const what = `${direction} ${flow.protocol}/${flow.port} ${direction === "egress" ? "to" : "from"} ${ipv4Text(peerIp)} at ${inst.label}`;
  if (!acl) return hop("acl", "pass", "no network ACL", `${what}: vSwitch ${nameOf(inst.vswitch)} has no network ACL`);
  if (inCidr(peerIp, input(inst.vswitch, "cidrBlock")) || ACL_ALWAYS_ALLOWED.some((c) => inCidr(peerIp, c))) {
    return hop("acl", "pass", nameOf(acl), `${what}: network ACLs do not filter it (same vSwitch, DNS resolver or metadata server)`, acl.urn);
  }
  const entries = list<Record<string, unknown>>(input(acl, direction === "ingress" ? "ingressAclEntries" : "egressAclEntries"));
  const key = direction === "ingress" ? "sourceCidrIp" : "destinationCidrIp";
  const entry = entries.find((e) => inCidr(peerIp, e[key]) && protocolMatches(e.protocol, flow) && portMatches(e.port, flow));
  if (!entry) return hop("acl", "block", nameOf(acl), `${what}: no entry of network ACL ${nameOf(acl)} matches and unmatched traffic is dropped`, acl.urn);
  const accept = entry.policy === "accept";
  return hop("acl", accept ? "pass" : "block", `${nameOf(acl)}/${String(entry.networkAclEntryName ?? "?")}`,
    `${what}: entry ${String(entry.networkAclEntryName)} of network ACL ${nameOf(acl)} ${accept ? "accepts" : "drops"} it`, acl.urn);
}

/** Where an Alibaba route sends traffic. */
export type AliNextHop = "local" | "service" | "nat" | "vpn" | "internet" | "other" | "none";

interface Choice { prefix: number; next: AliNextHop; name: string; urn?: string; nexthopId?: string }

/** A route of the VPN gateway: the block it covers, carried as data (`name` is for messages only). */
interface VpnChoice extends Choice { range: Cidr }

/**
 * How the hop details word the VPN gateway's routes. Messages only: the checker matches a route by
 * its `range`, never by reading this text back.
 */
export const ALI_VPN_ROUTE_WORDING = {
  learned: (range: string, gateway: string) => `${range} learned over BGP by ${gateway} (propagated to the system route table)`,
  configured: (range: string, connection: string) => `${range} configured by ${connection} (autoConfigRoute)`,
  published: (range: string, entry: string) => `${range} published by ${entry}`,
};

/** The route table of the instance's vSwitch: the attached custom table, else the VPC's system table. */
export function aliRouteTable(ix: Index, inst: AliInstance): { id: string; name: string; system: boolean; urn?: string } {
  const att = ix.of(ROUTE_TABLE_ATTACHMENT).find((a) => input(a, "vswitchId") === inst.vswitchId);
  const table = att ? ix.ref(input(att, "routeTableId")) : undefined;
  if (att && table) return { id: String(input(att, "routeTableId")), name: nameOf(table), system: false, urn: table.urn };
  const vpc = ix.ref(inst.vpcId);
  const id = vpc ? String(ix.outputOf(vpc, "routeTableId") ?? "") : "";
  return { id, name: `system route table of ${vpc ? nameOf(vpc) : inst.vpcId}`, system: true, ...(vpc ? { urn: vpc.urn } : {}) };
}

function vpnLearned(ix: Index, vpcId: string, learned: readonly string[]): VpnChoice[] {
  const out: VpnChoice[] = [];
  const add = (range: unknown, name: string, urn: string, nexthopId: string): void => {
    const cidr = cidrValue(range);
    if (cidr) out.push({ range: cidr, prefix: cidr.prefix, next: "vpn", name, urn, nexthopId });
  };
  for (const gw of ix.of(VPN_GATEWAY).filter((g) => input(g, "vpcId") === vpcId)) {
    const gwId = ix.idOf(gw);
    const conns = ix.of(VPN_CONNECTION).filter((c) => input(c, "vpnGatewayId") === gwId);
    const bgp = conns.some((c) => input(c, "enableTunnelsBgp") === true || (input<Record<string, unknown>>(c, "bgpConfig") ?? {}).enable === true);
    if (bgp && input(gw, "autoPropagate") !== false) {
      for (const c of learned) add(c, ALI_VPN_ROUTE_WORDING.learned(c, nameOf(gw)), gw.urn, gwId);
    }
    for (const c of conns.filter((c) => input(c, "autoConfigRoute") === true)) {
      for (const r of list<string>(input(c, "remoteSubnets"))) add(r, ALI_VPN_ROUTE_WORDING.configured(r, nameOf(c)), c.urn, gwId);
    }
    for (const r of ix.of(VPN_ROUTE).filter((r) => input(r, "vpnGatewayId") === gwId && input(r, "publishVpc") === true)) {
      const dest = input(r, "routeDest");
      add(dest, ALI_VPN_ROUTE_WORDING.published(String(dest), r.name), r.urn, gwId);
    }
  }
  return out;
}

/**
 * The route the instance's vSwitch uses for `dst`, longest prefix first: the system routes of
 * every table (VPC range, vSwitch ranges, 100.64.0.0/10 cloud services), the table's route
 * entries, and, in the system route table only, the VPN gateway's routes (BGP-learned `learned`
 * with autoPropagate, autoConfigRoute remote subnets, route entries published to the VPC).
 * Custom route tables get VPN routes only through their own route entries.
 */
export function aliRoute(ix: Index, inst: AliInstance, dst: number, learned: readonly string[]): { hop: Hop; next: AliNextHop; nexthopId?: string } {
  const table = aliRouteTable(ix, inst);
  const vpc = ix.ref(inst.vpcId);
  const choices: Choice[] = [];
  const local = [{ c: vpc ? input(vpc, "cidrBlock") : undefined, what: "VPC" },
    ...ix.of(SWITCH).filter((s) => input(s, "vpcId") === inst.vpcId).map((s) => ({ c: input(s, "cidrBlock"), what: `vSwitch ${nameOf(s)}` }))];
  for (const { c, what } of local) {
    const cidr = cidrValue(c);
    if (cidr && inCidr(dst, c)) choices.push({ prefix: cidr.prefix, next: "local", name: `system route ${cidr.text} (${what})` });
  }
  const services = cidrValue(ALICLOUD_SERVICES_RANGE)!;
  if (inBlock(dst, services)) choices.push({ prefix: services.prefix, next: "service", name: `system route ${services.text} (cloud services)` });
  for (const e of ix.of(ROUTE_ENTRY).filter((e) => input(e, "routeTableId") === table.id)) {
    const cidr = cidrValue(input(e, "destinationCidrblock"));
    if (!cidr || !inCidr(dst, input(e, "destinationCidrblock"))) continue;
    const type = String(input(e, "nexthopType") ?? "Instance");
    const next: AliNextHop = type === "NatGateway" ? "nat" : type === "VpnGateway" ? "vpn" : type === "Ipv4Gateway" ? "internet" : "other";
    choices.push({ prefix: cidr.prefix, next, name: `route entry ${nameOf(e)} (${cidr.text} -> ${type})`, urn: e.urn, nexthopId: String(input(e, "nexthopId") ?? "") });
  }
  if (table.system) choices.push(...vpnLearned(ix, inst.vpcId, learned).filter((c) => inBlock(dst, c.range)));
  choices.sort((a, b) => b.prefix - a.prefix || a.name.localeCompare(b.name));
  const best = choices[0];
  if (!best) {
    const why = !table.system && vpnLearned(ix, inst.vpcId, learned).some((c) => inBlock(dst, c.range))
      ? `; the VPN gateway's routes reach only the system route table, add a route entry (nexthopType VpnGateway) to ${table.name}` : "";
    return { hop: hop("route", "block", table.name, `${table.name} of ${inst.label} has no route to ${ipv4Text(dst)}${why}`, table.urn), next: "none" };
  }
  return { hop: hop("route", "pass", best.name, `${ipv4Text(dst)} from ${inst.label} takes ${best.name} in ${table.name}`, best.urn ?? table.urn), next: best.next, ...(best.nexthopId ? { nexthopId: best.nexthopId } : {}) };
}

/** Whether the NAT gateway has an SNAT entry for the instance's vSwitch (or a source CIDR covering it). */
export function aliSnat(ix: Index, inst: AliInstance, natId: string): Hop {
  const nat = ix.ref(natId);
  // NatGateway.snatTableIds is one string: the gateway's SNAT table ids, comma-separated.
  const tables = nat ? String(ix.outputOf(nat, "snatTableIds") ?? "").split(",") : [];
  const entry = ix.of(SNAT).find((s) => tables.includes(String(input(s, "snatTableId"))) &&
    (input(s, "sourceVswitchId") === inst.vswitchId || inCidr(inst.ip, input(s, "sourceCidr"))));
  return entry ? hop("nat", "pass", nameOf(entry), `SNAT entry ${nameOf(entry)} translates ${nameOf(inst.vswitch)}`, entry.urn)
    : hop("nat", "block", `no SNAT entry for ${nameOf(inst.vswitch)}`, `NAT gateway ${nat ? nameOf(nat) : natId} has no SNAT entry for vSwitch ${nameOf(inst.vswitch)}`, nat?.urn);
}

/** Whether a VPN connection of the VPC carries traffic between `onPrem` and `dst` (its local and remote subnets). */
export function aliVpnConnection(ix: Index, vpcId: string, onPrem: number, dst: number): Hop {
  const gateways = ix.of(VPN_GATEWAY).filter((g) => input(g, "vpcId") === vpcId).map((g) => ix.idOf(g));
  const conns = ix.of(VPN_CONNECTION).filter((c) => gateways.includes(String(input(c, "vpnGatewayId"))));
  if (conns.length === 0) return hop("vpn", "block", "no VPN connection", `no VPN connection of a gateway in ${vpcId}`);
  const c = conns.find((c) => list<string>(input(c, "remoteSubnets")).some((r) => inCidr(onPrem, r)) && list<string>(input(c, "localSubnets")).some((l) => inCidr(dst, l)));
  return c ? hop("vpn", "pass", nameOf(c), `VPN connection ${nameOf(c)} carries ${ipv4Text(onPrem)} <-> ${ipv4Text(dst)}`, c.urn)
    : hop("vpn", "block", nameOf(conns[0]!), `no VPN connection has ${ipv4Text(onPrem)} in its remote subnets and ${ipv4Text(dst)} in its local subnets`, conns[0]!.urn);
}
