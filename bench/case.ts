// One benchmark case in its own process, so peak memory (maxRSS) belongs to that case alone.
// `npm run bench` compiles it first (bench/tsconfig.json → .bench-dist/), so no transpiler or
// source-map hook runs inside the measured code:
//   node .bench-dist/bench/case.js <mode> <count>
// Prints one JSON line: { mode, count, loadMs, planMs, cpuMs, resources, findings, maxRssMb }.
import * as pulumi from "@pulumi/pulumi";
import { performance } from "node:perf_hooks";
import { runOffline } from "../src/offline/harness";
import { benchProgram } from "./program";

type Mode = "plain-setMocks" | "harness-full-stacks" | "harness";

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode;
  const count = Number(process.argv[3]);
  // From process start to here: Node, @pulumi/pulumi, the harness and the provider SDKs' indexes.
  const loadMs = performance.now();

  let resources = 0;
  let findings = 0;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  if (mode === "plain-setMocks") {
    // Pulumi's own recipe: setMocks, run the program, wait for every resource's URN.
    await pulumi.runtime.setMocks({
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    }, "bench", "bench", false);
    const created = benchProgram(count);
    await Promise.all(created.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
    resources = created.length;
  } else {
    const inv = await runOffline(() => { benchProgram(count); }, { project: "bench", stack: "bench", fastStacks: mode === "harness" });
    resources = inv.resources.length;
    findings = inv.findings.length;
  }
  const planMs = performance.now() - t1;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ mode, count, loadMs, planMs, cpuMs, resources, findings, maxRssMb })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
