import * as gcp from "@pulumi/gcp";
import type { EnvironmentPlan } from "../planner/environment";

/**
 * Turns on the environment's Google APIs (`plan.gcpServices`) through a bootstrap provider,
 * then returns the provider every landing-zone resource uses, which depends on them: on a fresh
 * project the first `pulumi up` enables the APIs before anything calls them. APIs stay on when
 * the stack is destroyed (other workloads may use them).
 */
export function gcpProviderAfterServices(plan: EnvironmentPlan): gcp.Provider {
  const { spec } = plan;
  const g = spec.gcp!;
  const base = { project: g.project, region: g.regions[0], addPulumiAttributionLabel: false };
  const bootstrap = new gcp.Provider(`${spec.environment}-gcp-bootstrap`, base);
  const services = plan.gcpServices.map((service) => new gcp.projects.Service(`${spec.environment}-api-${service.split(".")[0]}`, {
    project: g.project, service, disableOnDestroy: false, disableDependentServices: false,
  }, { provider: bootstrap }));
  return new gcp.Provider(`${spec.environment}-gcp`, { ...base, defaultLabels: { ...plan.labels } }, { dependsOn: services });
}
