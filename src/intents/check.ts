import { ipv4Text } from "../core/cidr";
import { GCP_GOOGLE_APIS_RANGES } from "../core/rules";
import { joinPath, Problems } from "../core/errors";
import type { Inventory } from "../offline/inventory";
import { aliAcl, aliInstance, type AliInstance, aliRoute, aliSecurityGroup, aliSnat, aliVpnConnection, REPLY_PORTS } from "./alicloud-network";
import { aliAuthorizeOidc, aliAuthorizeUser, type RamCheck } from "./alicloud-ram";
import { gcpAdvertised, gcpApiEnabled, gcpFirewall, gcpInstance, type GcpInstance, gcpNat, gcpResolve, gcpRoute } from "./gcp-network";
import { gcpAuthorize, type GcpRepositoryRef } from "./gcp-iam";
import { type Flow, hop, hostOf, Index, inCidr, input, ipValue } from "./net";
import { type AuthIntent, type Hop, type Intent, type IntentCatalogue, type IntentResult, type IntentSet, isAuthIntent, type ReachIntent } from "./types";

/** An internet address standing for "anyone": a rule admitting it admits the internet. */
export const INTERNET_ADDRESS = "203.0.113.10";
/** Stands for Google's public API front ends when no private zone answers for the name. */
export const GOOGLE_PUBLIC_ADDRESS = "142.250.0.10";
/** Alibaba Cloud's internal service addresses (the ntp address is one of the NTP servers). */
export const ALICLOUD_SERVICES: Readonly<Record<string, { ip: string; port: number; protocol: "tcp" | "udp" }>> = {
  ntp: { ip: "100.100.3.1", port: 123, protocol: "udp" },
  dns: { ip: "100.100.2.136", port: 53, protocol: "udp" },
  metadata: { ip: "100.100.100.200", port: 80, protocol: "tcp" },
  registry: { ip: "", port: 443, protocol: "tcp" },
};

/** A parsed endpoint of a reach intent. */
export type Endpoint =
  | { kind: "gcp-tier"; tier: string; location?: string }
  | { kind: "alicloud-tier"; tier: string; location?: string }
  | { kind: "google-api"; host: string }
  | { kind: "alicloud-service"; service: string }
  | { kind: "range"; label: string; cidrs: string[]; onPrem: boolean }
  | { kind: "internet" };

function splitLocation(rest: string): { tier: string; location?: string } {
  const [tier, location] = rest.split("@");
  return location !== undefined ? { tier: tier!, location } : { tier: tier! };
}

/**
 * Parses an endpoint, reporting to `problems` under `path` what names nothing in the catalogue
 * (unknown tier, region, zone, range or service).
 */
