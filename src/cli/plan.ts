import { Command, InvalidArgumentError } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { LandingZoneValidationError, Problems } from "../core/errors";
import { checkStackName } from "../core/naming";
import { planStackFile } from "../offline/harness";
import { inventoryToJson } from "../offline/inventory";
import { renderIntentProblems } from "../offline/intents-report";
import { renderMarkdown } from "../offline/markdown";
import { isBlocking, renderFindings, renderTree } from "../offline/tree";
import { stackUrn } from "../policy/evaluate";
import { readWaivers, unmatchedWaivers } from "../policy/waivers";

/** Exit codes of `npm run plan`. */
export const EXIT = { ok: 0, policyViolation: 1, invalidConfig: 2 } as const; // 1 also for a broken intent

interface PlanOptions {
  stack?: string;
  config?: string;
  json?: string;
  format: "text" | "json" | "markdown";
  out?: string;
  waivers?: string;
}

function parseFormat(value: string): PlanOptions["format"] {
  if (value === "text" || value === "json" || value === "markdown") return value;
  throw new InvalidArgumentError("use text, json or markdown");
}

/** Runs the offline plan; returns the process exit code. */
export async function runPlan(argv: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s),
  writeErr: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const program = new Command()
    .name("plan")
    .description("Plan the landing zone offline: run the stack program under Pulumi's mock runtime and check the policies.")
    .option("-s, --stack <env>", "stack to plan: reads Pulumi.<env>.yaml")
    .option("-c, --config <file>", "any Pulumi stack file to plan (instead of --stack)")
    .option("--json <file>", "also write the inventory as JSON to this file")
    .addOption(new Command().createOption("-f, --format <format>", "stdout format: text, json or markdown").argParser(parseFormat).default("text"))
    .option("-o, --out <file>", "write the report (--format) to this file instead of stdout")
    .option("-w, --waivers <file>", "YAML file with a top-level waivers: list, each {rule, reason, resource?} (resource: name or URN)")
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr });
  try {
    program.parse([...argv], { from: "user" });
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode ?? EXIT.invalidConfig;
    return code === 0 ? EXIT.ok : EXIT.invalidConfig;
  }
  const opts = program.opts<PlanOptions>();
  if ((opts.stack === undefined) === (opts.config === undefined)) {
    writeErr("error: give exactly one of --stack <env> and --config <file>\n");
    return EXIT.invalidConfig;
  }
  if (opts.stack !== undefined) {
    const problems = new Problems();
    checkStackName(opts.stack, "--stack", problems);
    if (!problems.empty) {
      writeErr(`${new LandingZoneValidationError("plan", problems.items).message}\n`);
      return EXIT.invalidConfig;
    }
  }
  const file = opts.config ?? path.resolve(`Pulumi.${opts.stack}.yaml`);
  if (!fs.existsSync(file)) {
    const here = fs.readdirSync(".").filter((f) => /^Pulumi\..+\.ya?ml$/.test(f));
    writeErr(`error: ${file} does not exist; stack files here: ${here.length > 0 ? here.join(", ") : "none"}\n`);
    return EXIT.invalidConfig;
  }
  const waivers = opts.waivers === undefined ? { ok: true as const, waivers: [] } : readWaivers(opts.waivers);
  if (!waivers.ok) {
    writeErr(`${waivers.error}\n`);
    return EXIT.invalidConfig;
  }
  let inv;
  try {
    inv = await planStackFile(file, { ...(opts.stack !== undefined ? { stack: opts.stack } : {}), policies: { waivers: waivers.waivers } });
  } catch (e) {
    if (e instanceof LandingZoneValidationError) {
      writeErr(`${e.message}\n`);
      return EXIT.invalidConfig;
    }
    throw e;
  }
  const stack = { urn: stackUrn(inv.project, inv.stack), name: `${inv.project}-${inv.stack}` };
  for (const w of unmatchedWaivers(waivers.waivers, [...inv.resources, stack])) {
    writeErr(`warning: the waiver for ${w.rule} names resource "${w.resource}", which this plan does not have: it waives nothing\n`);
  }
  // The JSON is only made when something asks for it (--json, --format json).
  const json = opts.json !== undefined || opts.format === "json" ? inventoryToJson(inv) : "";
  const report = opts.format === "json" ? json
    : opts.format === "markdown" ? renderMarkdown(inv)
      : `${renderTree(inv)}\n${renderFindings(inv.findings)}${inv.intents ? `\n${renderIntentProblems(inv.intents)}` : ""}`;
  for (const [target, text] of [[opts.json, json], [opts.out, report]] as const) {
    if (target === undefined) continue;
    try {
      fs.writeFileSync(target, text);
    } catch (e) {
      writeErr(`error: cannot write ${target}: ${(e as Error).message}\n`);
      return EXIT.invalidConfig;
    }
  }
  if (!opts.out) write(report);
  const broken = (inv.intents ?? []).filter((r) => !r.ok);
  // The text report already lists broken intents; other formats get them on stderr.
  if (broken.length > 0 && (opts.format !== "text" || opts.out)) writeErr(renderIntentProblems(inv.intents!));
  return inv.findings.some(isBlocking) || broken.length > 0 ? EXIT.policyViolation : EXIT.ok;
}

/** Runs the plan with `argv` and sets the process exit code (3 on an unexpected error). */
export function main(argv: readonly string[]): Promise<void> {
  return runPlan(argv).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 3;
  });
}

if (require.main === module) void main(process.argv.slice(2));
