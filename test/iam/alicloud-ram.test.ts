import { describe, expect, it } from "vitest";
import { AlicloudRam, AlicloudRamArgs, planAlicloudRam } from "../../src/alicloud/ram";
import { ALICLOUD_PERSONA_POLICIES, PERSONAS, personaSlug } from "../../src/core/personas";
import { runOffline } from "../../src/offline/harness";
import { findResource, Inventory, resourcesOfType } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";
import { Problems } from "../../src/core/errors";
import { checkOidcTrust, ramTrustPolicy } from "../../src/alicloud/trust";

const ATTACH = "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment";
const TAGS = { environment: "dev", owner: "platform-team", "cost-center": "cc-1001" };

const ARGS: AlicloudRamArgs = {
  members: { platformAdmin: ["alice"], developer: ["bob", "carol"], tester: ["dave"] },
  robot: {
    oidcProviderArn: "acs:ram::1234567890123456:oidc-provider/github",
    issuer: "https://token.actions.githubusercontent.com",
    audiences: ["sts.aliyuncs.com"],
    subjects: ["repo:acme/app:environment:dev"],
  },
  tags: TAGS,
};

/** `group policyType:policyName` of every group attachment, sorted. */
function attachments(inv: Inventory): string[] {
  return resourcesOfType(inv, ATTACH).map((r) => `${r.inputs.groupName} ${r.inputs.policyType}:${r.inputs.policyName}`).sort();
}

