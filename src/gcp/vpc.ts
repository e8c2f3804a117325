import { validated } from "../core/errors";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { nameOf } from "../core/naming";
import { GcpVpcArgs, GcpSubnetInfo, GcpVpcPlan, GCP_GOOGLE_APIS_TTL, GCP_VPC_DEFAULTS, planGcpVpc } from "./vpc-plan";

export * from "./vpc-plan";

/**
 * A custom-mode VPC network with named public and private subnets per region (flow logs and
 * Private Google Access on), and a Cloud Router with Cloud NAT per region serving only the
 * private subnets, and private Cloud DNS zones plus a VIP route through which workloads reach
 * Google APIs and Artifact Registry by name without external IPs (`googleApisAccess`).
 */
export class GcpVpc extends pulumi.ComponentResource {
  /** The network. */
  readonly network: gcp.compute.Network;
  /** Subnetworks keyed `<name>-<region>`. */
  readonly subnetworks: Record<string, gcp.compute.Subnetwork>;
  /** Cloud Routers keyed by region (regions with private subnets). */
  readonly routers: Record<string, gcp.compute.Router>;
  /** Cloud NATs keyed by region. */
  readonly nats: Record<string, gcp.compute.RouterNat>;
  /** Private DNS zones for Google APIs keyed `googleapis` / `pkg-dev` (empty when `googleApisAccess` is `off`). */
  readonly dnsZones: Record<string, gcp.dns.ManagedZone>;
  /** The route to the Google APIs VIP, when `googleApisAccess` is not `off`. */
  readonly googleApisRoute?: gcp.compute.Route;
  /** The network's id (`projects/P/global/networks/N`). */
  readonly networkId: pulumi.Output<string>;
  /** The network's self link. */
  readonly networkSelfLink: pulumi.Output<string>;
  /** The network's name. */
  readonly networkName: pulumi.Output<string>;
  /** Subnet ids keyed `<name>-<region>`. */
  readonly subnetIds: pulumi.Output<Record<string, string>>;
  /** Subnets keyed `<name>-<region>`, with their CIDRs (known at plan time). */
  readonly subnets: pulumi.Output<Record<string, GcpSubnetInfo>>;
  /** Subnet ids keyed `<name>-<region>`: a plain map (the keys are known at plan time), one output per subnet. */
  readonly subnetIdsByKey: Readonly<Record<string, pulumi.Output<string>>>;
  /** Subnet self links keyed `<name>-<region>`. */
  readonly subnetSelfLinksByKey: Readonly<Record<string, pulumi.Output<string>>>;
  /** Subnets keyed `<name>-<region>` with name, region, tier and CIDRs, as plain data. */
  readonly subnetsByKey: Readonly<Record<string, GcpSubnetInfo>>;
  /** The VPC's range (the `cidr` arg). */
  readonly cidr: string;
  /** The project that owns the network (the `project` arg). */
  readonly project: pulumi.Input<string>;
  /** The plan this component was built from (plain data). */
  readonly plan: GcpVpcPlan;

