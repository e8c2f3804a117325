#!/usr/bin/env node
// Command-line entry of the offline plan: `npm run plan` and the `landing-zone-plan` bin run its
// compiled form (dist/src/cli/bin.js). It defers the parts of `@pulumi/pulumi` the plan never
// uses before anything loads the SDK, then runs `src/cli/plan.ts`.
import { deferUnusedPulumiModules } from "../offline/defer-modules";

deferUnusedPulumiModules();
// Loaded after the deferral on purpose (an `import` would load the SDK first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
void (require("./plan") as typeof import("./plan")).main(process.argv.slice(2));
