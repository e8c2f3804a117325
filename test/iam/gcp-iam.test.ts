import { describe, expect, it } from "vitest";
import { GCP_PERSONA_ROLES, PERSONAS } from "../../src/core/personas";
import { GcpIam, GcpIamArgs } from "../../src/gcp/iam";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const MEMBER = "gcp:projects/iAMMember:IAMMember";
const ROBOT_MEMBER = "serviceAccount:dev-iam-ci-deployer@acme-lz-dev.iam.gserviceaccount.com";

const ARGS: GcpIamArgs = {
  project: "acme-lz-dev",
  members: {
    platformAdmin: ["group:platform-team@acme.example"],
    networkAdmin: ["group:network-team@acme.example"],
    securityAuditor: ["group:security-audit@acme.example"],
    developer: ["group:developers@acme.example"],
    tester: ["group:qa@acme.example"],
    billingViewer: ["group:finance@acme.example"],
  },
  billingAccount: "01A2B3-C4D5E6-F7A8B9",
  robotImpersonators: ["principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci/attribute.repository/acme/app"],
};

/** `role member` of every project grant, sorted. */
function grants(inv: Inventory): string[] {
  return resourcesOfType(inv, MEMBER).map((r) => `${r.inputs.role} ${r.inputs.member}`).sort();
}

