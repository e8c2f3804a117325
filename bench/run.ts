// Offline plan benchmark, everything side by side in one run, each case in its own process:
//   1. startup: `npm run plan -- --stack prod` (compiled, and through tsx as it ran before) against
//      the floor, a script that only loads the four provider SDKs;
//   2. the harness against Pulumi's plain `setMocks` at 100, 1,000 and 5,000 resources: time,
//      CPU and peak memory per resource.
//
//   npm run bench                        # everything (about 2 minutes on 2 idle cores)
//   npm run bench -- --counts 100,1000   # other resource counts
//   npm run bench -- --runs 3            # startup runs per case (median; default 5)
//   npm run bench -- --markdown          # also print the Markdown tables (docs/benchmark.md)
import Table from "cli-table3";
import { execFileSync, spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = path.join(__dirname, "..");
const NODE = process.execPath;
const USAGE = ["-r", path.join(ROOT, "bench/cpu-report.cjs")];

interface Result {
  mode: string;
  count: number;
  loadMs: number;
  planMs: number;
  cpuMs: number;
  resources: number;
  findings: number;
  maxRssMb: number;
}

const MODES = [
  ["plain-setMocks", "Pulumi setMocks (plain)"],
  ["harness-full-stacks", "harness, fastStacks: false"],
  ["harness", "harness (default)"],
] as const;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall time of one process from spawn to exit, with the CPU time and peak RSS it reports. */
function timeProcess(cmd: string, args: readonly string[]): { wallMs: number; cpuMs?: number; rssMb?: number } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  const m = /bench-usage (\d+) (\d+)/.exec(r.stderr);
  return m ? { wallMs, cpuMs: Number(m[1]), rssMb: Number(m[2]) } : { wallMs };
}

const STARTUP = [
  ["floor", "SDK load floor (bench/sdk-floor.cjs)", NODE, [...USAGE, "bench/sdk-floor.cjs"]],
  ["compiled", "plan --stack prod, compiled (dist/src/cli/bin.js)", NODE, [...USAGE, "dist/src/cli/bin.js", "--stack", "prod"]],
  ["tsx", "plan --stack prod through tsx (src/cli/plan.ts)", NODE, [...USAGE, "--import", "tsx", "src/cli/plan.ts", "--stack", "prod"]],
  ["npm", "npm run plan -- --stack prod", process.platform === "win32" ? "npm.cmd" : "npm", ["run", "-s", "plan", "--", "--stack", "prod"]],
] as const;

function startup(runs: number): string[][] {
  const results = STARTUP.map(([key, label, cmd, args]) => {
    process.stderr.write(`startup: ${label} × ${runs}…\n`);
    const xs = Array.from({ length: runs }, () => timeProcess(cmd, args));
    const cpus = xs.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
    return { key, label, wallMs: median(xs.map((x) => x.wallMs)), cpuMs: cpus.length > 0 ? median(cpus) : undefined,
      rssMb: cpus.length > 0 ? median(xs.map((x) => x.rssMb!)) : undefined };
  });
  const floor = results[0]!;
  return results.map((r) => [r.label, (r.wallMs / 1000).toFixed(2), `${(r.wallMs / floor.wallMs).toFixed(2)}×`,
    r.cpuMs === undefined ? "–" : (r.cpuMs / 1000).toFixed(2), r.cpuMs === undefined ? "–" : `${(r.cpuMs / floor.cpuMs!).toFixed(2)}×`,
    r.rssMb === undefined ? "–" : String(r.rssMb)]);
}

function runCase(mode: string, count: number): Result {
  const out = execFileSync(NODE, [path.join(ROOT, ".bench-dist/bench/case.js"), mode, String(count)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Result;
}

function harness(counts: readonly number[]): string[][] {
  const results: Result[] = [];
  for (const count of counts) {
    for (const [mode] of MODES) {
      process.stderr.write(`running ${mode} with ${count} resources…\n`);
      results.push(runCase(mode, count));
    }
  }
  const label = (m: string) => MODES.find(([k]) => k === m)![1];
  const plainOf = (r: Result) => results.find((x) => x.count === r.count && x.mode === "plain-setMocks")!;
  const smallest = (r: Result) => results.find((x) => x.mode === r.mode && x.count === Math.min(...counts))!;
  return results.map((r) => {
    const base = smallest(r);
    const marginal = r.count > base.count ? (((r.maxRssMb - base.maxRssMb) * 1024) / (r.count - base.count)).toFixed(0) : "–";
    return [
      r.count.toLocaleString("en-US"), label(r.mode), (r.planMs / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), (r.planMs / r.count).toFixed(2),
      r.mode === "plain-setMocks" ? "1.00×" : `${(plainOf(r).planMs / r.planMs).toFixed(2)}×`,
      r.maxRssMb.toFixed(0), ((r.maxRssMb * 1024) / r.count).toFixed(0), marginal, String(r.findings),
    ];
  });
}

function print(head: string[], rows: string[][], markdown: boolean): void {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows);
  process.stdout.write(`${table.toString()}\n`);
  if (markdown) process.stdout.write(`\n| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n\n`);
}

function main(): void {
  const counts = (arg("--counts") ?? "100,1000,5000").split(",").map(Number);
  const runs = Number(arg("--runs") ?? "5");
  const markdown = process.argv.includes("--markdown");
  const started = performance.now();
  process.stderr.write("building dist/ (npm run build) and the benchmark cases (bench/tsconfig.json)…\n");
  execFileSync(NODE, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  execFileSync(NODE, [require.resolve("typescript/bin/tsc"), "-p", "bench/tsconfig.json"], { cwd: ROOT, stdio: "inherit" });

  const startupRows = startup(runs);
  const harnessRows = harness(counts);
  print(["Startup (median of " + runs + ")", "Wall s", "vs floor", "CPU s", "CPU vs floor", "Peak RSS MB"], startupRows, markdown);
  print(["Resources", "Run", "Plan s", "CPU s", "ms/resource", "Speed vs plain", "Peak RSS MB", "KB/resource", "Δ KB/resource", "Findings"], harnessRows, markdown);
  const env = `Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ` +
    `load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end, ${((performance.now() - started) / 1000).toFixed(0)} s in all`;
  process.stdout.write(`${env}\nCommand: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\n`);
}

main();