describe("AlicloudRam", () => {
  it("creates a group per persona with its policies, user-group attachments and the robot's role", async () => {
    const inv = await runOffline(() => {
      const ram = new AlicloudRam("dev-iam", ARGS);
      return { groups: ram.groupNames, arn: ram.robotRoleArn };
    }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:ram/group:Group").map((r) => r.inputs).sort((a, b) => String(a.groupName).localeCompare(String(b.groupName)))).toEqual([
      { groupName: "dev-iam-billing-viewer", comments: "billingViewer persona of dev-iam" },
      { groupName: "dev-iam-ci-deployer", comments: "ciDeployer persona of dev-iam" },
      { groupName: "dev-iam-developer", comments: "developer persona of dev-iam" },
      { groupName: "dev-iam-network-admin", comments: "networkAdmin persona of dev-iam" },
      { groupName: "dev-iam-platform-admin", comments: "platformAdmin persona of dev-iam" },
      { groupName: "dev-iam-security-auditor", comments: "securityAuditor persona of dev-iam" },
      { groupName: "dev-iam-tester", comments: "tester persona of dev-iam" },
    ]);
    expect(attachments(inv)).toEqual([
      "dev-iam-billing-viewer System:AliyunBSSReadOnlyAccess",
      "dev-iam-ci-deployer Custom:dev-iam-ack-deploy",
      "dev-iam-developer System:AliyunCloudMonitorReadOnlyAccess",
      "dev-iam-network-admin Custom:dev-iam-security-groups-manage",
      "dev-iam-network-admin System:AliyunVPCFullAccess",
      "dev-iam-platform-admin System:AliyunCloudMonitorFullAccess",
      "dev-iam-platform-admin System:AliyunECSFullAccess",
      "dev-iam-platform-admin System:AliyunLogFullAccess",
      "dev-iam-platform-admin System:AliyunRAMReadOnlyAccess",
      "dev-iam-platform-admin System:AliyunVPCFullAccess",
      "dev-iam-security-auditor System:AliyunActionTrailReadOnlyAccess",
      "dev-iam-security-auditor System:AliyunConfigReadOnlyAccess",
      "dev-iam-security-auditor System:AliyunECSReadOnlyAccess",
      "dev-iam-security-auditor System:AliyunLogReadOnlyAccess",
      "dev-iam-security-auditor System:AliyunRAMReadOnlyAccess",
      "dev-iam-security-auditor System:AliyunVPCReadOnlyAccess",
    ]);
    expect(findResource(inv, ATTACH, "dev-iam-network-admin-dev-iam-security-groups-manage").inputs).toEqual({
      groupName: "dev-iam-network-admin", policyName: "dev-iam-security-groups-manage", policyType: "Custom",
    });
    expect(resourcesOfType(inv, "alicloud:ram/userGroupAttachment:UserGroupAttachment").map((r) => [r.name, r.inputs]).sort()).toEqual([
      ["dev-iam-developer-bob", { groupName: "dev-iam-developer", userName: "bob" }],
      ["dev-iam-developer-carol", { groupName: "dev-iam-developer", userName: "carol" }],
      ["dev-iam-platform-admin-alice", { groupName: "dev-iam-platform-admin", userName: "alice" }],
      ["dev-iam-tester-dave", { groupName: "dev-iam-tester", userName: "dave" }],
    ]);
    // Membership through user-group attachments only (GroupMembership is deprecated and authoritative).
    expect(resourcesOfType(inv, "alicloud:ram/groupMembership:GroupMembership")).toEqual([]);
    expect(findResource(inv, "alicloud:ram/policy:Policy", "dev-iam-security-groups-manage").inputs).toEqual({
      policyName: "dev-iam-security-groups-manage",
      description: "Landing zone dev-iam: security-groups-manage",
      rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
      tags: TAGS,
      policyDocument: JSON.stringify({
        Version: "1",
        Statement: [
          { Effect: "Allow", Action: ["ecs:DescribeSecurityGroups", "ecs:DescribeSecurityGroupAttribute", "ecs:DescribeSecurityGroupReferences"], Resource: ["*"] },
          {
            Effect: "Allow",
            Action: [
              "ecs:CreateSecurityGroup", "ecs:DeleteSecurityGroup", "ecs:ModifySecurityGroupAttribute", "ecs:ModifySecurityGroupPolicy",
              "ecs:AuthorizeSecurityGroup", "ecs:AuthorizeSecurityGroupEgress", "ecs:RevokeSecurityGroup", "ecs:RevokeSecurityGroupEgress",
              "ecs:ModifySecurityGroupRule", "ecs:ModifySecurityGroupEgressRule",
            ],
            Resource: ["acs:ecs:*:*:securitygroup/*"],
          },
        ],
      }),
    });
    expect(findResource(inv, "alicloud:ram/policy:Policy", "dev-iam-ack-deploy").inputs.policyDocument).toBe(JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: ["cs:DescribeClusters", "cs:DescribeClusterDetail", "cs:DescribeClusterUserKubeconfig"], Resource: ["*"] }],
    }));
    expect(resourcesOfType(inv, "alicloud:ram/policy:Policy").map((r) => r.name).sort()).toEqual(["dev-iam-ack-deploy", "dev-iam-security-groups-manage"]);
    expect(findResource(inv, "alicloud:ram/role:Role", "dev-iam-ci-deployer").inputs).toEqual({
      roleName: "dev-iam-ci-deployer",
      description: "CI deployer robot of dev-iam",
      maxSessionDuration: 3600,
      tags: TAGS,
      assumeRolePolicyDocument: JSON.stringify({
        Version: "1",
        Statement: [{
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Federated: ["acs:ram::1234567890123456:oidc-provider/github"] },
          Condition: {
            StringEquals: { "oidc:iss": ["https://token.actions.githubusercontent.com"], "oidc:aud": ["sts.aliyuncs.com"] },
            StringLike: { "oidc:sub": ["repo:acme/app:environment:dev"] },
          },
        }],
      }),
    });
    expect(findResource(inv, "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment", "dev-iam-ci-deployer-dev-iam-ack-deploy").inputs).toEqual({
      roleName: "dev-iam-ci-deployer", policyName: "dev-iam-ack-deploy", policyType: "Custom",
    });
    expect(inv.outputs.groups).toEqual(Object.fromEntries(PERSONAS.map((p) => [p, `dev-iam-${personaSlug(p)}`])));
    expect(inv.outputs.arn).toBe("acs:ram::1234567890123456:role/dev-iam-ci-deployer");
  });

  it("gives each persona exactly its policy table's policies, the narrower set in production", async () => {
    for (const production of [false, true]) {
      const inv = await runOffline(() => { new AlicloudRam("env-iam", { production }); }, { stack: "test" });
      for (const persona of PERSONAS) {
        const held = resourcesOfType(inv, ATTACH).filter((r) => r.inputs.groupName === `env-iam-${personaSlug(persona)}`)
          .map((r) => `${r.inputs.policyType}:${String(r.inputs.policyName).replace(/^env-iam-/, "")}`).sort();
        const table = ALICLOUD_PERSONA_POLICIES[persona];
        expect(held, `${persona} production=${production}`).toEqual((production ? table.production : table.standard).map((p) => `${p.type}:${p.name}`).sort());
      }
      // No robot role without a configured trust.
      expect(resourcesOfType(inv, "alicloud:ram/role:Role")).toEqual([]);
    }
  });

  it("production policies hold no FullAccess system policy and the manage policy becomes read-only", () => {
    for (const persona of PERSONAS) {
      const { standard, production } = ALICLOUD_PERSONA_POLICIES[persona];
      expect(production.length, persona).toBeLessThanOrEqual(standard.length);
      expect(production.filter((p) => /FullAccess|manage/.test(p.name)), persona).toEqual([]);
    }
  });

  it("trusts RAM principals, attaches config custom policies to their personas", async () => {
    const inv = await runOffline(() => {
      new AlicloudRam("stg-iam", {
        robot: { trustedPrincipals: ["acs:ram::1234567890123456:user/ci-runner"], maxSessionDuration: 7200 },
        customPolicies: {
          "oss-artifacts-read": {
            statements: [{ effect: "Allow", actions: ["oss:GetObject", "oss:ListObjects"], resources: ["acs:oss:*:*:acme-artifacts", "acs:oss:*:*:acme-artifacts/*"] }],
            description: "Read build artifacts",
            personas: ["tester"],
          },
        },
      });
    }, { stack: "test" });
    const role = findResource(inv, "alicloud:ram/role:Role", "stg-iam-ci-deployer").inputs;
    expect(role.maxSessionDuration).toBe(7200);
    expect(JSON.parse(String(role.assumeRolePolicyDocument))).toEqual({
      Version: "1",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: ["acs:ram::1234567890123456:user/ci-runner"] } }],
    });
    expect(findResource(inv, "alicloud:ram/policy:Policy", "stg-iam-oss-artifacts-read").inputs).toEqual({
      policyName: "stg-iam-oss-artifacts-read",
      description: "Read build artifacts",
      rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
      tags: {},
      policyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"Resource":["acs:oss:*:*:acme-artifacts","acs:oss:*:*:acme-artifacts/*"]}]}',
    });
    expect(findResource(inv, ATTACH, "stg-iam-tester-stg-iam-oss-artifacts-read").inputs).toEqual({
      groupName: "stg-iam-tester", policyName: "stg-iam-oss-artifacts-read", policyType: "Custom",
    });
  });

  it("rejects bad users, unknown personas, wildcard policies, bad trust and names over the RAM limits, all at once", async () => {
    expect(await componentProblems(() => new AlicloudRam("dev-iam", {
      members: { developer: ["bob", "-bad", "bob", "x".repeat(65)], admins: ["eve"] },
      customPolicies: {
        everything: { statements: [{ effect: "Allow", actions: ["*"], resources: ["*"] }], personas: ["developer", "root"] },
        "ack-deploy": { statements: [{ effect: "Permit", actions: ["cs DescribeClusters"], resources: [] }] },
        empty: { statements: [] },
      },
      robot: { oidcProviderArn: "arn:github", audiences: [], trustedPrincipals: ["acs:ram::12:user/x"], maxSessionDuration: 60 },
    }))).toEqual([
      ["LZ_RAM_USER_INVALID", "AlicloudRam args.members.developer[1]"],
      ["LZ_IAM_MEMBER_DUPLICATE", "AlicloudRam args.members.developer[2]"],
      ["LZ_RAM_USER_INVALID", "AlicloudRam args.members.developer[3]"],
      ["LZ_UNKNOWN_PERSONA", "AlicloudRam args.members.admins"],
      ["LZ_RAM_POLICY_WILDCARD", "AlicloudRam args.customPolicies.everything.statements[0]"],
      ["LZ_UNKNOWN_PERSONA", "AlicloudRam args.customPolicies.everything.personas[1]"],
      ["LZ_RAM_POLICY_DUPLICATE", "AlicloudRam args.customPolicies.ack-deploy"],
      ["LZ_RAM_POLICY_EFFECT", "AlicloudRam args.customPolicies.ack-deploy.statements[0].effect"],
      ["LZ_RAM_POLICY_EMPTY", "AlicloudRam args.customPolicies.ack-deploy.statements[0]"],
      ["LZ_RAM_ACTION_INVALID", "AlicloudRam args.customPolicies.ack-deploy.statements[0].actions[0]"],
      ["LZ_RAM_POLICY_EMPTY", "AlicloudRam args.customPolicies.empty.statements"],
      ["LZ_RAM_PRINCIPAL_INVALID", "AlicloudRam args.robot.oidcProviderArn"],
      ["LZ_RAM_OIDC_ISSUER", "AlicloudRam args.robot.issuer"],
      ["LZ_RAM_OIDC_AUDIENCE", "AlicloudRam args.robot.audiences"],
      ["LZ_RAM_OIDC_SUBJECT", "AlicloudRam args.robot.subjects"],
      ["LZ_RAM_PRINCIPAL_INVALID", "AlicloudRam args.robot.trustedPrincipals[0]"],
      ["LZ_RAM_SESSION_DURATION", "AlicloudRam args.robot.maxSessionDuration"],
    ]);
  });

  it("rejects a component name that makes group names longer than 64 characters, and a robot that trusts nobody", async () => {
    const name = `e${"x".repeat(50)}`;
    expect(await componentProblems(() => new AlicloudRam(name, { robot: {} }))).toEqual([
      ["LZ_RAM_NAME", "AlicloudRam args"], // -platform-admin
      ["LZ_RAM_NAME", "AlicloudRam args"], // -network-admin
      ["LZ_RAM_NAME", "AlicloudRam args"], // -security-auditor
      ["LZ_RAM_NAME", "AlicloudRam args"], // -billing-viewer
      ["LZ_RAM_ROBOT_TRUST", "AlicloudRam args.robot"],
    ]);
  });

  it("checks the tags of its policies and role like every Alibaba component", async () => {
    expect(await componentProblems(() => new AlicloudRam("dev-iam", { tags: { "aliyun-team": "iam", Env: "dev" } }))).toEqual([
      ["LZ_LABEL_KEY", "AlicloudRam args.tags.Env"],
      ["LZ_TAG_KEY_RESERVED", "AlicloudRam args.tags.aliyun-team"],
    ]);
  });

  it("rejects a component name that fits group names but not the built-in policies' names (letters, digits, hyphens)", async () => {
    expect(await componentProblems(() => new AlicloudRam("dev_iam", {}))).toEqual([
      ["LZ_RAM_NAME", "AlicloudRam args"], // dev_iam-ack-deploy
      ["LZ_RAM_NAME", "AlicloudRam args"], // dev_iam-security-groups-manage
    ]);
  });

  it("rejects a custom policy description outside RAM's 1–1024 characters, and accepts 1024", async () => {
    const policy = (description: string) => ({ audit: { statements: [{ effect: "Allow", actions: ["ecs:DescribeInstances"], resources: ["*"] }], description } });
    expect(await componentProblems(() => new AlicloudRam("dev-iam", { customPolicies: { ...policy("d".repeat(1025)) } }))).toEqual([
      ["LZ_RAM_POLICY_DESCRIPTION", "AlicloudRam args.customPolicies.audit.description"],
    ]);
    expect(await componentProblems(() => new AlicloudRam("dev-iam", { customPolicies: { ...policy("") } }))).toEqual([
      ["LZ_RAM_POLICY_DESCRIPTION", "AlicloudRam args.customPolicies.audit.description"],
    ]);
    const ok = planProblems("dev-iam", { customPolicies: { ...policy("d".repeat(1024)) } });
    expect(ok).toEqual([]);
  });
});

