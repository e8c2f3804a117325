import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AlicloudRegistry, AlicloudRegistryArgs } from "../../src/alicloud/registry";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";
import { MOCK_ALICLOUD_ACCOUNT } from "../../src/offline/mock-outputs";
import { componentProblems } from "../helpers";

const ACCOUNT = MOCK_ALICLOUD_ACCOUNT;
const ARGS: AlicloudRegistryArgs = {
  region: "cn-hangzhou",
  instanceId: "cri-acmeprod0001",
  instanceName: "acme-prod",
  namespace: "prod",
  repositories: { api: {}, web: { summary: "Web front end" } },
  tags: { environment: "prod" },
};
const GROUPS = {
  developer: "prod-developer", tester: "prod-tester", ciDeployer: "prod-ci-deployer",
  platformAdmin: "prod-platform-admin", securityAuditor: "prod-security-auditor",
};

function doc(actions: string[], instance = "cri-acmeprod0001", ns = "prod"): string {
  return JSON.stringify({
    Version: "1",
    Statement: [
      { Effect: "Allow", Action: ["cr:GetAuthorizationToken"], Resource: ["*"] },
      { Effect: "Allow", Action: ["cr:GetInstance"], Resource: [`acs:cr:cn-hangzhou:${ACCOUNT}:instance/${instance}`] },
      { Effect: "Allow", Action: actions, Resource: [`acs:cr:cn-hangzhou:${ACCOUNT}:repository/${instance}/${ns}/*`] },
    ],
  });
}
const OIDC = {
  providerArn: `acs:ram::${ACCOUNT}:oidc-provider/github`, issuer: "https://token.actions.githubusercontent.com",
  audiences: ["sts.aliyuncs.com"], subjects: ["repo:acme/app:environment:prod"],
};
const PULL = ["cr:PullRepository", "cr:GetRepository", "cr:ListRepositoryTag"];
const PUSH = [...PULL, "cr:PushRepository"];

