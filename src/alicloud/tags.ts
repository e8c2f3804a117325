import { joinPath, Problems } from "../core/errors";
import { checkLabels } from "../core/labels";

/** Tags one Alibaba Cloud resource takes. */
export const ALICLOUD_TAGS_MAX = 20;
/** Tag key prefixes Alibaba Cloud reserves for itself (case-insensitive). */
export const ALICLOUD_RESERVED_TAG_KEY = /^(aliyun|acs:)/i;

/**
 * Checks tags of an Alibaba component: GCP's label rules (one map serves both clouds), then
 * Alibaba's own limits that those rules let through (at most 20, no reserved `aliyun` keys).
 */
export function checkAlicloudTags(tags: Readonly<Record<string, string>> | undefined, path: string, problems: Problems): void {
  if (tags === undefined) return;
  checkLabels(tags, path, problems);
  checkAlicloudTagLimits(tags, path, problems);
}

/**
 * Alibaba's own tag limits, which GCP's label rules let through: at most 20 tags, no key with a
 * reserved prefix. `added` counts tags the landing zone adds itself (they are in `tags` already).
 */
export function checkAlicloudTagLimits(tags: Readonly<Record<string, string>>, path: string, problems: Problems, added = 0): void {
  const keys = Object.keys(tags);
  if (keys.length > ALICLOUD_TAGS_MAX) {
    const of = added > 0 ? ` (${keys.length - added} set here and ${added} the landing zone adds)` : "";
    problems.add("LZ_TAGS_TOO_MANY", path, `${keys.length} tags${of}; an Alibaba Cloud resource takes at most ${ALICLOUD_TAGS_MAX}`,
      added > 0 ? `keep at most ${ALICLOUD_TAGS_MAX - added} labels here` : "drop some tags");
  }
  for (const k of keys) {
    if (ALICLOUD_RESERVED_TAG_KEY.test(k)) {
      problems.add("LZ_TAG_KEY_RESERVED", joinPath(path, k), `tag key "${k}" starts with a prefix Alibaba Cloud reserves (aliyun, acs:)`, "rename the key");
    }
  }
}
