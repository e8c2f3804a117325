import * as fs from "node:fs";
import * as path from "node:path";
import { planStackFile } from "../src/offline/harness";
import type { Inventory } from "../src/offline/inventory";

const plans = new Map<string, Promise<Inventory>>();

/**
 * `planStackFile(file)` for tests that only read the plan of a stack file: made once per Vitest
 * worker for a given file path and content, and shared, deeply frozen, by every test file that
 * asks (the "shared" project runs its files in one module cache, so each committed stack is
 * planned about once per worker instead of once per test). Tests of planning itself (determinism,
 * isolation between runs, run options) call `planStackFile`.
 */
export function plannedStackFile(file: string): Promise<Inventory> {
  const abs = path.resolve(file);
  const key = `${abs}\n${fs.readFileSync(abs, "utf8")}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = planStackFile(abs).then(deepFreeze);
    plans.set(key, plan);
  }
  return plan;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