export function parseEndpoint(text: string, cat: IntentCatalogue, path: string, problems: Problems): Endpoint | undefined {
  const [head, ...restParts] = text.split(":");
  const rest = restParts.join(":");
  const tierProblem = (cloud: "gcp" | "alicloud", tiers: readonly string[]) => {
    problems.add("LZ_INTENT_UNKNOWN_TIER", path, `"${text}" names no ${cloud} tier of this stack`,
      tiers.length > 0 ? `use one of ${tiers.map((t) => `${cloud}:${t}`).join(", ")}` : `add landing-zone:${cloud} to the stack, or remove the intent`);
  };
  if (head === "gcp" || head === "alicloud") {
    const { tier, location } = splitLocation(rest);
    const tiers = head === "gcp" ? cat.gcp?.tiers : cat.alicloud?.tiers;
    const ref = tiers?.[tier];
    if (!ref) return tierProblem(head, Object.keys(tiers ?? {})), undefined;
    if (location !== undefined) {
      const places = head === "gcp" ? gcpPlaces(cat, tier) : alicloudPlaces(cat, tier);
      if (at(places, location).length === 0) {
        problems.add("LZ_INTENT_UNKNOWN_LOCATION", path, `tier ${tier} has no subnet in ${location}`, `use a ${head === "gcp" ? "region" : "zone"} of the tier, or drop "@${location}"`);
        return undefined;
      }
    }
    return { kind: head === "gcp" ? "gcp-tier" : "alicloud-tier", tier, ...(location !== undefined ? { location } : {}) };
  }
  if (head === "google-api") {
    if (!/^[a-z0-9.-]+\.(googleapis\.com|pkg\.dev)$/.test(rest)) {
      problems.add("LZ_INTENT_ENDPOINT", path, `"${text}" is not a Google API host`, "write google-api:<host>, e.g. google-api:storage.googleapis.com or google-api:europe-west1-docker.pkg.dev");
      return undefined;
    }
    return { kind: "google-api", host: rest };
  }
  if (head === "alicloud-service") {
    if (!(rest in ALICLOUD_SERVICES)) {
      problems.add("LZ_INTENT_ENDPOINT", path, `"${rest}" is not an Alibaba Cloud service the checker knows`, `use one of ${Object.keys(ALICLOUD_SERVICES).map((s) => `alicloud-service:${s}`).join(", ")}`);
      return undefined;
    }
    return { kind: "alicloud-service", service: rest };
  }
  if (head === "onprem") {
    const names = rest === "" ? Object.keys(cat.onPremises) : [rest];
    const unknown = names.filter((n) => cat.onPremises[n] === undefined);
    if (names.length === 0 || unknown.length > 0) {
      problems.add("LZ_INTENT_UNKNOWN_RANGE", path, names.length === 0 ? "the stack lists no on-premises range" : `"${rest}" is not an on-premises range of this stack`,
        Object.keys(cat.onPremises).length > 0 ? `use onprem or one of ${Object.keys(cat.onPremises).map((n) => `onprem:${n}`).join(", ")}` : "list the ranges under landing-zone:onPremises.ranges");
      return undefined;
    }
    return { kind: "range", label: text, cidrs: names.map((n) => cat.onPremises[n]!), onPrem: true };
  }
  if (head === "range") {
    const cidr = cat.otherRanges[rest] ?? cat.onPremises[rest];
    if (cidr === undefined) {
      problems.add("LZ_INTENT_UNKNOWN_RANGE", path, `"${rest}" is not a named range of this stack`, "name a key of landing-zone:onPremises.otherEnvironmentRanges or onPremises.ranges");
      return undefined;
    }
    return { kind: "range", label: text, cidrs: [cidr], onPrem: cat.onPremises[rest] !== undefined };
  }
  if (text === "internet") return { kind: "internet" };
  problems.add("LZ_INTENT_ENDPOINT", path, `"${text}" is not an endpoint`,
    "write gcp:<tier>[@region], alicloud:<tier>[@zone], onprem[:<range>], range:<name>, internet, google-api:<host> or alicloud-service:<ntp|dns|metadata|registry>");
  return undefined;
}

function gcpPlaces(cat: IntentCatalogue, tier: string): readonly string[] {
  return cat.gcp?.tiers[tier]?.subnetworks ?? [];
}

function alicloudPlaces(cat: IntentCatalogue, tier: string): readonly string[] {
  return cat.alicloud?.tiers[tier]?.vswitches ?? [];
}

/** An identity of an auth intent, resolved. */
type Identity = { cloud: "gcp"; members: string[] } | { cloud: "alicloud"; oidc: string[]; users: string[] };

function parseIdentity(text: string, cat: IntentCatalogue, path: string, problems: Problems): Identity | undefined {
  const unknown = (fix: string, why = `"${text}" names no identity of this stack`) => (problems.add("LZ_INTENT_UNKNOWN_IDENTITY", path, why, fix), undefined);
  const [cloud, kind, ...rest] = text.split(":");
  const value = rest.join(":");
  if (cloud === "gcp" && cat.gcp) {
    if (kind === "ci") return cat.gcp.ci.length > 0 ? { cloud, members: [...cat.gcp.ci] } : unknown("list the CI job's token subjects in landing-zone:gcp.registry.robotWorkloadIdentity.subjects (or its workload identities in gcp.iam.robotImpersonators)", "the stack has no GCP CI identity");
    if (kind === "persona") {
      const m = cat.gcp.personas[value] ?? [];
      return m.length > 0 ? { cloud, members: [...m] } : unknown(`use a persona with members in landing-zone:gcp.iam.members (${Object.keys(cat.gcp.personas).join(", ") || "none"})`);
    }
    if (kind === "member" && value !== "") return { cloud, members: [value] };
  }
  if (cloud === "alicloud" && cat.alicloud) {
    const ci = cat.alicloud.ci;
    if (kind === "ci") return ci && ci.subjects.length > 0 ? { cloud, oidc: [...ci.subjects], users: [] } : unknown("configure landing-zone:alicloud.ram.robot (oidcProviderArn, issuer, audiences, subjects)", "the stack has no Alibaba CI identity");
    // A subject of the stack's OIDC provider; without one configured no role can trust it.
    if (kind === "oidc" && value !== "") return { cloud, oidc: [value], users: [] };
    if (kind === "persona") {
      const u = cat.alicloud.personas[value] ?? [];
      return u.length > 0 ? { cloud, oidc: [], users: [...u] } : unknown(`use a persona with members in landing-zone:alicloud.ram.members (${Object.keys(cat.alicloud.personas).join(", ") || "none"})`);
    }
    if (kind === "user" && value !== "") return { cloud, oidc: [], users: [value] };
  }
  return unknown("write gcp:ci, gcp:persona:<persona>, gcp:member:<member>, alicloud:ci, alicloud:persona:<persona>, alicloud:oidc:<subject> or alicloud:user:<name> for a cloud of this stack");
}

