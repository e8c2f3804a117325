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
  const keys = Object.keys(tags);
  if (keys.length > ALICLOUD_TAGS_MAX) {
    problems.add("LZ_TAGS_TOO_MANY", path, `${keys.length} tags; an Alibaba Cloud resource takes at most ${ALICLOUD_TAGS_MAX}`, "drop some tags");
  }
  for (const k of keys) {
    if (ALICLOUD_RESERVED_TAG_KEY.test(k)) {
      problems.add("LZ_TAG_KEY_RESERVED", joinPath(path, k), `tag key "${k}" starts with a prefix Alibaba Cloud reserves (aliyun, acs:)`, "rename the key");
    }
  }
}
