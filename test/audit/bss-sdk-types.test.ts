import * as credentials from "@alicloud/credentials";
import * as openapi from "@alicloud/openapi-client";
import * as teaUtil from "@alicloud/tea-util";
import { describe, expect, it } from "vitest";
import type { CredentialsSdk, OpenApiSdk, TeaUtilSdk } from "../../src/alicloud/bss-budget-provider";

// The budget provider types the SDK surface it uses itself (see OpenApiSdk). These assignments
// fail `npm test`'s type-check if the pinned packages stop matching those types.
const sdk: { openapi: OpenApiSdk; credentials: CredentialsSdk; teaUtil: TeaUtilSdk } = { openapi, credentials, teaUtil };

describe("the SDK surface the BSS budget provider relies on", () => {
  it("is what the pinned packages export", () => {
    expect([typeof sdk.openapi.default, typeof sdk.openapi.Config, typeof sdk.openapi.Params, typeof sdk.openapi.OpenApiRequest,
      typeof sdk.credentials.default, typeof sdk.teaUtil.RuntimeOptions]).toEqual(Array(6).fill("function"));
    expect(typeof new sdk.openapi.default(new sdk.openapi.Config({ endpoint: "business.aliyuncs.com" }) as never).callApi).toBe("function");
  });
});
