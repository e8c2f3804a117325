/**
 * Pulumi dynamic provider for an Alibaba Cloud budget (Expense Management → Budgets), on the
 * BSS OpenAPI 2023-09-30 actions CreateBudget / DescribeBudget / UpdateBudget / DeleteBudget
 * (RPC style: POST `/`, form body, JSON response, signed by `@alicloud/openapi-client`).
 *
 * Pulumi serialises this provider's code into the stack state, so this module stays
 * self-contained: it imports only the Alibaba SDK packages (serialised as `require` calls) and
 * `import type`s. Credentials are read when an operation runs, from the environment or the
 * Alibaba credentials chain; they never enter inputs, outputs, state or messages.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * The parts of `@alicloud/openapi-client`, `@alicloud/credentials` and `@alicloud/tea-util` this
 * provider uses, typed here so that type-checking this module does not load the SDK's
 * declarations (they bring a second, older `@types/node`). `test/audit/bss-sdk-types.test.ts`
 * checks the real packages against these types.
 */
export interface OpenApiSdk {
  Config: new (map: Record<string, unknown>) => { accessKeyId?: string; accessKeySecret?: string; securityToken?: string; credential?: unknown };
  Params: new (map: Record<string, unknown>) => object;
  OpenApiRequest: new (map: Record<string, unknown>) => object;
  default: new (config: never) => OpenApiClientLike;
}
/** An `@alicloud/openapi-client` client, as far as this provider uses it. */
export interface OpenApiClientLike {
  callApi(params: never, request: never, runtime: never): Promise<{ [key: string]: unknown }>;
}
/** `@alicloud/credentials`: its default export is the default credentials chain. */
export interface CredentialsSdk {
  default: new () => object;
}
/** `@alicloud/tea-util`: runtime options of a call. */
export interface TeaUtilSdk {
  RuntimeOptions: new (map: Record<string, unknown>) => object;
}

/**
 * The SDK, loaded when an operation runs. A `require` inside the function (rather than an
 * import binding) is what Pulumi's closure serialiser turns into a `require` call in the
 * serialised provider, whatever loader compiled this file (tsc, ts-node, tsx, vitest).
 */
function sdk() {
  return {
    openapi: require("@alicloud/openapi-client") as OpenApiSdk,
    credentials: require("@alicloud/credentials") as CredentialsSdk,
    teaUtil: require("@alicloud/tea-util") as TeaUtilSdk,
  };
}

/** BSS OpenAPI version that has the budget actions. */
export const BSS_API_VERSION = "2023-09-30";
/** BSS OpenAPI endpoint of the China site; international accounts use `business.ap-southeast-1.aliyuncs.com`. */
export const BSS_DEFAULT_ENDPOINT = "business.aliyuncs.com";

/** One alert of a budget (the API's `WarnConfs` item). */
export interface BssWarnConf {
  readonly name: string;
  /** `ACTUAL` or `FORECAST` spend. */
  readonly warnTarget: string;
  /** `FIXED`: `thresholdValue` is an amount in the account's currency. */
  readonly thresholdType: string;
  readonly thresholdValue: string;
  /** Message Center contacts notified; absent: the account's defaults. */
  readonly mscContacts?: readonly string[];
}

/** One cost filter of a budget (the API's `QueryFilter` item), e.g. `RESOURCE_OWNER_ACCOUNT` `IN` [ids]. */
export interface BssQueryFilter {
  readonly code: string;
  readonly selectType: string;
  readonly values: readonly string[];
}

/** The budget as the API takes it (camelCase here, PascalCase on the wire). */
export interface BssBudgetProps {
  /** Budget name; the resource id. Changing it replaces the budget. */
  readonly budgetName: string;
  readonly budgetType: string;
  readonly metric: string;
  readonly cycleType: string;
  readonly quotaType: string;
  /** Budget amount per cycle, a decimal string. */
  readonly quota: string;
  /** First cycle, `YYYY-MM`. */
  readonly cycleStartPeriod: string;
  /** Last cycle, `YYYY-MM`. */
  readonly cycleEndPeriod: string;
  readonly comment?: string;
  readonly warnConfs: readonly BssWarnConf[];
  readonly queryFilter: readonly BssQueryFilter[];
}

