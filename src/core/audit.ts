import { z } from "zod";
import { joinPath, Problems } from "./errors";

/** Shortest audit-log retention a production environment accepts, in days. */
export const PROD_MIN_AUDIT_RETENTION_DAYS = 365;

/** Longest retention either cloud accepts for audit storage, in days (SLS: 3650). */
export const MAX_AUDIT_RETENTION_DAYS = 3650;

/** Largest budget threshold, in percent of the budget amount. */
export const MAX_THRESHOLD_PERCENT = 1000;

/**
 * Checks a log retention in days (audit logs, Alibaba flow logs): a whole number from 1 to
 * `MAX_AUDIT_RETENTION_DAYS` (`LZ_AUDIT_RETENTION_RANGE`). `example` is the value the fix suggests.
 */
export function checkRetentionRange(days: number, path: string, problems: Problems, example: number): boolean {
  if (Number.isInteger(days) && days >= 1 && days <= MAX_AUDIT_RETENTION_DAYS) return true;
  problems.add("LZ_AUDIT_RETENTION_RANGE", path, `retention ${days} days is not a whole number from 1 to ${MAX_AUDIT_RETENTION_DAYS}`,
    `use a whole number of days from 1 to ${MAX_AUDIT_RETENTION_DAYS}, e.g. ${example}`);
  return false;
}

/**
 * Checks an audit-log retention in days: a whole number from 1 to 3650, and at least 365
 * days in production so a year of audit history always survives.
 */
export function checkAuditRetention(days: number, production: boolean, path: string, problems: Problems): void {
  if (!checkRetentionRange(days, path, problems, PROD_MIN_AUDIT_RETENTION_DAYS)) return;
  if (production && days < PROD_MIN_AUDIT_RETENTION_DAYS) {
    problems.add("LZ_AUDIT_RETENTION_TOO_SHORT", path, `retention ${days} days is shorter than the ${PROD_MIN_AUDIT_RETENTION_DAYS} days production requires`,
      `set it to at least ${PROD_MIN_AUDIT_RETENTION_DAYS}`);
  }
}

/** Budget thresholds in percent of the amount, per spend basis. */
export interface BudgetThresholds {
  /** Alert when actual spend reaches these percentages. @default [50, 90, 100] */
  readonly actual?: readonly number[];
  /** Alert when forecast spend reaches these percentages. @default [100] */
  readonly forecast?: readonly number[];
}

export const BUDGET_THRESHOLD_DEFAULTS = { actual: [50, 90, 100], forecast: [100] } as const;

/** The part of a budget that is the same on both clouds. */
export interface BudgetBasics {
  /** Budget amount per month, in the billing account's currency; above 0. */
  readonly amount: number;
  /** ISO 4217 currency code; must match the billing account's. @default the account's currency */
  readonly currency?: string;
  /** Alert thresholds in percent. @default { actual: [50, 90, 100], forecast: [100] } */
  readonly thresholds?: BudgetThresholds;
  /** Email recipients keyed by name, e.g. `{ finance: "finance@example.com" }`. @default {} */
  readonly emails?: Readonly<Record<string, string>>;
}

const EMAIL = z.email();

/** Largest budget amount: one trillion in the account's currency (amounts in cents stay exact below 2^53). */
export const BUDGET_MAX_AMOUNT = 1_000_000_000_000;

/** Checks amount, currency, thresholds and email addresses of a budget; reports every problem. */
export function checkBudgetBasics(args: BudgetBasics, path: string, problems: Problems): void {
  if (typeof args.amount !== "number" || !Number.isFinite(args.amount) || args.amount <= 0) {
    problems.add("LZ_BUDGET_AMOUNT", joinPath(path, "amount"), `budget amount ${args.amount} is not above 0`,
      "set a positive amount in the billing account's currency, e.g. 500");
  } else if (args.amount > BUDGET_MAX_AMOUNT) {
    // Above this, amounts in cents are no longer exact as numbers, and the plan would show another amount.
    problems.add("LZ_BUDGET_AMOUNT", joinPath(path, "amount"), `budget amount ${args.amount} is above ${BUDGET_MAX_AMOUNT.toLocaleString("en-US")}`,
      `set the monthly amount in the billing account's currency, at most ${BUDGET_MAX_AMOUNT.toLocaleString("en-US")}`);
  } else if (Math.round(args.amount * 100) !== args.amount * 100) {
    problems.add("LZ_BUDGET_AMOUNT", joinPath(path, "amount"), `budget amount ${args.amount} has more than two decimals`,
      "round it to cents, e.g. 499.99");
  }
  if (args.currency !== undefined && !/^[A-Z]{3}$/.test(args.currency)) {
    problems.add("LZ_BUDGET_CURRENCY", joinPath(path, "currency"), `"${args.currency}" is not an ISO 4217 currency code`,
      "use three capital letters matching the billing account, e.g. USD, EUR or CNY");
  }
  for (const basis of ["actual", "forecast"] as const) {
    const list = args.thresholds?.[basis] ?? BUDGET_THRESHOLD_DEFAULTS[basis];
    const p = joinPath(joinPath(path, "thresholds"), basis);
    list.forEach((t, i) => {
      if (typeof t !== "number" || !Number.isFinite(t) || t <= 0 || t > MAX_THRESHOLD_PERCENT) {
        problems.add("LZ_BUDGET_THRESHOLD", `${p}[${i}]`, `threshold ${t}% is outside (0, ${MAX_THRESHOLD_PERCENT}]`,
          "give thresholds in percent of the amount, e.g. 50, 90, 100");
      }
    });
    if (new Set(list).size !== list.length) {
      problems.add("LZ_BUDGET_THRESHOLD_DUPLICATE", p, "a threshold is listed twice", "list each percentage once");
    }
  }
  checkEmails(args.emails, joinPath(path, "emails"), problems);
}

/** Checks email recipients keyed by name (`LZ_EMAIL_INVALID` per bad address under `path.<key>`). */
export function checkEmails(emails: Readonly<Record<string, string>> | undefined, path: string, problems: Problems): void {
  for (const [key, email] of Object.entries(emails ?? {})) {
    if (!EMAIL.safeParse(email).success) {
      problems.add("LZ_EMAIL_INVALID", joinPath(path, key), `"${email}" is not a valid email address`,
        "use an address such as finance@example.com");
    }
  }
}

/** Amount as GCP money: whole `units` (a string) and `nanos`. */
export function toMoney(amount: number): { units: string; nanos: number } {
  const cents = Math.round(amount * 100);
  return { units: String(Math.trunc(cents / 100)), nanos: (cents % 100) * 10_000_000 };
}
