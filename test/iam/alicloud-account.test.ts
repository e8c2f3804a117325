import { describe, expect, it } from "vitest";
import { alicloudAssumeRole, checkAlicloudAccount } from "../../src/alicloud/account";
import { Problems } from "../../src/core/errors";

const codes = (account: Parameters<typeof checkAlicloudAccount>[0], production: boolean) => {
  const problems = new Problems();
  checkAlicloudAccount(account, production, "landing-zone:alicloud.account", problems);
  return problems.items.map((p) => [p.code, p.path]);
};

describe("the environment's Alibaba Cloud account", () => {
  it("assumes the Resource Directory access role in the account by default, or the given role", () => {
    expect(alicloudAssumeRole("prod", { id: "5100000000000003" })).toEqual({
      roleArn: "acs:ram::5100000000000003:role/ResourceDirectoryAccountAccessRole", sessionName: "landing-zone-prod", sessionExpiration: 3600,
    });
    expect(alicloudAssumeRole("dev", { id: "5100000000000001", role: "lz-deployer" }).roleArn).toBe("acs:ram::5100000000000001:role/lz-deployer");
  });

  it("accepts distinct accounts and no account outside production", () => {
    expect(codes({ id: "5100000000000003", otherEnvironments: { dev: "5100000000000001", staging: "5100000000000002" } }, true)).toEqual([]);
    expect(codes(undefined, false)).toEqual([]);
  });

  it("refuses no account in production, another environment's account, malformed ids and a bad role", () => {
    expect(codes(undefined, true)).toEqual([["LZ_ALICLOUD_ACCOUNT_MISSING", "landing-zone:alicloud.account"]]);
    expect(codes({ id: "5100000000000003", otherEnvironments: { staging: "5100000000000003" } }, true))
      .toEqual([["LZ_ALICLOUD_ACCOUNT_SHARED", "landing-zone:alicloud.account.id"]]);
    expect(codes({ id: "51000", role: "has space", otherEnvironments: { dev: "x" } }, false)).toEqual([
      ["LZ_ALICLOUD_ACCOUNT_ID", "landing-zone:alicloud.account.id"],
      ["LZ_ALICLOUD_ACCOUNT_ROLE", "landing-zone:alicloud.account.role"],
      ["LZ_ALICLOUD_ACCOUNT_ID", "landing-zone:alicloud.account.otherEnvironments.dev"],
    ]);
  });
});
