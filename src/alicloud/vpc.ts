import { validated } from "../core/errors";
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { nameOf } from "../core/naming";
import { Tier } from "../core/subnets";
import { AlicloudVpcArgs, AlicloudSubnetInfo, AlicloudVpcPlan, ALICLOUD_VPC_DEFAULTS, snatEntryName, planAlicloudVpc } from "./vpc-plan";

export * from "./vpc-plan";

/**
 * An Alibaba Cloud VPC with one vSwitch per zone for each named public and private subnet, an
 * Enhanced NAT gateway with an EIP and SNAT entries for the private vSwitches only, and one
 * custom route table per tier so that only private vSwitches route to the NAT gateway.
 */
export class AlicloudVpc extends pulumi.ComponentResource {
  /** The VPC. */
  readonly vpc: alicloud.vpc.Network;
  /** vSwitches keyed `<name>-<zone>`. */
  readonly vswitches: Record<string, alicloud.vpc.Switch>;
  /** Route tables keyed by tier. */
  readonly routeTables: Partial<Record<Tier, alicloud.vpc.RouteTable>>;
  /** The NAT gateway, when created. */
  readonly natGateway?: alicloud.vpc.NatGateway;
  /** The NAT gateway's EIP, when created. */
  readonly natEip?: alicloud.ecs.EipAddress;
  /** The VPC id. */
  readonly vpcId: pulumi.Output<string>;
  /** vSwitch ids keyed `<name>-<zone>`. */
  readonly vswitchIds: pulumi.Output<Record<string, string>>;
  /** vSwitches keyed `<name>-<zone>` with their CIDRs (known at plan time). */
  readonly subnets: pulumi.Output<Record<string, AlicloudSubnetInfo>>;
  /** vSwitch ids keyed `<name>-<zone>`: a plain map (the keys are known at plan time), one output per vSwitch. */
  readonly vswitchIdsByKey: Readonly<Record<string, pulumi.Output<string>>>;
  /** vSwitches keyed `<name>-<zone>` with name, zone, tier and CIDR, as plain data. */
  readonly subnetsByKey: Readonly<Record<string, AlicloudSubnetInfo>>;
  /** The VPC's range (the `cidr` arg). */
  readonly cidr: string;
  /** Public egress IP of the private tier (the NAT EIP), when NAT is on. */
  readonly natPublicIp: pulumi.Output<string | undefined>;
  /** The plan this component was built from (plain data). */
  readonly plan: AlicloudVpcPlan;

  constructor(name: string, args: AlicloudVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, the component itself included.
    const plan = validated("AlicloudVpc", planAlicloudVpc, name, args);
    super("landing-zone:index:AlicloudVpc", name, args, opts);
    this.plan = plan;
    this.cidr = args.cidr;
    const tags = { ...args.tags };
    const p = plan.prefix;

    this.vpc = new alicloud.vpc.Network(p, {
      vpcName: p,
      cidrBlock: args.cidr,
      description: `Landing zone VPC ${args.cidr}`,
      resourceGroupId: args.resourceGroupId,
      tags,
    }, { parent: this });

    this.vswitches = {};
    for (const s of plan.subnets) {
      this.vswitches[`${s.name}-${s.location}`] = new alicloud.vpc.Switch(s.aliName, {
        vswitchName: s.aliName,
        vpcId: this.vpc.id,
        cidrBlock: s.cidr,
        zoneId: s.location,
        description: `${s.tier} subnet ${s.name}`,
        tags,
      }, { parent: this });
    }

    this.routeTables = {};
    for (const tier of ["public", "private"] as const) {
      const members = plan.subnets.filter((s) => s.tier === tier);
      if (members.length === 0) continue;
      const rtName = nameOf(p, tier, "rt");
      const table = new alicloud.vpc.RouteTable(rtName, {
        vpcId: this.vpc.id,
        routeTableName: rtName,
        associateType: "VSwitch",
        description: `Routes of the ${tier} tier`,
        tags,
      }, { parent: this });
      for (const s of members) {
        const key = `${s.name}-${s.location}`;
        new alicloud.vpc.RouteTableAttachment(nameOf(rtName, key), {
          routeTableId: table.id,
          vswitchId: this.vswitches[key]!.id,
        }, { parent: this });
      }
      this.routeTables[tier] = table;
    }

    if (plan.natSwitch !== undefined) {
      const natName = nameOf(p, "nat");
      this.natGateway = new alicloud.vpc.NatGateway(natName, {
        vpcId: this.vpc.id,
        natGatewayName: natName,
        natType: "Enhanced",
        vswitchId: this.vswitches[plan.natSwitch]!.id,
        paymentType: "PayAsYouGo",
        internetChargeType: "PayByLcu",
        networkType: "internet",
        eipBindMode: "NAT",
        deletionProtection: args.deletionProtection ?? false,
        description: "Egress for private vSwitches",
        tags,
      }, { parent: this });
      this.natEip = new alicloud.ecs.EipAddress(nameOf(natName, "eip"), {
        addressName: nameOf(natName, "eip"),
        bandwidth: String(args.nat?.eipBandwidth ?? ALICLOUD_VPC_DEFAULTS.nat.eipBandwidth),
        internetChargeType: "PayByTraffic",
        paymentType: "PayAsYouGo",
        isp: "BGP",
        deletionProtection: args.deletionProtection ?? false,
        description: "NAT gateway egress IP",
        tags,
      }, { parent: this });
      const association = new alicloud.ecs.EipAssociation(nameOf(natName, "eip"), {
        allocationId: this.natEip.id,
        instanceId: this.natGateway.id,
        instanceType: "Nat",
      }, { parent: this });
      for (const s of plan.subnets.filter((x) => x.tier === "private")) {
        const key = `${s.name}-${s.location}`;
        new alicloud.vpc.SnatEntry(snatEntryName(p, s), {
          snatTableId: this.natGateway.snatTableIds,
          sourceVswitchId: this.vswitches[key]!.id,
          snatIp: this.natEip.ipAddress,
          snatEntryName: snatEntryName(p, s),
        }, { parent: this, dependsOn: [association] });
      }
      const privateTable = this.routeTables.private;
      if (privateTable) {
        new alicloud.vpc.RouteEntry(nameOf(p, "private", "default"), {
          routeTableId: privateTable.id,
          destinationCidrblock: "0.0.0.0/0",
          nexthopType: "NatGateway",
          nexthopId: this.natGateway.id,
          name: nameOf(p, "private", "default"),
          description: "Private tier egress through the NAT gateway",
        }, { parent: this });
      }
    }

    this.vpcId = this.vpc.id;
    this.vswitchIds = pulumi.all(Object.fromEntries(Object.entries(this.vswitches).map(([k, v]) => [k, v.id])));
    this.vswitchIdsByKey = Object.fromEntries(Object.entries(this.vswitches).map(([k, v]) => [k, v.id]));
    this.subnetsByKey = Object.fromEntries(plan.subnets.map((s) => [`${s.name}-${s.location}`, {
      name: s.aliName, zone: s.location, tier: s.tier, cidr: s.cidr,
    }]));
    this.subnets = pulumi.output({ ...this.subnetsByKey });
    this.natPublicIp = this.natEip ? this.natEip.ipAddress : pulumi.output(undefined);
    this.registerOutputs({
      vpcId: this.vpcId,
      vswitchIds: this.vswitchIds,
      subnets: this.subnets,
      natPublicIp: this.natPublicIp,
    });
  }
}
