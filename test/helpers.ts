import { expect } from "vitest";
import { parseEnvironment } from "../src/planner";
import { LandingZoneValidationError } from "../src/core/errors";
import { runOffline } from "../src/offline/harness";

/** `[code, path]` of every problem the config loader reports for `raw`; fails the test when it accepts it. */
export function configProblems(raw: Record<string, unknown>): [string, string][] {
  try {
    parseEnvironment(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(LandingZoneValidationError);
    return (e as LandingZoneValidationError).problems.map((p) => [p.code, p.path]);
  }
  throw new Error("expected the config to be rejected");
}

/**
 * Runs `create` (a component constructor call) under the mock runtime, expects it to throw a
 * `LandingZoneValidationError` having registered nothing, and returns `[code, path]` of every problem.
 */
export async function componentProblems(create: () => unknown): Promise<[string, string][]> {
  let error: unknown;
  const inv = await runOffline(() => { try { create(); } catch (e) { error = e; } }, { stack: "test" });
  expect(inv.resources).toEqual([]);
  expect(error).toBeInstanceOf(LandingZoneValidationError);
  return (error as LandingZoneValidationError).problems.map((p) => [p.code, p.path]);
}