/** The label of an intent in reports. */
export function intentName(i: Intent): string {
  if (i.name) return i.name;
  if (isAuthIntent(i)) return `${i.identity} ${i.action} ${i.on}`;
  const ports = portsOf(i);
  return `${i.from} -> ${i.to}${ports.length > 0 ? `:${ports.join(",")}` : ""}`;
}

function portsOf(i: ReachIntent): number[] {
  return i.port === undefined ? [] : typeof i.port === "number" ? [i.port] : [...i.port];
}

function defaultFlow(to: Endpoint): { port: number; protocol: "tcp" | "udp" | "icmp" } {
  if (to.kind === "alicloud-service") return { port: ALICLOUD_SERVICES[to.service]!.port, protocol: ALICLOUD_SERVICES[to.service]!.protocol };
  if (to.kind === "google-api") return { port: 443, protocol: "tcp" };
  return { port: 22, protocol: "tcp" };
}

/** One case of an intent: a source/destination instance pair, with its hops. */
interface Case { detail: string; hops: Hop[] }

function blocked(hops: readonly Hop[]): boolean {
  return hops.some((h) => h.verdict === "block");
}

/** Runs steps until one blocks. */
function chain(...steps: (() => Hop | Hop[])[]): Hop[] {
  const out: Hop[] = [];
  for (const s of steps) {
    const r = s();
    out.push(...(Array.isArray(r) ? r : [r]));
    if (blocked(out)) break;
  }
  return out;
}

class Checker {
  readonly ix: Index;
  constructor(inventory: Inventory, readonly cat: IntentCatalogue) {
    this.ix = new Index(inventory);
  }

  private learned(): string[] {
    return Object.values(this.cat.onPremises);
  }

  gcpInstances(tier: string, location?: string): GcpInstance[] {
    const ref = this.cat.gcp!.tiers[tier]!;
    return present(at(ref.subnetworks, location).map((s) => gcpInstance(this.ix, s, ref.tags, ref.serviceAccounts, `${tier}@${s}`)));
  }

  aliInstances(tier: string, location?: string): AliInstance[] {
    const ref = this.cat.alicloud!.tiers[tier]!;
    return present(at(ref.vswitches, location).map((s) => aliInstance(this.ix, s, ref.securityGroup, `${tier}@${s}`)));
  }

