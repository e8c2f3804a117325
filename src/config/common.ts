import { z } from "zod";
import { KEY_MAX, KEY_PATTERN } from "../core/naming";

/** A key of a named collection (subnet, rule, range …). */
export const key = z.string().regex(KEY_PATTERN, { error: "must be lowercase letters, digits or hyphens, starting with a letter" }).max(KEY_MAX);

/** A map keyed by collection key, in declaration order. */
export function named<T extends z.ZodType>(value: T) {
  return z.record(key, value);
}

/** A GCP label value / Alibaba tag value that is valid on both clouds. */
export const labelValue = z.string().regex(/^[a-z0-9_-]{1,63}$/, {
  error: "must be 1–63 lowercase letters, digits, _ or - (a label value valid on both clouds)",
});

/** A non-empty list of distinct strings. */
export function distinctList<T extends z.ZodType<string>>(item: T) {
  return z.array(item).min(1).refine((l) => new Set(l).size === l.length, {
    error: "lists an item twice",
    params: { code: "LZ_CONFIG_DUPLICATE", fix: "list each item once" },
  });
}
