import { describe, expect, it } from "vitest";
import { checkIntents } from "../../src/intents/check";
import type { Intent, IntentResult } from "../../src/intents/types";
import { GCP_CATALOGUE, gcpBase, gcpRule, gcpVpn, inventory, res } from "./fixtures";
import type { InventoryResource } from "../../src/offline/inventory";

// One test per hop type: the path that works, then one specific rule, route or binding that
// blocks it, asserting the hop the checker names. Synthetic inventories: no Pulumi runtime.

function one(resources: InventoryResource[], intent: Intent, expect: "required" | "forbidden" = "required"): IntentResult {
  return checkIntents(inventory(resources), { [expect]: [intent] }, GCP_CATALOGUE).results[0]!;
}

const appToData = { from: "gcp:app", to: "gcp:data", port: 5432 };
const dataIn = gcpRule("data-in", { direction: "INGRESS", sourceTags: ["tier-app"], targetTags: ["tier-data"], allows: [{ protocol: "tcp", ports: ["5432"] }] });

describe("GCP firewall rules", () => {
  it("a path admitted by an ingress rule matching source and target tags holds", () => {
    const r = one([...gcpBase(), dataIn], appToData);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => [h.kind, h.name])).toEqual([
      ["firewall", "implied allow egress"], ["route", "subnet route of core-data-europe-west4"], ["firewall", "data-in"]]);
  });

  it("a deny with a lower priority number wins over the allow, and is named", () => {
    const deny = gcpRule("deny-app-data", { direction: "INGRESS", priority: 900, sourceRanges: ["10.0.0.0/24"], denies: [{ protocol: "all" }] });
    const r = one([...gcpBase(), dataIn, deny], appToData);
    expect([r.ok, r.culprit?.name, r.culprit?.urn]).toEqual([false, "deny-app-data", deny.urn]);
  });

  it("a deny and an allow at the same priority: the deny wins", () => {
    const deny = gcpRule("deny-same", { direction: "INGRESS", sourceTags: ["tier-app"], denies: [{ protocol: "tcp", ports: ["5000-6000"] }] });
    expect(one([...gcpBase(), dataIn, deny], appToData).culprit?.name).toBe("deny-same");
  });

  it("an egress deny-all at the source blocks before the ingress side", () => {
    const denyEgress = gcpRule("deny-all-egress", { direction: "EGRESS", priority: 65534, destinationRanges: ["0.0.0.0/0"], denies: [{ protocol: "all" }] });
    expect(one([...gcpBase(), dataIn, denyEgress], appToData).culprit?.name).toBe("deny-all-egress");
  });

  it("without an allow the implied ingress deny blocks; a disabled rule does not count", () => {
    const disabled = gcpRule("data-in", { ...dataIn.inputs, disabled: true });
    expect(one([...gcpBase(), disabled], appToData).culprit?.name).toBe("implied deny ingress");
  });

  it("a rule targeting another tag does not apply", () => {
    const other = gcpRule("web-in", { direction: "INGRESS", sourceRanges: ["0.0.0.0/0"], targetTags: ["tier-web"], allows: [{ protocol: "tcp" }] });
    expect(one([...gcpBase(), other], appToData).culprit?.name).toBe("implied deny ingress");
  });
});

describe("GCP routes, Cloud NAT and the internet", () => {
  const toInternet = { from: "gcp:app", to: "internet", port: 443 };
  const nat = (subnets: string[]) => [
    res("gcp:compute/router:Router", "nat-ew1", { name: "nat-ew1", network: "projects/p1/global/networks/core", region: "europe-west1" }),
    res("gcp:compute/routerNat:RouterNat", "nat-ew1", { name: "nat-ew1", router: "nat-ew1", region: "europe-west1", sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: subnets.map((s) => ({ name: `projects/p1/regions/europe-west1/subnetworks/${s}` })) }),
  ];

  it("egress to the internet needs Cloud NAT translating the subnet", () => {
    const r = one([...gcpBase(), ...nat(["core-app-europe-west1"])], toInternet);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => h.name)).toEqual(["implied allow egress", "default route to the internet gateway", "nat-ew1"]);
  });

  it("a NAT that does not list the subnet blocks, naming the subnet", () => {
    const r = one([...gcpBase(), ...nat(["other-subnet"])], toInternet);
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "nat", "no Cloud NAT for core-app-europe-west1"]);
  });

  it("a network created without default routes has no route to the internet", () => {
    const base = gcpBase();
    const noDefault = [res("gcp:compute/network:Network", "core", { ...base[0]!.inputs, deleteDefaultRoutesOnCreate: true }), ...base.slice(1)];
    const r = one([...noDefault, ...nat(["core-app-europe-west1"])], toInternet);
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "route", "no route"]);
  });
});

