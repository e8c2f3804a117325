import { joinPath, Problems, validated } from "../core/errors";
import { KEY_ROTATION_MAX_DAYS, checkKeyRotation, mergedKeys, rotationSeconds } from "../core/keys";
import { checkLabels } from "../core/labels";
import { checkKey, nameOf } from "../core/naming";
import { checkGcpMemberFormat } from "./iam-plan";
import { GCP_PROJECT_ID } from "./ids";
import { registryMemberSlug } from "./registry-plan";

/**
 * Google service agents that can use a landing-zone key, with the API they belong to. Each
 * gets `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the keys that list it:
 * - `storage`: `service-<project-number>@gs-project-accounts.iam.gserviceaccount.com` (buckets),
 * - `bigquery`: `bq-<project-number>@bigquery-encryption.iam.gserviceaccount.com` (datasets),
 * - `artifactregistry`: `service-<project-number>@gcp-sa-artifactregistry.iam.gserviceaccount.com` (repositories).
 */
export const GCP_KEY_AGENTS = {
  storage: "storage.googleapis.com",
  bigquery: "bigquery.googleapis.com",
  artifactregistry: "artifactregistry.googleapis.com",
} as const;
export type GcpKeyAgent = keyof typeof GCP_KEY_AGENTS;

/** The one role a key's users get: encrypt and decrypt with it, nothing else (no admin, no destroy). */
export const GCP_KMS_ENCRYPTER_DECRYPTER = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/** Protection levels of the keys' versions (`versionTemplate.protectionLevel`). */
export const GCP_KEY_PROTECTION_LEVELS = ["SOFTWARE", "HSM"] as const;
export type GcpKeyProtectionLevel = (typeof GCP_KEY_PROTECTION_LEVELS)[number];

/** One crypto key of the ring. */
export interface GcpKeyArgs {
  /** Service agents granted encrypter/decrypter on the key. @default [] */
  readonly agents?: readonly GcpKeyAgent[];
  /** Other members (e.g. `serviceAccount:app@P.iam.gserviceaccount.com`) granted encrypter/decrypter. @default [] */
  readonly members?: readonly string[];
  /** Days between automatic rotations, 1–90. @default the ring's `rotationDays` */
  readonly rotationDays?: number;
  /** `SOFTWARE` or `HSM` (Cloud HSM, not in every location). @default the ring's `protectionLevel` */
  readonly protectionLevel?: GcpKeyProtectionLevel;
}

export interface GcpKeysArgs {
  /** Project that owns the key ring. */
  readonly project: string;
  /** Cloud KMS location of the ring, the location of the data it protects (`europe-west1`, or `europe` for an `EU` bucket). */
  readonly location: string;
  /** Key ring id (1–63 letters, digits, `_`, `-`). Rings can never be deleted, so the id cannot be reused. @default the component name */
  readonly keyRingName?: string;
  /** Days between automatic rotations of every key, 1–90 (CIS GCP Foundations 1.10). @default 90 */
  readonly rotationDays?: number;
  /** Protection level of every key. @default "SOFTWARE" */
  readonly protectionLevel?: GcpKeyProtectionLevel;
  /** The landing zone's own keys: `audit` (Cloud Storage and BigQuery agents) and `registry` (Artifact Registry agent). @default true */
  readonly defaultKeys?: boolean;
  /** More keys by name, or overrides of the default keys. @default {} */
  readonly keys?: Readonly<Record<string, GcpKeyArgs>>;
  /** Production: keys are protected, retained and `deletionPolicy: PREVENT` (destroying a key loses its data). @default false */
  readonly production?: boolean;
  /** Enable the Cloud KMS API and the APIs of the granted agents in the project. @default true */
  readonly enableServices?: boolean;
  /** Labels of the keys. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

export const GCP_KEYS_DEFAULTS = {
  rotationDays: KEY_ROTATION_MAX_DAYS,
  protectionLevel: "SOFTWARE",
  /** Days a destroyed key version stays restorable (Cloud KMS's own default, set explicitly). */
  destroyScheduledDays: 30,
  keys: {
    audit: { agents: ["storage", "bigquery"] },
    registry: { agents: ["artifactregistry"] },
  } as Readonly<Record<string, GcpKeyArgs>>,
} as const;

