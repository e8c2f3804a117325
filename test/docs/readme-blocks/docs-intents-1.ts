// TypeScript block 1 of docs/intents.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { runStackFileTest } from "../../../src/index";

export async function prodIntents(): Promise<void> {
  const result = await runStackFileTest("Pulumi.prod.yaml", {
    intents: { forbidden: [{ from: "internet", to: "gcp:app", port: 8080 }] },
  });
  result.expectIntentsHold(); // throws naming the deciding hop of each broken intent
}
export {};