/** Provider inputs: the budget plus where to reach the API. */
export interface BssBudgetInputs extends BssBudgetProps {
  /** API host (and port). Changing it replaces the budget. @default BSS_DEFAULT_ENDPOINT */
  readonly endpoint?: string;
  /** `https` or (tests against a local endpoint only) `http`. @default "https" */
  readonly protocol?: string;
}

/** Options of `createBssBudgetProvider`. */
export interface BssBudgetProviderOptions {
  /** Attempts per call when the API throttles or is unavailable. @default 4 */
  readonly maxAttempts?: number;
  /** Wait before the n-th retry: n × this, in milliseconds. @default 1000 */
  readonly retryDelayMs?: number;
}

/** Input keys whose change cannot be applied in place (the id is the name; the endpoint picks the account's site). */
export const BSS_BUDGET_REPLACE_KEYS = ["budgetName", "endpoint", "protocol"] as const;
/** Input keys UpdateBudget changes in place. */
export const BSS_BUDGET_UPDATE_KEYS = [
  "budgetType", "metric", "cycleType", "quotaType", "quota", "cycleStartPeriod", "cycleEndPeriod", "comment", "warnConfs", "queryFilter",
] as const;

/** The environment variables the provider reads credentials from, in order. */
export const BSS_CREDENTIAL_ENV = {
  accessKeyId: ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"],
  accessKeySecret: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"],
  securityToken: ["ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"],
} as const;

const AUTH_HINT = "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS), " +
  "or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY / ALICLOUD_SECURITY_TOKEN as for the alicloud provider, or a profile / RAM role of the " +
  "Alibaba credentials chain, for an identity allowed bss:CreateBudget, bss:DescribeBudget, bss:UpdateBudget and bss:DeleteBudget";

/** An API failure, with only what is safe to show: action, code, message, HTTP status and request id. */
export class BssApiError extends Error {
  /** True when the credentials are missing, wrong or not allowed (e.g. `InvalidAccessKeyId.NotFound`, HTTP 404). */
  readonly authFailure: boolean;

  constructor(readonly action: string, readonly code: string, readonly statusCode: number | undefined, readonly apiMessage: string,
    readonly requestId: string | undefined, hint?: string) {
    const authFailure = isAuthFailure(code, statusCode, apiMessage);
    super(`BSS OpenAPI ${action} failed: ${code}${statusCode ? ` (HTTP ${statusCode})` : ""}: ${apiMessage}` +
      `${requestId ? ` [request id ${requestId}]` : ""}${hint ? `; ${hint}` : ""}${authFailure ? `; ${AUTH_HINT}` : ""}`);
    this.authFailure = authFailure;
    this.name = "BssApiError";
  }
}

function isAuthFailure(code: string, status: number | undefined, message: string): boolean {
  return /InvalidAccessKeyId|SignatureDoesNotMatch|InvalidSecurityToken|IncompleteSignature|InvalidCredentials|Forbidden|NoPermission|NotAuthorized/i.test(code) ||
    (code === "Unknown" && /credential|access ?key/i.test(message)) || status === 401 || status === 403;
}

function firstEnv(names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = process.env[n];
    if (v) return v;
  }
  return undefined;
}

function clientFor(inputs: BssBudgetInputs): OpenApiClientLike {
  const { openapi, credentials } = sdk();
  const accessKeyId = firstEnv(BSS_CREDENTIAL_ENV.accessKeyId);
  const accessKeySecret = firstEnv(BSS_CREDENTIAL_ENV.accessKeySecret);
  const config = new openapi.Config({
    endpoint: inputs.endpoint ?? BSS_DEFAULT_ENDPOINT,
    protocol: inputs.protocol ?? "https",
    readTimeout: 30_000,
    connectTimeout: 10_000,
  });
  if (accessKeyId && accessKeySecret) {
    config.accessKeyId = accessKeyId;
    config.accessKeySecret = accessKeySecret;
    config.securityToken = firstEnv(BSS_CREDENTIAL_ENV.securityToken);
  } else {
    // Profiles (ALIBABA_CLOUD_PROFILE, ~/.aliyun), OIDC, ECS RAM role: Alibaba's default chain.
    config.credential = new credentials.default();
  }
  return new openapi.default(config as never);
}

