import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import Module from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BSS_BUDGET_REPLACE_KEYS, BssApiError, BssBudgetInputs, bssBudgetProvider, createBssBudgetProvider, propsFromDescribe,
} from "../../src/alicloud/bss-budget-provider";
import { FakeBssApi } from "./bss-fake";

const AK = "LTAI5tFakeKeyId00000000";
const SECRET = "fake-secret-never-shown-0123456789";
const CRED_VARS = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_ECS_METADATA_DISABLED", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "ALIBABA_CLOUD_PROFILE", "HOME",
];

let fake: FakeBssApi;
const saved: Record<string, string | undefined> = {};
let home: string;

beforeAll(async () => { fake = await new FakeBssApi().allowKey(AK, SECRET).start(); });
afterAll(async () => { await fake.stop(); });
beforeEach(() => {
  for (const v of CRED_VARS) { saved[v] = process.env[v]; delete process.env[v]; }
  home = mkdtempSync(path.join(tmpdir(), "lz-bss-"));
  // No profile file and no ECS metadata lookups: the credentials chain ends fast offline.
  Object.assign(process.env, { HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" });
  Object.assign(process.env, { ALIBABA_CLOUD_ACCESS_KEY_ID: AK, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET });
  fake.reset();
});
afterEach(() => {
  for (const v of CRED_VARS) { if (saved[v] === undefined) delete process.env[v]; else process.env[v] = saved[v]; }
  rmSync(home, { recursive: true, force: true });
});

function inputs(overrides: Partial<BssBudgetInputs> = {}): BssBudgetInputs {
  return {
    budgetName: "prod-budget", budgetType: "CONSUME", metric: "REQUIRE_AMOUNT", cycleType: "MONTHLY", quotaType: "FIXED",
    quota: "80000", cycleStartPeriod: "2027-01", cycleEndPeriod: "2027-12", comment: "landing-zone prod-budget (CNY)",
    warnConfs: [
      { name: "actual-50pct", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "40000" },
      { name: "forecast-100pct", warnTarget: "FORECAST", thresholdType: "FIXED", thresholdValue: "80000", mscContacts: ["finance"] },
    ],
    queryFilter: [{ code: "RESOURCE_OWNER_ACCOUNT", selectType: "IN", values: ["1234567890123456"] }],
    endpoint: fake.endpoint, protocol: "http",
    ...overrides,
  };
}

const fast = createBssBudgetProvider({ retryDelayMs: 1 });

async function failure(p: Promise<unknown>): Promise<BssApiError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(BssApiError);
  expect((e as Error).message).not.toContain(SECRET);
  return e as BssApiError;
}

describe("BSS budget dynamic provider against a local BSS OpenAPI", () => {
  it("creates, reads, updates and deletes a budget with signed RPC calls in the API's shapes", async () => {
    const created = await fast.create(inputs());
    expect(created.id).toBe("prod-budget");
    expect(created.outs).toEqual(inputs());
    expect(fake.calls).toHaveLength(1);
    const create = fake.calls[0];
    expect(create.action).toBe("CreateBudget");
    expect(create.signedHeaders).toEqual(["content-type", "host", "x-acs-action", "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"]);
    expect(create.params).toEqual({
      BudgetName: "prod-budget", BudgetType: "CONSUME", Metric: "REQUIRE_AMOUNT", CycleType: "MONTHLY", QuotaType: "FIXED", Quota: "80000",
      CycleStartPeriod: "2027-01", CycleEndPeriod: "2027-12", Comment: "landing-zone prod-budget (CNY)",
      WarnConfs: JSON.stringify([
        { Name: "actual-50pct", WarnTarget: "ACTUAL", ThresholdType: "FIXED", ThresholdValue: "40000" },
        { Name: "forecast-100pct", WarnTarget: "FORECAST", ThresholdType: "FIXED", ThresholdValue: "80000", MscContacts: ["finance"] },
      ]),
      QueryFilter: JSON.stringify([{ Code: "RESOURCE_OWNER_ACCOUNT", SelectType: "IN", Values: ["1234567890123456"] }]),
    });

    const read = await fast.read!("prod-budget", created.outs);
    expect(read).toEqual({ id: "prod-budget", props: inputs() });
    // A refresh right after create shows no drift.
    expect((await fast.diff!("prod-budget", read.props!, inputs())).changes).toBe(false);

    const changed = inputs({ quota: "90000.5", warnConfs: [{ name: "actual-90pct", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "81000.45" }], queryFilter: [] });
    expect(await fast.update!("prod-budget", created.outs!, changed)).toEqual({ outs: changed });
    const update = fake.calls[2];
    expect(update.action).toBe("UpdateBudget");
    expect(update.params).toMatchObject({ OriginalBudgetName: "prod-budget", BudgetName: "prod-budget", Quota: "90000.5", QueryFilter: "[]" });
    expect(fake.budgets.get("prod-budget")).toMatchObject({
      Quota: "90000.5", QueryFilter: [], WarnConfs: [{ Name: "actual-90pct", WarnTarget: "ACTUAL", ThresholdType: "FIXED", ThresholdValue: "81000.45" }],
    });
    expect((await fast.read!("prod-budget", changed)).props).toEqual(changed);

    await fast.delete!("prod-budget", changed);
    expect(fake.calls.at(-1)).toMatchObject({ action: "DeleteBudget", params: { BudgetName: "prod-budget" } });
    expect(fake.budgets.size).toBe(0);
  });

  it("replaces only for a new name or endpoint, deleting first when the name stays, and updates everything else in place", async () => {
    const old = inputs();
    expect(await fast.diff!("prod-budget", old, inputs())).toEqual({ changes: false, replaces: [], stables: ["budgetName"], deleteBeforeReplace: false });
    expect(await fast.diff!("prod-budget", old, inputs({ budgetName: "prod-budget-2" })))
      .toEqual({ changes: true, replaces: ["budgetName"], stables: ["budgetName"], deleteBeforeReplace: false });
    expect(await fast.diff!("prod-budget", old, inputs({ endpoint: "business.ap-southeast-1.aliyuncs.com" })))
      .toEqual({ changes: true, replaces: ["endpoint"], stables: ["budgetName"], deleteBeforeReplace: true });
    for (const change of [{ quota: "1" }, { cycleEndPeriod: "2028-12" }, { cycleStartPeriod: "2026-12" }, { comment: "x" }, { warnConfs: [] }, { queryFilter: [] }]) {
      expect(await fast.diff!("prod-budget", old, inputs(change))).toMatchObject({ changes: true, replaces: [], deleteBeforeReplace: false });
    }
    expect(BSS_BUDGET_REPLACE_KEYS).toEqual(["budgetName", "endpoint", "protocol"]);
  });

  it("checks inputs the API would reject", async () => {
    expect((await fast.check!(inputs(), inputs())).failures).toEqual([]);
    const bad = { ...inputs(), quota: "0", cycleEndPeriod: "2027-13", budgetType: "" } as BssBudgetInputs;
    expect((await fast.check!(inputs(), bad)).failures).toEqual([
      { property: "budgetType", reason: "budgetType is required" },
      { property: "quota", reason: 'quota "0" is not an amount above 0' },
      { property: "cycleEndPeriod", reason: 'cycleEndPeriod "2027-13" is not a month YYYY-MM' },
    ]);
  });

  it("refuses plain HTTP except to a local test endpoint", async () => {
    const remote = inputs({ endpoint: "business.aliyuncs.com", protocol: "http" });
    expect((await fast.check!(inputs(), remote)).failures).toEqual([
      { property: "protocol", reason: 'protocol "http" with endpoint "business.aliyuncs.com": use https (http only for a local test endpoint on 127.0.0.1 or localhost)' },
    ]);
    expect((await fast.check!(inputs(), inputs({ protocol: "ftp" }))).failures?.map((f) => f.property)).toEqual(["protocol"]);
    expect((await fast.check!(inputs(), inputs({ endpoint: "localhost:8080", protocol: "http" }))).failures).toEqual([]);
    expect((await fast.check!(inputs(), inputs({ endpoint: "business.aliyuncs.com", protocol: undefined }))).failures).toEqual([]);
  });

  it("explains a budget name that already exists", async () => {
    await fast.create(inputs());
    const e = await failure(fast.create(inputs()));
    expect(e.code).toBe("BudgetNameAlreadyExists");
    expect(e.message).toMatch(/^BSS OpenAPI CreateBudget failed: BudgetNameAlreadyExists \(HTTP 400\): The budget name prod-budget already exists\.: a budget named "prod-budget" already exists in this account \[request id [0-9A-F-]{36}\]; delete or rename that budget/);
  });

  it("retries throttled calls and gives up after the last attempt", async () => {
    fake.failNext("CreateBudget", 400, "Throttling.User", "Request was denied due to user flow control.", 2);
    expect((await fast.create(inputs())).id).toBe("prod-budget");
    expect(fake.calls.map((c) => c.action)).toEqual(["CreateBudget", "CreateBudget", "CreateBudget"]);

    fake.failNext("DescribeBudget", 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 5);
    const e = await failure(createBssBudgetProvider({ retryDelayMs: 1, maxAttempts: 2 }).read!("prod-budget", inputs()));
    expect(e.code).toBe("ServiceUnavailable");
    expect(fake.calls.filter((c) => c.action === "DescribeBudget")).toHaveLength(2);
  });

  it("treats a budget that is gone as deleted: read returns no id, delete succeeds", async () => {
    expect(await fast.read!("prod-budget", inputs())).toEqual({});
    await expect(fast.delete!("prod-budget", inputs())).resolves.toBeUndefined();
    expect(fake.calls.map((c) => c.action)).toEqual(["DescribeBudget", "DeleteBudget"]);
  });

  it("takes an empty DescribeBudget success for a missing budget, and refuses an answer it cannot read", async () => {
    const answers = [{ RequestId: "R1", Metadata: {} }, { RequestId: "R2", Budget: { Name: "prod-budget" } }];
    const server = createServer((_req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify(answers.shift())); });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect(await fast.read!("prod-budget", inputs({ endpoint }))).toEqual({});
      const e = await failure(fast.read!("prod-budget", inputs({ endpoint })));
      expect(e.message).toBe("BSS OpenAPI DescribeBudget failed: UnexpectedResponse: the answer has no BudgetName (keys: Budget, RequestId) [request id R2]");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("says which endpoint did not answer", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const endpoint = `127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const e = await failure(fast.create(inputs({ endpoint })));
    expect([e.code, e.statusCode, e.authFailure]).toEqual(["ECONNREFUSED", undefined, false]);
    expect(e.message).toMatch(/^BSS OpenAPI CreateBudget failed: ECONNREFUSED: connect ECONNREFUSED .*\(endpoint 127\.0\.0\.1:\d+\)$/);
    expect(e.message).toContain(`(endpoint ${endpoint})`);
  });

  it("names the credential variables on a wrong secret and never takes an unknown key for a missing budget", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "wrong-secret";
    const wrong = await failure(fast.create(inputs()));
    expect(wrong.code).toBe("SignatureDoesNotMatch");
    expect(wrong.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    expect(wrong.message).not.toContain("wrong-secret");

    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LTAI5tUnknownKey";
    const unknown = await failure(fast.read!("prod-budget", inputs()));
    expect([unknown.code, unknown.statusCode, unknown.authFailure]).toEqual(["InvalidAccessKeyId.NotFound", 404, true]);
    await failure(fast.delete!("prod-budget", inputs()));
    expect(fake.calls).toEqual([]);
  });

  it("fails before any request when no credentials are found, naming the variables", async () => {
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    const e = await failure(fast.create(inputs()));
    expect(e.authFailure).toBe(true);
    expect(e.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
    expect(e.message).toContain("ALICLOUD_ACCESS_KEY");
    expect(fake.requests).toBe(0);
  });

  it("signs with the alicloud provider's variable names and an STS token", async () => {
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    Object.assign(process.env, { ALICLOUD_ACCESS_KEY: AK, ALICLOUD_SECRET_KEY: SECRET, ALICLOUD_SECURITY_TOKEN: "sts-token-1" });
    await fast.create(inputs());
    expect(fake.calls[0].securityToken).toBe("sts-token-1");
    expect(fake.calls[0].signedHeaders).toContain("x-acs-security-token");
  });

  it("reads DescribeBudget answers wrapped in Data with camelCase keys too", () => {
    expect(propsFromDescribe({ RequestId: "r", Data: { budgetName: "b", budgetType: "CONSUME", metric: "REQUIRE_AMOUNT", cycleType: "MONTHLY", quotaType: "FIXED", quota: "500.00",
      cycleStartPeriod: "2027-01", cycleEndPeriod: "2027-12", warnConfs: [{ name: "a", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "250.0", sequence: 1 }], queryFilter: [] } }))
      .toEqual({ budgetName: "b", budgetType: "CONSUME", metric: "REQUIRE_AMOUNT", cycleType: "MONTHLY", quotaType: "FIXED", quota: "500",
        cycleStartPeriod: "2027-01", cycleEndPeriod: "2027-12", warnConfs: [{ name: "a", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "250" }], queryFilter: [] });
  });

  it("serialises for the stack state as Pulumi does, without credentials, and the serialised provider works", async () => {
    const sf = await pulumi.runtime.serializeFunction(() => bssBudgetProvider, { allowSecrets: false });
    expect(sf.text).toContain('require("@alicloud/openapi-client")');
    expect(sf.text).not.toContain(SECRET);
    expect(sf.text).not.toContain(AK);
    // Load it the way the dynamic provider host does: a module compiled from the text, resolving packages from the project.
    const file = path.join(process.cwd(), "__bss-provider.js");
    const mod = new Module(file) as Module & { _compile(code: string, filename: string): void };
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(process.cwd());
    mod._compile(sf.text, file);
    const provider = (mod.exports as { handler(): typeof bssBudgetProvider }).handler();
    const created = await provider.create(inputs());
    expect(created.id).toBe("prod-budget");
    expect(fake.budgets.has("prod-budget")).toBe(true);
    await provider.delete!("prod-budget", created.outs!);
    expect(fake.budgets.size).toBe(0);
  });
});
