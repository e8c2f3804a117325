import { BUDGET_THRESHOLD_DEFAULTS, BudgetBasics, checkBudgetBasics } from "../core/audit";
import { joinPath, Problems } from "../core/errors";
import { checkAlicloudName, checkKey, nameOf } from "../core/naming";
import type { BssBudgetInputs, BssWarnConf } from "./bss-budget-provider";

/**
 * The Alibaba side of a budget: the budget itself in Expense Management (BSS OpenAPI
 * 2023-09-30, through a Pulumi dynamic provider, see docs/audit.md) and CloudMonitor alarm
 * contacts plus their group for the landing zone's alert recipients.
 */
export interface AlicloudBudgetArgs extends BudgetBasics {
  /**
   * Language of the contacts' notifications: `en` or `zh-cn` (CloudMonitor's codes); `zh_CN` is
   * accepted as another spelling of `zh-cn`. @default "en"
   */
  readonly lang?: "en" | "zh-cn" | "zh_CN";
  /**
   * Create and keep the budget through the BSS OpenAPI. `false` creates only the contacts and
   * exports `settings` to enter in the console. @default true
   */
  readonly manageBudget?: boolean;
  /** Budget name in Expense Management (1–64 letters, digits, `_` or `-`; the resource id). @default the component name */
  readonly budgetName?: string;
  /** Budget period; the amount is per period. Only `MONTHLY` (the API's documented cycle type). @default "MONTHLY" */
  readonly period?: "MONTHLY";
  /** First month the budget covers, `YYYY-MM`. Required when `manageBudget` is true. */
  readonly startMonth?: string;
  /** Last month the budget covers, `YYYY-MM`, not before `startMonth`. Required when `manageBudget` is true. */
  readonly endMonth?: string;
  /**
   * Count only the spend of resources owned by these Alibaba Cloud account IDs (16 digits),
   * e.g. member accounts of a resource directory. @default [] (all spend of the account)
   */
  readonly accountIds?: readonly string[];
  /**
   * Message Center contacts (by name, as set up under Message Center → Contacts) the budget's
   * alerts go to. @default [] (Message Center's default recipients for budget alerts)
   */
  readonly messageCenterContacts?: readonly string[];
  /**
   * BSS OpenAPI host: `business.aliyuncs.com` (China site) or
   * `business.ap-southeast-1.aliyuncs.com` (international site). @default "business.aliyuncs.com"
   */
  readonly endpoint?: string;
}

/** CloudMonitor's language code for each accepted `lang` spelling. */
export const ALICLOUD_CMS_LANG = { en: "en", "zh-cn": "zh-cn", zh_CN: "zh-cn" } as const;

/** The BSS OpenAPI values a landing-zone budget uses (the values of Alibaba's API reference examples). */
export const ALICLOUD_BUDGET_API = {
  budgetType: "CONSUME",
  metric: "REQUIRE_AMOUNT",
  quotaType: "FIXED",
  thresholdType: "FIXED",
  accountFilterCode: "RESOURCE_OWNER_ACCOUNT",
  accountFilterSelect: "IN",
  actual: "ACTUAL",
  forecast: "FORECAST",
} as const;

export const ALICLOUD_BUDGET_DEFAULTS = {
  thresholds: BUDGET_THRESHOLD_DEFAULTS, lang: "en", emails: {}, manageBudget: true, period: "MONTHLY",
  accountIds: [], messageCenterContacts: [], endpoint: "business.aliyuncs.com",
} as const;

/** Largest budget amount accepted, in the account's currency. */
export const ALICLOUD_BUDGET_MAX_AMOUNT = 10_000_000_000;
/** Budget name rule (the API reference gives no limit; this keeps names the console shows whole). */
export const ALICLOUD_BUDGET_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MONTH = /^(20\d\d)-(0[1-9]|1[0-2])$/;
const ACCOUNT_ID = /^\d{16}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/** The budget as configured: plain data, also what to enter in the console when `manageBudget` is false. */
export interface AlicloudBudgetSettings {
  readonly amount: number;
  readonly currency?: string;
  readonly actualThresholds: readonly number[];
  readonly forecastThresholds: readonly number[];
}