type ApiBody = Record<string, unknown>;

/** The SDK's error as a `BssApiError`; only code, message, status and request id are read from it. */
function errorOf(action: string, e: unknown, endpoint: string): BssApiError {
  const err = (e ?? {}) as { code?: unknown; message?: unknown; data?: Record<string, unknown>; statusCode?: unknown };
  const data = err.data ?? {};
  const code = String(data.Code ?? data.code ?? err.code ?? "Unknown");
  const status = Number(data.statusCode ?? err.statusCode) || undefined;
  const given = data.Message ?? data.message ?? (typeof err.message === "string" ? err.message : "");
  // No HTTP status: the request did not get an answer (DNS, connection, TLS, timeout).
  const message = status ? String(given || "no message") : `${String(given || "no answer")} (endpoint ${endpoint})`;
  const requestId = (data.RequestId ?? data.requestId) as string | undefined;
  return new BssApiError(action, code, status, message, requestId);
}

/** True for a throttled or temporarily unavailable API. */
export function isRetryable(e: BssApiError): boolean {
  return !e.authFailure && (/^Throttling|ServiceUnavailable|^InternalError$/i.test(e.code) || e.statusCode === 503);
}

/** True when the budget does not exist (never for an unknown access key, which is also a "NotFound"). */
export function isNotFound(e: BssApiError): boolean {
  return !e.authFailure && (/NotFound|NotExist|NOT_EXIST|NOT_FOUND/i.test(e.code) || e.statusCode === 404);
}