  reach(from: Endpoint, to: Endpoint, port: number, protocol: Flow["protocol"]): Case[] | string {
    const flow = (src: number, dst: number): Flow => ({ protocol, port, src, dst });
    if (from.kind === "gcp-tier") {
      const srcs = this.gcpInstances(from.tier, from.location);
      if (srcs.length === 0) return `no subnetwork of gcp tier ${from.tier} is in the plan`;
      if (to.kind === "gcp-tier") {
        return srcs.flatMap((s) => this.gcpInstances(to.tier, to.location).map((d) => ({ detail: `${s.label} -> ${d.label}`, hops: this.gcpToGcp(s, d, flow(s.ip, d.ip)) })));
      }
      if (to.kind === "google-api") return srcs.map((s) => this.gcpToApi(s, to.host, port, protocol));
      if (to.kind === "internet") return srcs.map((s) => ({ detail: `${s.label} -> internet`, hops: this.gcpOut(s, flow(s.ip, ipValue(INTERNET_ADDRESS)!), false) }));
      if (to.kind === "range") {
        return srcs.flatMap((s) => to.cidrs.map((c) => ({ detail: `${s.label} -> ${c}`, hops: this.gcpOut(s, flow(s.ip, hostOf(c)), to.onPrem) })));
      }
    }
    if (from.kind === "alicloud-tier") {
      const srcs = this.aliInstances(from.tier, from.location);
      if (srcs.length === 0) return `no vSwitch of alicloud tier ${from.tier} is in the plan`;
      if (to.kind === "alicloud-tier") {
        return srcs.flatMap((s) => this.aliInstances(to.tier, to.location).map((d) => ({ detail: `${s.label} -> ${d.label}`, hops: this.aliToAli(s, d, flow(s.ip, d.ip)) })));
      }
      if (to.kind === "alicloud-service") return srcs.map((s) => this.aliToService(s, to.service, port, protocol));
      if (to.kind === "internet" || to.kind === "range") {
        const cidrs = to.kind === "internet" ? [`${INTERNET_ADDRESS}/32`] : to.cidrs;
        const onPrem = to.kind === "range" && to.onPrem;
        return srcs.flatMap((s) => cidrs.map((c) => ({ detail: `${s.label} -> ${c}`, hops: this.aliOut(s, flow(s.ip, hostOf(c)), onPrem) })));
      }
    }
    if (from.kind === "range" || from.kind === "internet") {
      const cidrs = from.kind === "internet" ? [`${INTERNET_ADDRESS}/32`] : from.cidrs;
      const onPrem = from.kind === "range" && from.onPrem;
      if (to.kind === "gcp-tier") {
        return this.gcpInstances(to.tier, to.location).flatMap((d) => cidrs.map((c) => ({ detail: `${c} -> ${d.label}`, hops: this.intoGcp(hostOf(c), d, flow(hostOf(c), d.ip), onPrem) })));
      }
      if (to.kind === "alicloud-tier") {
        return this.aliInstances(to.tier, to.location).flatMap((d) => cidrs.map((c) => ({ detail: `${c} -> ${d.label}`, hops: this.intoAli(hostOf(c), d, flow(hostOf(c), d.ip), onPrem) })));
      }
    }
    return "this pair of endpoints is not modelled (cross-cloud paths, or a source that cannot start a connection)";
  }

  private gcpToGcp(s: GcpInstance, d: GcpInstance, f: Flow): Hop[] {
    return chain(
      () => gcpFirewall(this.ix, "EGRESS", s, { ip: d.ip, instance: d }, f),
      () => {
        const r = gcpRoute(this.ix, s, d.ip, this.learned());
        return r.next === "local" ? r.hop : { ...r.hop, verdict: "block", detail: `${r.hop.detail}, not the VPC's subnet route (other network?)` };
      },
      () => gcpFirewall(this.ix, "INGRESS", d, { ip: s.ip, instance: s }, f),
    );
  }

  private gcpOut(s: GcpInstance, f: Flow, viaVpn: boolean): Hop[] {
    return chain(
      () => gcpFirewall(this.ix, "EGRESS", s, { ip: f.dst }, f),
      () => {
        const r = gcpRoute(this.ix, s, f.dst, this.learned());
        if (viaVpn) return r.next === "vpn" ? r.hop : hop("route", "block", `no route to ${ipv4Text(f.dst)} over the VPN`, `${r.hop.detail}: no BGP-learned or static VPN route covers the on-premises address`, r.hop.urn);
        if (r.next !== "internet") return { ...r.hop, verdict: "block" };
        return [r.hop, gcpNat(this.ix, s)];
      },
    );
  }

