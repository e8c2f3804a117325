/**
 * Intents: what the landing zone must allow (required) or must not allow (forbidden), checked
 * over the plan inventory. Plain data, no Pulumi.
 */

/** A network intent: can `from` open a connection to `to` on `port`/`protocol`? */
export interface ReachIntent {
  /** Label in reports. @default "<from> -> <to>:<port>" */
  readonly name?: string;
  /**
   * Where the connection starts: `gcp:<tier>[@<region>]`, `alicloud:<tier>[@<zone>]`,
   * `onprem[:<range name>]`, `internet`, or `range:<name>` (an other environment's range).
   */
  readonly from: string;
  /**
   * Where it goes: a tier (`gcp:<tier>[@<region>]`, `alicloud:<tier>[@<zone>]`), a Google API by
   * host (`google-api:storage.googleapis.com`, `google-api:europe-west1-docker.pkg.dev`), an
   * Alibaba service (`alicloud-service:ntp|dns|metadata|registry`), `onprem[:<range name>]`
   * or `internet`.
   */
  readonly to: string;
  /**
   * Destination port, or several (required: every one; forbidden: any one).
   * @default 443 for APIs and the registry, 123 for ntp, 53 for dns, 80 for metadata, else 22
   */
  readonly port?: number | readonly number[];
  /** @default "tcp" (udp for ntp and dns) */
  readonly protocol?: "tcp" | "udp" | "icmp";
}

/** An authorization intent: can `identity` do `action` on `on`? */
export interface AuthIntent {
  readonly name?: string;
  /**
   * Who: `gcp:ci` (every `gcp.iam.robotImpersonators` workload identity), `alicloud:ci` (every
   * `alicloud.ram.robot` OIDC subject), `gcp:persona:<persona>`, `alicloud:persona:<persona>`,
   * or one identity: `gcp:member:<IAM member>` (e.g. a `principal://` workload identity),
   * `alicloud:oidc:<subject>`, `alicloud:user:<RAM user name>`.
   */
  readonly identity: string;
  /** `push` or `pull` images, or `deploy` (GKE/Cloud Run on GCP, ACK on Alibaba). */
  readonly action: "push" | "pull" | "deploy";
  /** `gcp:registry`, `alicloud:registry`, `gcp:project` or `alicloud:ack`. */
  readonly on: string;
}

export type Intent = ReachIntent | AuthIntent;

/** Intents a stack declares. */
export interface IntentSet {
  readonly required?: readonly Intent[];
  readonly forbidden?: readonly Intent[];
}

export function isAuthIntent(i: Intent): i is AuthIntent {
  return (i as AuthIntent).identity !== undefined;
}

/** One step of a path, with the resource that decides it. */
export interface Hop {
  /** What kind of step: firewall, route, nat, dns, api, vpn, security-group, acl, endpoint, trust, binding, policy. */
  readonly kind: string;
  readonly verdict: "pass" | "block";
  /** The deciding resource's name (provider-side name when it has one), or what is missing. */
  readonly name: string;
  /** The deciding resource's URN, absent when the hop is implied or missing. */
  readonly urn?: string;
  /** One sentence: why this hop passes or blocks. */
  readonly detail: string;
}

/** The outcome of one intent. */
export interface IntentResult {
  /** `required` or `forbidden`. */
  readonly expect: "required" | "forbidden";
  /** The intent's label. */
  readonly name: string;
  readonly intent: Intent;
  /** Whether the path exists (for every source/destination instance of the intent). */
  readonly reachable: boolean;
  /** True when reachable matches the expectation. */
  readonly ok: boolean;
  /** The hops of the deciding case: the first blocked case for required, the first open one for forbidden. */
  readonly hops: readonly Hop[];
  /** The case the hops describe, e.g. `app@europe-west1 -> storage.googleapis.com (199.36.153.8)`. */
  readonly detail: string;
  /** Required and blocked: the hop that blocks it. Forbidden and open: the hop that lets it through. */
  readonly culprit?: Hop;
}

/** GCP tier: its subnetworks (provider names) and how firewall rules pick its instances. */
export interface GcpTierRef {
  readonly subnetworks: readonly string[];
  /** Network tags the instances carry. */
  readonly tags: readonly string[];
  /** Service accounts (emails) the instances run as. */
  readonly serviceAccounts: readonly string[];
  readonly public: boolean;
}

/** Alibaba tier: its vSwitches and security group (provider names). */
export interface AlicloudTierRef {
  readonly vswitches: readonly string[];
  readonly securityGroup: string;
  readonly public: boolean;
}

/**
 * What intent names stand for in one stack: tiers, ranges and identities. Built from the stack
 * config (`intentCatalogue(spec)`) or by hand for your own program.
 */
export interface IntentCatalogue {
  readonly gcp?: {
    readonly project: string;
    readonly tiers: Readonly<Record<string, GcpTierRef>>;
    /** Workload identities (IAM members) of the CI. */
    readonly ci: readonly string[];
    /** IAM members per persona. */
    readonly personas: Readonly<Record<string, readonly string[]>>;
    /** The Artifact Registry repository id of `gcp:registry`. */
    readonly registry?: string;
  };
  readonly alicloud?: {
    readonly tiers: Readonly<Record<string, AlicloudTierRef>>;
    /** The CI's OIDC identities: provider ARN and subjects. */
    readonly ci?: { readonly providerArn: string; readonly issuer?: string; readonly audiences: readonly string[]; readonly subjects: readonly string[] };
    /** RAM user names per persona. */
    readonly personas: Readonly<Record<string, readonly string[]>>;
    /** `alicloud:registry`: instance, namespace, region and account of the repository ARN. */
    readonly registry?: { readonly instanceId: string; readonly namespace: string; readonly region: string; readonly account: string };
  };
  /** On-premises ranges by name (what the on-premises routers advertise over BGP). */
  readonly onPremises: Readonly<Record<string, string>>;
  /** Other environments' ranges by name (`range:<name>`). */
  readonly otherRanges: Readonly<Record<string, string>>;
}