  constructor(name: string, args: GcpVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, the component itself included.
    const plan = validated("GcpVpc", planGcpVpc, name, args);
    super("landing-zone:index:GcpVpc", name, args, opts);
    this.plan = plan;
    this.cidr = args.cidr;
    this.project = args.project;
    const project = args.project;
    const flow = { ...GCP_VPC_DEFAULTS.flowLogs, ...args.flowLogs };
    const nat = { ...GCP_VPC_DEFAULTS.nat, ...args.nat };

    this.network = new gcp.compute.Network(plan.prefix, {
      name: plan.prefix,
      project,
      autoCreateSubnetworks: false,
      routingMode: args.routingMode ?? GCP_VPC_DEFAULTS.routingMode,
      mtu: args.mtu ?? GCP_VPC_DEFAULTS.mtu,
      deleteDefaultRoutesOnCreate: false,
      description: `Landing zone VPC ${args.cidr}`,
    }, { parent: this });

    this.subnetworks = {};
    for (const s of plan.subnets) {
      this.subnetworks[`${s.name}-${s.location}`] = new gcp.compute.Subnetwork(s.gcpName, {
        name: s.gcpName,
        project,
        network: this.network.id,
        region: s.location,
        ipCidrRange: s.cidr,
        privateIpGoogleAccess: true,
        stackType: "IPV4_ONLY",
        description: `${s.tier} subnet ${s.name}`,
        secondaryIpRanges: Object.entries(s.secondaryRanges).map(([rangeName, ipCidrRange]) => ({ rangeName, ipCidrRange })),
        logConfig: {
          aggregationInterval: flow.aggregationInterval,
          flowSampling: flow.flowSampling,
          metadata: flow.metadata,
        },
      }, { parent: this });
    }

    this.routers = {};
    this.nats = {};
    for (const region of plan.natRegions) {
      const routerName = nameOf(plan.prefix, "nat", region);
      const router = new gcp.compute.Router(routerName, {
        name: routerName,
        project,
        region,
        network: this.network.id,
        description: `Cloud NAT router for private subnets in ${region}`,
      }, { parent: this });
      const addresses: gcp.compute.Address[] = [];
      for (let i = 0; i < nat.staticIpsPerRegion; i++) {
        const addressName = nameOf(plan.prefix, "nat", region, String(i));
        addresses.push(new gcp.compute.Address(addressName, {
          name: addressName,
          project,
          region,
          addressType: "EXTERNAL",
          networkTier: "PREMIUM",
          description: `Static NAT egress IP ${i} in ${region}`,
          labels: { ...args.labels },
        }, { parent: this }));
      }
      const privateSubnets = plan.subnets.filter((s) => s.location === region && s.tier === "private");
      this.nats[region] = new gcp.compute.RouterNat(routerName, {
        name: routerName,
        project,
        region,
        router: router.name,
        natIpAllocateOption: addresses.length > 0 ? "MANUAL_ONLY" : "AUTO_ONLY",
        natIps: addresses.length > 0 ? addresses.map((a) => a.selfLink) : undefined,
        sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
        subnetworks: privateSubnets.map((s) => ({
          name: this.subnetworks[`${s.name}-${s.location}`]!.id,
          sourceIpRangesToNats: ["ALL_IP_RANGES"],
        })),
        minPortsPerVm: nat.minPortsPerVm,
        logConfig: { enable: true, filter: nat.logFilter },
      }, { parent: this });
      this.routers[region] = router;
    }

    this.dnsZones = {};
    const apis = plan.googleApis;
    if (apis) {
      for (const z of apis.zones) {
        const zone = new gcp.dns.ManagedZone(z.name, {
          name: z.name,
          project,
          dnsName: z.dnsName,
          description: z.description,
          visibility: "private",
          privateVisibilityConfig: { networks: [{ networkUrl: this.network.selfLink }] },
          labels: { ...args.labels },
        }, { parent: this });
        for (const r of z.records) {
          new gcp.dns.RecordSet(r.key, {
            project, managedZone: zone.name, name: r.name, type: r.type, ttl: GCP_GOOGLE_APIS_TTL, rrdatas: [...r.rrdatas],
          }, { parent: this });
        }
        this.dnsZones[z.key] = zone;
      }
      this.googleApisRoute = new gcp.compute.Route(apis.route.name, {
        name: apis.route.name,
        project,
        network: this.network.id,
        destRange: apis.route.destRange,
        // `project` may be another resource's output: interpolate it, never a template string.
        nextHopGateway: pulumi.interpolate`projects/${project}/global/gateways/default-internet-gateway`,
        priority: 1000,
        description: `${apis.access}.googleapis.com VIP through the default internet gateway`,
      }, { parent: this });
    }

    this.networkId = this.network.id;
    this.networkSelfLink = this.network.selfLink;
    this.networkName = this.network.name;
    this.subnetIds = pulumi.all(Object.fromEntries(Object.entries(this.subnetworks).map(([k, s]) => [k, s.id])));
    this.subnetIdsByKey = Object.fromEntries(Object.entries(this.subnetworks).map(([k, s]) => [k, s.id]));
    this.subnetSelfLinksByKey = Object.fromEntries(Object.entries(this.subnetworks).map(([k, s]) => [k, s.selfLink]));
    this.subnetsByKey = Object.fromEntries(plan.subnets.map((s) => [`${s.name}-${s.location}`, {
      name: s.gcpName, region: s.location, tier: s.tier, cidr: s.cidr, secondaryRanges: s.secondaryRanges,
    }]));
    this.subnets = pulumi.output({ ...this.subnetsByKey });
    this.registerOutputs({
      networkId: this.networkId,
      networkSelfLink: this.networkSelfLink,
      networkName: this.networkName,
      subnetIds: this.subnetIds,
      subnets: this.subnets,
    });
  }
}
