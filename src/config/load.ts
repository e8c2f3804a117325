import * as fs from "node:fs";
import * as YAML from "yaml";
import { LandingZoneValidationError, Problems } from "../core/errors";
import { keyPath, NAMESPACE, problemsFromIssue } from "./issues";
import { environmentConfig, ROOT_KEYS } from "./schema";
import type { EnvironmentSpec } from "./spec";

/**
 * Parses the raw `landing-zone:` namespace (keys without the prefix) against the schema only
 * (shapes, enums, cross-field rules within the schema), reporting every issue to `problems`.
 * Returns the typed spec, or undefined when the schema rejected it. The checks that need plans
 * (CIDRs, names, cross-area rules) are the planner's: `planConfig` / `parseEnvironment` in
 * `src/planner/`.
 */
export function parseSpec(raw: Record<string, unknown>, problems: Problems): EnvironmentSpec | undefined {
  const before = problems.items.length;
  reportProtoKeys(raw, [], problems);
  const result = environmentConfig.safeParse(raw);
  if (result.success && problems.items.length === before) return result.data;
  if (result.success) return undefined;
  for (const issue of result.error.issues) problems.addAll(problemsFromIssue(issue, raw));
  return undefined;
}

/**
 * A `__proto__` key anywhere in the config (a label key, a collection key) would be dropped
 * silently when the config is copied into plain objects: it is reported instead.
 */
function reportProtoKeys(value: unknown, path: readonly string[], problems: Problems): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => reportProtoKeys(v, [...path, String(i)], problems));
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === "__proto__") {
      problems.add("LZ_KEY_INVALID", keyPath([...path, key]), `key "${key}" is not allowed (JavaScript drops it from objects)`, "rename the key");
    } else {
      reportProtoKeys((value as Record<string, unknown>)[key], [...path, key], problems);
    }
  }
}

/**
 * One `landing-zone:` value as Pulumi's runtime config holds it (`pulumi.runtime.allConfig()`):
 * objects and lists are JSON, scalars are the text as written. A root key whose schema takes a
 * string keeps its text, so an all-digit cost center (`costCenter: "4711"`) stays a string;
 * other values are parsed as JSON (`production: true`).
 */
export function configValueFromText(key: string, text: string): unknown {
  const shape = (environmentConfig.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key];
  if (shape?.safeParse(text).success) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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

/** Largest stack file read: 1 MiB (this repository's own are a few KB). */
export const STACK_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Parses the YAML of a stack file; unreadable, too large or malformed files are reported as
 * problems. Linear in the file's size: the parser's own duplicate-key check compares every key
 * with every earlier key of its map (quadratic: 150 s for a 5 MB file), so it is turned off and
 * `duplicateKey` finds duplicates with one set per map.
 */
function parseStackYaml(file: string): { config?: Record<string, unknown> } | null {
  const problems = new Problems();
  let text = "";
  try {
    const size = fs.statSync(file).size;
    if (size > STACK_FILE_MAX_BYTES) {
      problems.add("LZ_STACK_FILE_TOO_LARGE", file, `is ${size} bytes; a stack file may have at most ${STACK_FILE_MAX_BYTES} (1 MiB)`,
        "keep the stack file to this environment's settings; move bulk data (e.g. long lists) out of it");
      problems.throwIfAny(file);
    }
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof LandingZoneValidationError) throw e;
    problems.add("LZ_STACK_FILE_READ", file, `cannot read the stack file: ${(e as Error).message}`, "pass the path of a Pulumi.<env>.yaml file");
    problems.throwIfAny(file);
  }
  const invalid = (message: string) => {
    // The parser's first line already says where (line and column).
    problems.add("LZ_STACK_FILE_YAML", file, `is not valid YAML: ${message.split("\n")[0]}`, "correct the YAML syntax (indentation, brackets, quotes)");
    problems.throwIfAny(file);
  };
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) invalid(doc.errors[0]!.message);
  const dup = duplicateKey(doc);
  if (dup !== undefined) {
    const at = lines.linePos(dup.offset);
    invalid(`Map keys must be unique; "${dup.key}" is repeated at line ${at.line}, column ${at.col}`);
  }
  try {
    return doc.toJS() as { config?: Record<string, unknown> } | null;
  } catch (e) {
    invalid((e as Error).message);
    return null;
  }
}

/** The first key that repeats within its map, with its offset in the text (one set per map: linear). */
function duplicateKey(doc: YAML.Document): { key: string; offset: number } | undefined {
  let found: { key: string; offset: number } | undefined;
  YAML.visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) {
          found = { key, offset: YAML.isNode(pair.key) ? pair.key.range?.[0] ?? 0 : 0 };
          return YAML.visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** Levenshtein distance of two short strings (one row of the table at a time). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** A namespace that is probably a typo of ours: `landingzone`, `Landing_Zone`, `landing-zones`, `lnading-zone`. */
function nearNamespace(ns: string): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, "");
  return ns !== NAMESPACE && (norm(ns) === norm(NAMESPACE) || editDistance(ns.toLowerCase(), NAMESPACE) <= 2);
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
      // As the Pulumi runtime gives it to the program (`readNamespace`): scalars as text.
      values[key] = configValueFromText(key, runtimeConfig[fullKey]!);
      if (!ROOT_KEYS.includes(key)) unknownKeys.push(fullKey);
    } else if (ns !== undefined && nearNamespace(ns)) {
      plain.add("LZ_CONFIG_NAMESPACE", fullKey, `"${ns}:" is not this library's namespace "${NAMESPACE}:", so the setting would be ignored`,
        `rename the key to ${NAMESPACE}:${key ?? ""}`);
    }
  }
  plain.throwIfAny(file);
  return { values, runtimeConfig, secretKeys, unknownKeys };
}

export { LandingZoneValidationError };