function isConflict(e: BssApiError): boolean {
  return !e.authFailure && !isNotFound(e) && /Exist|Duplicate|Conflict/i.test(e.code);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function call(inputs: BssBudgetInputs, action: string, body: ApiBody, opts: BssBudgetProviderOptions): Promise<ApiBody> {
  const attempts = Math.max(1, opts.maxAttempts ?? 4);
  const { openapi, teaUtil } = sdk();
  const params = new openapi.Params({
    action, version: BSS_API_VERSION, protocol: "HTTPS", pathname: "/", method: "POST",
    authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json",
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const client = clientFor(inputs);
      const request = new openapi.OpenApiRequest({ query: {}, body });
      const res = await client.callApi(params as never, request as never, new teaUtil.RuntimeOptions({ autoretry: false }) as never);
      return (res.body ?? {}) as ApiBody;
    } catch (e) {
      const err = errorOf(action, e, inputs.endpoint ?? BSS_DEFAULT_ENDPOINT);
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await sleep((opts.retryDelayMs ?? 1000) * attempt);
    }
  }
}

/** The form body of CreateBudget / UpdateBudget: list parameters are JSON strings with PascalCase keys. */
export function budgetRequestBody(p: BssBudgetProps): ApiBody {
  const body: ApiBody = {
    BudgetName: p.budgetName,
    BudgetType: p.budgetType,
    Metric: p.metric,
    CycleType: p.cycleType,
    QuotaType: p.quotaType,
    Quota: p.quota,
    CycleStartPeriod: p.cycleStartPeriod,
    CycleEndPeriod: p.cycleEndPeriod,
    WarnConfs: JSON.stringify(p.warnConfs.map((w) => ({
      Name: w.name, WarnTarget: w.warnTarget, ThresholdType: w.thresholdType, ThresholdValue: w.thresholdValue,
      ...(w.mscContacts && w.mscContacts.length > 0 ? { MscContacts: [...w.mscContacts] } : {}),
    }))),
    QueryFilter: JSON.stringify(p.queryFilter.map((f) => ({ Code: f.code, SelectType: f.selectType, Values: [...f.values] }))),
  };
  if (p.comment !== undefined) body.Comment = p.comment;
  return body;
}

/** `obj[Key]` or `obj[key]`: DescribeBudget is documented PascalCase; tolerate camelCase too. */
function field(obj: ApiBody, key: string): unknown {
  return obj[key] ?? obj[key.charAt(0).toLowerCase() + key.slice(1)];
}

function str(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** A decimal string in one canonical spelling ("500.00" and "500" are the same amount). */
export function canonicalAmount(v: unknown): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : String(v);
}

/** DescribeBudget's body (flat, or under `Data`) as provider props. */
export function propsFromDescribe(body: ApiBody): BssBudgetProps {
  const inner = field(body, "Data");
  const b = (inner && typeof inner === "object" ? inner : body) as ApiBody;
  const list = (v: unknown) => (Array.isArray(v) ? v : []) as ApiBody[];
  const comment = str(field(b, "Comment"));
  return {
    budgetName: String(field(b, "BudgetName") ?? ""),
    budgetType: String(field(b, "BudgetType") ?? ""),
    metric: String(field(b, "Metric") ?? ""),
    cycleType: String(field(b, "CycleType") ?? ""),
    quotaType: String(field(b, "QuotaType") ?? ""),
    quota: canonicalAmount(field(b, "Quota")),
    cycleStartPeriod: String(field(b, "CycleStartPeriod") ?? ""),
    cycleEndPeriod: String(field(b, "CycleEndPeriod") ?? ""),
    ...(comment !== undefined && comment !== "" ? { comment } : {}),
    warnConfs: list(field(b, "WarnConfs") ?? field(b, "WarnConf")).map((w) => {
      const contacts = (field(w, "MscContacts") ?? []) as string[];
      return {
        name: String(field(w, "Name") ?? ""),
        warnTarget: String(field(w, "WarnTarget") ?? ""),
        thresholdType: String(field(w, "ThresholdType") ?? ""),
        thresholdValue: canonicalAmount(field(w, "ThresholdValue")),
        ...(contacts.length > 0 ? { mscContacts: contacts.map(String) } : {}),
      };
    }),
    queryFilter: list(field(b, "QueryFilter")).map((f) => ({
      code: String(field(f, "Code") ?? ""),
      selectType: String(field(f, "SelectType") ?? ""),
      values: ((field(f, "Values") ?? []) as unknown[]).map(String),
    })),
  };
}

/** True for an answer that carries nothing but its request id (and empty objects). */
function isEmptyAnswer(res: ApiBody): boolean {
  return Object.entries(res).every(([k, v]) => /^requestId$/i.test(k) || v === null || v === undefined ||
    (typeof v === "object" && Object.keys(v as object).length === 0));
}

/** The inputs without Pulumi's `__provider` and without undefined keys, for comparison and outputs. */
function clean(inputs: BssBudgetInputs): BssBudgetInputs {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) if (k !== "__provider" && v !== undefined) out[k] = v;
  return out as unknown as BssBudgetInputs;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Local endpoints (`127.0.0.1:8080`, `localhost`, `[::1]:80`), the only ones plain HTTP may reach. */
const LOOPBACK = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/;

/** Input problems the API would reject (and plain HTTP to a remote endpoint); the component reports these earlier with `Problems` codes. */
export function checkBudgetInputs(news: Partial<BssBudgetInputs>): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const key of ["budgetName", "budgetType", "metric", "cycleType", "quotaType", "quota", "cycleStartPeriod", "cycleEndPeriod"] as const) {
    if (typeof news[key] !== "string" || news[key] === "") failures.push({ property: key, reason: `${key} is required` });
  }
  if (typeof news.quota === "string" && !(Number(news.quota) > 0)) failures.push({ property: "quota", reason: `quota "${news.quota}" is not an amount above 0` });
  for (const key of ["cycleStartPeriod", "cycleEndPeriod"] as const) {
    if (typeof news[key] === "string" && !MONTH.test(news[key])) failures.push({ property: key, reason: `${key} "${news[key]}" is not a month YYYY-MM` });
  }
  if (!Array.isArray(news.warnConfs)) failures.push({ property: "warnConfs", reason: "warnConfs must be a list" });
  if (!Array.isArray(news.queryFilter)) failures.push({ property: "queryFilter", reason: "queryFilter must be a list" });
  // Plain HTTP would carry the access key id, the STS token and a replayable signature in clear text.
  const protocol = news.protocol ?? "https";
  if (protocol !== "https" && !(protocol === "http" && LOOPBACK.test(news.endpoint ?? ""))) {
    failures.push({ property: "protocol", reason: `protocol "${String(protocol)}" with endpoint "${news.endpoint ?? BSS_DEFAULT_ENDPOINT}": use https (http only for a local test endpoint on 127.0.0.1 or localhost)` });
  }
  return failures;
}

