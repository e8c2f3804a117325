import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { fail, get, isProductionEnvironment, list, notApplicable, pass, type ResourceRule, type StackRule, tokenOf } from "../rule";

const GCP_REPOSITORY = tokenOf(gcp.artifactregistry.Repository);

function isStandardDocker(i: Record<string, unknown>): boolean {
  const mode = typeof i.mode === "string" ? i.mode : "STANDARD_REPOSITORY";
  return String(i.format ?? "").toUpperCase() === "DOCKER" && mode === "STANDARD_REPOSITORY";
}

export const gcpRegistryScanning: ResourceRule = {
  kind: "resource",
  id: "gcp-registry-scanning",
  description: "Artifact Registry repositories do not turn vulnerability scanning off.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Images with known vulnerabilities must be visible before they run.",
  source: "CKV2_GCP_11 (adapted)",
  types: [GCP_REPOSITORY],
  check: (_t, i) => (get(i, "vulnerabilityScanningConfig", "enablementConfig") === "DISABLED"
    ? fail("vulnerabilityScanningConfig.enablementConfig is DISABLED; use INHERITED (with containerscanning.googleapis.com enabled)") : pass),
};

export const gcpRegistryScanningApi: StackRule = {
  kind: "stack",
  id: "gcp-registry-scanning-api",
  description: "A stack with Docker repositories enables containerscanning.googleapis.com.",
  severity: "low",
  enforcement: "advisory",
  rationale: "Repositories inherit scanning from the Container Scanning API; without it nothing is scanned. Advisory: the API may be enabled outside the stack.",
  source: "CKV2_GCP_11 (adapted)",
  check: (resources) => {
    const docker = resources.filter((r) => r.type === GCP_REPOSITORY && isStandardDocker(r.inputs));
    if (docker.length === 0) return [];
    const on = resources.some((r) => r.type === tokenOf(gcp.projects.Service) && r.inputs.service === "containerscanning.googleapis.com");
    return on ? [] : [{ message: "Docker repositories but no gcp.projects.Service for containerscanning.googleapis.com; enable it so images are scanned" }];
  },
};

export const gcpRegistryCleanupPolicies: ResourceRule = {
  kind: "resource",
  id: "gcp-registry-cleanup-policies",
  description: "Docker repositories have cleanup policies, applied (not a dry run).",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "Without cleanup, untagged and stale images pile up: storage cost and old vulnerable images that can still be pulled.",
  source: "landing-zone",
  types: [GCP_REPOSITORY],
  check: (_t, i) => {
    if (!isStandardDocker(i)) return notApplicable("not a standard Docker repository");
    if (list(i.cleanupPolicies).length === 0) return fail("no cleanupPolicies; delete untagged images after a few days and keep the most recent versions");
    return i.cleanupPolicyDryRun === true ? fail("cleanupPolicyDryRun is true: the policies never delete; set cleanupPolicyDryRun: false") : pass;
  },
};

export const gcpRegistryImmutableTagsProd: ResourceRule = {
  kind: "resource",
  id: "gcp-registry-immutable-tags-prod",
  description: "Docker repositories labelled environment=prod or production have immutable tags.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "A mutable tag lets a pushed image change what production runs under the same name.",
  source: "landing-zone",
  types: [GCP_REPOSITORY],
  check: (_t, i) => {
    if (!isStandardDocker(i) || !isProductionEnvironment(get(i, "labels", "environment"))) return notApplicable("not a production Docker repository");
    return get(i, "dockerConfig", "immutableTags") === true ? pass : fail("tags are mutable; set dockerConfig { immutableTags: true }");
  },
};

const PRIVATE = "PRIVATE";

export const alicloudRegistryPrivate: ResourceRule = {
  kind: "resource",
  id: "alicloud-registry-private",
  description: "Container Registry namespaces and repositories are private.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "A public repository lets anyone pull internal images and whatever secrets they hold.",
  source: "landing-zone",
  types: [alicloud.cr.Namespace, alicloud.cs.RegistryEnterpriseNamespace, alicloud.cr.Repo, alicloud.cs.RegistryEnterpriseRepo].map(tokenOf),
  check: (type, i) => {
    const isRepo = type === tokenOf(alicloud.cr.Repo) || type === tokenOf(alicloud.cs.RegistryEnterpriseRepo);
    const key = isRepo ? "repoType" : "defaultVisibility";
    const value = i[key];
    // An Enterprise namespace's visibility defaults to PRIVATE; everything else must say it.
    if (value === undefined && type === tokenOf(alicloud.cs.RegistryEnterpriseNamespace)) return pass;
    return String(value ?? "").toUpperCase() === PRIVATE ? pass : fail(`${key} is ${String(value ?? "unset")}; set ${key}: "PRIVATE"`);
  },
};

export const alicloudRegistryScanning: ResourceRule = {
  kind: "resource",
  id: "alicloud-registry-scanning",
  description: "Container Registry Enterprise instances name an image scanner.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Images with known vulnerabilities must be visible before they run.",
  source: "landing-zone",
  types: [tokenOf(alicloud.cr.RegistryEnterpriseInstance)],
  check: (_t, i) => (typeof i.imageScanner === "string" && i.imageScanner !== "" ? pass : fail("no imageScanner; set imageScanner: \"ACR\" (or \"SAS\")")),
};

export const alicloudRegistryCleanup: StackRule = {
  kind: "stack",
  id: "alicloud-registry-cleanup",
  description: "Every Container Registry Enterprise instance has an artifact lifecycle (cleanup) rule.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Without cleanup, stale images pile up: storage cost and old vulnerable images that can still be pulled.",
  source: "landing-zone",
  check: (resources) => {
    const rules = resources.filter((r) => r.type === tokenOf(alicloud.cr.ArtifactLifecycleRule));
    return resources
      .filter((r) => r.type === tokenOf(alicloud.cr.RegistryEnterpriseInstance))
      .filter((inst) => !rules.some((rule) => rule.dependencies.includes(inst.urn)))
      .map((inst) => ({ urn: inst.urn, message: `registry instance ${inst.name} has no alicloud.cr.ArtifactLifecycleRule; add one with retentionTagCount and auto: true` }));
  },
};

export const REGISTRY_RULES = [gcpRegistryScanning, gcpRegistryScanningApi, gcpRegistryCleanupPolicies, gcpRegistryImmutableTagsProd, alicloudRegistryPrivate, alicloudRegistryScanning, alicloudRegistryCleanup] as const;
