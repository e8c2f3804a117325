// Prints the package schema (what `pulumi package add` receives) without the Pulumi CLI:
//   npx tsx src/provider/print-schema.ts > landing-zone-schema.json
import { packageSchema } from "./schema";

packageSchema().then(
  (schema) => process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