/** What `AlicloudBudget` creates. */
export interface AlicloudBudgetPlan {
  readonly settings: AlicloudBudgetSettings;
  /** Inputs of the budget's dynamic resource; undefined when `manageBudget` is false. */
  readonly budget?: BssBudgetInputs;
}

/** `amount × percent / 100`, rounded to cents, as the API's decimal string. */
export function thresholdAmount(amount: number, percent: number): string {
  return String(Math.round(amount * percent) / 100);
}

function checkMonths(args: AlicloudBudgetArgs, path: string, problems: Problems): void {
  const months: Record<"startMonth" | "endMonth", string | undefined> = { startMonth: args.startMonth, endMonth: args.endMonth };
  for (const [key, value] of Object.entries(months)) {
    if (value === undefined) {
      problems.add("LZ_BUDGET_MONTH", joinPath(path, key), `${key} is required when the budget is managed through the API`,
        `set ${key} as YYYY-MM, e.g. 2027-01, or set manageBudget: false to keep only the alert contacts`);
    } else if (typeof value !== "string" || !MONTH.test(value)) {
      problems.add("LZ_BUDGET_MONTH", joinPath(path, key), `"${String(value)}" is not a month YYYY-MM between 2000-01 and 2099-12`, "write it as e.g. 2027-01");
    }
  }
  if (args.startMonth && args.endMonth && MONTH.test(args.startMonth) && MONTH.test(args.endMonth) && args.endMonth < args.startMonth) {
    problems.add("LZ_BUDGET_MONTH", joinPath(path, "endMonth"), `endMonth ${args.endMonth} is before startMonth ${args.startMonth}`,
      "set endMonth to startMonth or a later month");
  }
}

function checkApiArgs(name: string, args: AlicloudBudgetArgs, path: string, problems: Problems): void {
  const budgetName = args.budgetName ?? name;
  if (typeof budgetName !== "string" || !ALICLOUD_BUDGET_NAME.test(budgetName)) {
    problems.add("LZ_BUDGET_NAME", args.budgetName === undefined ? path : joinPath(path, "budgetName"),
      `budget name "${String(budgetName)}" is not 1–64 letters, digits, _ or -`, "set budgetName (or rename the component), e.g. prod-budget");
  }
  if (typeof args.amount === "number" && args.amount > ALICLOUD_BUDGET_MAX_AMOUNT) {
    problems.add("LZ_BUDGET_AMOUNT", joinPath(path, "amount"), `budget amount ${args.amount} is above ${ALICLOUD_BUDGET_MAX_AMOUNT}`,
      "give the monthly amount in the account's currency, e.g. 80000");
  }
  if (args.period !== undefined && args.period !== ALICLOUD_BUDGET_DEFAULTS.period) {
    problems.add("LZ_BUDGET_PERIOD", joinPath(path, "period"), `"${String(args.period)}" is not a supported budget period`,
      "use MONTHLY (the amount is per month)");
  }
  checkMonths(args, path, problems);
  (args.accountIds ?? []).forEach((id, i) => {
    if (typeof id !== "string" || !ACCOUNT_ID.test(id)) {
      problems.add("LZ_BUDGET_ACCOUNT_ID", `${joinPath(path, "accountIds")}[${i}]`, `"${String(id)}" is not an Alibaba Cloud account ID (16 digits)`,
        "quote the account's UID, e.g. \"1234567890123456\"");
    }
  });
  const contacts = args.messageCenterContacts ?? [];
  contacts.forEach((c, i) => {
    if (typeof c !== "string" || c.trim() === "" || c.length > 64) {
      problems.add("LZ_BUDGET_MSC_CONTACT", `${joinPath(path, "messageCenterContacts")}[${i}]`, `"${String(c)}" is not a Message Center contact name`,
        "give the name of a contact under Message Center → Contacts (1–64 characters)");
    }
  });
  if (new Set(contacts).size !== contacts.length) {
    problems.add("LZ_BUDGET_MSC_CONTACT", joinPath(path, "messageCenterContacts"), "a Message Center contact is listed twice", "list each contact once");
  }
  if (args.endpoint !== undefined && (typeof args.endpoint !== "string" || !HOST.test(args.endpoint))) {
    problems.add("LZ_BUDGET_ENDPOINT", joinPath(path, "endpoint"), `"${String(args.endpoint)}" is not a host name`,
      "use business.aliyuncs.com (China site) or business.ap-southeast-1.aliyuncs.com (international site), without https://");
  }
}

