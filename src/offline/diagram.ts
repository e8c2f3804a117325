import { nameOf } from "../core/naming";
import type { Inventory, InventoryResource } from "./inventory";

/**
 * A Mermaid `flowchart` of the landing zone, built from an offline plan's inventory by type
 * token: per cloud the VPCs with their subnets grouped by tier, NAT and its egress IPs, VPN
 * gateways with their tunnels to on-premises peers, the registry and the audit-log
 * destinations. A new component shows up as soon as its resource types are in `DIAGRAM_TYPES`.
 *
 * Edges come from the inventory's recorded dependencies (a resource that takes another's
 * output depends on it), directly or through a connector resource (an SNAT entry, an EIP
 * association, a VPN tunnel), and only between roles listed in `EDGE_ROLES`. Node ids are
 * derived from URNs, so the same plan gives the same diagram byte for byte. Everything drawn
 * comes from structured data (type tokens, inputs, parents and dependencies); no free text such
 * as a description is parsed.
 */

/** What a drawn resource is in the picture. */
export type DiagramRole =
  | "vpc" | "subnet" | "nat" | "natIp" | "vpnGateway" | "vpnPeer" | "registry" | "logSource" | "logDestination";

/** How a resource type is drawn. */
export interface DiagramType {
  readonly role: DiagramRole;
  /** Human name of the type, first line of the node label. */
  readonly kind: string;
  /** Draw edges from this resource's direct dependencies. @default true */
  readonly directEdges?: boolean;
  /** Extra label lines from the resource's inputs. */
  readonly details?: (inputs: Readonly<Record<string, unknown>>) => string[];
}

/** A resource that draws no node but joins the drawn resources it depends on (tunnel, SNAT entry …). */
export interface ConnectorType {
  /** Edge label; tunnels between the same two nodes are counted. */
  readonly label?: string;
}

/** A resource folded into a drawn node's label (a logstore into its SLS project, a static IP into its NAT). */
export interface PartType {
  /** Role of the drawn node it belongs to: one it depends on or one that depends on it. */
  readonly container: DiagramRole;
  /** Label line prefix, e.g. `logstores`. */
  readonly heading: string;
  /** The part's text in that line. */
  readonly text: (r: InventoryResource) => string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" && v !== "[unknown]" ? v : undefined);
const num = (v: unknown): string | undefined => (typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v)) ? String(v) : undefined);
const lines = (...xs: (string | undefined)[]): string[] => xs.filter((x): x is string => x !== undefined);

