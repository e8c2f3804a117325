import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { checkVpcDeployKeys } from "../core/vpc-form";
import { ALICLOUD_SECURITY_GROUPS_VPC_KEYS, alicloudSecurityGroupsVpc, AlicloudSecurityGroupsArgs, AlicloudSecurityGroupsPlan, planAlicloudSecurityGroups, validatedAlicloudSecurityGroups } from "./security-groups-plan";

export * from "./security-groups-plan";

/**
 * The tiered perimeter of one Alibaba VPC: one normal security group per tier (members do not
 * talk to each other unless a rule says so), intranet rules from the shared rule model with
 * tier-to-tier rules referencing the peer tier's security group and CIDR rules for the internet
 * and on-premises, and network ACLs on the public and private vSwitches as a second, stateless
 * layer.
 */
export class AlicloudSecurityGroups extends pulumi.ComponentResource {
  /** Security groups keyed by tier. */
  readonly securityGroups: Record<string, alicloud.ecs.SecurityGroup>;
  /** Security-group rules keyed by child name. */
  readonly securityGroupRules: Record<string, alicloud.ecs.SecurityGroupRule>;
  /** Network ACLs keyed `public` / `private`. */
  readonly networkAcls: Partial<Record<"public" | "private", alicloud.vpc.NetworkAcl>>;
  /** Security-group ids keyed by tier. */
  readonly securityGroupIds: pulumi.Output<Record<string, string>>;
  /** Network ACL ids keyed `public` / `private`. */
  readonly networkAclIds: pulumi.Output<Record<string, string>>;
  /** Security-group ids keyed by tier: a plain map (the tiers are known at plan time), one output per group. */
  readonly securityGroupIdsByTier: Readonly<Record<string, pulumi.Output<string>>>;
  /** Network ACL ids keyed `public` / `private`, one output per ACL. */
  readonly networkAclIdsByGroup: Readonly<Record<string, pulumi.Output<string>>>;
  /** The plan this component was built from (plain data). */
  readonly plan: AlicloudSecurityGroupsPlan;

  constructor(name: string, args: AlicloudSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, the component itself included.
    checkVpcDeployKeys("AlicloudSecurityGroups", planAlicloudSecurityGroups, name, args, ALICLOUD_SECURITY_GROUPS_VPC_KEYS);
    const plan = validatedAlicloudSecurityGroups(name, args);
    super("landing-zone:index:AlicloudSecurityGroups", name, args, opts);
    this.plan = plan;
    const vpc = alicloudSecurityGroupsVpc(args);
    const tags = { ...args.tags };

    this.securityGroups = {};
    for (const [tier, sgName] of Object.entries(plan.groups)) {
      this.securityGroups[tier] = new alicloud.ecs.SecurityGroup(sgName, {
        securityGroupName: sgName,
        description: `Tier ${tier} of ${plan.prefix}`,
        vpcId: vpc.vpcId,
        securityGroupType: "normal",
        innerAccessPolicy: "Drop",
        resourceGroupId: args.resourceGroupId,
        tags,
      }, { parent: this });
    }
    this.securityGroupRules = {};
    for (const r of plan.sgRules) {
      this.securityGroupRules[r.key] = new alicloud.ecs.SecurityGroupRule(r.key, {
        securityGroupId: this.securityGroups[r.tier]!.id,
        type: r.type,
        ipProtocol: r.ipProtocol,
        portRange: r.portRange,
        policy: r.policy,
        priority: r.priority,
        nicType: "intranet",
        ...(r.cidrIp !== undefined ? { cidrIp: r.cidrIp } : { sourceSecurityGroupId: this.securityGroups[r.peerTier!]!.id }),
        description: r.description,
      }, { parent: this });
    }
    this.networkAcls = {};
    for (const acl of plan.acls) {
      this.networkAcls[acl.group] = new alicloud.vpc.NetworkAcl(acl.name, {
        vpcId: vpc.vpcId,
        networkAclName: acl.name,
        description: `Stateless second layer of the ${acl.group} vSwitches`,
        ingressAclEntries: acl.ingress.map((e) => ({
          networkAclEntryName: e.networkAclEntryName, policy: e.policy, protocol: e.protocol, port: e.port, sourceCidrIp: e.cidr, description: e.description,
        })),
        egressAclEntries: acl.egress.map((e) => ({
          networkAclEntryName: e.networkAclEntryName, policy: e.policy, protocol: e.protocol, port: e.port, destinationCidrIp: e.cidr, description: e.description,
        })),
        resources: acl.vswitches.map((k) => ({ resourceId: vpc.vswitches[k]!.id, resourceType: "VSwitch" })),
        tags,
      }, { parent: this });
    }
    this.securityGroupIds = pulumi.all(Object.fromEntries(Object.entries(this.securityGroups).map(([k, v]) => [k, v.id])));
    this.securityGroupIdsByTier = Object.fromEntries(Object.entries(this.securityGroups).map(([k, v]) => [k, v.id]));
    this.networkAclIdsByGroup = Object.fromEntries(Object.entries(this.networkAcls).map(([k, v]) => [k, v.id]));
    this.networkAclIds = pulumi.all(Object.fromEntries(Object.entries(this.networkAcls).map(([k, v]) => [k, v.id])));
    this.registerOutputs({ securityGroupIds: this.securityGroupIds, networkAclIds: this.networkAclIds });
  }
}