/** One encrypter/decrypter grant on a key. */
export interface GcpKeyGrant {
  /** Logical name of the CryptoKeyIAMMember: `<name>-<key>-<agent>` or `<name>-<key>-<member slug>`. */
  readonly resourceName: string;
  /** A service agent, resolved at deploy time … */
  readonly agent?: GcpKeyAgent;
  /** … or a member given in the args. */
  readonly member?: string;
}

/** One planned crypto key. */
export interface GcpKeyPlan {
  /** The key's name in the args (`audit`, `registry`, …), also its Cloud KMS id. */
  readonly key: string;
  /** Logical name of the CryptoKey: `<name>-<key>`. */
  readonly resourceName: string;
  /** Full key name: `projects/P/locations/L/keyRings/R/cryptoKeys/<key>`, the value consumers take. */
  readonly keyName: string;
  /** `"<seconds>s"`. */
  readonly rotationPeriod: string;
  readonly protectionLevel: GcpKeyProtectionLevel;
  readonly grants: readonly GcpKeyGrant[];
}

/** What `GcpKeys` creates, as plain data. */
export interface GcpKeysPlan {
  readonly keyRingName: string;
  /** `projects/P/locations/L/keyRings/R`. */
  readonly keyRingId: string;
  readonly keys: readonly GcpKeyPlan[];
  /** Service agents that need an identity looked up (each once). */
  readonly agents: readonly GcpKeyAgent[];
  /** APIs to enable: Cloud KMS and the granted agents' APIs (empty when `enableServices` is false). */
  readonly services: readonly string[];
  readonly destroyScheduledDuration: string;
}

/** Cloud KMS key ring and key ids: 1–63 letters, digits, `_` or `-`. */
export const GCP_KMS_ID = /^[a-zA-Z0-9_-]{1,63}$/;
/** Cloud KMS locations: `global`, a multi-region (`europe`, `us`, `nam4` …) or a region (`europe-west1`). */
export const GCP_KMS_LOCATION = /^(?:[a-z]+\d*|[a-z]+-[a-z]+\d+)$/;

/** The keys a `GcpKeys` creates: `mergedKeys` of `GCP_KEYS_DEFAULTS.keys` and the args. */
export function gcpKeysOf(args: Pick<GcpKeysArgs, "defaultKeys" | "keys">): Readonly<Record<string, GcpKeyArgs>> {
  return mergedKeys(GCP_KEYS_DEFAULTS.keys, args);
}

