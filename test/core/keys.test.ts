import { describe, expect, it } from "vitest";
import { ALICLOUD_KEYS_DEFAULTS, alicloudKeysOf } from "../../src/alicloud/keys-plan";
import { mergedKeys } from "../../src/core/keys";
import { GCP_KEYS_DEFAULTS, gcpKeysOf } from "../../src/gcp/keys-plan";

describe("mergedKeys", () => {
  const defaults = { audit: { days: 90 }, registry: { days: 90 } };

  it("gives the defaults when nothing is configured", () => {
    expect(mergedKeys(defaults, {})).toEqual(defaults);
  });

  it("adds configured keys and replaces a default of the same name", () => {
    expect(mergedKeys(defaults, { keys: { audit: { days: 30 }, data: { days: 60 } } }))
      .toEqual({ audit: { days: 30 }, registry: { days: 90 }, data: { days: 60 } });
  });

  it("drops the defaults when defaultKeys is false", () => {
    expect(mergedKeys(defaults, { defaultKeys: false, keys: { data: { days: 60 } } })).toEqual({ data: { days: 60 } });
    expect(mergedKeys(defaults, { defaultKeys: false })).toEqual({});
  });

  it("leaves the defaults untouched", () => {
    mergedKeys(defaults, { keys: { audit: { days: 1 } } });
    expect(defaults.audit).toEqual({ days: 90 });
  });

  it("is what gcpKeysOf and alicloudKeysOf give with each cloud's defaults", () => {
    const gcp = { defaultKeys: true, keys: { data: { rotationDays: 30 } } };
    expect(gcpKeysOf(gcp)).toEqual(mergedKeys(GCP_KEYS_DEFAULTS.keys, gcp));
    expect(Object.keys(gcpKeysOf(gcp))).toEqual(["audit", "registry", "data"]);
    const ali = { keys: { audit: { logService: false } } };
    expect(alicloudKeysOf(ali)).toEqual(mergedKeys(ALICLOUD_KEYS_DEFAULTS.keys, ali));
    expect(alicloudKeysOf(ali)).toEqual({ audit: { logService: false } });
  });
});