describe("GcpIam", () => {
  it("grants each persona its predefined roles additively, creates a key-less robot, billing and audit config", async () => {
    const inv = await runOffline(() => { new GcpIam("dev-iam", ARGS); }, { stack: "test" });
    expect(grants(inv)).toEqual([
      "roles/cloudasset.viewer group:security-audit@acme.example",
      "roles/compute.admin group:platform-team@acme.example",
      "roles/compute.networkAdmin group:network-team@acme.example",
      "roles/compute.securityAdmin group:network-team@acme.example",
      `roles/container.developer ${ROBOT_MEMBER}`,
      "roles/dns.admin group:network-team@acme.example",
      "roles/iam.securityReviewer group:security-audit@acme.example",
      "roles/iam.serviceAccountCreator group:platform-team@acme.example",
      "roles/iam.serviceAccountViewer group:platform-team@acme.example",
      "roles/logging.admin group:platform-team@acme.example",
      "roles/logging.privateLogViewer group:security-audit@acme.example",
      "roles/logging.viewer group:developers@acme.example",
      "roles/logging.viewer group:qa@acme.example",
      "roles/monitoring.admin group:platform-team@acme.example",
      "roles/monitoring.viewer group:developers@acme.example",
      `roles/run.developer ${ROBOT_MEMBER}`,
      "roles/serviceusage.serviceUsageAdmin group:platform-team@acme.example",
    ]);
    expect(findResource(inv, MEMBER, "dev-iam-developer-logging.viewer-group:developers@acme.example").inputs).toEqual({
      project: "acme-lz-dev", role: "roles/logging.viewer", member: "group:developers@acme.example",
    });
    expect(findResource(inv, MEMBER, "dev-iam-ci-deployer-container.developer-robot").inputs).toEqual({
      project: "acme-lz-dev", role: "roles/container.developer", member: ROBOT_MEMBER,
    });
    expect(findResource(inv, "gcp:serviceaccount/account:Account", "dev-iam-ci-deployer").inputs).toEqual({
      project: "acme-lz-dev",
      accountId: "dev-iam-ci-deployer",
      displayName: "CI deployer (dev-iam)",
      description: "CI deployer robot of the landing zone; no keys: use workload identity federation or impersonation",
    });
    expect(resourcesOfType(inv, "gcp:serviceaccount/key:Key")).toEqual([]);
    expect(findResource(inv, "gcp:serviceaccount/iAMMember:IAMMember",
      `dev-iam-ci-deployer-wif-${ARGS.robotImpersonators![0]}`).inputs).toEqual({
      serviceAccountId: "projects/acme-lz-dev/serviceAccounts/dev-iam-ci-deployer@acme-lz-dev.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      member: ARGS.robotImpersonators![0],
    });
    expect(findResource(inv, "gcp:billing/accountIamMember:AccountIamMember", "dev-iam-billing-viewer-billing-billing.viewer-group:finance@acme.example").inputs).toEqual({
      billingAccountId: "01A2B3-C4D5E6-F7A8B9", role: "roles/billing.viewer", member: "group:finance@acme.example",
    });
    expect(findResource(inv, "gcp:projects/iAMAuditConfig:IAMAuditConfig", "dev-iam-all-services").inputs).toEqual({
      project: "acme-lz-dev",
      service: "allServices",
      auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
    });
    // Additive grants only: never the authoritative policy or per-role bindings.
    const types = new Set(inv.resources.map((r) => r.type));
    expect([...types].sort()).toEqual([
      "gcp:billing/accountIamMember:AccountIamMember",
      "gcp:projects/iAMAuditConfig:IAMAuditConfig",
      "gcp:projects/iAMMember:IAMMember",
      "gcp:serviceaccount/account:Account",
      "gcp:serviceaccount/iAMMember:IAMMember",
      "landing-zone:index:GcpIam",
    ]);
    for (const r of inv.resources.filter((x) => x.type !== "landing-zone:index:GcpIam")) {
      expect(r.parent).toBe("urn:pulumi:test::landing-zone::landing-zone:index:GcpIam::dev-iam");
    }
  });

  it("gives each persona exactly its role table's roles, the narrower set in production", async () => {
    for (const production of [false, true]) {
      const members = Object.fromEntries(PERSONAS.map((p) => [p, [`group:${p.toLowerCase()}@acme.example`]]));
      const inv = await runOffline(() => { new GcpIam("env-iam", { project: "acme-lz-prod", production, members, ciDeployerRobot: false }); }, { stack: "test" });
      for (const persona of PERSONAS) {
        const held = resourcesOfType(inv, MEMBER).filter((r) => r.inputs.member === `group:${persona.toLowerCase()}@acme.example`).map((r) => r.inputs.role).sort();
        const table = GCP_PERSONA_ROLES[persona];
        expect(held, `${persona} production=${production}`).toEqual([...(production ? table.production : table.standard)].sort());
      }
    }
  });

  it("prod grants are never wider than non-prod and hold no admin role for people", () => {
    for (const persona of PERSONAS) {
      const { standard, production } = GCP_PERSONA_ROLES[persona];
      expect(production.length, persona).toBeLessThanOrEqual(standard.length);
      expect(production.filter((r) => /admin/i.test(r)), persona).toEqual([]);
    }
  });

  it("creates custom roles and grants them by their full name; extra roles too; basic roles with a justification", async () => {
    const inv = await runOffline(() => {
      new GcpIam("dev-iam", {
        project: "acme-lz-dev",
        members: { developer: ["user:ana@acme.example"] },
        ciDeployerRobot: false,
        dataAccessLogs: false,
        customRoles: {
          lzLogBucketReader: { title: "Log bucket reader", permissions: ["logging.buckets.get", "logging.buckets.list"], personas: ["developer"] },
        },
        extraRoles: { developer: ["roles/cloudtrace.user", "roles/viewer"] },
        allowBasicRoles: true,
        justification: "Sandbox project: temporary until 2027-01 for the migration team",
      });
    }, { stack: "test" });
    expect(findResource(inv, "gcp:projects/iAMCustomRole:IAMCustomRole", "dev-iam-lzLogBucketReader").inputs).toEqual({
      project: "acme-lz-dev", roleId: "lzLogBucketReader", title: "Log bucket reader",
      permissions: ["logging.buckets.get", "logging.buckets.list"], stage: "GA",
    });
    expect(grants(inv)).toEqual([
      "projects/acme-lz-dev/roles/lzLogBucketReader user:ana@acme.example",
      "roles/cloudtrace.user user:ana@acme.example",
      "roles/logging.viewer user:ana@acme.example",
      "roles/monitoring.viewer user:ana@acme.example",
      "roles/viewer user:ana@acme.example",
    ]);
    expect(resourcesOfType(inv, "gcp:projects/iAMAuditConfig:IAMAuditConfig")).toEqual([]);
  });

  it("rejects malformed members, unknown personas, basic roles without opt-in and bad custom roles, all at once", async () => {
    expect(await componentProblems(() => new GcpIam("dev-iam", {
      project: "acme-lz-dev",
      members: {
        developer: ["developers@acme.example", "group:not-an-email", "user:ana@acme.example", "user:ana@acme.example", "allUsers"],
        platformAdmin: ["domain:Acme..example", "serviceAccount:123-compute@developer.gserviceaccount.com", "principal://example.com/x"],
        superuser: ["user:bob@acme.example"],
      },
      extraRoles: { tester: ["roles/editor", "owner"], root: ["roles/owner"] },
      customRoles: {
        "lz-reader": { title: "", permissions: ["compute.*"], stage: "BOGUS", personas: ["admin"] },
        ok_role: { title: "Fine", permissions: [] },
      },
      robotImpersonators: ["github:acme/app"],
      billingAccount: "nope",
    }))).toEqual([
      ["LZ_MEMBER_INVALID", "GcpIam args.members.developer[0]"],
      ["LZ_MEMBER_INVALID", "GcpIam args.members.developer[1]"],
      ["LZ_IAM_MEMBER_DUPLICATE", "GcpIam args.members.developer[3]"],
      ["LZ_MEMBER_PUBLIC", "GcpIam args.members.developer[4]"],
      ["LZ_MEMBER_INVALID", "GcpIam args.members.platformAdmin[0]"],
      ["LZ_IAM_DEFAULT_SERVICE_ACCOUNT", "GcpIam args.members.platformAdmin[1]"],
      ["LZ_MEMBER_INVALID", "GcpIam args.members.platformAdmin[2]"],
      ["LZ_UNKNOWN_PERSONA", "GcpIam args.members.superuser"],
      ["LZ_IAM_BASIC_ROLE", "GcpIam args.extraRoles.tester[0]"],
      ["LZ_IAM_ROLE_INVALID", "GcpIam args.extraRoles.tester[1]"],
      ["LZ_UNKNOWN_PERSONA", "GcpIam args.extraRoles.root"],
      ["LZ_IAM_BASIC_ROLE", "GcpIam args.extraRoles.root[0]"],
      ["LZ_IAM_CUSTOM_ROLE_ID", "GcpIam args.customRoles.lz-reader"],
      ["LZ_IAM_CUSTOM_ROLE_TITLE", "GcpIam args.customRoles.lz-reader.title"],
      ["LZ_IAM_PERMISSION_INVALID", "GcpIam args.customRoles.lz-reader.permissions[0]"],
      ["LZ_IAM_CUSTOM_ROLE_STAGE", "GcpIam args.customRoles.lz-reader.stage"],
      ["LZ_UNKNOWN_PERSONA", "GcpIam args.customRoles.lz-reader.personas[0]"],
      ["LZ_IAM_CUSTOM_ROLE_PERMISSIONS", "GcpIam args.customRoles.ok_role.permissions"],
      ["LZ_MEMBER_INVALID", "GcpIam args.robotImpersonators[0]"],
      ["LZ_BILLING_ACCOUNT", "GcpIam args.billingAccount"],
    ]);
  });

  it("accepts every member form: user, group, service account, GKE workload, domain, principal and principal set", async () => {
    const members = [
      "user:ana@acme.example", "group:qa@acme.example", "serviceAccount:ci@acme-lz-dev.iam.gserviceaccount.com",
      "serviceAccount:acme-lz-dev.svc.id.goog[payments/api]", "domain:acme.example",
      "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/subject/repo:acme/app:ref:refs/heads/main",
      "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/*",
    ];
    const inv = await runOffline(() => { new GcpIam("dev-iam", { project: "acme-lz-dev", members: { tester: members }, ciDeployerRobot: false }); }, { stack: "test" });
    expect(resourcesOfType(inv, MEMBER).map((r) => r.inputs.member)).toEqual(expect.arrayContaining(members));
    expect(resourcesOfType(inv, MEMBER).length).toBe(members.length);
  });

  it("refuses a principal set as the production robot's impersonator, accepts a single subject", async () => {
    const set = "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/acme/app";
    const subject = "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/subject/repo:acme/app:environment:prod";
    expect(await componentProblems(() => new GcpIam("prod-iam", { project: "acme-lz-prod", production: true, dataAccessLogs: false, robotImpersonators: [subject, set] })))
      .toEqual([["LZ_IAM_ROBOT_PRINCIPAL_SET", "GcpIam args.robotImpersonators[1]"]]);
    const inv = await runOffline(() => { new GcpIam("prod-iam", { project: "acme-lz-prod", production: true, dataAccessLogs: false, robotImpersonators: [subject] }); }, { stack: "test" });
    expect(resourcesOfType(inv, "gcp:serviceaccount/iAMMember:IAMMember").map((r) => [r.inputs.role, r.inputs.member]))
      .toEqual([["roles/iam.workloadIdentityUser", subject]]);
  });

  it("measures a custom role title in UTF-8 bytes (the API allows 100), not characters", async () => {
    const title = "网络只读".repeat(10); // 40 characters, 120 bytes
    expect(await componentProblems(() => new GcpIam("dev-iam", {
      project: "acme-lz-dev", ciDeployerRobot: false, dataAccessLogs: false,
      customRoles: { lzNetworkReader: { title, permissions: ["compute.networks.get"] } },
    }))).toEqual([["LZ_IAM_CUSTOM_ROLE_TITLE", "GcpIam args.customRoles.lzNetworkReader.title"]]);
  });

  it("wants a written justification with allowBasicRoles, and a robot name within the account id limit", async () => {
    expect(await componentProblems(() => new GcpIam("a-very-long-environment-iam", {
      project: "Acme", allowBasicRoles: true, justification: "because", extraRoles: { developer: ["roles/editor"] },
    }))).toEqual([
      ["LZ_PROJECT_ID", "GcpIam args.project"],
      ["LZ_IAM_ACCOUNT_ID", "GcpIam args"],
      ["LZ_IAM_JUSTIFICATION", "GcpIam args.justification"],
    ]);
  });

  it("explains a basic role with the fix", () => {
    expect(() => new GcpIam("dev-iam", { project: "acme-lz-dev", extraRoles: { developer: ["roles/owner"] } })).toThrow(
      'GcpIam "dev-iam": 1 problem found, nothing was created:\n  - GcpIam args.extraRoles.developer[0]: roles/owner is a basic role (far wider than any persona needs) [LZ_IAM_BASIC_ROLE]\n    fix: grant predefined or custom roles; or set allowBasicRoles: true with a justification',
    );
  });
});
