import { Problems } from "./errors";

/** GCP resource names (networks, subnets, routers, firewalls, …): RFC 1035, 1–63 characters. */
export const GCP_NAME_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const GCP_NAME_MAX = 63;

/** Keys of named collections (subnets, rules, personas …): lowercase, start with a letter. */
export const KEY_PATTERN = /^[a-z][a-z0-9-]*$/;
/** Longest collection key: keys end up inside provider names with a prefix and a location. */
export const KEY_MAX = 24;

/** Checks a GCP RFC 1035 name; reports under `path`. */
export function checkGcpName(name: string, path: string, problems: Problems, what = "name"): void {
  if (checkNameLength(name, GCP_NAME_MAX, "GCP", path, problems, what) && !GCP_NAME_PATTERN.test(name)) {
    problems.add("LZ_NAME_INVALID", path, `${what} "${name}" is not a valid GCP name (RFC 1035: [a-z]([-a-z0-9]*[a-z0-9])?)`,
      "use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");
  }
}

/**
 * Checks a name (or derived description) against a provider's length limit: `LZ_NAME_TOO_LONG`
 * above `max`, the one code for that rule on every cloud.
 */
export function checkNameLength(name: string, max: number, provider: string, path: string, problems: Problems, what = "name"): boolean {
  if (name.length <= max) return true;
  problems.add("LZ_NAME_TOO_LONG", path, `${what} "${name}" is ${name.length} characters; ${provider} allows at most ${max}`,
    "shorten the component name or the key it is built from");
  return false;
}

/** Checks an Alibaba Cloud resource name: `min`–`max` characters, starts with a letter, no URL scheme. */
export function checkAlicloudName(name: string, path: string, problems: Problems, min = 2, max = 128, what = "name"): void {
  if (name.length < min) {
    problems.add("LZ_NAME_TOO_SHORT", path, `${what} "${name}" is ${name.length} characters; Alibaba Cloud needs at least ${min}`,
      "lengthen the component name or the key it is built from");
  } else if (checkNameLength(name, max, "Alibaba Cloud", path, problems, what) && (!/^[A-Za-z\u4e00-\u9fa5]/.test(name) || /^https?:\/\//.test(name))) {
    problems.add("LZ_NAME_INVALID", path, `${what} "${name}" must start with a letter and must not start with http:// or https://`,
      "start the name with a letter");
  }
}

/** Checks a key of a named collection (subnet, rule, …). */
export function checkKey(key: string, path: string, problems: Problems): void {
  if (!KEY_PATTERN.test(key) || key.length > KEY_MAX || key.endsWith("-")) {
    problems.add("LZ_KEY_INVALID", path, `key "${key}" must be 1–${KEY_MAX} lowercase letters, digits or hyphens, starting with a letter`,
      "rename the key, e.g. web, app-tier, data");
  }
}

/** Joins name parts with hyphens, skipping empty ones. */
export function nameOf(...parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined && p !== "").join("-");
}

/** Pulumi's stack name rule: letters, digits, `-`, `_` and `.`, at most 100 characters (no path separators). */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Checks a stack name (e.g. `--stack`), which also names the file `Pulumi.<stack>.yaml`. */
export function checkStackName(stack: string, path: string, problems: Problems): void {
  if (!STACK_NAME.test(stack) || stack === "." || stack === "..") {
    problems.add("LZ_STACK_NAME", path, `"${stack}" is not a stack name`,
      "use letters, digits, -, _ and . only (at most 100 characters, no / or \\), e.g. dev; pass any other file with --config");
  }
}
