import { createHash, createHmac, randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the BSS OpenAPI 2023-09-30 budget actions: RPC style (POST `/`,
 * `x-acs-action` / `x-acs-version` headers, form body, JSON answers), ACS3-HMAC-SHA256
 * signatures verified against the known key pairs, budgets kept in memory, and errors in
 * Alibaba's shape (`{ RequestId, HostId, Code, Message, Recommend }`).
 */

/** A budget as the fake stores and DescribeBudget returns it (PascalCase, as the API reference). */
export type WireBudget = Record<string, unknown>;

/** One request the fake accepted (signature valid), for assertions. */
export interface FakeCall {
  readonly action: string;
  readonly params: Record<string, string>;
  readonly signedHeaders: readonly string[];
  readonly securityToken?: string;
}

interface Injected { readonly action: string; readonly status: number; readonly code: string; readonly message: string; times: number }

export class FakeBssApi {
  readonly budgets = new Map<string, WireBudget>();
  readonly calls: FakeCall[] = [];
  /** Requests seen, valid or not. */
  requests = 0;
  private readonly keys = new Map<string, string>();
  private readonly injected: Injected[] = [];
  private server?: Server;
  endpoint = "";

  /** Accepts signatures made with this key pair. */
  allowKey(accessKeyId: string, accessKeySecret: string): this {
    this.keys.set(accessKeyId, accessKeySecret);
    return this;
  }

  /** Forgets budgets, calls and injected errors. */
  reset(): void {
    this.budgets.clear();
    this.calls.length = 0;
    this.injected.length = 0;
    this.requests = 0;
  }

  /** Answers the next `times` calls of `action` with this error (e.g. throttling). */
  failNext(action: string, status: number, code: string, message: string, times = 1): void {
    this.injected.push({ action, status, code, message, times });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.endpoint = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const send = (status: number, body: Record<string, unknown>) => {
      res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...body }));
    };
    const fail = (status: number, code: string, message: string) =>
      send(status, { HostId: "business.aliyuncs.com", Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` });

    const url = new URL(req.url ?? "/", "http://fake");
    const action = String(req.headers["x-acs-action"] ?? "");
    if (req.method !== "POST" || url.pathname !== "/") return fail(404, "InvalidApi.NotFound", "Specified api is not found, please check your url and method.");
    if (req.headers["x-acs-version"] !== "2023-09-30") return fail(400, "InvalidVersion", "Specified parameter Version is not valid.");
    for (const h of ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "authorization"]) {
      if (!req.headers[h]) return fail(400, "MissingParameter", `The input parameter "${h}" that is mandatory for processing this request is not supplied.`);
    }
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization));
    if (!auth) return fail(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    const [, accessKeyId, signedHeaderList, signature] = auth;
    const secret = this.keys.get(accessKeyId);
    if (secret === undefined) return fail(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    const payloadHash = createHash("sha256").update(raw).digest("hex");
    if (payloadHash !== req.headers["x-acs-content-sha256"]) return fail(400, "IncompleteSignature", "The payload hash does not match the body.");
    const signedHeaders = signedHeaderList.split(";");
    for (const h of ["host", "x-acs-action", "x-acs-date", "x-acs-signature-nonce", "x-acs-version", "x-acs-content-sha256"]) {
      if (!signedHeaders.includes(h)) return fail(400, "IncompleteSignature", `header ${h} is not signed`);
    }
    if (req.headers["x-acs-security-token"] !== undefined && !signedHeaders.includes("x-acs-security-token")) {
      return fail(400, "IncompleteSignature", "header x-acs-security-token is not signed");
    }
    if (signature !== sign(secret, req, url, signedHeaders, payloadHash)) {
      return fail(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }

    const params: Record<string, string> = Object.fromEntries(new URLSearchParams(raw));
    for (const [k, v] of url.searchParams) params[k] = v;
    const token = req.headers["x-acs-security-token"] as string | undefined;
    this.calls.push({ action, params, signedHeaders, ...(token ? { securityToken: token } : {}) });

    const injected = this.injected.find((i) => i.action === action && i.times > 0);
    if (injected) {
      injected.times--;
      return fail(injected.status, injected.code, injected.message);
    }
    return this.act(action, params, send, fail);
  }

  private act(action: string, p: Record<string, string>, send: (s: number, b: Record<string, unknown>) => void, fail: (s: number, c: string, m: string) => void): void {
    const name = p.BudgetName;
    if (!name) return fail(400, "MissingBudgetName", "BudgetName is mandatory for this action.");
    switch (action) {
      case "CreateBudget": {
        const missing = ["BudgetType", "CycleEndPeriod", "CycleStartPeriod", "CycleType", "Metric", "QuotaType"].find((k) => !p[k]);
        if (missing) return fail(400, "MissingParameter", `The input parameter "${missing}" that is mandatory for processing this request is not supplied.`);
        if (this.budgets.has(name)) return fail(400, "BudgetNameAlreadyExists", `The budget name ${name} already exists.`);
        const budget = wireBudget(p);
        if (typeof budget === "string") return fail(400, "InvalidParameter", budget);
        this.budgets.set(name, budget);
        return send(200, { BudgetName: name });
      }
      case "DescribeBudget": {
        const b = this.budgets.get(name);
        if (!b) return fail(400, "Budget.NotExist", `The budget ${name} does not exist.`);
        return send(200, { ...b, WarnConfs: (b.WarnConfs as WireBudget[]).map((w, i) => ({ ...w, Sequence: i + 1 })), Metadata: {} });
      }
      case "UpdateBudget": {
        const original = p.OriginalBudgetName ?? name;
        if (!this.budgets.has(original)) return fail(400, "Budget.NotExist", `The budget ${original} does not exist.`);
        if (original !== name && this.budgets.has(name)) return fail(400, "BudgetNameAlreadyExists", `The budget name ${name} already exists.`);
        const budget = wireBudget({ ...Object.fromEntries(Object.entries(this.budgets.get(original)!).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])), ...p });
        if (typeof budget === "string") return fail(400, "InvalidParameter", budget);
        this.budgets.delete(original);
        this.budgets.set(name, budget);
        return send(200, { BudgetName: name });
      }
      case "DeleteBudget": {
        if (!this.budgets.delete(name)) return fail(400, "Budget.NotExist", `The budget ${name} does not exist.`);
        return send(200, { BudgetName: name });
      }
      default:
        return fail(404, "InvalidAction.NotFound", `Specified api ${action} is not found.`);
    }
  }
}

/** The budget from form parameters, or an error message for a malformed list parameter. */
function wireBudget(p: Record<string, string>): WireBudget | string {
  const lists: Record<string, unknown> = {};
  for (const key of ["WarnConfs", "QueryFilter", "CycleQuota"]) {
    try {
      const v = p[key] === undefined ? [] : JSON.parse(p[key]);
      if (!Array.isArray(v)) return `${key} must be a JSON array`;
      lists[key] = v;
    } catch {
      return `${key} is not valid JSON`;
    }
  }
  for (const w of lists.WarnConfs as Record<string, unknown>[]) {
    if (!["ACTUAL", "FORECAST"].includes(String(w.WarnTarget)) || !w.ThresholdType || Number.isNaN(Number(w.ThresholdValue))) {
      return `WarnConfs item ${JSON.stringify(w)} is not valid`;
    }
  }
  const { BudgetName, BudgetType, Comment, CycleEndPeriod, CycleStartPeriod, CycleType, Metric, Quota, QuotaType } = p;
  return { BudgetName, BudgetType, ...(Comment !== undefined ? { Comment } : {}), CycleEndPeriod, CycleStartPeriod, CycleType, Metric, Quota, QuotaType, ...lists };
}

/** ACS3-HMAC-SHA256: HMAC of "ACS3-HMAC-SHA256\n" + SHA-256 of the canonical request. */
function sign(secret: string, req: IncomingMessage, url: URL, signedHeaders: readonly string[], payloadHash: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...url.searchParams.keys()].sort().map((k) => `${k}=${enc(url.searchParams.get(k) ?? "")}`).join("&");
  const headers = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? "").trim()}\n`).join("");
  const canonical = [req.method, url.pathname, query, headers, signedHeaders.join(";"), payloadHash].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonical).digest("hex")}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}