/** The dynamic provider, with its retry behaviour. */
export function createBssBudgetProvider(opts: BssBudgetProviderOptions = {}): pulumi.dynamic.ResourceProvider<BssBudgetInputs, BssBudgetInputs> {
  return {
    async check(_olds, news) {
      return { inputs: news, failures: checkBudgetInputs(news) };
    },

    async diff(_id, olds, news) {
      const replaces = BSS_BUDGET_REPLACE_KEYS.filter((k) => !same(olds[k], news[k]));
      const updates = BSS_BUDGET_UPDATE_KEYS.filter((k) => !same(olds[k], news[k]));
      return {
        changes: replaces.length + updates.length > 0,
        replaces,
        stables: ["budgetName"],
        // Same name at a new endpoint: the old budget must go first or the name would clash.
        deleteBeforeReplace: replaces.length > 0 && same(olds.budgetName, news.budgetName),
      };
    },

    async create(inputs) {
      const props = clean(inputs);
      try {
        const res = await call(props, "CreateBudget", budgetRequestBody(props), opts);
        return { id: String(field(res, "BudgetName") ?? props.budgetName), outs: props };
      } catch (e) {
        if (e instanceof BssApiError && isConflict(e)) {
          throw new BssApiError(e.action, e.code, e.statusCode, `${e.apiMessage}: a budget named "${props.budgetName}" already exists in this account`,
            e.requestId, "delete or rename that budget in Expense Management → Budgets, or give this one another budgetName");
        }
        throw e;
      }
    },

    async read(id, props) {
      const current = clean(props ?? ({} as BssBudgetInputs));
      try {
        const res = await call(current, "DescribeBudget", { BudgetName: id }, opts);
        const seen = propsFromDescribe(res);
        if (seen.budgetName === "") {
          // A success without a budget: the API's other way of saying it does not exist.
          if (isEmptyAnswer(res)) return {};
          throw new BssApiError("DescribeBudget", "UnexpectedResponse", undefined, `the answer has no BudgetName (keys: ${Object.keys(res).sort().join(", ")})`, String(res.RequestId ?? ""));
        }
        const outs: BssBudgetInputs = { ...seen, budgetName: seen.budgetName || id, endpoint: current.endpoint, protocol: current.protocol };
        return { id, props: clean(outs) };
      } catch (e) {
        if (e instanceof BssApiError && isNotFound(e)) return {};
        throw e;
      }
    },

    async update(id, _olds, news) {
      const props = clean(news);
      await call(props, "UpdateBudget", { ...budgetRequestBody(props), OriginalBudgetName: id, BudgetName: id }, opts);
      return { outs: props };
    },

    async delete(id, props) {
      try {
        await call(clean(props ?? ({} as BssBudgetInputs)), "DeleteBudget", { BudgetName: id }, opts);
      } catch (e) {
        if (e instanceof BssApiError && isNotFound(e)) return;
        throw e;
      }
    },
  };
}

/** The provider every `BssBudget` uses. */
export const bssBudgetProvider = createBssBudgetProvider();
