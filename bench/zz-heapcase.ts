import * as v8 from "node:v8";
import { runOffline } from "/work/wt/h14-perf/src/offline/harness";
import { benchProgram } from "/work/wt/h14-perf/bench/program";
async function main() {
  const n = Number(process.argv[2] ?? 1000);
  const inv = await runOffline(() => { benchProgram(n); }, { project: "bench", stack: "bench" });
  (globalThis as any).gc?.();
  const mu = process.memoryUsage();
  console.log("resources", inv.resources.length, "heapUsed MB", (mu.heapUsed / 2 ** 20).toFixed(0), "rss", (mu.rss / 2 ** 20).toFixed(0), "maxRSS", (process.resourceUsage().maxRSS / 1024).toFixed(0));
  if (process.argv[3]) console.log(v8.writeHeapSnapshot(process.argv[3]));
  (globalThis as any).keep = inv;
}
main();