  private gcpToApi(s: GcpInstance, host: string, port: number, protocol: Flow["protocol"]): Case {
    const service = host.endsWith(".pkg.dev") ? "artifactregistry.googleapis.com" : host;
    let ip = ipValue(GOOGLE_PUBLIC_ADDRESS)!;
    const hops = chain(
      () => gcpApiEnabled(this.ix, s.project, service),
      () => {
        const r = gcpResolve(this.ix, s.project, s.network, host, ipValue(GOOGLE_PUBLIC_ADDRESS)!);
        if (r.ips[0] !== undefined) ip = r.ips[0];
        return r.hops;
      },
      () => gcpFirewall(this.ix, "EGRESS", s, { ip }, { protocol, port, src: s.ip, dst: ip }),
      () => {
        const r = gcpRoute(this.ix, s, ip, this.learned());
        if (r.next !== "internet") return { ...r.hop, verdict: "block", detail: `${r.hop.detail}: Google APIs are reached through the default internet gateway` };
        const pga = input(s.subnet, "privateIpGoogleAccess") === true;
        const vip = GCP_GOOGLE_APIS_RANGES.some((c) => inCidr(ip, c)) || ip === ipValue(GOOGLE_PUBLIC_ADDRESS);
        if (vip && pga) return [r.hop, hop("private-google-access", "pass", String(input(s.subnet, "name") ?? s.subnet.name), `Private Google Access is on for ${input(s.subnet, "name")}`, s.subnet.urn)];
        return [r.hop, gcpNat(this.ix, s)];
      },
    );
    return { detail: `${s.label} -> ${host} (${ipv4Text(ip)})`, hops };
  }

  private intoGcp(src: number, d: GcpInstance, f: Flow, viaVpn: boolean): Hop[] {
    return chain(
      () => (viaVpn ? gcpAdvertised(this.ix, d) : []),
      () => gcpFirewall(this.ix, "INGRESS", d, { ip: src }, f),
      () => {
        if (!viaVpn) return [];
        const r = gcpRoute(this.ix, d, src, this.learned());
        return r.next === "vpn" ? { ...r.hop, detail: `replies: ${r.hop.detail}` }
          : hop("route", "block", `no return route to ${ipv4Text(src)}`, `replies from ${d.label} to ${ipv4Text(src)} take ${r.hop.name}, not the VPN`, r.hop.urn);
      },
    );
  }

  private replies(s: AliInstance, d: AliInstance | undefined, f: Flow): (() => Hop)[] {
    return REPLY_PORTS.flatMap((p) => {
      const reply: Flow = { protocol: f.protocol, port: p, src: f.dst, dst: f.src };
      const out: (() => Hop)[] = [];
      if (d) out.push(() => tagReply(aliAcl(this.ix, "egress", d, f.src, reply)));
      out.push(() => tagReply(aliAcl(this.ix, "ingress", s, f.dst, reply)));
      return out;
    });
  }

  private aliToAli(s: AliInstance, d: AliInstance, f: Flow): Hop[] {
    return chain(
      () => aliSecurityGroup(this.ix, "egress", s, { ip: d.ip, ...(d.securityGroup ? { group: d.securityGroup } : {}) }, f),
      () => aliAcl(this.ix, "egress", s, d.ip, f),
      () => {
        const r = aliRoute(this.ix, s, d.ip, this.learned());
        return r.next === "local" ? r.hop : { ...r.hop, verdict: "block" };
      },
      () => aliAcl(this.ix, "ingress", d, s.ip, f),
      () => aliSecurityGroup(this.ix, "ingress", d, { ip: s.ip, ...(s.securityGroup ? { group: s.securityGroup } : {}) }, f),
      ...this.replies(s, d, f),
    );
  }

  private aliToService(s: AliInstance, service: string, port: number, protocol: Flow["protocol"]): Case {
    if (service === "registry") return this.aliToRegistry(s, port, protocol);
    const ip = ipValue(ALICLOUD_SERVICES[service]!.ip)!;
    const f: Flow = { protocol, port, src: s.ip, dst: ip };
    const hops = chain(
      () => aliSecurityGroup(this.ix, "egress", s, { ip }, f),
      () => aliAcl(this.ix, "egress", s, ip, f),
      () => {
        const r = aliRoute(this.ix, s, ip, this.learned());
        return r.next === "service" ? r.hop : { ...r.hop, verdict: "block" };
      },
      ...this.replies(s, undefined, f),
    );
    return { detail: `${s.label} -> ${service} (${ipv4Text(ip)})`, hops };
  }

