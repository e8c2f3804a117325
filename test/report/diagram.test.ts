import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { DIAGRAM_TYPES, renderDiagram } from "../../src/offline/diagram";
import { type Inventory, type InventoryResource, resourcesOfType } from "../../src/offline/inventory";
import { type ParsedChart, type ParsedNode, parseMermaid } from "./mermaid-parse";
import { plannedStackFile } from "../stack-plans";

const ROOT = path.join(__dirname, "..", "..");
const STACKS = ["dev", "staging", "prod"];

interface SubnetSpec { tier: string; size?: number; regions?: string[]; zones?: string[] }
interface StackValues {
  gcp?: { regions: string[]; network: { subnets: Record<string, SubnetSpec> }; vpn?: unknown; registry?: unknown;
    audit?: { logging?: { bigquery?: boolean; pubsub?: boolean } } };
  alicloud?: { zones: string[]; vpc: { subnets: Record<string, SubnetSpec> }; vpn?: unknown; registry?: unknown;
    audit?: { logging?: { slsProjectName?: string; oss?: boolean; ossBucketName?: string } } };
}

const ofRole = (role: string) => Object.entries(DIAGRAM_TYPES).filter(([, t]) => t.role === role).map(([type]) => type);
const inventoryOfRole = (inv: Inventory, role: string, cloud: string): InventoryResource[] =>
  ofRole(role).filter((t) => t.startsWith(`${cloud}:`)).flatMap((t) => resourcesOfType(inv, t));
/** The node whose first label line is `<kind> <name>`. */
const nodeNamed = (chart: ParsedChart, name: string): ParsedNode[] => chart.nodes.filter((n) => n.label.split("\n")[0]!.endsWith(` ${name}`));
const edge = (chart: ParsedChart, from: string, to: string) => chart.edges.find((e) => e.from === from && e.to === to);

