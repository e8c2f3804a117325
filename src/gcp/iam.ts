import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { GCP_BILLING_ACCOUNT_ROLES, Persona, PERSONAS, personaSlug } from "../core/personas";
import { GCP_AUDIT_LOG_TYPES, GCP_WORKLOAD_IDENTITY_ROLE, GcpIamArgs, GCP_IAM_DEFAULTS, gcpRobotAccountId, planGcpIam, gcpEffectiveRoles, roleTail } from "./iam-plan";

export * from "./iam-plan";

/**
 * Project IAM for the RBAC personas: additive `IAMMember` grants only (never the authoritative
 * policy), predefined roles per persona (narrower in production), optional custom roles, the CI
 * deployer robot as a key-less service account ready for workload identity federation, billing
 * viewers on the billing account, and data-access audit logs for all services.
 */
export class GcpIam extends pulumi.ComponentResource {
  /** The CI deployer robot (no keys), when `ciDeployerRobot` is on. */
  readonly robot?: gcp.serviceaccount.Account;
  /** The robot's email, when it exists. */
  readonly robotEmail?: pulumi.Output<string>;
  /** Custom roles keyed by role id. */
  readonly customRoles: Record<string, gcp.projects.IAMCustomRole>;
  /** Project grants keyed by child name. */
  readonly grants: Record<string, gcp.projects.IAMMember>;
  /** Billing-account grants keyed by child name. */
  readonly billingGrants: Record<string, gcp.billing.AccountIamMember>;
  /** Impersonation grants on the robot keyed by child name. */
  readonly robotGrants: Record<string, gcp.serviceaccount.IAMMember>;
  /** The data-access audit config, when `dataAccessLogs` is on. */
  readonly auditConfig?: gcp.projects.IAMAuditConfig;
  /** The roles each persona holds (plain data; custom roles as `custom:<id>`). */
  readonly personaRoles: Record<Persona, string[]>;

  constructor(name: string, args: GcpIamArgs, opts?: pulumi.ComponentResourceOptions) {
    validated("GcpIam", planGcpIam, name, args);
    super("landing-zone:index:GcpIam", name, args, opts);
    const project = args.project;
    const parent = { parent: this };
    this.personaRoles = gcpEffectiveRoles(args);

    this.customRoles = {};
    for (const [id, role] of Object.entries(args.customRoles ?? {})) {
      this.customRoles[id] = new gcp.projects.IAMCustomRole(nameOf(name, id), {
        project,
        roleId: id,
        title: role.title,
        description: role.description,
        permissions: [...role.permissions],
        stage: role.stage ?? GCP_IAM_DEFAULTS.stage,
      }, parent);
    }

    if (args.ciDeployerRobot ?? GCP_IAM_DEFAULTS.ciDeployerRobot) {
      const accountId = gcpRobotAccountId(name);
      this.robot = new gcp.serviceaccount.Account(accountId, {
        project,
        accountId,
        displayName: `CI deployer (${name})`,
        description: "CI deployer robot of the landing zone; no keys: use workload identity federation or impersonation",
      }, parent);
      this.robotEmail = this.robot.email;
    }

    this.grants = {};
    for (const persona of PERSONAS) {
      const members: { key: string; member: pulumi.Input<string> }[] = (args.members?.[persona] ?? []).map((m) => ({ key: m, member: m }));
      if (persona === "ciDeployer" && this.robot) members.push({ key: "robot", member: this.robot.member });
      for (const role of this.personaRoles[persona]) {
        const roleRef: pulumi.Input<string> = role.startsWith("custom:") ? this.customRoles[role.slice("custom:".length)]!.name : role;
        for (const { key, member } of members) {
          const child = nameOf(name, personaSlug(persona), roleTail(role), key);
          this.grants[child] = new gcp.projects.IAMMember(child, { project, role: roleRef, member }, parent);
        }
      }
    }

    this.billingGrants = {};
    if (args.billingAccount !== undefined) {
      for (const persona of PERSONAS) {
        for (const role of GCP_BILLING_ACCOUNT_ROLES[persona] ?? []) {
          for (const member of args.members?.[persona] ?? []) {
            const child = nameOf(name, personaSlug(persona), "billing", roleTail(role), member);
            this.billingGrants[child] = new gcp.billing.AccountIamMember(child, { billingAccountId: args.billingAccount, role, member }, parent);
          }
        }
      }
    }

    this.robotGrants = {};
    if (this.robot) {
      for (const member of args.robotImpersonators ?? []) {
        const child = nameOf(name, "ci-deployer", "wif", member);
        this.robotGrants[child] = new gcp.serviceaccount.IAMMember(child, {
          serviceAccountId: this.robot.name, role: GCP_WORKLOAD_IDENTITY_ROLE, member,
        }, parent);
      }
    }

    if (args.dataAccessLogs ?? GCP_IAM_DEFAULTS.dataAccessLogs) {
      this.auditConfig = new gcp.projects.IAMAuditConfig(nameOf(name, "all-services"), {
        project,
        service: "allServices",
        auditLogConfigs: GCP_AUDIT_LOG_TYPES.map((logType) => ({ logType })),
      }, parent);
    }

    this.registerOutputs({ robotEmail: this.robotEmail, personaRoles: this.personaRoles });
  }
}