  private aliToRegistry(s: AliInstance, port: number, protocol: Flow["protocol"]): Case {
    const reg = this.cat.alicloud?.registry;
    const endpoint = this.ix.of("alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc")
      .find((e) => input(e, "vpcId") === s.vpcId && (reg === undefined || input(e, "instanceId") === reg.instanceId));
    if (!endpoint) {
      return { detail: `${s.label} -> registry`, hops: [hop("endpoint", "block", "no registry VPC endpoint", `no alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc links the registry${reg ? ` ${reg.instanceId}` : ""} to ${s.vpcId}`)] };
    }
    const vsw = this.ix.ref(input(endpoint, "vswitchId"));
    const at = vsw ? aliInstance(this.ix, String(input(vsw, "vswitchName") ?? vsw.name), undefined, `registry endpoint in ${input(vsw, "vswitchName") ?? vsw.name}`) : undefined;
    if (!at) return { detail: `${s.label} -> registry`, hops: [hop("endpoint", "block", endpoint.name, "the endpoint's vSwitch is not in the plan", endpoint.urn)] };
    const ip = at.ip + 1;
    const f: Flow = { protocol, port, src: s.ip, dst: ip };
    const dns = input(endpoint, "enableCreateDnsRecordInPvzt") === true
      ? hop("dns", "pass", endpoint.name, "the registry's domain resolves to the VPC endpoint inside the VPC (PrivateZone record)", endpoint.urn)
      : hop("dns", "block", endpoint.name, "enableCreateDnsRecordInPvzt is off: the registry's domain resolves to its public endpoint inside the VPC", endpoint.urn);
    const hops = chain(
      () => dns,
      () => aliSecurityGroup(this.ix, "egress", s, { ip }, f),
      () => aliAcl(this.ix, "egress", s, ip, f),
      () => {
        const r = aliRoute(this.ix, s, ip, this.learned());
        return r.next === "local" ? r.hop : { ...r.hop, verdict: "block" };
      },
      () => aliAcl(this.ix, "ingress", { ...at, ip }, s.ip, f),
      ...this.replies(s, { ...at, ip }, f),
    );
    return { detail: `${s.label} -> registry VPC endpoint (${ipv4Text(ip)})`, hops };
  }

  private aliOut(s: AliInstance, f: Flow, viaVpn: boolean): Hop[] {
    return chain(
      () => aliSecurityGroup(this.ix, "egress", s, { ip: f.dst }, f),
      () => aliAcl(this.ix, "egress", s, f.dst, f),
      () => {
        const r = aliRoute(this.ix, s, f.dst, this.learned());
        if (viaVpn) return r.next === "vpn" ? [r.hop, aliVpnConnection(this.ix, s.vpcId, f.dst, s.ip)] : { ...r.hop, verdict: "block" };
        if (r.next === "nat") return [r.hop, aliSnat(this.ix, s, r.nexthopId ?? "")];
        return r.next === "internet" ? r.hop : { ...r.hop, verdict: "block" };
      },
      ...this.replies(s, undefined, f),
    );
  }

  private intoAli(src: number, d: AliInstance, f: Flow, viaVpn: boolean): Hop[] {
    return chain(
      () => (viaVpn ? aliVpnConnection(this.ix, d.vpcId, src, d.ip) : []),
      () => aliAcl(this.ix, "ingress", d, src, f),
      () => aliSecurityGroup(this.ix, "ingress", d, { ip: src }, f),
      ...REPLY_PORTS.map((p) => () => tagReply(aliAcl(this.ix, "egress", d, src, { protocol: f.protocol, port: p, src: d.ip, dst: src }))),
      () => {
        if (!viaVpn) return [];
        const r = aliRoute(this.ix, d, src, this.learned());
        return r.next === "vpn" ? { ...r.hop, detail: `replies: ${r.hop.detail}` } : { ...r.hop, verdict: "block", detail: `replies: ${r.hop.detail}` };
      },
    );
  }

