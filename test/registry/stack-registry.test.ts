import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/cli/plan";
import { readStackFile } from "../../src/config/load";
import { parseEnvironment } from "../../src/planner";
import { Persona, personaRegistryAccess } from "../../src/core/personas";
import { Inventory, resourcesOfType } from "../../src/offline/inventory";
import { configProblems } from "../helpers";
import { plannedStackFile } from "../stack-plans";

const REPO = "gcp:artifactregistry/repository:Repository";
const MEMBER = "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember";
const ROLE = { push: "roles/artifactregistry.writer", pull: "roles/artifactregistry.reader" } as const;

/** `member role` of every grant on `repository`, sorted. */
const grants = (inv: Inventory, repository: string) => resourcesOfType(inv, MEMBER)
  .filter((r) => r.inputs.repository === repository).map((r) => `${r.inputs.member} ${r.inputs.role}`).sort();

describe.each(["dev", "staging", "prod"])("the registry of the %s stack", (stack) => {
  it("grants exactly the persona access on the repository: push for ciDeployer (and the robot) and, outside production, developer; pull for tester and readers", async () => {
    const spec = parseEnvironment(readStackFile(`Pulumi.${stack}.yaml`).values);
    const production = spec.production === true;
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    const expected = new Set<string>([`serviceAccount:${stack}-registry-ci@${spec.gcp!.project}.iam.gserviceaccount.com ${ROLE.push}`]);
    for (const [persona, members] of Object.entries(spec.gcp!.iam?.members ?? {})) {
      const access = personaRegistryAccess(persona as Persona, production);
      if (access !== "none") for (const m of members ?? []) expected.add(`${m} ${ROLE[access]}`);
    }
    for (const m of spec.gcp!.registry!.readers ?? []) expected.add(`${m} ${ROLE.pull}`);
    expect(grants(inv, `${stack}-containers`)).toEqual([...expected].sort());
    for (const r of resourcesOfType(inv, MEMBER)) expect(String(r.inputs.member)).not.toMatch(/^all(Authenticated)?Users$/);

    // Alibaba: the persona groups the IAM area made get the push or pull policy; nobody else.
    const groups = (inv.outputs.alicloudPersonaGroups ?? {}) as Record<string, string>;
    const want = Object.entries(groups).filter(([p]) => personaRegistryAccess(p as Persona, production) !== "none")
      .map(([p, g]) => `${g} ${stack}-registry-${personaRegistryAccess(p as Persona, production)}`).sort();
    const got = resourcesOfType(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment")
      .filter((r) => String(r.inputs.policyName).startsWith(`${stack}-registry-`)).map((r) => `${r.inputs.groupName} ${r.inputs.policyName}`).sort();
    expect(got).toEqual(want);
  });

  it("buys no ACR instance, keeps every repository private and publishes the docker URLs", async () => {
    const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
    expect(resourcesOfType(inv, "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance")).toEqual([]);
    for (const r of resourcesOfType(inv, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo")) expect(r.inputs.repoType).toBe("PRIVATE");
    for (const r of resourcesOfType(inv, "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace")) {
      expect([r.inputs.defaultVisibility, r.inputs.autoCreate]).toEqual(["PRIVATE", false]);
    }
    const host = stack === "prod" ? "acme-prod" : "acme-shared";
    expect(inv.outputs).toMatchObject({
      gcpRegistryUrl: `europe-west1-docker.pkg.dev/acme-lz-${stack}/${stack}-containers`,
      alicloudRegistryUrl: `${host}-registry.cn-hangzhou.cr.aliyuncs.com/${stack}`,
      alicloudRegistryVpcUrl: `${host}-registry-vpc.cn-hangzhou.cr.aliyuncs.com/${stack}`,
    });
    // The VPC endpoint sits on the first private subnet's first vSwitch of the landing-zone VPC.
    const link = resourcesOfType(inv, "alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc");
    expect(link).toHaveLength(1);
    const vpc = resourcesOfType(inv, "alicloud:vpc/network:Network")[0]!;
    expect(link[0]!.dependencies).toContain(vpc.urn);
    expect(link[0]!.dependencies).toContain(resourcesOfType(inv, "alicloud:vpc/switch:Switch").find((s) => s.name === `${stack}-core-app-cn-hangzhou-i`)!.urn);
  });
});

describe("production registry", () => {
  it("has immutable tags and protected, retained, deletion-prevented repositories on both clouds; dev has none of that", async () => {
    const prod = await plannedStackFile("Pulumi.prod.yaml");
    const dev = await plannedStackFile("Pulumi.dev.yaml");
    const prodRepo = resourcesOfType(prod, REPO).find((r) => r.name === "prod-containers")!;
    expect([prodRepo.inputs.dockerConfig, prodRepo.inputs.deletionPolicy, prodRepo.protect, prodRepo.retainOnDelete])
      .toEqual([{ immutableTags: true }, "PREVENT", true, true]);
    const aliRepos = resourcesOfType(prod, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo");
    expect(aliRepos.map((r) => [r.name, r.inputs.tagImmutability, r.protect, r.retainOnDelete])).toEqual([
      ["prod-registry-api", true, true, true], ["prod-registry-web", true, true, true],
    ]);
    expect(resourcesOfType(prod, "alicloud:cs/registryEnterpriseSyncRule:RegistryEnterpriseSyncRule").map((r) => r.inputs.targetRegionId)).toEqual(["cn-shanghai"]);
    const devRepo = resourcesOfType(dev, REPO).find((r) => r.name === "dev-containers")!;
    expect([devRepo.inputs.dockerConfig, devRepo.inputs.deletionPolicy, devRepo.protect]).toEqual([{ immutableTags: false }, undefined, false]);
    expect(resourcesOfType(dev, REPO).map((r) => r.name).sort()).toEqual(["dev-containers", "dev-containers-dockerhub"]);
    expect(resourcesOfType(dev, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo").map((r) => r.inputs.tagImmutability)).toEqual([false, false]);
  });
});

describe("who pushes", () => {
  it("prod: the developer group reads, the pipeline writes; dev: the developer group writes", async () => {
    const prod = await plannedStackFile("Pulumi.prod.yaml");
    const dev = await plannedStackFile("Pulumi.dev.yaml");
    const prodDev = parseEnvironment(readStackFile("Pulumi.prod.yaml").values).gcp!.iam!.members!.developer!;
    const devDev = parseEnvironment(readStackFile("Pulumi.dev.yaml").values).gcp!.iam!.members!.developer!;
    expect(grants(prod, "prod-containers").filter((g) => prodDev.some((m) => g.startsWith(`${m} `))))
      .toEqual(prodDev.map((m) => `${m} ${ROLE.pull}`).sort());
    expect(grants(dev, "dev-containers").filter((g) => devDev.some((m) => g.startsWith(`${m} `))))
      .toEqual(devDev.map((m) => `${m} ${ROLE.push}`).sort());
    const aliDev = (inv: Inventory) => resourcesOfType(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment")
      .filter((r) => r.name.endsWith("-registry-pull-developer") || r.name.endsWith("-registry-push-developer")).map((r) => r.inputs.policyName);
    expect([aliDev(prod), aliDev(dev)]).toEqual([["prod-registry-pull"], ["dev-registry-push"]]);
  });

  // Each environment has its own Alibaba account (landing-zone:alicloud.account), holding its own OIDC provider.
  const ACCOUNTS: Record<string, string> = { dev: "5100000000000001", staging: "5100000000000002", prod: "5100000000000003" };

  it("each stack's Alibaba registry robot trusts only its CI job through OIDC (issuer, audience, subject), reusing alicloud.ram.robot", async () => {
    for (const stack of ["dev", "staging", "prod"]) {
      const inv = await plannedStackFile(`Pulumi.${stack}.yaml`);
      const role = resourcesOfType(inv, "alicloud:ram/role:Role").find((r) => r.name === `${stack}-registry-ci`)!;
      expect(role.inputs.assumeRolePolicyDocument).toBe(JSON.stringify({
        Version: "1",
        Statement: [{
          Effect: "Allow", Action: "sts:AssumeRole", Principal: { Federated: [`acs:ram::${ACCOUNTS[stack]}:oidc-provider/github`] },
          Condition: {
            StringEquals: { "oidc:iss": ["https://token.actions.githubusercontent.com"], "oidc:aud": ["sts.aliyuncs.com"] },
            StringLike: { "oidc:sub": [`repo:acme/app:environment:${stack}`] },
          },
        }],
      }));
    }
  });
});

describe("registry config errors", () => {
  const prodRaw = () => structuredClone(readStackFile("Pulumi.prod.yaml").values) as Record<string, any>;

  it("reports every bad registry key under its path, all at once", () => {
    const raw = prodRaw();
    raw.gcp.registry = {
      repositoryId: "Prod_Images", cleanup: { keepCount: 0, deleteUntaggedAfterDays: -1 }, readers: ["allUsers", "nobody"],
      kmsKeyName: "my-key",
    };
    raw.alicloud.registry = {
      instanceId: "cri-acmeprod0001", instanceName: "acme-prod", namespace: "-prod",
      repositories: { API: {} }, cleanup: { keepTagCount: -5 }, vpcSubnet: "nope", sync: { region: "cn-hangzhou", instanceId: "cri-dr1" },
    };
    expect(configProblems(raw)).toEqual([
      ["LZ_REGISTRY_REPOSITORY_ID", "landing-zone:gcp.registry.repositoryId"],
      ["LZ_REGISTRY_RETENTION", "landing-zone:gcp.registry.cleanup.keepCount"],
      ["LZ_REGISTRY_RETENTION", "landing-zone:gcp.registry.cleanup.deleteUntaggedAfterDays"],
      ["LZ_KMS_KEY", "landing-zone:gcp.registry.kmsKeyName"],
      ["LZ_MEMBER_PUBLIC", "landing-zone:gcp.registry.readers[0]"],
      ["LZ_MEMBER_INVALID", "landing-zone:gcp.registry.readers[1]"],
      ["LZ_REGISTRY_NAMESPACE", "landing-zone:alicloud.registry.namespace"],
      ["LZ_REGISTRY_REPOSITORY_NAME", "landing-zone:alicloud.registry.repositories.API"],
      ["LZ_REGISTRY_RETENTION", "landing-zone:alicloud.registry.cleanup.keepTagCount"],
      ["LZ_REGISTRY_SYNC", "landing-zone:alicloud.registry.sync.region"],
      ["LZ_UNKNOWN_SUBNET", "landing-zone:alicloud.registry.vpcSubnet"],
    ]);
  });

  it("production refuses a registry robot without an OIDC trust; dev falls back to the account's RAM identities", () => {
    const raw = prodRaw();
    delete raw.alicloud.ram.robot;
    expect(configProblems(raw)).toEqual([["LZ_REGISTRY_ROBOT_TRUST", "landing-zone:alicloud.registry.robotOidc"]]);
    raw.alicloud.registry.robot = false;
    expect(parseEnvironment(raw).alicloud!.registry!.robot).toBe(false);
    const dev = structuredClone(readStackFile("Pulumi.dev.yaml").values) as Record<string, any>;
    delete dev.alicloud.ram.robot;
    expect(parseEnvironment(dev).alicloud!.ram!.robot).toBeUndefined();
  });

  it("never buys an ACR instance by accident: no instance, or createInstance without a type, is an error", () => {
    const raw = prodRaw();
    raw.alicloud.registry = { namespace: "prod" };
    expect(configProblems(raw)).toEqual([["LZ_REGISTRY_INSTANCE", "landing-zone:alicloud.registry.instanceId"]]);
    raw.alicloud.registry = { createInstance: true, instanceName: "acme-new" };
    expect(configProblems(raw)).toEqual([["LZ_REGISTRY_INSTANCE_TYPE", "landing-zone:alicloud.registry.instanceType"]]);
    raw.alicloud.registry = { instanceId: "cri-acmeprod0001", instanceName: "acme-prod", instanceType: "Premium", visibility: "PUBLIC" };
    expect(configProblems(raw)).toEqual([
      ["LZ_CONFIG_VALUE", "landing-zone:alicloud.registry.instanceType"],
      ["LZ_CONFIG_UNKNOWN_KEY", "landing-zone:alicloud.registry.visibility"],
    ]);
  });

  it("makes `npm run plan` exit 2 with the registry problems and plan nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lz-registry-"));
    const file = path.join(dir, "Pulumi.broken.yaml");
    const text = fs.readFileSync("Pulumi.prod.yaml", "utf8");
    expect(text).toContain("      instanceId: cri-acmeprod0001\n");
    fs.writeFileSync(file, text.replace("      instanceId: cri-acmeprod0001\n", "      createInstance: true\n").replace("keepCount: 30,", "keepCount: -1,"));
    let out = "";
    let err = "";
    const json = path.join(dir, "plan.json");
    expect(await runPlan(["--config", file, "--json", json], (s) => { out += s; }, (s) => { err += s; })).toBe(2);
    expect(out).toBe("");
    expect(fs.existsSync(json)).toBe(false);
    expect(err).toContain("landing-zone:gcp.registry.cleanup.keepCount: keepCount -1 is not a whole number above 0 [LZ_REGISTRY_RETENTION]");
    expect(err).toContain("landing-zone:alicloud.registry.instanceType: createInstance needs an instance type [LZ_REGISTRY_INSTANCE_TYPE]\n"
      + "    fix: set instanceType to one of Basic, Standard, Advanced (each is billed monthly in advance)");
  });
});
