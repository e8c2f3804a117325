/**
 * Regenerates the JSON Schema of `Pulumi.<env>.yaml` from the zod config schema:
 *
 *   npx tsx scripts/update-config-schema.ts           # write schema/pulumi-stack.schema.json
 *   npx tsx scripts/update-config-schema.ts --check   # write nothing; exit 1 if it is out of date
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_FILE_SCHEMA_PATH, stackFileJsonSchemaText } from "../src/config/json-schema";

const file = path.resolve(__dirname, "..", STACK_FILE_SCHEMA_PATH);
const text = stackFileJsonSchemaText();
const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
if (process.argv.includes("--check")) {
  process.stdout.write(current === text ? `${STACK_FILE_SCHEMA_PATH} is up to date\n` : `${STACK_FILE_SCHEMA_PATH} is out of date: run npm run schema:update\n`);
  process.exitCode = current === text ? 0 : 1;
} else if (current !== text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${STACK_FILE_SCHEMA_PATH}\n`);
} else {
  process.stdout.write(`${STACK_FILE_SCHEMA_PATH} is up to date\n`);
}
