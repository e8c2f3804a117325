// Offline plan benchmark: plan time and peak memory against resource count, the landing zone's
// harness side by side with Pulumi's plain `setMocks`, each case in its own process.
//
//   npm run bench                        # 100, 1,000 and 5,000 resources
//   npm run bench -- --counts 100,1000   # other counts
//   npm run bench -- --markdown          # also print a Markdown table (for docs/benchmark.md)
import Table from "cli-table3";
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

interface Result {
  mode: string;
  count: number;
  loadMs: number;
  planMs: number;
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

function runCase(mode: string, count: number): Result {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "case.ts"), mode, String(count)], {
    cwd: path.join(__dirname, ".."),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Result;
}

function main(): void {
  const counts = (arg("--counts") ?? "100,1000,5000").split(",").map(Number);
  const results: Result[] = [];
  for (const count of counts) {
    for (const [mode] of MODES) {
      process.stderr.write(`running ${mode} with ${count} resources…\n`);
      results.push(runCase(mode, count));
    }
  }
  const label = (m: string) => MODES.find(([k]) => k === m)![1];
  const plainOf = (r: Result) => results.find((x) => x.count === r.count && x.mode === "plain-setMocks")!;
  const rows = results.map((r) => [
    r.count.toLocaleString("en-US"), label(r.mode), (r.planMs / 1000).toFixed(2), (r.planMs / r.count).toFixed(2),
    r.mode === "plain-setMocks" ? "1.00×" : `${(plainOf(r).planMs / r.planMs).toFixed(2)}×`, r.maxRssMb.toFixed(0), (r.loadMs / 1000).toFixed(2), String(r.findings),
  ]);
  const head = ["Resources", "Run", "Plan s", "ms/resource", "Speed vs plain", "Peak RSS MB", "Load s", "Findings"];
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows);
  const env = `Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} at the end`;
  process.stdout.write(`${table.toString()}\n${env}\nCommand: npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\n`);
  if (process.argv.includes("--markdown")) {
    process.stdout.write(`\n| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`);
  }
}

main();
