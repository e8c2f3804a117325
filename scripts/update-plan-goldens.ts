/**
 * Regenerates the full-plan goldens: plans every `Pulumi.<stack>.yaml` at the repository root and
 * writes its resources with all inputs (secrets masked) and its outputs to
 * `test/plan-golden/<stack>.json`, then says which stacks changed. Review the diff: a changed
 * default shows there. `npm run goldens:update` runs this and the URN golden update.
 *
 *   npx tsx scripts/update-plan-goldens.ts            # all stack files
 *   npx tsx scripts/update-plan-goldens.ts dev prod   # only these stacks
 *   npx tsx scripts/update-plan-goldens.ts --check    # write nothing; exit 1 if a golden differs
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planStackFile } from "../src/offline/harness";
import { PLAN_GOLDEN_DIR, planGoldenText } from "../src/offline/plan-golden";
import { stackFiles } from "./update-urn-goldens";

const ROOT = path.resolve(__dirname, "..");

async function run(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const wanted = argv.filter((a) => !a.startsWith("--"));
  const stacks = wanted.length > 0 ? wanted : stackFiles();
  const dir = path.join(ROOT, PLAN_GOLDEN_DIR);
  fs.mkdirSync(dir, { recursive: true });
  let differ = 0;
  for (const stack of stacks) {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist; stacks: ${stackFiles().join(", ")}`);
    const text = planGoldenText(await planStackFile(file, { stack, policies: false }));
    const golden = path.join(dir, `${stack}.json`);
    const same = fs.existsSync(golden) && fs.readFileSync(golden, "utf8") === text;
    if (same) {
      process.stdout.write(`${stack}: ${path.relative(ROOT, golden)} is up to date\n`);
      continue;
    }
    differ++;
    if (check) {
      process.stdout.write(`${stack}: ${path.relative(ROOT, golden)} differs from the plan\n`);
    } else {
      fs.writeFileSync(golden, text);
      process.stdout.write(`${stack}: wrote ${path.relative(ROOT, golden)} (review the diff)\n`);
    }
  }
  return check && differ > 0 ? 1 : 0;
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