describe("GCP HA VPN and BGP", () => {
  const sshFromOnPrem = gcpRule("onprem-ssh", { direction: "INGRESS", sourceRanges: ["192.168.0.0/20"], allows: [{ protocol: "tcp", ports: ["22"] }] });
  const onPremToApp = { from: "onprem:hq", to: "gcp:app", port: 22 };

  it("on-premises reaches a tier the router advertises, and replies return over the BGP-learned route", () => {
    const r = one([...gcpBase(), ...gcpVpn(), sshFromOnPrem], onPremToApp);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => h.kind)).toEqual(["vpn", "firewall", "route"]);
    expect(r.hops[2]!.name).toBe("192.168.0.0/20 learned over BGP by vpn-router (tun0)");
  });

  it("without the on-premises firewall rule the implied ingress deny is named", () => {
    expect(one([...gcpBase(), ...gcpVpn()], onPremToApp).culprit?.name).toBe("implied deny ingress");
  });

  it("a router advertising only custom ranges that miss the subnet blocks, naming the router", () => {
    const r = one([...gcpBase(), ...gcpVpn({ advertised: ["10.9.0.0/16"] }), sshFromOnPrem], onPremToApp);
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "vpn", "vpn-router"]);
  });

  it("a BGP peer whose tunnel is missing is no session", () => {
    const r = one([...gcpBase(), ...gcpVpn({ tunnel: false }), sshFromOnPrem], onPremToApp);
    expect([r.culprit?.kind, r.culprit?.name]).toEqual(["vpn", "no VPN"]);
  });

  it("with REGIONAL routing a VM in another region learns no route back", () => {
    const r = one([...gcpBase("REGIONAL"), ...gcpVpn({ advertised: ["10.0.0.0/16"] }), gcpRule("onprem-pg", { direction: "INGRESS", sourceRanges: ["192.168.0.0/20"], allows: [{ protocol: "tcp" }] })],
      { from: "onprem:hq", to: "gcp:data", port: 5432 });
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "route", "no return route to 192.168.0.1"]);
  });
});

describe("GCP Google APIs: services, private DNS zones and Private Google Access", () => {
  const storage = { from: "gcp:app", to: "google-api:storage.googleapis.com" };
  const api = (s: string) => res("gcp:projects/service:Service", s, { project: "p1", service: s });
  const denyAll = gcpRule("deny-all-egress", { direction: "EGRESS", priority: 65534, destinationRanges: ["0.0.0.0/0"], denies: [{ protocol: "all" }] });
  const vips = gcpRule("google-apis", { direction: "EGRESS", destinationRanges: ["199.36.153.8/30", "199.36.153.4/30"], allows: [{ protocol: "tcp", ports: ["443"] }] });
  const zone = res("gcp:dns/managedZone:ManagedZone", "googleapis", { name: "googleapis", dnsName: "googleapis.com.", project: "p1", visibility: "private",
    privateVisibilityConfig: { networks: [{ networkUrl: "projects/p1/global/networks/core" }] } });
  const records = [
    res("gcp:dns/recordSet:RecordSet", "private", { managedZone: "googleapis", name: "private.googleapis.com.", type: "A", rrdatas: ["199.36.153.8", "199.36.153.9"] }),
    res("gcp:dns/recordSet:RecordSet", "wildcard", { managedZone: "googleapis", name: "*.googleapis.com.", type: "CNAME", rrdatas: ["private.googleapis.com."] }),
  ];

  it("under deny-all egress the name resolves to the private VIP through the zone and Private Google Access carries it", () => {
    const r = one([...gcpBase(), api("storage.googleapis.com"), api("dns.googleapis.com"), denyAll, vips, zone, ...records], storage);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => `${h.kind}:${h.name}`)).toEqual([
      "api:storage.googleapis.com", "dns:*.googleapis.com.", "dns:private.googleapis.com.", "firewall:google-apis",
      "route:default route to the internet gateway", "private-google-access:core-app-europe-west1"]);
  });

  it("without the private zone the public answer meets the deny-all egress rule", () => {
    const r = one([...gcpBase(), api("storage.googleapis.com"), denyAll, vips], storage);
    expect([r.ok, r.culprit?.name]).toEqual([false, "deny-all-egress"]);
  });

  it("a private zone without the record answers NXDOMAIN, naming the zone", () => {
    const r = one([...gcpBase(), api("storage.googleapis.com"), api("dns.googleapis.com"), denyAll, vips, zone], storage);
    expect([r.ok, r.culprit?.kind, r.culprit?.name, r.culprit?.urn]).toEqual([false, "dns", "googleapis", zone.urn]);
  });

  it("a zone in a project without the DNS API enabled cannot exist", () => {
    const r = one([...gcpBase(), api("storage.googleapis.com"), denyAll, vips, zone, ...records], storage);
    expect([r.culprit?.kind, r.culprit?.name]).toEqual(["api", "dns.googleapis.com not enabled"]);
  });

  it("the API itself must be enabled; Artifact Registry hosts need artifactregistry.googleapis.com", () => {
    const r = one([...gcpBase()], { from: "gcp:app", to: "google-api:europe-west1-docker.pkg.dev" });
    expect([r.culprit?.kind, r.culprit?.name]).toEqual(["api", "artifactregistry.googleapis.com not enabled"]);
  });

  it("a subnet without Private Google Access needs Cloud NAT", () => {
    const base = gcpBase();
    const noPga = [base[0]!, res("gcp:compute/subnetwork:Subnetwork", "core-app-europe-west1", { ...base[1]!.inputs, privateIpGoogleAccess: false }), base[2]!];
    const r = one([...noPga, api("storage.googleapis.com")], storage);
    expect([r.culprit?.kind, r.culprit?.name]).toEqual(["nat", "no Cloud NAT for core-app-europe-west1"]);
  });
});

