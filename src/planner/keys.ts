import { AlicloudKeysArgs, AlicloudKeysPlan, planAlicloudKeys } from "../alicloud/keys-plan";
import { keyPath } from "../config/issues";
import type { EnvironmentSpec } from "../config/spec";
import type { Problems } from "../core/errors";
import { mergedKeys } from "../core/keys";
import { GCP_KEYS_DEFAULTS, GcpKeyArgs, GcpKeysArgs, GcpKeysPlan, planGcpKeys } from "../gcp/keys-plan";
import { kmsLocationFor } from "../gcp/ids";
import { environmentLabels, keysName } from "./names";
import { Planned, planStep } from "./step";

/** The keys area's plan: a GCP key ring and/or Alibaba KMS keys, when `<cloud>.keys.enabled` (default: production). */
export interface KeysPlan {
  readonly gcpKeys?: Planned<GcpKeysArgs, GcpKeysPlan>;
  readonly alicloudKeys?: Planned<AlicloudKeysArgs, AlicloudKeysPlan>;
  /** Whether the Alibaba audit logstores use the key (BYOK): `alicloud.keys.logstores`, default true. */
  readonly alicloudLogstores: boolean;
}

/** Whether the landing zone creates its own keys on GCP: `gcp.keys.enabled`, by default the production flag. */
export function gcpKeysEnabled(spec: EnvironmentSpec): boolean {
  return spec.gcp !== undefined && (spec.gcp.keys?.enabled ?? spec.production);
}

/** Whether the landing zone creates its own keys on Alibaba Cloud: `alicloud.keys.enabled`, by default the production flag. */
export function alicloudKeysEnabled(spec: EnvironmentSpec): boolean {
  return spec.alicloud !== undefined && (spec.alicloud.keys?.enabled ?? spec.production);
}

/**
 * The landing zone's own GCP keys, granted only to the agents that will use them: `audit` for
 * the Cloud Storage agent (and BigQuery's when the audit logs go to BigQuery), unless the audit
 * logging brings its own `kmsKeyName`; `registry` for the Artifact Registry agent when the
 * environment creates a repository without its own `kmsKeyName`.
 */
function gcpOwnKeys(spec: EnvironmentSpec): Record<string, GcpKeyArgs> {
  const gcp = spec.gcp!;
  const logging = gcp.audit?.logging ?? {};
  const own: Record<string, GcpKeyArgs> = {};
  if (logging.kmsKeyName === undefined) own.audit = { agents: logging.bigquery ? ["storage", "bigquery"] : ["storage"] };
  const registry = gcp.registry;
  if (registry && !registry.existing && registry.kmsKeyName === undefined) own.registry = { agents: ["artifactregistry"] };
  return own;
}

/**
 * `GcpKeysArgs` from `landing-zone:gcp.keys`: the keys the environment uses (see `gcpOwnKeys`)
 * with `gcp.keys.keys` merged over them (agents and members added up). The ring sits where the
 * audit bucket is (`EU` → `europe`), else in the primary region. The APIs are turned on with the
 * environment's other APIs (`gcpLandingZoneServices`).
 */
export function gcpKeysArgs(spec: EnvironmentSpec): GcpKeysArgs {
  const gcp = spec.gcp!;
  const k = gcp.keys ?? {};
  const keys: Record<string, GcpKeyArgs> = gcpOwnKeys(spec);
  for (const [key, extra] of Object.entries(k.keys ?? {})) {
    const base = keys[key];
    keys[key] = base === undefined ? extra : {
      ...base, ...extra,
      agents: [...new Set([...(base.agents ?? []), ...(extra.agents ?? [])])],
      members: [...(base.members ?? []), ...(extra.members ?? [])],
    };
  }
  return {
    project: gcp.project,
    location: k.location ?? kmsLocationFor(gcp.audit?.logging?.location ?? gcp.regions[0]!),
    keyRingName: k.keyRingName,
    rotationDays: k.rotationDays,
    protectionLevel: k.protectionLevel,
    defaultKeys: false,
    keys,
    production: spec.production,
    enableServices: false,
    labels: environmentLabels(spec),
  };
}

/** `AlicloudKeysArgs` from `landing-zone:alicloud.keys`. */
export function alicloudKeysArgs(spec: EnvironmentSpec): AlicloudKeysArgs {
  const ali = spec.alicloud!;
  const k = ali.keys ?? {};
  return {
    region: ali.region,
    kmsInstanceId: k.kmsInstanceId,
    rotationDays: k.rotationDays,
    pendingWindowDays: k.pendingWindowDays,
    keys: k.keys,
    logServiceRole: k.logstores ?? true,
    production: spec.production,
    tags: environmentLabels(spec),
  };
}

/**
 * The full name of one of the landing zone's GCP keys (`audit`, `registry`), when keys are on
 * and the key exists; consumers without their own `kmsKeyName` use it.
 */
export function gcpLandingZoneKeyName(spec: EnvironmentSpec, key: "audit" | "registry"): string | undefined {
  if (!gcpKeysEnabled(spec)) return undefined;
  const args = gcpKeysArgs(spec);
  if (!(key in mergedKeys(GCP_KEYS_DEFAULTS.keys, args))) return undefined;
  return `projects/${args.project}/locations/${args.location}/keyRings/${args.keyRingName ?? keysName(spec)}/cryptoKeys/${key}`;
}

/**
 * Plans the keys (labels and tags are checked under `landing-zone:labels`), and checks that the
 * ring is where the data it protects is: the audit bucket and dataset, and the registry, unless
 * they bring their own `kmsKeyName` (`LZ_KMS_KEY_LOCATION` under `gcp.keys.location`).
 */
export function planKeys(spec: EnvironmentSpec, problems: Problems): KeysPlan {
  const name = keysName(spec);
  const plan: { -readonly [K in keyof KeysPlan]: KeysPlan[K] } = { alicloudLogstores: spec.alicloud?.keys?.logstores ?? true };
  if (gcpKeysEnabled(spec)) {
    const args = gcpKeysArgs(spec);
    plan.gcpKeys = planStep(planGcpKeys, name, args, keyPath(["gcp", "keys"]), problems, { labels: undefined });
    const gcp = spec.gcp!;
    const users: [string, string | undefined, string][] = [
      ["the audit bucket", gcp.audit?.logging?.kmsKeyName === undefined ? (gcp.audit?.logging?.location ?? gcp.regions[0]!) : undefined, "audit"],
      ["the registry", gcp.registry && gcp.registry.kmsKeyName === undefined && !gcp.registry.existing ? (gcp.registry.location ?? gcp.regions[0]!) : undefined, "registry"],
    ];
    for (const [what, location, key] of users) {
      if (location === undefined || gcpLandingZoneKeyName(spec, key as "audit" | "registry") === undefined) continue;
      if (kmsLocationFor(location) !== args.location) {
        problems.add("LZ_KMS_KEY_LOCATION", keyPath(["gcp", "keys", "location"]), `the key ring is in "${args.location}" but ${what} is in "${location}"`,
          `set gcp.keys.location to "${kmsLocationFor(location)}" (one ring serves one location), or give ${what} its own kmsKeyName`);
      }
    }
  }
  if (alicloudKeysEnabled(spec)) {
    plan.alicloudKeys = planStep(planAlicloudKeys, name, alicloudKeysArgs(spec), keyPath(["alicloud", "keys"]), problems, { tags: undefined });
  }
  return plan;
}
