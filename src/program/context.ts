import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import type { AlicloudKeys } from "../alicloud/keys";
import type { AlicloudLogging } from "../alicloud/logging";
import type { AlicloudVpc } from "../alicloud/vpc";
import type { GcpBudget } from "../gcp/budget";
import type { GcpKeys } from "../gcp/keys";
import type { GcpVpc } from "../gcp/vpc";
import type * as pulumi from "@pulumi/pulumi";
import type { Persona } from "../core/personas";
import type { EnvironmentPlan } from "../planner/environment";

/**
 * What each area of the stack program receives: the environment plan (every component's name,
 * args and plan), the explicit providers and the components created by earlier areas. Areas add
 * what later areas need to `shared` (e.g. the RAM groups for the registry). Areas deploy only:
 * every check ran in the planner.
 */
export interface LandingZoneContext {
  /** The environment plan the program deploys. */
  readonly plan: EnvironmentPlan;
  /** Options of every GCP component: the explicit provider pinned to the project and primary region (gcp enabled only). */
  readonly gcpOpts: { readonly provider?: gcp.Provider };
  /** Options of every Alibaba component: the explicit provider pinned to the region (alicloud enabled only). */
  readonly alicloudOpts: { readonly provider?: alicloud.Provider };
  /** The GCP VPC (gcp enabled only). */
  readonly gcpVpc?: GcpVpc;
  /** The Alibaba VPC (alicloud enabled only). */
  readonly alicloudVpc?: AlicloudVpc;
  /** Values areas hand to later areas. */
  readonly shared: SharedValues;
}

/** What one area hands to the areas after it (set by the area named on each field). */
export interface SharedValues {
  /** IAM area: the RAM group name of each persona that has a group (Alibaba). */
  alicloudPersonaGroups?: Partial<Record<Persona, pulumi.Input<string>>>;
  /** Keys area: the GCP key ring and keys, for the audit and registry areas. */
  gcpKeys?: GcpKeys;
  /** Keys area: the Alibaba keys and the SLS role, for the audit area. */
  alicloudKeys?: AlicloudKeys;
  /** IAM area: the resource name of the project's workload identity pool (GCP, with `gcp.workloadIdentity`). */
  gcpWorkloadIdentityPool?: pulumi.Input<string>;
  /** Audit area: the GCP budget, whose email channels the security alerts reuse. */
  gcpBudget?: GcpBudget;
  /** Audit area: the Alibaba audit logging, whose ActionTrail logstore the security alerts search. */
  alicloudLogging?: AlicloudLogging;
}

/** Stack outputs an area adds; keys must be unique across areas. */
export type AreaOutputs = Record<string, unknown>;
