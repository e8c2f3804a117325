import { Problems } from "./errors";

/** Longest key rotation period the landing zone accepts, in days (CIS GCP Foundations 1.10: 90 days or less). */
export const KEY_ROTATION_MAX_DAYS = 90;

/** Seconds in a day: rotation periods are written in seconds on both clouds. */
export const SECONDS_PER_DAY = 86_400;

/** A rotation period in days as the `"<seconds>s"` string both clouds take. */
export function rotationSeconds(days: number): string {
  return `${days * SECONDS_PER_DAY}s`;
}

/**
 * Parses a rotation period (`"7776000s"`, `"90d"`, `"2160h"`, `"129600m"`) into days; undefined
 * when the text is no such period. Policy rules read both clouds' formats through it.
 */
export function rotationDaysOf(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!m) return undefined;
  const per = { s: SECONDS_PER_DAY, m: 1_440, h: 24, d: 1 }[m[2] as "s" | "m" | "h" | "d"];
  return Number(m[1]) / per;
}

/**
 * Checks a key rotation period in days (`LZ_KEY_ROTATION`): a whole number from `min` to `max`.
 * `why` says where the bounds come from, for the message.
 */
export function checkKeyRotation(days: number, min: number, max: number, path: string, problems: Problems, why: string): boolean {
  if (Number.isInteger(days) && days >= min && days <= max) return true;
  const range = min === max ? `exactly ${min}` : `a whole number from ${min} to ${max}`;
  problems.add("LZ_KEY_ROTATION", path, `rotation every ${days} days is not ${range} (${why})`,
    min === max ? `remove the setting or set it to ${min}` : `rotate every ${Math.min(max, KEY_ROTATION_MAX_DAYS)} days or less, e.g. ${Math.min(max, KEY_ROTATION_MAX_DAYS)}`);
  return false;
}

/**
 * The keys a keys component creates: its `defaults` (unless `defaultKeys` is false) with `keys`
 * merged over them by name (a configured key replaces the default of the same name).
 */
export function mergedKeys<K>(defaults: Readonly<Record<string, K>>, args: { readonly defaultKeys?: boolean; readonly keys?: Readonly<Record<string, K>> }): Readonly<Record<string, K>> {
  return { ...(args.defaultKeys === false ? {} : defaults), ...args.keys };
}