describe.each(STACKS)("the %s stack's diagram", (stack) => {
  let inv: Inventory;
  let chart: ParsedChart;
  let text: string;
  let values: StackValues;
  beforeAll(async () => {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    values = readStackFile(file).values as StackValues;
    inv = await plannedStackFile(file);
    text = renderDiagram(inv);
    chart = parseMermaid(text);
  });

  it("is a flowchart with unique ids whose edges join declared nodes or subgraphs, the same on every render", () => {
    expect(chart.header).toBe("flowchart LR");
    const ids = [...chart.nodes.map((n) => n.id), ...chart.subgraphs.keys()];
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of chart.edges) {
      expect(ids, `${e.from} -> ${e.to}`).toContain(e.from);
      expect(ids, `${e.from} -> ${e.to}`).toContain(e.to);
    }
    expect(renderDiagram(inv)).toBe(text);
  });

  it("is drawn from structured data only: the same without any resource's description", () => {
    const bare: Inventory = { ...inv, resources: inv.resources.map((r) => ({ ...r, inputs: { ...r.inputs, description: "10.99.0.0/16 public subnet other" } })) };
    expect(renderDiagram(bare)).toBe(text);
  });

  it("shows every GCP subnet of the stack file under its VPC and tier, with its CIDR", () => {
    const gcp = values.gcp!;
    const expected = Object.entries(gcp.network.subnets).flatMap(([key, s]) => (s.regions ?? gcp.regions).map((region) => ({ key, tier: s.tier, size: s.size, region })));
    expect(expected.length).toBeGreaterThan(0);
    const drawn = chart.nodes.filter((n) => n.path[0] === "Google Cloud" && n.path[2]?.endsWith(" subnets"));
    expect(drawn).toHaveLength(expected.length);
    for (const x of expected) {
      const [sub] = resourcesOfType(inv, "gcp:compute/subnetwork:Subnetwork").filter((r) => r.inputs.region === x.region && r.name.endsWith(`-${x.key}-${x.region}`));
      const cidr = sub!.inputs.ipCidrRange as string;
      if (x.size !== undefined) expect(cidr.endsWith(`/${x.size}`)).toBe(true);
      const node = drawn.find((n) => n.label.split("\n")[0] === `${x.key} · ${x.region}`);
      expect(node, `${x.key} in ${x.region}`).toBeDefined();
      expect(node!.label.split("\n")[1]).toBe(cidr);
      expect(node!.path).toEqual(["Google Cloud", expect.stringMatching(/^VPC .* · \d+\.\d+\.\d+\.\d+\/\d+$/), `${x.tier} subnets`]);
    }
  });

  it("shows every Alibaba Cloud vSwitch of the stack file under its VPC and tier, with its CIDR", () => {
    const ali = values.alicloud!;
    const expected = Object.entries(ali.vpc.subnets).flatMap(([key, s]) => (s.zones ?? ali.zones).map((zone) => ({ key, tier: s.tier, size: s.size, zone })));
    const drawn = chart.nodes.filter((n) => n.path[0] === "Alibaba Cloud" && n.path[2]?.endsWith(" subnets"));
    expect(drawn).toHaveLength(expected.length);
    for (const x of expected) {
      const [sw] = resourcesOfType(inv, "alicloud:vpc/switch:Switch").filter((r) => r.inputs.zoneId === x.zone && r.name.endsWith(`-${x.key}-${x.zone}`));
      const cidr = sw!.inputs.cidrBlock as string;
      if (x.size !== undefined) expect(cidr.endsWith(`/${x.size}`)).toBe(true);
      const node = drawn.find((n) => n.label.split("\n")[0] === `${x.key} · ${x.zone}`);
      expect(node, `${x.key} in ${x.zone}`).toBeDefined();
      expect(node!.label.split("\n")[1]).toBe(cidr);
      expect(node!.path).toEqual(["Alibaba Cloud", expect.stringMatching(/^VPC /), `${x.tier} subnets`]);
    }
  });

  it("routes the private subnets of each GCP region, and only those, through that region's Cloud NAT to the Internet", () => {
    const gcp = values.gcp!;
    const privateKeys = Object.entries(gcp.network.subnets).filter(([, s]) => s.tier === "private").map(([k]) => k);
    for (const region of gcp.regions) {
      const nats = chart.nodes.filter((n) => n.label.startsWith("Cloud NAT ") && n.label.split("\n")[1] === region);
      expect(nats, region).toHaveLength(1);
      const nat = nats[0]!;
      expect(nat.path).toEqual(["Google Cloud", "Egress (NAT)"]);
      expect(edge(chart, nat.id, "internet")).toBeDefined();
      const into = chart.edges.filter((e) => e.to === nat.id).map((e) => chart.nodes.find((n) => n.id === e.from)!.label.split("\n")[0]).sort();
      expect(into).toEqual(privateKeys.map((k) => `${k} · ${region}`).sort());
    }
  });

  it("routes the private vSwitches through the Alibaba NAT gateway and its EIP to the Internet", () => {
    const ali = values.alicloud!;
    const [nat] = chart.nodes.filter((n) => n.label.startsWith("NAT gateway "));
    expect(nat).toBeDefined();
    const eip = chart.nodes.find((n) => n.label.startsWith("EIP "));
    expect(eip).toBeDefined();
    expect(edge(chart, nat!.id, eip!.id)).toBeDefined();
    expect(edge(chart, eip!.id, "internet")).toBeDefined();
    const privateCount = Object.values(ali.vpc.subnets).filter((s) => s.tier === "private").length * ali.zones.length;
    const into = chart.edges.filter((e) => e.to === nat!.id).map((e) => chart.nodes.find((n) => n.id === e.from)!);
    expect(into).toHaveLength(privateCount);
    for (const n of into) expect(n.path[2]).toBe("private subnets");
  });

  it("shows the on-premises VPN peers the plan creates, each joined to a VPN gateway (none where the stack file has no VPN)", () => {
    for (const cloud of ["gcp", "alicloud"] as const) {
      const peers = inventoryOfRole(inv, "vpnPeer", cloud);
      const gateways = inventoryOfRole(inv, "vpnGateway", cloud);
      if (values[cloud]?.vpn === undefined) {
        expect(peers, `${cloud} has no vpn in Pulumi.${stack}.yaml`).toEqual([]);
        continue;
      }
      expect(peers.length, `${cloud} VPN peers in the plan`).toBeGreaterThan(0);
      for (const p of peers) {
        const [node] = nodeNamed(chart, p.name).filter((n) => n.path[0] === "On-premises");
        expect(node, p.name).toBeDefined();
        const gatewayIds = gateways.flatMap((g) => nodeNamed(chart, g.name)).map((n) => n.id);
        expect(chart.edges.some((e) => e.to === node!.id && gatewayIds.includes(e.from)), `${p.name} joined to a gateway`).toBe(true);
      }
    }
    if (values.gcp?.vpn === undefined && values.alicloud?.vpn === undefined) {
      expect(chart.subgraphs.has("onprem")).toBe(false);
    }
  });

  it("shows every registry resource of the plan under Registry", () => {
    for (const cloud of ["gcp", "alicloud"] as const) {
      const registries = inventoryOfRole(inv, "registry", cloud);
      if (values[cloud]?.registry !== undefined) expect(registries.length, `${cloud} registry`).toBeGreaterThan(0);
      for (const r of registries) {
        const nodes = nodeNamed(chart, r.name).filter((n) => n.path.at(-1) === "Registry");
        expect(nodes.length, r.name).toBeGreaterThan(0);
      }
    }
  });

  it("shows each GCP log sink writing to its destination kind (bucket always, BigQuery and Pub/Sub when the stack file asks)", () => {
    const logging = values.gcp!.audit?.logging ?? {};
    const kinds = new Set<string>();
    for (const sink of resourcesOfType(inv, "gcp:logging/projectSink:ProjectSink")) {
      const [node] = nodeNamed(chart, sink.name);
      expect(node!.path).toEqual(["Google Cloud", "Audit logs"]);
      const targets = chart.edges.filter((e) => e.from === node!.id).map((e) => chart.nodes.find((n) => n.id === e.to)!);
      expect(targets).toHaveLength(1);
      const dest = sink.inputs.destination as string;
      const kind = dest.startsWith("storage.") ? "Cloud Storage bucket" : dest.startsWith("bigquery.") ? "BigQuery dataset" : dest.startsWith("pubsub.") ? "Pub/Sub topic" : "?";
      expect(targets[0]!.label.startsWith(`${kind} `)).toBe(true);
      kinds.add(kind);
    }
    expect(kinds.has("Cloud Storage bucket")).toBe(true);
    expect(kinds.has("BigQuery dataset")).toBe(logging.bigquery === true);
    expect(kinds.has("Pub/Sub topic")).toBe(logging.pubsub === true);
  });

  it("shows ActionTrail writing to the stack file's SLS project (with its logstores) and OSS bucket when asked", () => {
    const logging = values.alicloud!.audit!.logging!;
    const [trail] = chart.nodes.filter((n) => n.label.startsWith("ActionTrail trail "));
    const targets = chart.edges.filter((e) => e.from === trail!.id).map((e) => chart.nodes.find((n) => n.id === e.to)!.label.split("\n")[0]).sort();
    const expected = [`SLS project ${logging.slsProjectName}`, ...(logging.oss ? [`OSS bucket ${logging.ossBucketName}`] : [])].sort();
    expect(targets).toEqual(expected);
    const [project] = nodeNamed(chart, logging.slsProjectName!);
    const stores = resourcesOfType(inv, "alicloud:log/store:Store").map((s) => s.inputs.logstoreName as string);
    expect(stores.length).toBeGreaterThan(0);
    for (const s of stores) expect(project!.label).toContain(s);
    for (const n of chart.nodes.filter((x) => x.path.at(-1) === "Audit logs" && /^(Cloud Storage bucket|BigQuery dataset|Pub\/Sub topic|SLS project|OSS bucket) /.test(x.label))) {
      expect(chart.edges.some((e) => e.to === n.id && e.dotted), `${n.label} is written to by a log source`).toBe(true);
    }
  });
});