/** Resource types drawn as nodes (or subgraphs, for VPCs), by provider type token. */
export const DIAGRAM_TYPES: Readonly<Record<string, DiagramType>> = {
  "gcp:compute/network:Network": { role: "vpc", kind: "VPC" },
  "alicloud:vpc/network:Network": { role: "vpc", kind: "VPC", details: (i) => lines(str(i.cidrBlock)) },
  "gcp:compute/subnetwork:Subnetwork": { role: "subnet", kind: "subnet" },
  "alicloud:vpc/switch:Switch": { role: "subnet", kind: "vSwitch" },
  "gcp:compute/routerNat:RouterNat": { role: "nat", kind: "Cloud NAT", details: (i) => lines(str(i.region)) },
  "alicloud:vpc/natGateway:NatGateway": { role: "nat", kind: "NAT gateway", directEdges: false, details: (i) => lines(str(i.natType)) },
  "alicloud:ecs/eipAddress:EipAddress": { role: "natIp", kind: "EIP", details: (i) => lines(num(i.bandwidth) ? `${num(i.bandwidth)} Mbps` : undefined) },
  "gcp:compute/haVpnGateway:HaVpnGateway": { role: "vpnGateway", kind: "HA VPN gateway", details: (i) => lines(str(i.region)) },
  "gcp:compute/vPNGateway:VPNGateway": { role: "vpnGateway", kind: "Classic VPN gateway", details: (i) => lines(str(i.region)) },
  "alicloud:vpn/gateway:Gateway": { role: "vpnGateway", kind: "VPN gateway", details: (i) => lines(num(i.bandwidth) ? `${num(i.bandwidth)} Mbps` : undefined) },
  "gcp:compute/externalVpnGateway:ExternalVpnGateway": {
    role: "vpnPeer", kind: "on-prem peer",
    details: (i) => lines(Array.isArray(i.interfaces) ? i.interfaces.map((x) => str((x as Record<string, unknown>)?.ipAddress)).filter(Boolean).join(", ") || undefined : undefined),
  },
  "alicloud:vpn/customerGateway:CustomerGateway": { role: "vpnPeer", kind: "on-prem peer", details: (i) => lines(str(i.ipAddress), num(i.asn) ? `ASN ${num(i.asn)}` : undefined) },
  "gcp:artifactregistry/repository:Repository": { role: "registry", kind: "Artifact Registry", details: (i) => lines([str(i.format), str(i.location)].filter(Boolean).join(" · ") || undefined) },
  "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance": { role: "registry", kind: "ACR Enterprise instance", details: (i) => lines(str(i.instanceType)) },
  "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace": { role: "registry", kind: "ACR namespace" },
  "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo": { role: "registry", kind: "ACR repository", details: (i) => lines(str(i.repoType)) },
  "alicloud:cr/namespace:Namespace": { role: "registry", kind: "ACR namespace" },
  "alicloud:cr/repo:Repo": { role: "registry", kind: "ACR repository", details: (i) => lines(str(i.repoType)) },
  "alicloud:cr/chartNamespace:ChartNamespace": { role: "registry", kind: "ACR chart namespace" },
  "alicloud:cr/chartRepository:ChartRepository": { role: "registry", kind: "ACR chart repository" },
  "gcp:logging/projectSink:ProjectSink": { role: "logSource", kind: "log sink" },
  "gcp:logging/organizationSink:OrganizationSink": { role: "logSource", kind: "organization log sink" },
  "gcp:logging/folderSink:FolderSink": { role: "logSource", kind: "folder log sink" },
  "alicloud:actiontrail/trail:Trail": { role: "logSource", kind: "ActionTrail trail", details: (i) => lines(str(i.eventRw) ? `events: ${str(i.eventRw)}` : undefined) },
  "alicloud:vpc/flowLog:FlowLog": { role: "logSource", kind: "VPC flow log", details: (i) => lines(str(i.trafficType) ? `traffic: ${str(i.trafficType)}` : undefined) },
  "gcp:storage/bucket:Bucket": { role: "logDestination", kind: "Cloud Storage bucket", details: (i) => lines(str(i.location)) },
  "gcp:bigquery/dataset:Dataset": { role: "logDestination", kind: "BigQuery dataset", details: (i) => lines(str(i.datasetId), str(i.location)) },
  "gcp:pubsub/topic:Topic": { role: "logDestination", kind: "Pub/Sub topic" },
  "gcp:logging/projectBucketConfig:ProjectBucketConfig": { role: "logDestination", kind: "Cloud Logging bucket" },
  "alicloud:log/project:Project": { role: "logDestination", kind: "SLS project" },
  "alicloud:oss/bucket:Bucket": { role: "logDestination", kind: "OSS bucket", details: (i) => lines(str(i.redundancyType)) },
};

/** Resource types that join two drawn nodes. */
export const CONNECTOR_TYPES: Readonly<Record<string, ConnectorType>> = {
  "gcp:compute/vPNTunnel:VPNTunnel": { label: "tunnel" },
  "alicloud:vpn/connection:Connection": { label: "IPsec connection" },
  "alicloud:vpc/snatEntry:SnatEntry": {},
  "alicloud:ecs/eipAssociation:EipAssociation": {},
};

/** Resource types folded into a drawn node's label. */
export const PART_TYPES: Readonly<Record<string, PartType>> = {
  "gcp:compute/address:Address": { container: "nat", heading: "static IPs", text: (r) => r.name },
  "alicloud:log/store:Store": {
    container: "logDestination", heading: "logstores",
    text: (r) => `${str(r.inputs.logstoreName) ?? r.name}${num(r.inputs.retentionPeriod) ? ` (${num(r.inputs.retentionPeriod)} d)` : ""}`,
  },
};

/** Role pairs an edge may join, from → to. Other dependencies are not drawn. */
export const EDGE_ROLES: readonly (readonly [DiagramRole, DiagramRole])[] = [
  ["subnet", "nat"], ["nat", "natIp"], ["vpc", "vpnGateway"], ["vpnGateway", "vpnPeer"],
  ["vpc", "logSource"], ["logSource", "logDestination"], ["registry", "registry"],
];

