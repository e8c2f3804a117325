import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { SECONDS_PER_DAY } from "../core/keys";
import { nameOf } from "../core/naming";
import { keepInProduction } from "../resource-options";
import { GCP_WORKLOAD_IDENTITY_ROLE } from "./iam-plan";
import { wifRepositoryMember, wifSubjectMember } from "./workload-identity-plan";
import { GCP_REGISTRY_ROLES, GCP_REGISTRY_SERVICES, GcpRegistryArgs, GcpRegistryPlan, registryMemberSlug, registryRobotDescription, validatedGcpRegistry } from "./registry-plan";

export * from "./registry-plan";

/**
 * A private Artifact Registry Docker repository for one environment: vulnerability scanning,
 * clean-up policies, immutable tags in production, optional CMEK and an optional Docker Hub
 * proxy. Access is granted on the repository only, additively (`RepositoryIamMember`):
 * the CI robot (and ciDeployer) push, developers push outside production and pull in production,
 * testers and runtime identities pull, nobody else; never
 * `allUsers` / `allAuthenticatedUsers`. The CI robot is a keyless service account meant for
 * workload identity federation.
 */
export class GcpRegistry extends pulumi.ComponentResource {
  /** The standard repository (absent when `existing`). */
  readonly repository?: gcp.artifactregistry.Repository;
  /** The Docker Hub proxy (when `dockerHubProxy`). */
  readonly remoteRepository?: gcp.artifactregistry.Repository;
  /** The CI robot (when `robot`). */
  readonly robot?: gcp.serviceaccount.Account;
  /** IAM grants keyed by their logical name. */
  readonly grants: Record<string, gcp.artifactregistry.RepositoryIamMember>;
  /** Workload identity bindings on the robot (`roles/iam.workloadIdentityUser`), keyed by logical name. */
  readonly robotBindings: Record<string, gcp.serviceaccount.IAMMember>;
  /** `docker push` / `docker pull` prefix: `<region>-docker.pkg.dev/<project>/<repository>`. */
  readonly url: pulumi.Output<string>;
  /** `docker pull` prefix of the Docker Hub proxy, when there is one. */
  readonly proxyUrl: pulumi.Output<string | undefined>;
  /** The robot's email, when there is a robot. */
  readonly robotEmail: pulumi.Output<string | undefined>;
  readonly plan: GcpRegistryPlan;

  constructor(name: string, args: GcpRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validatedGcpRegistry(name, args);
    super("landing-zone:index:GcpRegistry", name, args, opts);
    this.plan = plan;
    const production = args.production === true;
    const project = args.project;
    const location = args.location;
    const labels = { ...args.labels };
    const keep = keepInProduction(this, production);

    const services: gcp.projects.Service[] = [];
    if (args.enableServices ?? true) {
      for (const service of GCP_REGISTRY_SERVICES) {
        services.push(new gcp.projects.Service(nameOf(name, service.split(".")[0]), {
          project, service, disableOnDestroy: false, disableDependentServices: false,
        }, { parent: this }));
      }
    }

    const repositoryName = pulumi.output(plan.repositoryId);
    if (!args.existing) {
      this.repository = new gcp.artifactregistry.Repository(plan.repositoryId, {
        project,
        location,
        repositoryId: plan.repositoryId,
        format: "DOCKER",
        mode: "STANDARD_REPOSITORY",
        description: args.description ?? `Container images of ${name}`,
        dockerConfig: { immutableTags: plan.immutableTags },
        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        cleanupPolicyDryRun: plan.cleanup.dryRun,
        cleanupPolicies: [
          { id: "keep-most-recent", action: "KEEP", mostRecentVersions: { keepCount: plan.cleanup.keepCount } },
          { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: `${plan.cleanup.deleteUntaggedAfterDays * SECONDS_PER_DAY}s` } },
        ],
        kmsKeyName: args.kmsKeyName,
        deletionPolicy: production ? "PREVENT" : undefined,
        labels,
      }, { ...keep, dependsOn: services });
    }
    if (plan.remoteRepositoryId !== undefined) {
      this.remoteRepository = new gcp.artifactregistry.Repository(plan.remoteRepositoryId, {
        project,
        location,
        repositoryId: plan.remoteRepositoryId,
        format: "DOCKER",
        mode: "REMOTE_REPOSITORY",
        description: `Docker Hub proxy of ${name}`,
        remoteRepositoryConfig: { description: "Docker Hub", dockerRepository: { publicRepository: "DOCKER_HUB" } },
        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        kmsKeyName: args.kmsKeyName,
        labels,
      }, { parent: this, dependsOn: services });
    }

    const dependsOn = [...services, ...(this.repository ? [this.repository] : [])];
    const repository = this.repository?.name ?? repositoryName;
    const onRepo = (grantName: string, role: string, member: pulumi.Input<string>, repository: pulumi.Input<string>, deps: pulumi.Resource[]) =>
      new gcp.artifactregistry.RepositoryIamMember(grantName, { project, location, repository, role, member }, { parent: this, dependsOn: deps });

    this.grants = {};
    this.robotBindings = {};
    for (const g of plan.grants) {
      this.grants[g.resourceName] = onRepo(g.resourceName, g.role, g.member, repository, dependsOn);
    }
    if (plan.robotAccountId !== undefined) {
      this.robot = new gcp.serviceaccount.Account(plan.robotAccountId, {
        project,
        accountId: plan.robotAccountId,
        displayName: `CI pushes to ${plan.repositoryId}`,
        description: registryRobotDescription(name, plan),
      }, { parent: this });
      const robotGrant = nameOf(name, "writer", "robot");
      this.grants[robotGrant] = onRepo(robotGrant, GCP_REGISTRY_ROLES.push, this.robot.member, repository, dependsOn);
      const wif = args.robotWorkloadIdentity;
      if (wif !== undefined) {
        // A real pool: validatedGcpRegistry refused a missing, empty or blank one.
        const pool = pulumi.output(wif.pool);
        for (const b of plan.robotWif) {
          const member = pool.apply((p) => (b.kind === "subject" ? wifSubjectMember(p, b.value) : wifRepositoryMember(p, b.value)));
          this.robotBindings[b.resourceName] = new gcp.serviceaccount.IAMMember(b.resourceName, {
            serviceAccountId: this.robot.name, role: GCP_WORKLOAD_IDENTITY_ROLE, member,
          }, { parent: this });
        }
      }
    }
    if (this.remoteRepository) {
      // Everyone who may pull from the registry may pull through the proxy; nobody writes to it.
      const pullers = new Map<string, pulumi.Input<string>>();
      for (const g of plan.grants) pullers.set(registryMemberSlug(g.member), g.member);
      if (this.robot) pullers.set("robot", this.robot.member);
      for (const [slug, member] of pullers) {
        const grantName = nameOf(name, "proxy-reader", slug);
        this.grants[grantName] = onRepo(grantName, GCP_REGISTRY_ROLES.pull, member, this.remoteRepository.name, [this.remoteRepository]);
      }
    }

    this.url = pulumi.output(plan.url);
    this.proxyUrl = pulumi.output(plan.proxyUrl);
    this.robotEmail = this.robot ? this.robot.email : pulumi.output(undefined);
    this.registerOutputs({ url: this.url, proxyUrl: this.proxyUrl, robotEmail: this.robotEmail });
  }
}
