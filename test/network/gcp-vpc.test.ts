import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { GcpVpc, GcpVpcArgs } from "../../src/gcp/vpc";
import { LandingZoneValidationError } from "../../src/core/errors";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: GcpVpcArgs = {
  project: "acme-test",
  cidr: "10.10.0.0/16",
  regions: ["europe-west1"],
  secondaryCidr: "100.64.0.0/16",
  labels: { environment: "test" },
  subnets: {
    web: { tier: "public", size: 24 },
    app: { tier: "private", size: 22, secondaryRanges: { pods: { size: 20 } } },
  },
};

describe("GcpVpc children", () => {
  it("creates a custom-mode network, subnets with flow logs and PGA, and NAT for private subnets only", async () => {
    const inv = await runOffline(() => {
      const vpc = new GcpVpc("core", ARGS);
      return { subnets: vpc.subnets };
    }, { stack: "test" });
    expect(inv.resources.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
      "gcp:compute/network:Network::core",
      "gcp:compute/route:Route::core-private-googleapis",
      "gcp:compute/router:Router::core-nat-europe-west1",
      "gcp:compute/routerNat:RouterNat::core-nat-europe-west1",
      "gcp:compute/subnetwork:Subnetwork::core-app-europe-west1",
      "gcp:compute/subnetwork:Subnetwork::core-web-europe-west1",
      "gcp:dns/managedZone:ManagedZone::core-googleapis",
      "gcp:dns/managedZone:ManagedZone::core-pkg-dev",
      "gcp:dns/recordSet:RecordSet::core-googleapis-vip",
      "gcp:dns/recordSet:RecordSet::core-googleapis-wildcard",
      "gcp:dns/recordSet:RecordSet::core-pkg-dev-vip",
      "gcp:dns/recordSet:RecordSet::core-pkg-dev-wildcard",
      "landing-zone:index:GcpVpc::core",
    ]);
    expect(findResource(inv, "gcp:compute/network:Network", "core").inputs).toEqual({
      autoCreateSubnetworks: false,
      deleteDefaultRoutesOnCreate: false,
      description: "Landing zone VPC 10.10.0.0/16",
      mtu: 1460,
      name: "core",
      project: "acme-test",
      routingMode: "GLOBAL",
    });
    expect(findResource(inv, "gcp:compute/subnetwork:Subnetwork", "core-app-europe-west1").inputs).toEqual({
      description: "private subnet app",
      ipCidrRange: "10.10.16.0/22",
      logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
      name: "core-app-europe-west1",
      network: "projects/acme-test/global/networks/core",
      privateIpGoogleAccess: true,
      project: "acme-test",
      region: "europe-west1",
      secondaryIpRanges: [{ ipCidrRange: "100.64.0.0/20", rangeName: "pods" }],
      stackType: "IPV4_ONLY",
    });
    expect(findResource(inv, "gcp:compute/router:Router", "core-nat-europe-west1").inputs).toEqual({
      description: "Cloud NAT router for private subnets in europe-west1",
      name: "core-nat-europe-west1",
      network: "projects/acme-test/global/networks/core",
      project: "acme-test",
      region: "europe-west1",
    });
    expect(findResource(inv, "gcp:compute/routerNat:RouterNat", "core-nat-europe-west1").inputs).toEqual({
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
      minPortsPerVm: 64,
      name: "core-nat-europe-west1",
      natIpAllocateOption: "AUTO_ONLY",
      project: "acme-test",
      region: "europe-west1",
      router: "core-nat-europe-west1",
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: "projects/acme-test/regions/europe-west1/subnetworks/core-app-europe-west1", sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
    });
    for (const r of inv.resources.filter((x) => x.custom)) {
      expect(r.parent).toBe("urn:pulumi:test::landing-zone::landing-zone:index:GcpVpc::core");
    }
    expect(inv.outputs.subnets).toEqual({
      "app-europe-west1": { cidr: "10.10.16.0/22", name: "core-app-europe-west1", region: "europe-west1", secondaryRanges: { pods: "100.64.0.0/20" }, tier: "private" },
      "web-europe-west1": { cidr: "10.10.0.0/24", name: "core-web-europe-west1", region: "europe-west1", secondaryRanges: {}, tier: "public" },
    });
  });

  it("resolves Google APIs and Artifact Registry to the private VIP in private zones of the network, with a VIP route", async () => {
    const inv = await runOffline(() => { new GcpVpc("core", ARGS); }, { stack: "test" });
    const networkUrl = "https://www.googleapis.com/compute/v1/projects/acme-test/global/networks/core";
    expect(findResource(inv, "gcp:dns/managedZone:ManagedZone", "core-googleapis").inputs).toEqual({
      name: "core-googleapis", project: "acme-test", dnsName: "googleapis.com.", description: "Google APIs through private.googleapis.com (private)",
      visibility: "private", privateVisibilityConfig: { networks: [{ networkUrl }] }, labels: { environment: "test" },
    });
    expect(findResource(inv, "gcp:dns/managedZone:ManagedZone", "core-pkg-dev").inputs).toEqual({
      name: "core-pkg-dev", project: "acme-test", dnsName: "pkg.dev.", description: "Artifact Registry through private.googleapis.com (private)",
      visibility: "private", privateVisibilityConfig: { networks: [{ networkUrl }] }, labels: { environment: "test" },
    });
    const vip = ["199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"];
    const record = (n: string) => findResource(inv, "gcp:dns/recordSet:RecordSet", n).inputs;
    expect(record("core-googleapis-vip")).toEqual({ project: "acme-test", managedZone: "core-googleapis", name: "private.googleapis.com.", type: "A", ttl: 300, rrdatas: vip });
    expect(record("core-googleapis-wildcard")).toEqual({ project: "acme-test", managedZone: "core-googleapis", name: "*.googleapis.com.", type: "CNAME", ttl: 300, rrdatas: ["private.googleapis.com."] });
    expect(record("core-pkg-dev-vip")).toEqual({ project: "acme-test", managedZone: "core-pkg-dev", name: "pkg.dev.", type: "A", ttl: 300, rrdatas: vip });
    expect(record("core-pkg-dev-wildcard")).toEqual({ project: "acme-test", managedZone: "core-pkg-dev", name: "*.pkg.dev.", type: "CNAME", ttl: 300, rrdatas: ["pkg.dev."] });
    expect(findResource(inv, "gcp:compute/route:Route", "core-private-googleapis").inputs).toEqual({
      name: "core-private-googleapis", project: "acme-test", network: "projects/acme-test/global/networks/core", destRange: "199.36.153.8/30",
      nextHopGateway: "projects/acme-test/global/gateways/default-internet-gateway", priority: 1000,
      description: "private.googleapis.com VIP through the default internet gateway",
    });
  });

  it("names the internet gateway of a project given as another resource's output", async () => {
    const inv = await runOffline(() => { new GcpVpc("core", { ...ARGS, project: pulumi.output("acme-made") }); }, { stack: "test" });
    expect(findResource(inv, "gcp:compute/route:Route", "core-private-googleapis").inputs.nextHopGateway)
      .toBe("projects/acme-made/global/gateways/default-internet-gateway");
  });

  it("uses the restricted VIP when asked, and creates no zone or route with googleApisAccess off", async () => {
    const inv = await runOffline(() => { new GcpVpc("core", { ...ARGS, googleApisAccess: "restricted" }); }, { stack: "test" });
    expect(findResource(inv, "gcp:dns/recordSet:RecordSet", "core-googleapis-vip").inputs).toMatchObject({
      name: "restricted.googleapis.com.", rrdatas: ["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"],
    });
    expect(findResource(inv, "gcp:dns/recordSet:RecordSet", "core-googleapis-wildcard").inputs.rrdatas).toEqual(["restricted.googleapis.com."]);
    expect(findResource(inv, "gcp:dns/recordSet:RecordSet", "core-pkg-dev-vip").inputs.rrdatas).toEqual(["199.36.153.4", "199.36.153.5", "199.36.153.6", "199.36.153.7"]);
    expect(findResource(inv, "gcp:compute/route:Route", "core-restricted-googleapis").inputs.destRange).toBe("199.36.153.4/30");
    const off = await runOffline(() => { new GcpVpc("core", { ...ARGS, googleApisAccess: "off" }); }, { stack: "test" });
    expect(off.resources.filter((r) => r.type.startsWith("gcp:dns/") || r.type === "gcp:compute/route:Route")).toEqual([]);
  });

  it("rejects an unknown Google APIs access mode", async () => {
    expect(await componentProblems(() => new GcpVpc("core", { ...ARGS, googleApisAccess: "public" as never })))
      .toEqual([["LZ_GOOGLE_APIS_ACCESS", "GcpVpc args.googleApisAccess"]]);
  });

  it("uses labelled static NAT addresses when asked", async () => {
    const inv = await runOffline(() => { new GcpVpc("core", { ...ARGS, nat: { staticIpsPerRegion: 2 } }); }, { stack: "test" });
    const addresses = resourcesOfType(inv, "gcp:compute/address:Address");
    expect(addresses.map((a) => a.inputs)).toEqual([0, 1].map((i) => ({
      addressType: "EXTERNAL",
      description: `Static NAT egress IP ${i} in europe-west1`,
      labels: { environment: "test" },
      name: `core-nat-europe-west1-${i}`,
      networkTier: "PREMIUM",
      project: "acme-test",
      region: "europe-west1",
    })));
    const nat = findResource(inv, "gcp:compute/routerNat:RouterNat", "core-nat-europe-west1");
    expect(nat.inputs.natIpAllocateOption).toBe("MANUAL_ONLY");
    expect(nat.inputs.natIps).toEqual([0, 1].map((i) => `https://www.googleapis.com/compute/v1/projects/acme-test/regions/europe-west1/addresses/core-nat-europe-west1-${i}`));
  });
});