/** A subnet as drawn. */
export interface DiagramSubnet {
  readonly id: string;
  readonly urn: string;
  readonly name: string;
  /** The subnet's key in its VPC component (`web`), when known. */
  readonly key: string;
  /** `public`, `private`, or `other` when the plan does not say. */
  readonly tier: string;
  readonly cidr: string;
  /** Region (GCP) or zone (Alibaba Cloud). */
  readonly location: string;
  /** Secondary ranges by name (GCP). */
  readonly secondary: Readonly<Record<string, string>>;
}

/** A VPC as drawn: a subgraph holding its subnets by tier. */
export interface DiagramVpc {
  readonly id: string;
  readonly urn: string;
  readonly name: string;
  readonly cidr?: string;
  /** Tiers in order (public, private, then others alphabetically), each with its subnets sorted by key then location. */
  readonly tiers: readonly { readonly tier: string; readonly id: string; readonly subnets: readonly DiagramSubnet[] }[];
}

/** Any other drawn node. */
export interface DiagramNode {
  readonly id: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly role: DiagramRole;
  /** Label lines: kind and name first. */
  readonly label: readonly string[];
}

/** An edge between two drawn ids. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  /** Dotted (log flows). */
  readonly dotted?: boolean;
}

/** One cloud's part of the picture. */
export interface DiagramCloud {
  /** `gcp`, `alicloud`, or the type token's package. */
  readonly cloud: string;
  readonly id: string;
  readonly title: string;
  readonly vpcs: readonly DiagramVpc[];
  /** NAT, VPN gateways, registry and log nodes, by role. */
  readonly nodes: readonly DiagramNode[];
  /** Peers drawn outside the clouds, under "On-premises". */
  readonly peers: readonly DiagramNode[];
}

/** The whole picture, before rendering. */
export interface DiagramModel {
  readonly clouds: readonly DiagramCloud[];
  readonly edges: readonly DiagramEdge[];
  /** Ids that get an edge to the Internet node (NATs without an EIP, EIPs). */
  readonly toInternet: readonly string[];
}

/** Order of nodes within a cloud. */
const ROLE_ORDER: readonly DiagramRole[] = ["vpc", "subnet", "nat", "natIp", "vpnGateway", "vpnPeer", "registry", "logSource", "logDestination"];

/** Names other resources use to refer to a resource in plain text. */
function identifiersOf(r: InventoryResource): string[] {
  const keys = ["name", "bucket", "datasetId", "projectName", "topic"];
  return [r.name, ...keys.map((k) => str(r.inputs[k])).filter((x): x is string => x !== undefined)];
}

const CLOUD_TITLES: Readonly<Record<string, string>> = { gcp: "Google Cloud", alicloud: "Alibaba Cloud" };
/** The display name of a cloud key (`gcp` → `Google Cloud`); unknown keys as they are. */
export const cloudTitle = (cloud: string): string => CLOUD_TITLES[cloud] ?? cloud;
const TIER_ORDER = ["public", "private"];

/** The cloud a provider type token belongs to (`gcp:compute/…` → `gcp`). */
export function cloudOf(type: string): string {
  return type.split(":")[0]!;
}

/** A Mermaid-safe id fragment: letters, digits and underscores. */
export function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "x";
}

/**
 * Escapes text for a double-quoted Mermaid label: `#` first (it starts entity codes), then
 * quotes, angle brackets, backticks and pipes as entity codes; newlines become spaces.
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;")
    .replace(/\|/g, "#124;")
    .replace(/[\r\n]+/g, " ");
}

/** A label from lines, each escaped, joined with `<br/>`. */
function label(lines_: readonly string[]): string {
  return `"${lines_.map(escapeLabel).join("<br/>")}"`;
}

const byUrn = <T extends { urn: string }>(a: T, b: T) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);

/**
 * Subnet tier and key from structured data: the parent VPC component's `subnets` args (key →
 * tier) and the child's own name, which the VPC components build as
 * `nameOf(<namePrefix or component name>, <key>, <region or zone>)` from its location input.
 * A subnet outside such a component is drawn under the tier `other`, keyed by its name.
 */