function planProblems(name: string, args: AlicloudRamArgs): string[] {
  const problems = new Problems();
  planAlicloudRam(name, args, "AlicloudRam args", problems);
  return problems.items.map((p) => p.code);
}

describe("ramTrustPolicy (src/alicloud/trust.ts, shared by RAM, registry and logging roles)", () => {
  it("writes one statement per kind of principal, OIDC first, and always restricts the OIDC subject", () => {
    expect(JSON.parse(ramTrustPolicy({
      oidc: { providerArn: "acs:ram::1234567890123456:oidc-provider/github", issuer: "https://issuer.example", audiences: ["sts.aliyuncs.com"] },
      principals: ["acs:ram::1234567890123456:root"],
      services: ["actiontrail.aliyuncs.com"],
    }))).toEqual({
      Version: "1",
      Statement: [
        {
          Effect: "Allow", Action: "sts:AssumeRole", Principal: { Federated: ["acs:ram::1234567890123456:oidc-provider/github"] },
          Condition: { StringEquals: { "oidc:iss": ["https://issuer.example"], "oidc:aud": ["sts.aliyuncs.com"] }, StringLike: { "oidc:sub": [] } },
        },
        { Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: ["acs:ram::1234567890123456:root"] } },
        { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["actiontrail.aliyuncs.com"] } },
      ],
    });
  });

  it("checkOidcTrust reports each bad field under the caller's key and code", () => {
    const problems = new Problems();
    const keys = {
      providerArn: { key: "arn", code: "C_ARN" }, issuer: { key: "iss", code: "C_ISS" },
      audiences: { key: "aud", code: "C_AUD" }, subjects: { key: "sub", code: "C_SUB" },
    };
    checkOidcTrust({ providerArn: "acs:ram::1:oidc-provider/", issuer: "http://issuer.example", audiences: [], subjects: [] }, "x", keys, problems);
    expect(problems.items.map((p) => [p.code, p.path])).toEqual([["C_ARN", "x.arn"], ["C_ISS", "x.iss"], ["C_AUD", "x.aud"], ["C_SUB", "x.sub"]]);
    const ok = new Problems();
    checkOidcTrust({ providerArn: "acs:ram::1234567890123456:oidc-provider/github", issuer: "https://issuer.example", audiences: ["a"], subjects: ["s"] }, "x", keys, ok);
    expect(ok.items).toEqual([]);
  });
});
