import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { ramPolicyDocument } from "../core/personas";
import { ALICLOUD_RAM_DEFAULTS } from "./ram";
import { ramTrustPolicy } from "./trust";
import { keepInProduction } from "../resource-options";
import { ALICLOUD_CR_ACTIONS, ALICLOUD_REGISTRY_DEFAULTS, AlicloudRegistryArgs, AlicloudRegistryPlan, planAlicloudRegistry } from "./registry-plan";

export * from "./registry-plan";

/**
 * A private Container Registry Enterprise Edition namespace for one environment, on an existing
 * instance (or, explicitly, a newly bought prepaid one): private repositories with tag
 * immutability in production, an automatic vulnerability scan rule, an artifact lifecycle rule,
 * a VPC endpoint link, an optional sync rule to a second region, RAM push/pull policies scoped
 * to the namespace attached to the persona groups, and a keyless CI robot role.
 */
export class AlicloudRegistry extends pulumi.ComponentResource {
  /** The instance, when `createInstance`. */
  readonly instance?: alicloud.cr.RegistryEnterpriseInstance;
  readonly namespace: alicloud.cs.RegistryEnterpriseNamespace;
  /** Repositories keyed like `repositories`. */
  readonly repositories: Record<string, alicloud.cs.RegistryEnterpriseRepo>;
  readonly scanRule?: alicloud.cr.ScanRule;
  readonly lifecycleRule: alicloud.cr.ArtifactLifecycleRule;
  readonly vpcLink?: alicloud.cr.VpcEndpointLinkedVpc;
  readonly syncRule?: alicloud.cs.RegistryEnterpriseSyncRule;
  readonly pushPolicy: alicloud.ram.Policy;
  readonly pullPolicy: alicloud.ram.Policy;
  /** The CI robot role, when `robot`. */
  readonly robotRole?: alicloud.ram.Role;
  /** The Enterprise Edition instance id. */
  readonly instanceId: pulumi.Output<string>;
  /** `docker push` / `docker pull` prefix: `<instance>-registry.<region>.cr.aliyuncs.com/<namespace>`. */
  readonly url: pulumi.Output<string>;
  /** `docker pull` prefix inside the linked VPC. */
  readonly vpcUrl: pulumi.Output<string | undefined>;
  /** ARN of the robot role (what CI assumes). */
  readonly robotRoleArn: pulumi.Output<string | undefined>;
  readonly plan: AlicloudRegistryPlan;

