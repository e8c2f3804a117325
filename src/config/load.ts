import * as fs from "node:fs";
import * as YAML from "yaml";
import { LandingZoneValidationError, Problems } from "../core/errors";
import { NAMESPACE, problemsFromIssue } from "./issues";
import { environmentConfig, EnvironmentSpec, ROOT_KEYS } from "./schema";

/**
 * Parses the raw `landing-zone:` namespace (keys without the prefix) against the schema only
 * (shapes, enums, cross-field rules within the schema), reporting every issue to `problems`.
 * Returns the typed spec, or undefined when the schema rejected it. The checks that need plans
 * (CIDRs, names, cross-area rules) are the planner's: `planConfig` / `parseEnvironment` in
 * `src/planner/`.
 */
export function parseSpec(raw: Record<string, unknown>, problems: Problems): EnvironmentSpec | undefined {
  const result = environmentConfig.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.addAll(problemsFromIssue(issue, raw));
  return undefined;
}

/** A stack file's config split into this namespace's keys and the names of its secret keys. */
export interface StackFileConfig {
  /** `landing-zone:` keys without the prefix. */
  readonly values: Record<string, unknown>;
  /** Every `namespace:key` of the file, as Pulumi's runtime config (values JSON-encoded). */
  readonly runtimeConfig: Record<string, string>;
  /** Keys whose value is a Pulumi secret (`secure:`) in the file. */
  readonly secretKeys: string[];
  /** Keys of other namespaces and unknown keys of ours, for diagnostics. */
  readonly unknownKeys: string[];
}

/** Placeholder for a `secure:` value: ciphertext cannot be decrypted without the stack's key. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-secret";

function replaceSecure(value: unknown, onSecret: () => void): unknown {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (Object.keys(obj).length === 1 && typeof obj.secure === "string") {
      onSecret();
      return OFFLINE_SECRET_PLACEHOLDER;
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, replaceSecure(v, onSecret)]));
  }
  if (Array.isArray(value)) return value.map((v) => replaceSecure(v, onSecret));
  return value;
}

/**
 * Config paths (under `landing-zone:`) that hold secrets: in a stack file each must be a
 * `secure:` value (`pulumi config set --secret --path ...`), never plain text.
 */
export const SECRET_CONFIG_PATHS: readonly (readonly string[])[] = [["gcp", "vpn", "sharedSecret"], ["alicloud", "vpn", "sharedSecret"]];

function valueAt(root: unknown, path: readonly string[]): unknown {
  let at = root;
  for (const p of path) at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[p] : undefined;
  return at;
}

/** Parses the YAML of a stack file; unreadable or malformed files are reported as problems. */
function parseStackYaml(file: string): { config?: Record<string, unknown> } | null {
  const problems = new Problems();
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    problems.add("LZ_STACK_FILE_READ", file, `cannot read the stack file: ${(e as Error).message}`, "pass the path of a Pulumi.<env>.yaml file");
    problems.throwIfAny(file);
  }
  try {
    return YAML.parse(text) as { config?: Record<string, unknown> } | null;
  } catch (e) {
    // The parser's first line already says where (line and column).
    problems.add("LZ_STACK_FILE_YAML", file, `is not valid YAML: ${(e as Error).message.split("\n")[0]}`, "correct the YAML syntax (indentation, brackets, quotes)");
    problems.throwIfAny(file);
    return null;
  }
}

/** Reads a `Pulumi.<env>.yaml`: its `config:` map, with `secure:` values replaced by a placeholder. */
export function readStackFile(file: string): StackFileConfig {
  const doc = parseStackYaml(file);
  const config = doc?.config ?? {};
  const plain = new Problems();
  for (const path of SECRET_CONFIG_PATHS) {
    const value = valueAt(config[`${NAMESPACE}:${path[0]}`], path.slice(1));
    if (typeof value === "string") {
      const key = `${NAMESPACE}:${path.join(".")}`;
      plain.add("LZ_SECRET_PLAINTEXT", key, "a secret is written in clear in the stack file", `remove it and run: pulumi config set --secret --path '${key}' <value>`);
    }
  }
  plain.throwIfAny(file);
  const values: Record<string, unknown> = {};
  const runtimeConfig: Record<string, string> = {};
  const secretKeys: string[] = [];
  const unknownKeys: string[] = [];
  for (const [fullKey, rawValue] of Object.entries(config)) {
    let secret = false;
    const value = replaceSecure(rawValue, () => (secret = true));
    if (secret) secretKeys.push(fullKey);
    runtimeConfig[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
    const [ns, key] = fullKey.includes(":") ? fullKey.split(/:(.*)/s) : [NAMESPACE, fullKey];
    if (ns === NAMESPACE && key !== undefined) {
      values[key] = value;
      if (!ROOT_KEYS.includes(key)) unknownKeys.push(fullKey);
    }
  }
  return { values, runtimeConfig, secretKeys, unknownKeys };
}

export { LandingZoneValidationError };