/** The budget's dynamic-resource inputs. */
function budgetInputs(name: string, args: AlicloudBudgetArgs, settings: AlicloudBudgetSettings): BssBudgetInputs {
  const api = ALICLOUD_BUDGET_API;
  const contacts = args.messageCenterContacts ?? [];
  const warn = (target: string, percent: number): BssWarnConf => ({
    name: `${target.toLowerCase()}-${percent}pct`,
    warnTarget: target,
    thresholdType: api.thresholdType,
    thresholdValue: thresholdAmount(settings.amount, percent),
    ...(contacts.length > 0 ? { mscContacts: [...contacts] } : {}),
  });
  const accountIds = args.accountIds ?? [];
  return {
    budgetName: args.budgetName ?? name,
    budgetType: api.budgetType,
    metric: api.metric,
    cycleType: args.period ?? ALICLOUD_BUDGET_DEFAULTS.period,
    quotaType: api.quotaType,
    quota: String(settings.amount),
    cycleStartPeriod: args.startMonth!,
    cycleEndPeriod: args.endMonth!,
    comment: `landing-zone ${name}${settings.currency ? ` (${settings.currency})` : ""}`,
    warnConfs: [...settings.actualThresholds.map((t) => warn(api.actual, t)), ...settings.forecastThresholds.map((t) => warn(api.forecast, t))],
    queryFilter: accountIds.length > 0 ? [{ code: api.accountFilterCode, selectType: api.accountFilterSelect, values: [...accountIds] }] : [],
    endpoint: args.endpoint ?? ALICLOUD_BUDGET_DEFAULTS.endpoint,
  };
}

/** Validates `AlicloudBudget` args, reporting every problem under `path`, and plans the budget. */
export function planAlicloudBudget(name: string, args: AlicloudBudgetArgs, path: string, problems: Problems): AlicloudBudgetPlan {
  checkBudgetBasics(args, path, problems);
  checkAlicloudName(nameOf(name, "contacts"), path, problems, 2, 40, "contact group name");
  for (const key of Object.keys(args.emails ?? {})) {
    const p = joinPath(joinPath(path, "emails"), key);
    const before = problems.items.length;
    checkKey(key, p, problems);
    if (problems.items.length === before) checkAlicloudName(nameOf(name, key), p, problems, 2, 40, "alarm contact name");
  }
  if (args.lang !== undefined && !Object.hasOwn(ALICLOUD_CMS_LANG, args.lang)) {
    problems.add("LZ_BUDGET_LANG", joinPath(path, "lang"), `"${String(args.lang)}" is not a notification language`,
      `use one of ${Object.keys(ALICLOUD_CMS_LANG).join(", ")}`);
  }
  if (Object.keys(args.emails ?? {}).length === 0) {
    problems.add("LZ_BUDGET_NO_CONTACT", joinPath(path, "emails"), "no email recipient is given, so nobody would be notified",
      "add at least one address, e.g. emails: { finance: finance@example.com }");
  }
  const manage = args.manageBudget ?? ALICLOUD_BUDGET_DEFAULTS.manageBudget;
  if (manage) checkApiArgs(name, args, path, problems);
  const thresholds = { ...ALICLOUD_BUDGET_DEFAULTS.thresholds, ...args.thresholds };
  const settings: AlicloudBudgetSettings = { amount: args.amount, currency: args.currency, actualThresholds: thresholds.actual, forecastThresholds: thresholds.forecast };
  return { settings, budget: manage && problems.empty ? budgetInputs(name, args, settings) : undefined };
}
