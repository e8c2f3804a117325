// Prints the package schema (what `pulumi package add` receives) without the Pulumi CLI:
//   npx tsx src/provider/print-schema.ts > landing-zone-schema.json
import { packageSchema } from "./schema";

// A closed pipe (`| head`) is the reader's choice, not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

packageSchema().then(
  (schema) => process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
