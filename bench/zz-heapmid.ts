import * as v8 from "node:v8";
import * as pulumi from "@pulumi/pulumi";
import { runOffline } from "../src/offline/harness";
import { benchProgram } from "./program";
async function main() {
  const n = Number(process.argv[2] ?? 1000);
  let done = false;
  const inv = await runOffline(() => {
    benchProgram(n);
    const mon = pulumi.runtime.getMonitor() as any;
    const orig = mon.registerResource;
    let c = 0;
    mon.registerResource = async (req: any, cb: any) => {
      c++;
      if (c === n && !done) { done = true; const mu = process.memoryUsage(); console.log("at last registration heapUsed MB", (mu.heapUsed / 2 ** 20).toFixed(0)); if (process.argv[3]) console.log(v8.writeHeapSnapshot(process.argv[3])); }
      return orig(req, cb);
    };
  }, { project: "bench", stack: "bench" });
  console.log("resources", inv.resources.length, "maxRSS", (process.resourceUsage().maxRSS / 1024).toFixed(0));
}
main();