function subnetTierAndKey(r: InventoryResource, parent: InventoryResource | undefined): { tier: string; key: string } {
  const subnets = parent?.inputs.subnets;
  const location = str(r.inputs.region) ?? str(r.inputs.zoneId);
  if (parent && location !== undefined && subnets !== null && typeof subnets === "object") {
    const prefix = str(parent.inputs.namePrefix) ?? parent.name;
    for (const [key, spec] of Object.entries(subnets as Record<string, unknown>)) {
      if (r.name === nameOf(prefix, key, location)) return { tier: str((spec as Record<string, unknown>)?.tier) ?? "other", key };
    }
  }
  return { tier: "other", key: r.name };
}

/** Builds the diagram's model from an inventory. Deterministic: everything is ordered by URN or key. */
export function buildDiagramModel(inv: Inventory): DiagramModel {
  const resources = [...inv.resources].sort(byUrn);
  const index = new Map(resources.map((r) => [r.urn, r] as const));
  const usedIds = new Set<string>(["internet", "onprem"]);
  const ids = new Map<string, string>();
  const idFor = (r: InventoryResource, role: string): string => {
    const base = `${cloudOf(r.type)}_${role}_${safeId(r.name)}`;
    let id = base;
    for (let i = 2; usedIds.has(id); i++) id = `${base}_${i}`;
    usedIds.add(id);
    ids.set(r.urn, id);
    return id;
  };
  const drawn = resources.filter((r) => r.custom && DIAGRAM_TYPES[r.type] !== undefined);
  const roleOf = (urn: string): DiagramRole | undefined => {
    const r = index.get(urn);
    return r && r.custom ? DIAGRAM_TYPES[r.type]?.role : undefined;
  };

  // Parts: folded into the label of a drawn node they depend on, or that depends on them.
  const partLines = new Map<string, Map<string, string[]>>();
  for (const r of resources) {
    const part = PART_TYPES[r.type];
    if (!part) continue;
    const container = r.dependencies.find((d) => roleOf(d) === part.container)
      ?? drawn.find((d) => d.dependencies.includes(r.urn) && DIAGRAM_TYPES[d.type]!.role === part.container)?.urn;
    if (!container) continue;
    const byHeading = partLines.get(container) ?? new Map<string, string[]>();
    byHeading.set(part.heading, [...(byHeading.get(part.heading) ?? []), part.text(r)]);
    partLines.set(container, byHeading);
  }

  const clouds = new Map<string, { vpcs: DiagramVpc[]; nodes: DiagramNode[]; peers: DiagramNode[] }>();
  const cloud = (c: string) => {
    let v = clouds.get(c);
    if (!v) clouds.set(c, (v = { vpcs: [], nodes: [], peers: [] }));
    return v;
  };

  // VPCs and their subnets.
  const vpcOfSubnet = new Map<string, string>();
  for (const r of drawn.filter((x) => DIAGRAM_TYPES[x.type]!.role === "subnet")) {
    const vpc = r.dependencies.find((d) => roleOf(d) === "vpc")
      ?? drawn.find((v) => DIAGRAM_TYPES[v.type]!.role === "vpc" && v.parent !== undefined && v.parent === r.parent)?.urn;
    if (vpc) vpcOfSubnet.set(r.urn, vpc);
  }
  for (const v of drawn.filter((x) => DIAGRAM_TYPES[x.type]!.role === "vpc")) {
    const id = idFor(v, "vpc");
    const parent = v.parent ? index.get(v.parent) : undefined;
    // The Alibaba VPC's own input, else the VPC component's `cidr` arg (a GCP network has no range of its own).
    const cidr = str(v.inputs.cidrBlock) ?? str(parent?.inputs.cidr);
    const subnets: DiagramSubnet[] = drawn
      .filter((s) => vpcOfSubnet.get(s.urn) === v.urn)
      .map((s) => {
        const sParent = s.parent ? index.get(s.parent) : undefined;
        const { tier, key } = subnetTierAndKey(s, sParent);
        const secondary: Record<string, string> = {};
        if (Array.isArray(s.inputs.secondaryIpRanges)) {
          for (const x of s.inputs.secondaryIpRanges as Record<string, unknown>[]) {
            const n = str(x?.rangeName);
            const c = str(x?.ipCidrRange);
            if (n && c) secondary[n] = c;
          }
        }
        return {
          id: idFor(s, "subnet"), urn: s.urn, name: s.name, key, tier,
          cidr: str(s.inputs.ipCidrRange) ?? str(s.inputs.cidrBlock) ?? "?",
          location: str(s.inputs.region) ?? str(s.inputs.zoneId) ?? "",
          secondary,
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key) || a.location.localeCompare(b.location) || a.urn.localeCompare(b.urn));
    const tierNames = [...new Set(subnets.map((s) => s.tier))]
      .sort((a, b) => (TIER_ORDER.indexOf(a) + 1 || 99) - (TIER_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
    cloud(cloudOf(v.type)).vpcs.push({
      id, urn: v.urn, name: v.name, ...(cidr ? { cidr } : {}),
      tiers: tierNames.map((tier) => ({ tier, id: `${id}_${safeId(tier)}`, subnets: subnets.filter((s) => s.tier === tier) })),
    });
  }

  // Every other drawn node.
  for (const r of drawn) {
    const t = DIAGRAM_TYPES[r.type]!;
    if (t.role === "vpc" || t.role === "subnet") continue;
    const extra = [...(partLines.get(r.urn) ?? new Map<string, string[]>())].map(([h, xs]) => `${h}: ${xs.join(", ")}`);
    const node: DiagramNode = {
      id: idFor(r, t.role), urn: r.urn, type: r.type, name: r.name, role: t.role,
      label: [`${t.kind} ${r.name}`, ...(t.details?.(r.inputs) ?? []), ...extra],
    };
    if (t.role === "vpnPeer") cloud(cloudOf(r.type)).peers.push(node);
    else cloud(cloudOf(r.type)).nodes.push(node);
  }

  // Edges: direct dependencies, and through connectors, between allowed role pairs.
  const allowed = (from: DiagramRole, to: DiagramRole) => EDGE_ROLES.some(([a, b]) => a === from && b === to);
  const edgeCounts = new Map<string, { from: string; to: string; label?: string; count: number; dotted: boolean }>();
  const addEdge = (a: string, b: string, connector?: ConnectorType) => {
    const ra = roleOf(a);
    const rb = roleOf(b);
    if (!ra || !rb || a === b) return;
    let from = a;
    let to = b;
    if (!allowed(ra, rb)) {
      if (!allowed(rb, ra)) return;
      from = b;
      to = a;
    }
    const fromId = ids.get(from);
    const toId = ids.get(to);
    if (!fromId || !toId) return;
    const key = `${fromId}->${toId}`;
    const dotted = roleOf(to) === "logDestination" || roleOf(to) === "logSource";
    const e = edgeCounts.get(key) ?? { from: fromId, to: toId, ...(connector?.label ? { label: connector.label } : {}), count: 0, dotted };
    if (connector?.label) e.count++;
    edgeCounts.set(key, e);
  };
  for (const r of drawn) {
    if (DIAGRAM_TYPES[r.type]!.directEdges === false) continue;
    // Same-role edges (registry instance → namespace → repository) run from what is depended on to what depends on it.
    for (const d of r.dependencies) addEdge(d, r.urn);
  }
  for (const c of resources) {
    const conn = CONNECTOR_TYPES[c.type];
    if (!conn) continue;
    const ends = c.dependencies.filter((d) => roleOf(d) !== undefined);
    for (let i = 0; i < ends.length; i++) for (let j = i + 1; j < ends.length; j++) addEdge(ends[i]!, ends[j]!, conn);
  }
  // Log sources that name their destination in plain text (a sink's destination, a trail's bucket name).
  const logDestinations = drawn.filter((d) => DIAGRAM_TYPES[d.type]!.role === "logDestination");
  for (const src of drawn.filter((d) => DIAGRAM_TYPES[d.type]!.role === "logSource")) {
    const values = Object.values(src.inputs).filter((v): v is string => typeof v === "string");
    for (const dest of logDestinations) {
      const names = identifiersOf(dest);
      if (values.some((v) => names.some((n) => v === n || v.endsWith(`/${n}`)))) addEdge(src.urn, dest.urn);
    }
  }
  const edges: DiagramEdge[] = [...edgeCounts.values()]
    .map((e) => ({
      from: e.from, to: e.to,
      ...(e.label ? { label: e.count > 1 ? `${e.count} ${e.label}s` : e.label } : {}),
      ...(e.dotted ? { dotted: true } : {}),
    }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

  // Egress: an EIP, or a NAT with no EIP edge, reaches the Internet.
  const toInternet: string[] = [];
  for (const c of clouds.values()) {
    for (const n of c.nodes) {
      if (n.role === "natIp") toInternet.push(n.id);
      if (n.role === "nat" && !edges.some((e) => e.from === n.id && c.nodes.some((x) => x.id === e.to && x.role === "natIp"))) toInternet.push(n.id);
    }
  }

  // A bucket, dataset or topic is drawn only when a log source writes to it.
  const linked = new Set(edges.map((e) => e.to));
  for (const c of clouds.values()) {
    c.nodes = c.nodes.filter((n) => n.role !== "logDestination" || linked.has(n.id));
    c.nodes.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn));
  }

  const cloudList: DiagramCloud[] = [...clouds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, v]) => ({ cloud: c, id: `cloud_${safeId(c)}`, title: cloudTitle(c), vpcs: v.vpcs, nodes: v.nodes, peers: v.peers }));
  return { clouds: cloudList, edges, toInternet: toInternet.sort() };
}

const GROUPS: readonly { role: DiagramRole; suffix: string; title: string }[] = [
  { role: "nat", suffix: "egress", title: "Egress (NAT)" },
  { role: "natIp", suffix: "egress", title: "Egress (NAT)" },
  { role: "vpnGateway", suffix: "vpn", title: "VPN" },
  { role: "registry", suffix: "registry", title: "Registry" },
  { role: "logSource", suffix: "logs", title: "Audit logs" },
  { role: "logDestination", suffix: "logs", title: "Audit logs" },
];

/** Renders the model as a Mermaid `flowchart LR` (without the code fence). */
export function renderMermaid(model: DiagramModel): string {
  const out: string[] = ["flowchart LR"];
  const peers = model.clouds.flatMap((c) => c.peers);
  for (const c of model.clouds) {
    out.push(`  subgraph ${c.id}[${label([c.title])}]`);
    out.push("    direction LR");
    for (const v of c.vpcs) {
      out.push(`    subgraph ${v.id}[${label([`VPC ${v.name}${v.cidr ? ` · ${v.cidr}` : ""}`])}]`);
      out.push("      direction TB");
      for (const t of v.tiers) {
        out.push(`      subgraph ${t.id}[${label([`${t.tier} subnets`])}]`);
        for (const s of t.subnets) {
          const sec = Object.entries(s.secondary).map(([n, cidr]) => `${n} ${cidr}`);
          out.push(`        ${s.id}[${label([`${s.key} · ${s.location}`, s.cidr, ...sec])}]`);
        }
        out.push("      end");
      }
      out.push("    end");
    }
    const suffixes = [...new Set(GROUPS.map((g) => g.suffix))];
    for (const suffix of suffixes) {
      const roles = GROUPS.filter((g) => g.suffix === suffix).map((g) => g.role);
      const nodes = c.nodes.filter((n) => roles.includes(n.role));
      if (nodes.length === 0) continue;
      out.push(`    subgraph ${c.id}_${suffix}[${label([GROUPS.find((g) => g.suffix === suffix)!.title])}]`);
      for (const n of nodes) out.push(`      ${n.id}${shape(n.role, label(n.label))}`);
      out.push("    end");
    }
    out.push("  end");
  }
  if (peers.length > 0) {
    out.push(`  subgraph onprem[${label(["On-premises"])}]`);
    for (const p of peers) out.push(`    ${p.id}${shape(p.role, label(p.label))}`);
    out.push("  end");
  }
  if (model.toInternet.length > 0) out.push(`  internet((${label(["Internet"])}))`);
  for (const e of model.edges) {
    const arrow = e.dotted ? "-.->" : "-->";
    out.push(`  ${e.from} ${arrow}${e.label ? `|${label([e.label])}|` : ""} ${e.to}`);
  }
  for (const id of model.toInternet) out.push(`  ${id} --> internet`);
  return `${out.join("\n")}\n`;
}

/** Node shape by role: cylinders for stores, stadiums for gateways, rectangles otherwise. */
function shape(role: DiagramRole, text: string): string {
  if (role === "logDestination" || role === "registry") return `[(${text})]`;
  if (role === "nat" || role === "vpnGateway" || role === "vpnPeer") return `([${text}])`;
  return `[${text}]`;
}

/** The landing zone's Mermaid diagram for an inventory. */
export function renderDiagram(inv: Inventory): string {
  return renderMermaid(buildDiagramModel(inv));
}
