import { BUDGET_THRESHOLD_DEFAULTS, BudgetBasics, checkBudgetBasics } from "../core/audit";
import { joinPath, Problems } from "../core/errors";
import { checkAlicloudName, checkKey, nameOf } from "../core/naming";

/**
 * The Alibaba side of a budget. Neither @pulumi/alicloud 3.108.0 nor Alibaba's official
 * BSS OpenAPI SDK (`@alicloud/bssopenapi20171214` 4.1.1: only `describeCostBudgetsSummary`,
 * read-only) can create, update or delete a budget, so this component creates what a budget
 * would notify (CloudMonitor alarm contacts and their group) and exposes the budget as plain
 * data for the Expense Management console. See docs/audit.md.
 */
export interface AlicloudBudgetArgs extends BudgetBasics {
  /**
   * Language of the contacts' notifications: `en` or `zh-cn` (CloudMonitor's codes); `zh_CN` is
   * accepted as another spelling of `zh-cn`. @default "en"
   */
  readonly lang?: "en" | "zh-cn" | "zh_CN";
}

/** CloudMonitor's language code for each accepted `lang` spelling. */
export const ALICLOUD_CMS_LANG = { en: "en", "zh-cn": "zh-cn", zh_CN: "zh-cn" } as const;

export const ALICLOUD_BUDGET_DEFAULTS = { thresholds: BUDGET_THRESHOLD_DEFAULTS, lang: "en", emails: {} } as const;

/** Validates `AlicloudBudget` args; reports every problem under `path`. */
export function planAlicloudBudget(name: string, args: AlicloudBudgetArgs, path: string, problems: Problems): void {
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
}

/** The budget as configured: plain data to copy into Expense Management. */
export interface AlicloudBudgetSettings {
  readonly amount: number;
  readonly currency?: string;
  readonly actualThresholds: readonly number[];
  readonly forecastThresholds: readonly number[];
}
