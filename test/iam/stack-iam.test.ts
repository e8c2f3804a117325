import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { readStackFile } from "../../src/config/load";
import { parseEnvironment } from "../../src/planner";
import { GCP_BASIC_ROLES, PERSONAS, personaSlug } from "../../src/core/personas";
import { Inventory, resourcesOfType } from "../../src/offline/inventory";
import { configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

const STACKS = ["dev", "staging", "prod"] as const;
const plans = new Map<string, Promise<Inventory>>();
const plan = (stack: string) => {
  if (!plans.has(stack)) plans.set(stack, plannedStackFile(`Pulumi.${stack}.yaml`));
  return plans.get(stack)!;
};

/** Every `role` granted by any GCP IAM member or binding resource in the plan. */
function gcpGrantedRoles(inv: Inventory): { type: string; name: string; role: string }[] {
  return inv.resources
    .filter((r) => r.type.startsWith("gcp:") && /iam(member|binding)/i.test(r.type))
    .map((r) => ({ type: r.type, name: r.name, role: String(r.inputs.role) }));
}

/** RAM statements (Allow) that grant action `*` on resource `*`, across every RAM policy in the plan. */
function ramWildcards(inv: Inventory): string[] {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  const out: string[] = [];
  for (const r of resourcesOfType(inv, "alicloud:ram/policy:Policy")) {
    const doc = JSON.parse(String(r.inputs.policyDocument)) as { Statement: { Effect: string; Action: unknown; Resource: unknown }[] };
    for (const s of doc.Statement) {
      if (s.Effect === "Allow" && list(s.Action).some((a) => a === "*" || a === "*:*") && list(s.Resource).includes("*")) out.push(r.name);
    }
  }
  return out;
}

describe.each(STACKS)("IAM in the %s stack plan", (stack) => {
  it("has no basic role in any grant, no authoritative project policy, no service-account key and no RAM policy allowing * on *", async () => {
    const inv = await plan(stack);
    const grants = gcpGrantedRoles(inv);
    expect(grants.length).toBeGreaterThan(10);
    expect(grants.filter((g) => GCP_BASIC_ROLES.includes(g.role))).toEqual([]);
    const types = new Set(inv.resources.map((r) => r.type));
    for (const t of ["gcp:projects/iAMPolicy:IAMPolicy", "gcp:projects/iAMBinding:IAMBinding", "gcp:serviceaccount/key:Key", "alicloud:ram/accessKey:AccessKey",
      "alicloud:ram/groupMembership:GroupMembership", "alicloud:ram/userPolicyAttachment:UserPolicyAttachment"]) {
      expect(types.has(t), t).toBe(false);
    }
    expect(resourcesOfType(inv, "alicloud:ram/policy:Policy").length).toBeGreaterThan(0);
    expect(ramWildcards(inv)).toEqual([]);
  });

  it("turns on data-access audit logs for all services and hands each persona's RAM group to later areas", async () => {
    const inv = await plan(stack);
    const audit = resourcesOfType(inv, "gcp:projects/iAMAuditConfig:IAMAuditConfig");
    expect(audit.map((r) => r.inputs)).toEqual([{
      project: `acme-lz-${stack}`, service: "allServices",
      auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
    }]);
    expect(inv.outputs.alicloudPersonaGroups).toEqual(Object.fromEntries(PERSONAS.map((p) => [p, `${stack}-iam-${personaSlug(p)}`])));
    expect(inv.outputs.gcpCiDeployerEmail).toBe(`${stack}-iam-ci-deployer@acme-lz-${stack}.iam.gserviceaccount.com`);
    expect(inv.outputs.alicloudCiDeployerRoleArn).toBe(`acs:ram::1234567890123456:role/${stack}-iam-ci-deployer`);
    const trust = JSON.parse(String(resourcesOfType(inv, "alicloud:ram/role:Role").find((r) => r.name === `${stack}-iam-ci-deployer`)!.inputs.assumeRolePolicyDocument));
    expect(trust.Statement[0].Condition.StringLike).toEqual({ "oidc:sub": [`repo:acme/app:environment:${stack}`] });
  });
});

describe("production IAM", () => {
  it("grants people no admin role in prod (they do in dev), and no tester members", async () => {
    const [dev, prod] = await Promise.all([plan("dev"), plan("prod")]);
    const peopleAdminRoles = (inv: Inventory) => resourcesOfType(inv, "gcp:projects/iAMMember:IAMMember")
      .filter((r) => !String(r.inputs.member).startsWith("serviceAccount:") && /admin/i.test(String(r.inputs.role)))
      .map((r) => String(r.inputs.role));
    expect(peopleAdminRoles(dev).length).toBeGreaterThan(0);
    expect(peopleAdminRoles(prod)).toEqual([]);
    const ramFull = (inv: Inventory) => resourcesOfType(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment")
      .filter((r) => String(r.name).includes("-iam-") && /FullAccess|manage/.test(String(r.inputs.policyName)));
    expect(ramFull(dev).length).toBeGreaterThan(0);
    expect(ramFull(prod)).toEqual([]);
    expect(resourcesOfType(prod, "alicloud:ram/userGroupAttachment:UserGroupAttachment").filter((r) => r.inputs.groupName === "prod-iam-tester")).toEqual([]);
    expect(resourcesOfType(prod, "gcp:projects/iAMMember:IAMMember").filter((r) => String(r.name).startsWith("prod-iam-tester-"))).toEqual([]);
  });
});

describe("IAM config errors", () => {
  it("are reported under their key paths, all at once, before anything is planned", () => {
    const raw = structuredClone(readStackFile("Pulumi.prod.yaml").values) as Record<string, any>;
    raw.gcp.iam.members.developer = ["developers@acme.example"];
    raw.gcp.iam.members.admins = ["group:admins@acme.example"];
    raw.gcp.iam.extraRoles = { platformAdmin: ["roles/owner"] };
    raw.gcp.iam.customRoles = { "lz-reader": { title: "Reader", permissions: ["compute.instances.get"] } };
    raw.alicloud.ram.members.tester = ["qa liu"];
    raw.alicloud.ram.customPolicies = { all: { statements: [{ effect: "Allow", actions: ["*"], resources: ["*"] }], personas: ["developer"] } };
    raw.alicloud.ram.robot.maxSessionDuration = 100000;
    expect(configProblems(raw)).toEqual([
      ["LZ_MEMBER_INVALID", "landing-zone:gcp.iam.members.developer[0]"],
      ["LZ_UNKNOWN_PERSONA", "landing-zone:gcp.iam.members.admins"],
      ["LZ_IAM_BASIC_ROLE", "landing-zone:gcp.iam.extraRoles.platformAdmin[0]"],
      ["LZ_IAM_CUSTOM_ROLE_ID", "landing-zone:gcp.iam.customRoles.lz-reader"],
      ["LZ_RAM_USER_INVALID", "landing-zone:alicloud.ram.members.tester[0]"],
      ["LZ_RAM_POLICY_WILDCARD", "landing-zone:alicloud.ram.customPolicies.all.statements[0]"],
      ["LZ_RAM_SESSION_DURATION", "landing-zone:alicloud.ram.robot.maxSessionDuration"],
    ]);
  });

  it("want a written justification with allowBasicRoles, and accept the basic role with one", () => {
    const raw = structuredClone(readStackFile("Pulumi.dev.yaml").values) as Record<string, any>;
    raw.gcp.iam.extraRoles = { developer: ["roles/editor"] };
    raw.gcp.iam.allowBasicRoles = true;
    expect(configProblems(raw)).toEqual([["LZ_IAM_JUSTIFICATION", "landing-zone:gcp.iam.justification"]]);
    raw.gcp.iam.justification = "Sandbox migration until 2027-01, ticket OPS-1234";
    expect(parseEnvironment(raw).gcp?.iam?.extraRoles).toEqual({ developer: ["roles/editor"] });
  });

  it("make `npm run plan` exit 2 with the problems on stderr", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-iam-"));
    const file = path.join(dir, "Pulumi.dev.yaml");
    const text = fs.readFileSync("Pulumi.dev.yaml", "utf8");
    const bad = text.replace("developer: [group:developers@acme.example]", "developer: [group:developers@acme.example, roles/editor, \"user:\"]");
    expect(bad).not.toBe(text);
    fs.writeFileSync(file, bad);
    let out = "";
    let err = "";
    const code = await runPlan(["--config", file], (s) => { out += s; }, (s) => { err += s; });
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("landing-zone:gcp.iam.members.developer[1]: \"roles/editor\" is not a member");
    expect(err).toContain("[LZ_MEMBER_INVALID]");
    expect(err).toContain("landing-zone:gcp.iam.members.developer[2]");
  });
});