/** Validates `GcpKeys` args and computes its plan; reports every problem under `path`. */
export function planGcpKeys(name: string, args: GcpKeysArgs, path: string, problems: Problems): GcpKeysPlan {
  if (!GCP_PROJECT_ID.test(args.project)) {
    problems.add("LZ_KMS_PROJECT", joinPath(path, "project"), `"${args.project}" is not a project id`,
      "use the project id (6–30 lowercase letters, digits or hyphens), e.g. acme-lz-prod");
  }
  if (!GCP_KMS_LOCATION.test(args.location)) {
    problems.add("LZ_KMS_LOCATION", joinPath(path, "location"), `"${args.location}" is not a Cloud KMS location`,
      "use the lower-case location of the data the keys protect, e.g. europe-west1, or europe for an EU bucket");
  }
  const keyRingName = args.keyRingName ?? name;
  if (!GCP_KMS_ID.test(keyRingName)) {
    problems.add("LZ_KMS_ID", joinPath(path, args.keyRingName === undefined ? "name" : "keyRingName"),
      `key ring id "${keyRingName}" must be 1–63 letters, digits, _ or -`, "choose an id such as prod-keys");
  }
  const ringDays = args.rotationDays ?? GCP_KEYS_DEFAULTS.rotationDays;
  checkKeyRotation(ringDays, 1, KEY_ROTATION_MAX_DAYS, joinPath(path, "rotationDays"), problems, "Cloud KMS rotates at most daily; the landing zone rotates at least every 90 days");
  const ringLevel = args.protectionLevel ?? GCP_KEYS_DEFAULTS.protectionLevel;
  checkProtectionLevel(ringLevel, joinPath(path, "protectionLevel"), problems);
  if (args.labels) checkLabels(args.labels, joinPath(path, "labels"), problems);

  const keyRingId = `projects/${args.project}/locations/${args.location}/keyRings/${keyRingName}`;
  const keys: GcpKeyPlan[] = [];
  const agents = new Set<GcpKeyAgent>();
  const keysPath = joinPath(path, "keys");
  const all = mergedKeys(GCP_KEYS_DEFAULTS.keys, args);
  if (Object.keys(all).length === 0) {
    problems.add("LZ_KMS_NO_KEYS", keysPath, "the key ring would hold no key (defaultKeys is false and keys is empty)",
      "list at least one key under keys, or leave defaultKeys on");
  }
  for (const [key, k] of Object.entries(all)) {
    const at = joinPath(keysPath, key);
    checkKey(key, at, problems);
    const days = k.rotationDays ?? ringDays;
    if (k.rotationDays !== undefined) {
      checkKeyRotation(days, 1, KEY_ROTATION_MAX_DAYS, joinPath(at, "rotationDays"), problems, "Cloud KMS rotates at most daily; the landing zone rotates at least every 90 days");
    }
    const level = k.protectionLevel ?? ringLevel;
    if (k.protectionLevel !== undefined) checkProtectionLevel(level, joinPath(at, "protectionLevel"), problems);
    const grants: GcpKeyGrant[] = [];
    const seen = new Set<string>();
    (k.agents ?? []).forEach((agent, i) => {
      if (!(agent in GCP_KEY_AGENTS)) {
        problems.add("LZ_KMS_AGENT", `${joinPath(at, "agents")}[${i}]`, `"${agent}" is not a service agent the landing zone grants`,
          `use one of ${Object.keys(GCP_KEY_AGENTS).join(", ")}, or list the identity under members`);
        return;
      }
      const resourceName = nameOf(name, key, agent);
      if (seen.has(resourceName)) return;
      seen.add(resourceName);
      agents.add(agent);
      grants.push({ resourceName, agent });
    });
    (k.members ?? []).forEach((member, i) => {
      if (!checkGcpMemberFormat(member, `${joinPath(at, "members")}[${i}]`, problems)) return;
      const resourceName = nameOf(name, key, registryMemberSlug(member));
      if (seen.has(resourceName)) return;
      seen.add(resourceName);
      grants.push({ resourceName, member });
    });
    keys.push({
      key,
      resourceName: nameOf(name, key),
      keyName: `${keyRingId}/cryptoKeys/${key}`,
      rotationPeriod: rotationSeconds(days),
      protectionLevel: level,
      grants,
    });
  }
  const agentList = Object.keys(GCP_KEY_AGENTS).filter((a): a is GcpKeyAgent => agents.has(a as GcpKeyAgent));
  const services = args.enableServices === false ? [] : ["cloudkms.googleapis.com", ...agentList.map((a) => GCP_KEY_AGENTS[a])];
  return {
    keyRingName,
    keyRingId,
    keys,
    agents: agentList,
    services,
    destroyScheduledDuration: rotationSeconds(GCP_KEYS_DEFAULTS.destroyScheduledDays),
  };
}

function checkProtectionLevel(level: string, path: string, problems: Problems): void {
  if (!(GCP_KEY_PROTECTION_LEVELS as readonly string[]).includes(level)) {
    problems.add("LZ_KMS_PROTECTION_LEVEL", path, `protection level "${level}" is not one of ${GCP_KEY_PROTECTION_LEVELS.join(", ")}`,
      "use SOFTWARE, or HSM where Cloud HSM is available");
  }
}

/** Plans `GcpKeys` args and throws one `LandingZoneValidationError` listing every problem. */
export function validatedGcpKeys(name: string, args: GcpKeysArgs): GcpKeysPlan {
  return validated("GcpKeys", planGcpKeys, name, args);
}