describe("AlicloudRegistry", () => {
  it("creates a private namespace, private repositories, a scan rule and a lifecycle rule on an existing instance", async () => {
    const inv = await runOffline(() => {
      const r = new AlicloudRegistry("dev-registry", { ...ARGS, namespace: "dev" });
      return { url: r.url, vpcUrl: r.vpcUrl, instanceId: r.instanceId };
    }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance")).toEqual([]);
    expect(findResource(inv, "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace", "dev-registry-ns").inputs).toEqual({
      autoCreate: false, defaultVisibility: "PRIVATE", instanceId: "cri-acmeprod0001", name: "dev",
    });
    expect(findResource(inv, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo", "dev-registry-api").inputs).toEqual({
      instanceId: "cri-acmeprod0001", name: "api", namespace: "dev", repoType: "PRIVATE", summary: "api images", tagImmutability: false,
    });
    expect(findResource(inv, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo", "dev-registry-web").inputs.summary).toBe("Web front end");
    expect(findResource(inv, "alicloud:cr/scanRule:ScanRule", "dev-registry-scan").inputs).toEqual({
      instanceId: "cri-acmeprod0001", namespaces: ["dev"], repoTagFilterPattern: ".*", ruleName: "dev-registry-scan",
      scanScope: "NAMESPACE", scanType: "VUL", triggerType: "AUTO",
    });
    expect(findResource(inv, "alicloud:cr/artifactLifecycleRule:ArtifactLifecycleRule", "dev-registry-cleanup").inputs).toEqual({
      auto: true, instanceId: "cri-acmeprod0001", namespaceName: "dev", retentionTagCount: 30, scheduleTime: "WEEK", scope: "NAMESPACE",
    });
    expect(resourcesOfType(inv, "alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc")).toEqual([]);
    expect(resourcesOfType(inv, "alicloud:cs/registryEnterpriseSyncRule:RegistryEnterpriseSyncRule")).toEqual([]);
    expect(inv.outputs).toEqual({
      url: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com/dev",
      vpcUrl: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/dev",
      instanceId: "cri-acmeprod0001",
    });
  });

  it("scopes push and pull RAM policies to the namespace and, outside production, gives developers and ciDeployer push, testers pull, others nothing", async () => {
    const inv = await runOffline(() => { new AlicloudRegistry("prod-registry", { ...ARGS, personaGroups: GROUPS }); }, { stack: "test" });
    expect(findResource(inv, "alicloud:ram/policy:Policy", "prod-registry-push").inputs).toEqual({
      description: "Push and pull images in namespace prod only", policyDocument: doc(PUSH), policyName: "prod-registry-push", tags: { environment: "prod" },
    });
    expect(findResource(inv, "alicloud:ram/policy:Policy", "prod-registry-pull").inputs).toEqual({
      description: "Pull images from namespace prod only", policyDocument: doc(PULL), policyName: "prod-registry-pull", tags: { environment: "prod" },
    });
    const attached = resourcesOfType(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment")
      .map((r) => [r.inputs.groupName, r.inputs.policyName, r.inputs.policyType]).sort();
    expect(attached).toEqual([
      ["prod-ci-deployer", "prod-registry-push", "Custom"],
      ["prod-developer", "prod-registry-push", "Custom"],
      ["prod-tester", "prod-registry-pull", "Custom"],
    ]);
    expect(findResource(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment", "prod-registry-pull-tester").inputs).toEqual({
      groupName: "prod-tester", policyName: "prod-registry-pull", policyType: "Custom",
    });
  });

  it("in production people read and the pipeline writes: developers and testers get the pull policy, only ciDeployer push", async () => {
    const inv = await runOffline(() => { new AlicloudRegistry("prod-registry", { ...ARGS, production: true, personaGroups: GROUPS, robotOidc: OIDC }); }, { stack: "test" });
    const attached = resourcesOfType(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment")
      .map((r) => [r.name, r.inputs.groupName, r.inputs.policyName, r.inputs.policyType]).sort();
    expect(attached).toEqual([
      ["prod-registry-pull-developer", "prod-developer", "prod-registry-pull", "Custom"],
      ["prod-registry-pull-tester", "prod-tester", "prod-registry-pull", "Custom"],
      ["prod-registry-push-cideployer", "prod-ci-deployer", "prod-registry-push", "Custom"],
    ]);
    expect(findResource(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment", "prod-registry-pull-developer").inputs).toEqual({
      groupName: "prod-developer", policyName: "prod-registry-pull", policyType: "Custom",
    });
  });

  it("attaches nothing to groups when no persona groups are given", async () => {
    const inv = await runOffline(() => { new AlicloudRegistry("prod-registry", ARGS); }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment")).toEqual([]);
  });

  it("outside production, without robotOidc, creates a keyless CI robot role trusted by the account, with the push policy only", async () => {
    const inv = await runOffline(() => ({ arn: new AlicloudRegistry("prod-registry", ARGS).robotRoleArn }), { stack: "test" });
    expect(findResource(inv, "alicloud:ram/role:Role", "prod-registry-ci").inputs).toEqual({
      assumeRolePolicyDocument: JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }] }),
      description: "CI robot of prod-registry: pushes images to namespace prod. Keyless: assumed with STS, no access keys.",
      maxSessionDuration: 3600,
      roleName: "prod-registry-ci",
      tags: { environment: "prod" },
    });
    expect(resourcesOfType(inv, "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment").map((r) => r.inputs)).toEqual([
      { policyName: "prod-registry-push", policyType: "Custom", roleName: "prod-registry-ci" },
    ]);
    expect(resourcesOfType(inv, "alicloud:ram/accessKey:AccessKey")).toEqual([]);
    expect(inv.outputs.arn).toBe(`acs:ram::${ACCOUNT}:role/prod-registry-ci`);
  });

  it("trusts only the OIDC provider's issuer, audiences and subjects when robotOidc is given", async () => {
    const inv = await runOffline(() => {
      new AlicloudRegistry("prod-registry", {
        ...ARGS, production: true, accountId: "5555",
        robotOidc: { providerArn: "acs:ram::5555:oidc-provider/github", issuer: "https://token.actions.githubusercontent.com", audiences: ["sts.aliyuncs.com"], subjects: ["repo:acme/app:ref:refs/heads/main"] },
      });
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:ram/role:Role", "prod-registry-ci").inputs.assumeRolePolicyDocument).toBe(
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":["acs:ram::5555:oidc-provider/github"]},'
      + '"Condition":{"StringEquals":{"oidc:iss":["https://token.actions.githubusercontent.com"],"oidc:aud":["sts.aliyuncs.com"]},'
      + '"StringLike":{"oidc:sub":["repo:acme/app:ref:refs/heads/main"]}}}]}',
    );
    expect(JSON.parse(findResource(inv, "alicloud:ram/policy:Policy", "prod-registry-push").inputs.policyDocument as string).Statement[2].Resource)
      .toEqual(["acs:cr:cn-hangzhou:5555:repository/cri-acmeprod0001/prod/*"]);
  });

  it("in production: immutable tags; namespace and repositories protected and retained", async () => {
    const inv = await runOffline(() => { new AlicloudRegistry("prod-registry", { ...ARGS, production: true, robotOidc: OIDC }); }, { stack: "test" });
    const repo = findResource(inv, "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo", "prod-registry-api");
    expect(repo.inputs.tagImmutability).toBe(true);
    expect([repo.protect, repo.retainOnDelete]).toEqual([true, true]);
    const ns = findResource(inv, "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace", "prod-registry-ns");
    expect([ns.protect, ns.retainOnDelete]).toEqual([true, true]);
  });

  it("links the VPC, syncs to a second region and keeps release tags when configured", async () => {
    const inv = await runOffline(() => {
      new AlicloudRegistry("prod-registry", {
        ...ARGS, vpcId: pulumi.output("vpc-123"), vswitchId: "vsw-456", sync: { region: "cn-shanghai", instanceId: "cri-acmedr0001" },
        cleanup: { keepTagCount: 50, retainTagPattern: "^v[0-9]+\\.[0-9]+\\.[0-9]+$" }, scan: false,
      });
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc", "prod-registry-vpc").inputs).toEqual({
      enableCreateDnsRecordInPvzt: true, instanceId: "cri-acmeprod0001", moduleName: "Registry", vpcId: "vpc-123", vswitchId: "vsw-456",
    });
    const sync = findResource(inv, "alicloud:cs/registryEnterpriseSyncRule:RegistryEnterpriseSyncRule", "prod-registry-sync");
    expect(sync.inputs).toEqual({
      instanceId: "cri-acmeprod0001", namespaceName: "prod", syncRuleName: "prod-registry-sync-cn-shanghai", syncScope: "NAMESPACE",
      syncTrigger: "PASSIVE", tagFilter: ".*", targetInstanceId: "cri-acmedr0001", targetNamespaceName: "prod", targetRegionId: "cn-shanghai",
    });
    expect(findResource(inv, "alicloud:cr/artifactLifecycleRule:ArtifactLifecycleRule", "prod-registry-cleanup").inputs).toEqual({
      auto: true, instanceId: "cri-acmeprod0001", namespaceName: "prod", retentionTagCount: 50, scheduleTime: "WEEK", scope: "NAMESPACE",
      tagRegexp: "^v[0-9]+\\.[0-9]+\\.[0-9]+$",
    });
    expect(resourcesOfType(inv, "alicloud:cr/scanRule:ScanRule")).toEqual([]);
  });

  it("buys a prepaid instance only when createInstance is set, and names the URL after it", async () => {
    const inv = await runOffline(() => {
      const r = new AlicloudRegistry("lab-registry", {
        region: "cn-hangzhou", createInstance: true, instanceType: "Basic", namespace: "lab", production: true, robotOidc: OIDC,
      });
      return { url: r.url };
    }, { stack: "test" });
    const instance = findResource(inv, "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance", "lab-registry");
    expect(instance.inputs).toEqual({
      defaultOssBucket: "true", imageScanner: "ACR", instanceName: "lab-registry", instanceType: "Basic",
      paymentType: "Subscription", period: 12, renewalStatus: "ManualRenewal", tags: {},
    });
    expect([instance.protect, instance.retainOnDelete]).toEqual([true, true]);
    const ns = findResource(inv, "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace", "lab-registry-ns");
    expect(ns.inputs.instanceId).toMatch(/^cri-[0-9a-f]{20}$/);
    expect(inv.outputs.url).toBe("lab-registry-registry.cn-hangzhou.cr.aliyuncs.com/lab");
  });

  it("uses a known domain for the URLs", async () => {
    const inv = await runOffline(() => {
      const r = new AlicloudRegistry("prod-registry", { ...ARGS, instanceName: undefined, domain: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com" });
      return { url: r.url, vpcUrl: r.vpcUrl };
    }, { stack: "test" });
    expect(inv.outputs).toEqual({
      url: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com/prod", vpcUrl: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com/prod",
    });
  });

  it("rejects bad names, non-positive retention, unknown personas and an unusable instance choice, all at once", async () => {
    expect(await componentProblems(() => new AlicloudRegistry("prod-registry", {
      ...ARGS,
      instanceId: "registry-1",
      instanceName: undefined,
      namespace: "-Prod",
      repositories: { "Api": {}, "a": {}, "ok": { summary: "" } },
      cleanup: { keepTagCount: 0, retainTagPattern: "([" },
      vpcId: "vpc-1",
      sync: { region: "cn-hangzhou", instanceId: "cri-x1", namespace: "_bad" },
      personaGroups: { developer: "g1", qa: "g2" },
      robotOidc: { providerArn: "github", issuer: "http://issuer", audiences: [], subjects: [] },
      tags: { Environment: "prod" },
    }))).toEqual([
      ["LZ_REGISTRY_INSTANCE_ID", "AlicloudRegistry args.instanceId"],
      ["LZ_REGISTRY_DOMAIN", "AlicloudRegistry args.instanceName"],
      ["LZ_REGISTRY_NAMESPACE", "AlicloudRegistry args.namespace"],
      ["LZ_REGISTRY_REPOSITORY_NAME", "AlicloudRegistry args.repositories.Api"],
      ["LZ_REGISTRY_REPOSITORY_NAME", "AlicloudRegistry args.repositories.a"],
      ["LZ_REGISTRY_SUMMARY", "AlicloudRegistry args.repositories.ok.summary"],
      ["LZ_REGISTRY_RETENTION", "AlicloudRegistry args.cleanup.keepTagCount"],
      ["LZ_REGISTRY_TAG_PATTERN", "AlicloudRegistry args.cleanup.retainTagPattern"],
      ["LZ_REGISTRY_VSWITCH_MISSING", "AlicloudRegistry args.vswitchId"],
      ["LZ_REGISTRY_SYNC", "AlicloudRegistry args.sync.region"],
      ["LZ_REGISTRY_NAMESPACE", "AlicloudRegistry args.sync.namespace"],
      ["LZ_UNKNOWN_PERSONA", "AlicloudRegistry args.personaGroups.qa"],
      ["LZ_REGISTRY_OIDC", "AlicloudRegistry args.robotOidc.providerArn"],
      ["LZ_REGISTRY_OIDC", "AlicloudRegistry args.robotOidc.issuer"],
      ["LZ_REGISTRY_OIDC", "AlicloudRegistry args.robotOidc.audiences"],
      ["LZ_REGISTRY_OIDC", "AlicloudRegistry args.robotOidc.subjects"],
      ["LZ_LABEL_KEY", "AlicloudRegistry args.tags.Environment"],
    ]);
  });

  it("refuses to buy an instance implicitly: no instance, both choices, or createInstance without a type", async () => {
    const base = { region: "cn-hangzhou", namespace: "prod" };
    expect(await componentProblems(() => new AlicloudRegistry("prod-registry", base))).toEqual([
      ["LZ_REGISTRY_INSTANCE", "AlicloudRegistry args.instanceId"],
    ]);
    expect(await componentProblems(() => new AlicloudRegistry("prod-registry", { ...base, instanceId: "cri-a1", instanceName: "acme", createInstance: true }))).toEqual([
      ["LZ_REGISTRY_INSTANCE", "AlicloudRegistry args.instanceId"],
      ["LZ_REGISTRY_INSTANCE_TYPE", "AlicloudRegistry args.instanceType"],
    ]);
    expect(await componentProblems(() => new AlicloudRegistry("Prod", { ...base, createInstance: true, instanceType: "Premium" as never, period: 0 }))).toEqual([
      ["LZ_REGISTRY_INSTANCE_TYPE", "AlicloudRegistry args.instanceType"],
      ["LZ_REGISTRY_PERIOD", "AlicloudRegistry args.period"],
      ["LZ_REGISTRY_INSTANCE_NAME", "AlicloudRegistry args.name"],
    ]);
  });

  it("in production refuses a robot role without an OIDC trust (the account's RAM identities could push), and plans without the robot", async () => {
    expect(await componentProblems(() => new AlicloudRegistry("prod-registry", { ...ARGS, production: true }))).toEqual([
      ["LZ_REGISTRY_ROBOT_TRUST", "AlicloudRegistry args.robotOidc"],
    ]);
    const inv = await runOffline(() => { new AlicloudRegistry("prod-registry", { ...ARGS, production: true, robot: false }); }, { stack: "test" });
    expect(resourcesOfType(inv, "alicloud:ram/role:Role")).toEqual([]);
  });

  it("rejects a component name that cannot name the RAM policies and the robot role", async () => {
    expect(await componentProblems(() => new AlicloudRegistry(`r${"x".repeat(61)}`, ARGS))).toEqual([
      ["LZ_REGISTRY_RAM_NAME", "AlicloudRegistry args.name"],
    ]);
    expect(await componentProblems(() => new AlicloudRegistry("prod registry", ARGS))).toEqual([
      ["LZ_REGISTRY_RAM_NAME", "AlicloudRegistry args.name"],
    ]);
  });
});
