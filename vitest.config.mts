import { defineConfig } from "vitest/config";

// Each test file runs in its own worker: Pulumi's mock runtime is process-global state,
// so one program per file keeps runs independent.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts", "src/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
