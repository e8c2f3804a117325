// Runs under `node --import tsx --test` (see isolation.test.ts): node:test fails the file on an
// unhandled rejection, which is how a poisoned run showed up for users of that runner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runPolicyTest } from "../../src";
import { GOOD_NAMES, goodProgram, throwingProgram } from "./poison-programs";

test("a program that throws fails its own run", async () => {
  await assert.rejects(runPolicyTest(throwingProgram, { stack: "t" }), /the program failed/);
});

test("the next run in the same file sees only its own resources", async () => {
  const result = await runPolicyTest(goodProgram, { stack: "t" });
  assert.deepEqual(result.resources.map((r) => r.name), GOOD_NAMES);
});