  constructor(name: string, args: AlicloudRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validated("AlicloudRegistry", planAlicloudRegistry, name, args);
    super("landing-zone:index:AlicloudRegistry", name, args, opts);
    this.plan = plan;
    const production = args.production === true;
    const tags = { ...args.tags };
    const keep = keepInProduction(this, production);
    const ns = args.namespace;

    if (args.createInstance === true) {
      this.instance = new alicloud.cr.RegistryEnterpriseInstance(plan.instanceName!, {
        instanceName: plan.instanceName!,
        instanceType: args.instanceType!,
        paymentType: "Subscription",
        period: args.period ?? ALICLOUD_REGISTRY_DEFAULTS.period,
        renewalStatus: "ManualRenewal",
        imageScanner: "ACR",
        defaultOssBucket: "true",
        tags,
      }, keep);
    }
    const instanceId: pulumi.Output<string> = this.instance ? this.instance.id : pulumi.output(args.instanceId!);

    this.namespace = new alicloud.cs.RegistryEnterpriseNamespace(nameOf(name, "ns"), {
      instanceId,
      name: ns,
      autoCreate: false,
      defaultVisibility: "PRIVATE",
    }, keep);
    this.repositories = {};
    for (const [repo, r] of Object.entries(args.repositories ?? {})) {
      this.repositories[repo] = new alicloud.cs.RegistryEnterpriseRepo(nameOf(name, repo), {
        instanceId,
        namespace: this.namespace.name,
        name: repo,
        repoType: "PRIVATE",
        summary: r.summary ?? `${repo} images`,
        tagImmutability: plan.immutableTags,
      }, keep);
    }
    if (args.scan ?? true) {
      this.scanRule = new alicloud.cr.ScanRule(nameOf(name, "scan"), {
        instanceId,
        ruleName: nameOf(name, "scan"),
        scanScope: "NAMESPACE",
        namespaces: [this.namespace.name],
        scanType: "VUL",
        triggerType: "AUTO",
        repoTagFilterPattern: ".*",
      }, { parent: this });
    }
    this.lifecycleRule = new alicloud.cr.ArtifactLifecycleRule(nameOf(name, "cleanup"), {
      instanceId,
      scope: "NAMESPACE",
      namespaceName: this.namespace.name,
      auto: true,
      scheduleTime: "WEEK",
      retentionTagCount: plan.keepTagCount,
      tagRegexp: args.cleanup?.retainTagPattern,
    }, { parent: this });
    if (args.vpcId !== undefined) {
      this.vpcLink = new alicloud.cr.VpcEndpointLinkedVpc(nameOf(name, "vpc"), {
        instanceId,
        moduleName: "Registry",
        vpcId: args.vpcId,
        vswitchId: args.vswitchId!,
        enableCreateDnsRecordInPvzt: true,
      }, { parent: this });
    }
    if (args.sync) {
      this.syncRule = new alicloud.cs.RegistryEnterpriseSyncRule(nameOf(name, "sync"), {
        instanceId,
        syncRuleName: nameOf(name, "sync", args.sync.region),
        namespaceName: this.namespace.name,
        syncScope: "NAMESPACE",
        syncTrigger: "PASSIVE",
        tagFilter: ".*",
        targetInstanceId: args.sync.instanceId,
        targetNamespaceName: args.sync.namespace ?? ns,
        targetRegionId: args.sync.region,
      }, { parent: this, dependsOn: Object.values(this.repositories) });
    }

    const accountId = args.accountId !== undefined
      ? pulumi.output(args.accountId)
      : alicloud.getCallerIdentityOutput({ parent: this }).accountId;
    const document = (actions: readonly string[]) => pulumi.all([accountId, instanceId]).apply(([account, instance]) => ramPolicyDocument([
      { effect: "Allow", actions: ALICLOUD_CR_ACTIONS.token, resources: ["*"] },
      { effect: "Allow", actions: ALICLOUD_CR_ACTIONS.login, resources: [`acs:cr:${args.region}:${account}:instance/${instance}`] },
      { effect: "Allow", actions, resources: [`acs:cr:${args.region}:${account}:repository/${instance}/${ns}/*`] },
    ]));
    this.pushPolicy = new alicloud.ram.Policy(plan.pushPolicyName, {
      policyName: plan.pushPolicyName,
      description: `Push and pull images in namespace ${ns} only`,
      policyDocument: document(ALICLOUD_CR_ACTIONS.push),
      tags,
    }, { parent: this });
    this.pullPolicy = new alicloud.ram.Policy(plan.pullPolicyName, {
      policyName: plan.pullPolicyName,
      description: `Pull images from namespace ${ns} only`,
      policyDocument: document(ALICLOUD_CR_ACTIONS.pull),
      tags,
    }, { parent: this });
    const policyOf = { push: this.pushPolicy, pull: this.pullPolicy };
    for (const [persona, access] of Object.entries(plan.personaPolicies)) {
      new alicloud.ram.GroupPolicyAttachment(nameOf(name, access, persona.toLowerCase()), {
        groupName: args.personaGroups![persona]!,
        policyName: policyOf[access].policyName,
        policyType: "Custom",
      }, { parent: this });
    }

    if (plan.robotRoleName !== undefined) {
      const oidc = args.robotOidc;
      const trust = oidc
        ? pulumi.output(ramTrustPolicy({ oidc }))
        : accountId.apply((account) => ramTrustPolicy({ principals: [`acs:ram::${account}:root`] }));
      this.robotRole = new alicloud.ram.Role(plan.robotRoleName, {
        roleName: plan.robotRoleName,
        description: `CI robot of ${name}: pushes images to namespace ${ns}. Keyless: assumed with STS, no access keys.`,
        assumeRolePolicyDocument: trust,
        maxSessionDuration: ALICLOUD_RAM_DEFAULTS.maxSessionDuration,
        tags,
      }, { parent: this });
      new alicloud.ram.RolePolicyAttachment(nameOf(name, "push", "robot"), {
        roleName: this.robotRole.roleName,
        policyName: this.pushPolicy.policyName,
        policyType: "Custom",
      }, { parent: this });
    }

    this.instanceId = instanceId;
    // Validation guarantees a name or domain, so the URL is known before deploy.
    this.url = pulumi.output(plan.url!);
    this.vpcUrl = pulumi.output(plan.vpcUrl);
    this.robotRoleArn = this.robotRole ? this.robotRole.arn : pulumi.output(undefined);
    this.registerOutputs({ instanceId: this.instanceId, url: this.url, vpcUrl: this.vpcUrl, robotRoleArn: this.robotRoleArn });
  }
}
