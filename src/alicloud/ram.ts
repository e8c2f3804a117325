import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { ALICLOUD_CUSTOM_POLICIES, Persona, PERSONAS, ramPolicyDocument, RamPolicyRef } from "../core/personas";
import { AlicloudRamArgs, ALICLOUD_RAM_DEFAULTS, ramGroupName, ramRobotRoleName, ramPolicyName, toStatements, robotTrustPolicy, planAlicloudRam, ramEffectivePolicies } from "./ram-plan";

export * from "./ram-plan";

/**
 * Alibaba RAM for the RBAC personas: one RAM group per persona with least-privilege system or
 * custom policies (narrower in production), membership of existing RAM users through
 * user-group attachments, and a RAM role for the CI deployer robot trusting a configured OIDC
 * provider or RAM principal.
 */
export class AlicloudRam extends pulumi.ComponentResource {
  /** One group per persona. */
  readonly groups: Record<Persona, alicloud.ram.Group>;
  /** Each persona's group name (for the registry's push/pull policies). */
  readonly groupNames: Record<Persona, pulumi.Output<string>>;
  /** Custom policies keyed by policy key. */
  readonly policies: Record<string, alicloud.ram.Policy>;
  /** The robot's role, when `robot` is given. */
  readonly robotRole?: alicloud.ram.Role;
  readonly robotRoleName?: pulumi.Output<string>;
  readonly robotRoleArn?: pulumi.Output<string>;
  /** The policies each persona holds (plain data). */
  readonly personaPolicies: Record<Persona, RamPolicyRef[]>;

  constructor(name: string, args: AlicloudRamArgs, opts?: pulumi.ComponentResourceOptions) {
    validated("AlicloudRam", planAlicloudRam, name, args);
    super("landing-zone:index:AlicloudRam", name, args, opts);
    const parent = { parent: this };
    const tags = { ...args.tags };
    this.personaPolicies = ramEffectivePolicies(args);
    const robot = args.robot;

    // Custom policies in use (built-in ones only when a persona, or the robot, holds them).
    const used = new Set(Object.values(this.personaPolicies).flat().filter((r) => r.type === "Custom").map((r) => r.name));
    this.policies = {};
    for (const key of [...used].sort()) {
      const spec = args.customPolicies?.[key];
      const statements = spec ? toStatements(spec) : ALICLOUD_CUSTOM_POLICIES[key]!;
      const policyName = ramPolicyName(name, key);
      this.policies[key] = new alicloud.ram.Policy(policyName, {
        policyName,
        policyDocument: ramPolicyDocument(statements),
        description: spec?.description ?? `Landing zone ${name}: ${key}`,
        rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
        tags,
      }, parent);
    }
    const attachmentName = (holder: string, ref: RamPolicyRef) => nameOf(holder, ref.type === "Custom" ? ramPolicyName(name, ref.name) : ref.name);
    const policyRef = (ref: RamPolicyRef): pulumi.Input<string> => (ref.type === "Custom" ? this.policies[ref.name]!.policyName : ref.name);

    this.groups = {} as Record<Persona, alicloud.ram.Group>;
    this.groupNames = {} as Record<Persona, pulumi.Output<string>>;
    for (const persona of PERSONAS) {
      const groupName = ramGroupName(name, persona);
      const group = new alicloud.ram.Group(groupName, { groupName, comments: `${persona} persona of ${name}` }, parent);
      this.groups[persona] = group;
      this.groupNames[persona] = group.groupName;
      for (const ref of this.personaPolicies[persona]) {
        new alicloud.ram.GroupPolicyAttachment(attachmentName(groupName, ref), { groupName: group.groupName, policyName: policyRef(ref), policyType: ref.type }, parent);
      }
      for (const user of args.members?.[persona] ?? []) {
        new alicloud.ram.UserGroupAttachment(nameOf(groupName, user), { groupName: group.groupName, userName: user }, parent);
      }
    }

    if (robot) {
      const roleName = ramRobotRoleName(name);
      this.robotRole = new alicloud.ram.Role(roleName, {
        roleName,
        assumeRolePolicyDocument: robotTrustPolicy(robot),
        description: `CI deployer robot of ${name}`,
        maxSessionDuration: robot.maxSessionDuration ?? ALICLOUD_RAM_DEFAULTS.maxSessionDuration,
        tags,
      }, parent);
      this.robotRoleName = this.robotRole.roleName;
      this.robotRoleArn = this.robotRole.arn;
      for (const ref of this.personaPolicies.ciDeployer) {
        new alicloud.ram.RolePolicyAttachment(attachmentName(roleName, ref), { roleName: this.robotRole.roleName, policyName: policyRef(ref), policyType: ref.type }, parent);
      }
    }

    this.registerOutputs({ groupNames: this.groupNames, robotRoleArn: this.robotRoleArn, personaPolicies: this.personaPolicies });
  }
}
