/**
 * Regenerates the URN goldens: plans every `Pulumi.<stack>.yaml` at the repository root and
 * writes its sorted URNs to `test/urn/golden/<stack>.txt`, then prints what changed against
 * the previous goldens (replacements, aliased moves, additions).
 *
 *   npx tsx scripts/update-urn-goldens.ts            # all stack files
 *   npx tsx scripts/update-urn-goldens.ts dev prod   # only these stacks
 *   npx tsx scripts/update-urn-goldens.ts --check    # write nothing; exit 1 if a golden URN would be replaced
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { planStackFile } from "../src/offline/harness";
import { describeDiff, diffUrns, goldenText, parseGolden } from "../src/offline/urns";

const ROOT = path.resolve(__dirname, "..");
export const GOLDEN_DIR = path.join(ROOT, "test", "urn", "golden");

/** The stacks with a `Pulumi.<stack>.yaml` at the repository root, sorted. */
export function stackFiles(): string[] {
  return fs.readdirSync(ROOT).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();
}

async function run(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const wanted = argv.filter((a) => !a.startsWith("--"));
  const stacks = wanted.length > 0 ? wanted : stackFiles();
  let replaced = 0;
  fs.mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const stack of stacks) {
    const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist; stacks: ${stackFiles().join(", ")}`);
    const inv = await planStackFile(file, { stack, policies: false });
    const golden = path.join(GOLDEN_DIR, `${stack}.txt`);
    if (fs.existsSync(golden)) {
      const d = diffUrns(parseGolden(fs.readFileSync(golden, "utf8")), inv);
      replaced += d.missing.length;
      process.stdout.write(`${describeDiff(stack, d)}\n`);
    } else {
      process.stdout.write(`${stack}: no golden yet\n`);
    }
    if (!check && (!fs.existsSync(golden) || fs.readFileSync(golden, "utf8") !== goldenText(inv))) {
      fs.writeFileSync(golden, goldenText(inv));
      process.stdout.write(`${stack}: wrote ${path.relative(ROOT, golden)} (${inv.resources.length} URNs)\n`);
    }
  }
  return check && replaced > 0 ? 1 : 0;
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
