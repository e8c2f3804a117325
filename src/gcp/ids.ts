import { Problems } from "../core/errors";

/** Service account ids: 6–30 characters, RFC 1035. */
export const GCP_SERVICE_ACCOUNT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** Project ids follow the same rule. */
export const GCP_PROJECT_ID = GCP_SERVICE_ACCOUNT_ID;

/** Cloud KMS key names, capturing the location: `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
export const GCP_KMS_KEY_NAME = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/**
 * Checks a Cloud KMS key name (`LZ_KMS_KEY`); reports under `path`. Returns the key's
 * location, or undefined when the name is not a key name.
 */
export function checkKmsKeyName(keyName: string, path: string, problems: Problems): string | undefined {
  const m = GCP_KMS_KEY_NAME.exec(keyName);
  if (m) return m[1]!;
  problems.add("LZ_KMS_KEY", path, `"${keyName}" is not a Cloud KMS key name`,
    "use projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>");
  return undefined;
}

/**
 * The Cloud KMS location a key must be in to protect data stored in `location`: the same
 * location in lower case, with the `EU` multi-region named `europe` in Cloud KMS
 * (`US` → `us`, `ASIA` → `asia`, `europe-west1` → `europe-west1`).
 */
export function kmsLocationFor(location: string): string {
  const l = location.toLowerCase();
  return l === "eu" ? "europe" : l;
}

/**
 * Checks a CMEK for data stored in `location`: a Cloud KMS key name (`LZ_KMS_KEY`) in the
 * matching Cloud KMS location (`LZ_KMS_KEY_LOCATION`); `what` names the data, e.g. "the bucket".
 */
export function checkKmsKeyFor(keyName: string, location: string, path: string, problems: Problems, what: string): void {
  const keyLocation = checkKmsKeyName(keyName, path, problems);
  if (keyLocation !== undefined && keyLocation !== kmsLocationFor(location)) {
    problems.add("LZ_KMS_KEY_LOCATION", path, `the key is in "${keyLocation}" but ${what} is in "${location}"`,
      `use a key in Cloud KMS location "${kmsLocationFor(location)}"`);
  }
}

/** Checks a billing account id, `XXXXXX-XXXXXX-XXXXXX` (upper-case hex); reports under `path`. */
export function checkBillingAccount(id: string, path: string, problems: Problems): void {
  if (!/^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/.test(id)) {
    problems.add("LZ_BILLING_ACCOUNT", path, `"${id}" is not a billing account id`,
      "use the id shown in the Cloud console, e.g. 012345-6789AB-CDEF01");
  }
}

/**
 * Checks a Pub/Sub topic name built from a component name: Pub/Sub reserves names starting
 * with `goog`. (Length and characters already hold for RFC 1035 component names.)
 */
export function checkPubsubTopicName(topic: string, path: string, problems: Problems): void {
  if (topic.toLowerCase().startsWith("goog")) {
    problems.add("LZ_TOPIC_NAME", path, `Pub/Sub topic name "${topic}" starts with "goog", which Pub/Sub reserves`,
      "rename the component so it does not start with goog");
  }
}
