import { globSync, readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * Vitest's own order, except that test files which start a process (`test/plugin-process.ts`:
 * the component provider, the policy pack, …) run first: the provider's analyzer and the pack's
 * ts-node each read our TypeScript program on their own core for about 10 s, which then overlaps
 * the other files instead of trailing at the end of the run.
 */
class PluginsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const plugin = (f: TestSpecification) => /from "\.\.\/plugin-process"/.test(readFileSync(f.moduleId, "utf8"));
    return [...sorted.filter(plugin), ...sorted.filter((f) => !plugin(f))];
  }
}

const TESTS = ["test/**/*.test.ts", "examples/**/*.test.ts", "src/**/*.test.ts"];
/** Files that replace modules (`vi.mock`) need a fresh module graph, so they run isolated. */
const MOCKING = TESTS.flatMap((g) => globSync(g)).filter((f) => /\bvi\.(do)?[mM]ock\(/.test(readFileSync(f, "utf8")));

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: "shared", include: TESTS, exclude: MOCKING, isolate: false } },
      ...(MOCKING.length > 0 ? [{ extends: true, test: { name: "isolated", include: MOCKING, isolate: true } }] : []),
    ],
    pool: "forks",
    // Two workers even on two cores (Vitest's default there is one): the plugin tests mostly
    // wait on their child process. Test files share a worker's module cache (project "shared",
    // isolate: false), so the Pulumi SDKs load once per worker instead of once per file (about
    // 0.7 s each). This is safe because every offline run sets Pulumi's mock runtime up afresh
    // (`runOffline` → `setMocks`) and restores what it patches; files that mock modules run
    // isolated (project "isolated").
    maxWorkers: 2,
    sequence: { sequencer: PluginsFirst },
    // Bounds for a hung test, not speed targets: a plugin test takes about 12 s on an idle
    // machine and much longer on a busy one.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