  authorize(intent: AuthIntent, id: Identity): Case[] | string {
    if (id.cloud === "gcp") {
      const g = this.cat.gcp!;
      let repo: GcpRepositoryRef | undefined;
      if (intent.on === "gcp:registry") {
        const r = this.ix.of("gcp:artifactregistry/repository:Repository").find((r) => input(r, "repositoryId") === g.registry);
        if (!r) return `the plan has no Artifact Registry repository ${g.registry ?? ""}`.trim();
        repo = { project: String(input(r, "project") ?? g.project), location: String(input(r, "location")), repositoryId: String(input(r, "repositoryId")) };
      }
      return id.members.map((m) => ({ detail: `${m} ${intent.action} ${intent.on}`, hops: gcpAuthorize(this.ix, m, intent.action, repo?.project ?? g.project, repo) }));
    }
    const a = this.cat.alicloud!;
    let checks: RamCheck[];
    if (intent.on === "alicloud:registry") {
      const reg = a.registry!;
      const repo = this.ix.of("alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo").find((r) => input(r, "instanceId") === reg.instanceId && input(r, "namespace") === reg.namespace);
      const arn = `acs:cr:${reg.region}:${reg.account}:repository/${reg.instanceId}/${reg.namespace}/${repo ? String(input(repo, "name")) : "app"}`;
      checks = [{ action: "cr:GetAuthorizationToken", resource: "*" }, { action: intent.action === "push" ? "cr:PushRepository" : "cr:PullRepository", resource: arn }];
    } else {
      checks = [{ action: "cs:DescribeClusterUserKubeconfig", resource: "acs:cs:*:*:cluster/*" }];
    }
    const ci = a.ci;
    const oidc = (subject: string) => ({ providerArn: ci?.providerArn ?? "(no OIDC provider configured)", ...(ci?.issuer ? { issuer: ci.issuer } : {}),
      ...(ci?.audiences[0] ? { audience: ci.audiences[0] } : {}), subject });
    return [
      ...id.oidc.map((sub) => ({ detail: `${sub} ${intent.action} ${intent.on}`, hops: aliAuthorizeOidc(this.ix, oidc(sub), checks) })),
      ...id.users.map((u) => ({ detail: `${u} ${intent.action} ${intent.on}`, hops: aliAuthorizeUser(this.ix, u, checks) })),
    ];
  }
}

/** Subnet names in a region or zone (names end with `-<location>`), or all of them. */
function at(names: readonly string[], location: string | undefined): readonly string[] {
  return location === undefined ? names : names.filter((s) => s.endsWith(`-${location}`));
}

function present<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((i): i is T => i !== undefined);
}

function tagReply(h: Hop): Hop {
  return { ...h, detail: `reply: ${h.detail}` };
}

/** A resolved intent ready to check, or undefined when its names are wrong (reported). */
type Resolved = { intent: Intent; expect: "required" | "forbidden" } & (
  | { reach: { from: Endpoint; to: Endpoint; ports: number[]; protocol: Flow["protocol"] } }
  | { auth: Identity }
);

function resolve(intent: Intent, expect: "required" | "forbidden", cat: IntentCatalogue, path: string, problems: Problems): Resolved | undefined {
  if (isAuthIntent(intent)) {
    const id = parseIdentity(intent.identity, cat, joinPath(path, "identity"), problems);
    const targets: Record<string, { cloud: string; actions: string[]; ok: boolean }> = {
      "gcp:registry": { cloud: "gcp", actions: ["push", "pull"], ok: cat.gcp?.registry !== undefined },
      "gcp:project": { cloud: "gcp", actions: ["deploy"], ok: cat.gcp !== undefined },
      "alicloud:registry": { cloud: "alicloud", actions: ["push", "pull"], ok: cat.alicloud?.registry !== undefined },
      "alicloud:ack": { cloud: "alicloud", actions: ["deploy"], ok: cat.alicloud !== undefined },
    };
    const t = targets[intent.on];
    if (!t || !t.ok || !t.actions.includes(intent.action) || (id && id.cloud !== t.cloud)) {
      problems.add("LZ_INTENT_ENDPOINT", joinPath(path, "on"), `"${intent.on}" is not a target of this stack for ${intent.action}${id && t && id.cloud !== t.cloud ? ` by a ${id.cloud} identity` : ""}`,
        `use ${Object.entries(targets).filter(([, v]) => v.ok && (!id || v.cloud === id.cloud)).map(([k, v]) => `${k} (${v.actions.join("/")})`).join(", ") || "a target of a cloud this stack configures"}`);
      return undefined;
    }
    return id ? { intent, expect, auth: id } : undefined;
  }
  const from = parseEndpoint(intent.from, cat, joinPath(path, "from"), problems);
  const to = parseEndpoint(intent.to, cat, joinPath(path, "to"), problems);
  if (!from || !to) return undefined;
  const d = defaultFlow(to);
  const ports = portsOf(intent);
  return { intent, expect, reach: { from, to, ports: ports.length > 0 ? ports : [d.port], protocol: intent.protocol ?? d.protocol } };
}

/**
 * Checks the names of every intent against the catalogue; reports unknown tiers, ranges,
 * identities and targets under `path` (`<path>.required[0].from` …).
 */
