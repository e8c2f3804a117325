import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpWorkloadIdentityArgs, GcpWorkloadIdentityPlan, validatedGcpWorkloadIdentity } from "./workload-identity-plan";

export * from "./workload-identity-plan";

/**
 * Keyless CI authentication on GCP: a workload identity pool with one OIDC provider for the CI's
 * issuer, restricted by an attribute condition. Grant `roles/iam.workloadIdentityUser` on a
 * service account to `principal://…/subject/<sub>` members of `poolName` (e.g. the registry
 * robot's `robotWorkloadIdentity`).
 */
export class GcpWorkloadIdentity extends pulumi.ComponentResource {
  readonly pool: gcp.iam.WorkloadIdentityPool;
  readonly provider: gcp.iam.WorkloadIdentityPoolProvider;
  /** `projects/<number>/locations/global/workloadIdentityPools/<id>`: the prefix of the pool's members. */
  readonly poolName: pulumi.Output<string>;
  /** The provider's resource name, the audience CI jobs request by default. */
  readonly providerName: pulumi.Output<string>;
  readonly plan: GcpWorkloadIdentityPlan;

  constructor(name: string, args: GcpWorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validatedGcpWorkloadIdentity(name, args);
    super("landing-zone:index:GcpWorkloadIdentity", name, args, opts);
    this.plan = plan;
    this.pool = new gcp.iam.WorkloadIdentityPool(plan.poolId, {
      project: args.project,
      workloadIdentityPoolId: plan.poolId,
      displayName: plan.poolId,
      description: `Keyless CI identities of ${name}`,
      disabled: false,
    }, { parent: this });
    this.provider = new gcp.iam.WorkloadIdentityPoolProvider(`${plan.poolId}-${plan.providerId}`, {
      project: args.project,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: plan.providerId,
      displayName: plan.providerId,
      description: `OIDC tokens of ${args.issuer}`,
      disabled: false,
      attributeMapping: { ...plan.attributeMapping },
      attributeCondition: args.attributeCondition,
      oidc: { issuerUri: args.issuer, allowedAudiences: args.audiences === undefined ? undefined : [...args.audiences] },
    }, { parent: this });
    this.poolName = this.pool.name;
    this.providerName = this.provider.name;
    this.registerOutputs({ poolName: this.poolName, providerName: this.providerName });
  }
}