describe("GcpVpc bad input", () => {
  async function failure(args: GcpVpcArgs): Promise<{ error: LandingZoneValidationError; registered: number }> {
    let error: unknown;
    const inv = await runOffline(() => {
      try {
        new GcpVpc("core", args);
      } catch (e) {
        error = e;
      }
    }, { stack: "test", policies: false });
    expect(error).toBeInstanceOf(LandingZoneValidationError);
    return { error: error as LandingZoneValidationError, registered: inv.resources.length };
  }

  it("rejects a public range without opt-in, an oversized subnet and a bad name, together, creating nothing", async () => {
    const { error, registered } = await failure({
      ...ARGS,
      cidr: "8.8.0.0/16",
      namePrefix: "Core",
      subnets: { web: { tier: "public", size: 30 }, Bad: { tier: "private", size: 24 } },
    });
    expect(registered).toBe(0);
    expect(error.problems.map((p) => [p.code, p.path])).toEqual([
      ["LZ_NAME_INVALID", "GcpVpc args.namePrefix"],
      ["LZ_RANGE_NOT_PRIVATE", "GcpVpc args.cidr"],
      ["LZ_KEY_INVALID", "GcpVpc args.subnets.Bad"],
      ["LZ_SUBNET_SIZE", "GcpVpc args.subnets.web.size"],
    ]);
    expect(error.message).toContain("GcpVpc args.cidr: 8.8.0.0/16 is outside the private ranges 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 [LZ_RANGE_NOT_PRIVATE]");
    expect(error.message).toContain("fix: use a private range, or set allowPublicRange: true");
  });

  it("rejects overlapping secondary ranges and names over 63 characters", async () => {
    const { error } = await failure({
      ...ARGS,
      regions: ["northamerica-northeast1"],
      namePrefix: "a-very-long-landing-zone-network-prefix-for-tests",
      secondaryCidr: undefined,
      subnets: { web: { tier: "public", cidrs: { "northamerica-northeast1": "10.10.0.0/24" }, secondaryRanges: { pods: { cidrs: { "northamerica-northeast1": "10.10.0.0/25" } } } } },
    });
    expect(error.problems.map((p) => [p.code, p.path])).toEqual([
      ["LZ_CIDR_OVERLAP", "GcpVpc args.subnets.web"],
      ["LZ_NAME_TOO_LONG", "GcpVpc args.subnets.web"],
      ["LZ_NAME_TOO_LONG", "GcpVpc args.googleApisAccess"],
    ]);
    expect(error.problems[2]!.message).toBe("Google APIs zone or route name \"a-very-long-landing-zone-network-prefix-for-tests-private-googleapis\" is 68 characters; GCP allows at most 63");
    expect(error.problems[1]!.message).toBe("subnet name \"a-very-long-landing-zone-network-prefix-for-tests-web-northamerica-northeast1\" is 77 characters; GCP allows at most 63");
    expect(error.problems[0]!.message).toBe("10.10.0.0/25 (web.secondaryRanges.pods/northamerica-northeast1) overlaps 10.10.0.0/24 (web/northamerica-northeast1, GcpVpc args.subnets.web)");
  });

  it("rejects a static NAT address name over 63 characters although the router name fits", async () => {
    // 46-character prefix: the router "<prefix>-nat-europe-west1" is 63 characters, its address "<prefix>-nat-europe-west1-0" 65.
    const namePrefix = "lz-" + "p".repeat(43);
    const { error, registered } = await failure({ ...ARGS, namePrefix, nat: { staticIpsPerRegion: 1 }, googleApisAccess: "off" });
    expect(registered).toBe(0);
    expect(error.problems.map((p) => [p.code, p.path])).toEqual([["LZ_NAME_TOO_LONG", "GcpVpc args.nat.staticIpsPerRegion"]]);
    expect(error.problems[0]!.message).toBe(`NAT address name "${namePrefix}-nat-europe-west1-0" is 65 characters; GCP allows at most 63`);
  });

  it("rejects NAT minimum ports per VM outside 2–65536 or not whole", async () => {
    for (const minPortsPerVm of [0, 1, 65537, 64.5]) {
      const { error, registered } = await failure({ ...ARGS, nat: { minPortsPerVm } });
      expect(error.problems.map((p) => [p.code, p.path])).toEqual([["LZ_NAT_PORTS", "GcpVpc args.nat.minPortsPerVm"]]);
      expect(registered).toBe(0);
    }
  });
});