export function validateIntents(intents: IntentSet, cat: IntentCatalogue, path: string, problems: Problems): void {
  (["required", "forbidden"] as const).forEach((expect) => (intents[expect] ?? []).forEach((i, n) => resolve(i, expect, cat, `${joinPath(path, expect)}[${n}]`, problems)));
}

/** What `checkIntents` returns: every intent's result, in declaration order (required first). */
export interface IntentReport {
  readonly results: readonly IntentResult[];
}

/** The intents that are not met. */
export function brokenIntents(report: IntentReport): IntentResult[] {
  return report.results.filter((r) => !r.ok);
}

function decide(expect: "required" | "forbidden", cases: Case[]): { reachable: boolean; chosen?: Case } {
  if (expect === "required") {
    const bad = cases.find((c) => blocked(c.hops));
    return bad ? { reachable: false, chosen: bad } : { reachable: cases.length > 0, chosen: cases[0] };
  }
  const open = cases.find((c) => !blocked(c.hops));
  return open ? { reachable: true, chosen: open } : { reachable: false, chosen: cases[0] };
}

/** The hop to name: the blocking one, or for an open forbidden path the last rule that admitted it. */
function culpritOf(reachable: boolean, hops: readonly Hop[]): Hop | undefined {
  if (!reachable) return hops.find((h) => h.verdict === "block");
  const filters = hops.filter((h) => ["firewall", "security-group", "acl", "binding", "policy", "trust"].includes(h.kind) && !h.detail.startsWith("reply"));
  return filters.find((h) => h.detail.includes("ingress")) ?? filters[filters.length - 1] ?? hops[0];
}

/**
 * Checks intents over an inventory: any inventory (the landing zone's plan, or your own program's
 * under `runOffline`), with a catalogue saying what tier, range and identity names stand for.
 * Throws `LandingZoneValidationError` when an intent names something the catalogue lacks.
 */
export function checkIntents(inventory: Inventory, intents: IntentSet, cat: IntentCatalogue, path = "intents"): IntentReport {
  const problems = new Problems();
  const resolved: Resolved[] = [];
  (["required", "forbidden"] as const).forEach((expect) => (intents[expect] ?? []).forEach((i, n) => {
    const r = resolve(i, expect, cat, `${joinPath(path, expect)}[${n}]`, problems);
    if (r) resolved.push(r);
  }));
  problems.throwIfAny("intents");
  const checker = new Checker(inventory, cat);
  const results = resolved.map((r): IntentResult => {
    let cases: Case[] | string;
    if ("auth" in r) cases = checker.authorize(r.intent as AuthIntent, r.auth);
    else {
      const { from, to, ports, protocol } = r.reach;
      const all: Case[] = [];
      let why: string | undefined;
      for (const p of ports) {
        const c = checker.reach(from, to, p, protocol);
        if (typeof c === "string") why = c;
        else all.push(...c.map((x) => ({ ...x, detail: ports.length > 1 ? `${x.detail} port ${p}` : x.detail })));
      }
      cases = why !== undefined && all.length === 0 ? why : all;
    }
    const name = intentName(r.intent);
    if (typeof cases === "string") {
      const h = hop("model", "block", "not modelled", cases);
      return { expect: r.expect, name, intent: r.intent, reachable: false, ok: r.expect === "forbidden", hops: [h], detail: cases, ...(r.expect === "required" ? { culprit: h } : {}) };
    }
    const { reachable, chosen } = decide(r.expect, cases);
    const hops = chosen?.hops ?? [];
    const ok = r.expect === "required" ? reachable : !reachable;
    const culprit = ok ? undefined : culpritOf(reachable, hops);
    return { expect: r.expect, name, intent: r.intent, reachable, ok, hops, detail: chosen?.detail ?? "no instance of the source or destination is in the plan", ...(culprit ? { culprit } : {}) };
  });
  return { results };
}

/** One line per broken intent: what, the case, and the hop (name and URN) that decides it. */
export function describeBroken(report: IntentReport): string[] {
  return brokenIntents(report).map((r) => {
    const c = r.culprit;
    const verb = r.expect === "required" ? "blocked by" : "allowed by";
    return `${r.expect} intent "${r.name}" ${r.expect === "required" ? "does not hold" : "is violated"} (${r.detail}): ${verb} ${c ? `${c.kind} ${c.name}${c.urn ? ` [${c.urn}]` : ""}: ${c.detail}` : "no instance in the plan"}`;
  });
}