describe("GCP IAM: repository bindings and workload identity", () => {
  const ci = GCP_CATALOGUE.gcp!.ci[0]!;
  const repo = res("gcp:artifactregistry/repository:Repository", "containers", { project: "p1", location: "europe-west1", repositoryId: "containers" });
  const writer = res("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "writer-robot", { project: "p1", location: "europe-west1", repository: "containers",
    role: "roles/artifactregistry.writer", member: "serviceAccount:registry-ci@p1.iam.gserviceaccount.com" });
  const wif = (sa: string, member = ci) => res("gcp:serviceaccount/iAMMember:IAMMember", `wif-${sa}`, { serviceAccountId: `projects/p1/serviceAccounts/${sa}@p1.iam.gserviceaccount.com`,
    role: "roles/iam.workloadIdentityUser", member });
  const push = { identity: "gcp:ci", action: "push" as const, on: "gcp:registry" };

  it("the CI pushes keylessly: workload identity user on the robot, writer on the repository", () => {
    const r = one([repo, writer, wif("registry-ci")], push);
    expect(r.ok).toBe(true);
    expect(r.hops.map((h) => [h.kind, h.name])).toEqual([["trust", "wif-registry-ci (roles/iam.workloadIdentityUser)"], ["binding", "writer-robot (roles/artifactregistry.writer)"]]);
  });

  it("a principalSet of the whole pool counts for its principals", () => {
    const set = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/*";
    expect(one([repo, writer, wif("registry-ci", set)], push).ok).toBe(true);
  });

  it("a pool the stack creates is named with projects/* (its number is known once deployed) and matches the bound member", () => {
    const cat = { ...GCP_CATALOGUE, gcp: { ...GCP_CATALOGUE.gcp!, ci: ["principal://iam.googleapis.com/projects/*/locations/global/workloadIdentityPools/dev-ci/subject/repo:acme/app:environment:dev"] } };
    const bound = wif("registry-ci", "principal://iam.googleapis.com/projects/703610882655/locations/global/workloadIdentityPools/dev-ci/subject/repo:acme/app:environment:dev");
    const other = wif("registry-ci", "principal://iam.googleapis.com/projects/703610882655/locations/global/workloadIdentityPools/dev-ci/subject/repo:acme/app:environment:prod");
    expect(checkIntents(inventory([repo, writer, bound]), { required: [push] }, cat).results[0]!.ok).toBe(true);
    expect(checkIntents(inventory([repo, writer, other]), { required: [push] }, cat).results[0]!.ok).toBe(false);
  });

  it("workload identity bound on another service account blocks, naming the binding the robot lacks", () => {
    const r = one([repo, writer, wif("deployer")], push);
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "binding", "no roles/iam.workloadIdentityUser on registry-ci@p1.iam.gserviceaccount.com"]);
    expect(r.culprit?.detail).toContain("it may impersonate deployer@p1.iam.gserviceaccount.com, which cannot");
  });

  it("a reader binding does not allow push; a conditional binding does not count", () => {
    const reader = res("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "reader-dev", { project: "p1", location: "europe-west1", repository: "containers",
      role: "roles/artifactregistry.reader", member: "group:dev@acme.example" });
    const conditional = res("gcp:projects/iAMMember:IAMMember", "dev-writer-cond", { project: "p1", role: "roles/artifactregistry.writer", member: "group:dev@acme.example",
      condition: { title: "t", expression: "request.time < timestamp('2020-01-01T00:00:00Z')" } });
    const dev = { identity: "gcp:persona:developer", action: "push" as const, on: "gcp:registry" };
    expect(one([repo, reader, conditional], dev).culprit?.name).toBe("no push binding for group:dev@acme.example");
    expect(one([repo, reader, conditional], { ...dev, action: "pull" }).ok).toBe(true);
    expect(one([repo, reader], dev, "forbidden").ok).toBe(true);
  });
});

describe("GCP flows to a single-address range", () => {
  it("check the /32's own address: an egress deny of exactly that address blocks, and is named", () => {
    const catalogue = { ...GCP_CATALOGUE, otherRanges: { partner: "203.0.113.5/32" } };
    const deny = gcpRule("deny-partner", { direction: "EGRESS", priority: 900, destinationRanges: ["203.0.113.5/32"], denies: [{ protocol: "all" }] });
    const r = checkIntents(inventory([...gcpBase(), deny]), { required: [{ from: "gcp:app", to: "range:partner", port: 443 }] }, catalogue).results[0]!;
    expect([r.ok, r.culprit?.kind, r.culprit?.name]).toEqual([false, "firewall", "deny-partner"]);
  });
});
