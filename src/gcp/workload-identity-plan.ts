import type * as pulumi from "@pulumi/pulumi";
import { joinPath, Problems, validated } from "../core/errors";

/** Workload identity pool and provider ids: 4–32 lowercase letters, digits or hyphens; the prefix `gcp-` is reserved. */
export const GCP_WIF_ID = /^(?!gcp-)[a-z0-9-]{4,32}$/;

/** What a CI job's token maps to: the subject, and the repository for `principalSet://…/attribute.repository/<repo>` members. */
export const GCP_WIF_DEFAULT_MAPPING: Readonly<Record<string, string>> = {
  "google.subject": "assertion.sub",
  "attribute.repository": "assertion.repository",
};

export interface GcpWorkloadIdentityArgs {
  /** Project that holds the pool. Not needed for planning: may be another resource's output. */
  readonly project: pulumi.Input<string>;
  /** Pool id (4–32 characters). A deleted pool's id stays taken for 30 days. @default the component name */
  readonly poolId?: string;
  /** OIDC provider id (4–32 characters). @default "ci-oidc" */
  readonly providerId?: string;
  /** The CI's OIDC issuer, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** Audiences the provider accepts. @default the provider's own resource URL (what `google-github-actions/auth` requests) */
  readonly audiences?: readonly string[];
  /** Token claims mapped to Google attributes. @default `GCP_WIF_DEFAULT_MAPPING` (subject and repository) */
  readonly attributeMapping?: Readonly<Record<string, string>>;
  /**
   * CEL condition every token must meet, e.g. `assertion.repository_owner == 'acme'`. Required:
   * without one the pool accepts every token the issuer signs (every repository of a public CI).
   */
  readonly attributeCondition: string;
}

export interface GcpWorkloadIdentityPlan {
  readonly poolId: string;
  readonly providerId: string;
  readonly attributeMapping: Readonly<Record<string, string>>;
}

/** Defaults; the provider id must itself pass `GCP_WIF_ID` (4–32 characters). */
export const GCP_WIF_DEFAULTS = { providerId: "ci-oidc" } as const;

/** Validates `GcpWorkloadIdentity` args; reports every problem under `path`. */
export function planGcpWorkloadIdentity(name: string, args: GcpWorkloadIdentityArgs, path: string, problems: Problems): GcpWorkloadIdentityPlan {
  const poolId = args.poolId ?? name;
  const providerId = args.providerId ?? GCP_WIF_DEFAULTS.providerId;
  for (const [key, id, given] of [["poolId", poolId, args.poolId], ["providerId", providerId, args.providerId]] as const) {
    if (!GCP_WIF_ID.test(id)) {
      problems.add("LZ_WIF_ID", joinPath(path, given === undefined && key === "poolId" ? "name" : key),
        `"${id}" is not a workload identity ${key === "poolId" ? "pool" : "provider"} id: 4–32 lowercase letters, digits or hyphens, not starting with gcp-`,
        `set ${key}, e.g. ${key === "poolId" ? "ci-prod" : "github"}`);
    }
  }
  let issuerOk = false;
  try {
    issuerOk = new URL(args.issuer).protocol === "https:";
  } catch {
    issuerOk = false;
  }
  if (!issuerOk) {
    problems.add("LZ_WIF_ISSUER", joinPath(path, "issuer"), `"${args.issuer}" is not an https issuer URL`,
      "use the CI's OIDC issuer, e.g. https://token.actions.githubusercontent.com");
  }
  if (args.attributeCondition.trim() === "") {
    problems.add("LZ_WIF_CONDITION_MISSING", joinPath(path, "attributeCondition"), "the provider has no attribute condition: it would accept every token the issuer signs",
      "restrict it to your organisation, e.g. assertion.repository_owner == 'acme'");
  }
  return { poolId, providerId, attributeMapping: args.attributeMapping ?? GCP_WIF_DEFAULT_MAPPING };
}

/** Plans `GcpWorkloadIdentity` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedGcpWorkloadIdentity(name: string, args: GcpWorkloadIdentityArgs): GcpWorkloadIdentityPlan {
  return validated("GcpWorkloadIdentity", planGcpWorkloadIdentity, name, args);
}

/** The IAM member of one token subject in a pool (`projects/<number>/locations/global/workloadIdentityPools/<id>`). */
export function wifSubjectMember(pool: string, subject: string): string {
  return `principal://iam.googleapis.com/${pool}/subject/${subject}`;
}

/** The IAM member of every token of one repository (the `attribute.repository` mapping). */
export function wifRepositoryMember(pool: string, repository: string): string {
  return `principalSet://iam.googleapis.com/${pool}/attribute.repository/${repository}`;
}
