#!/usr/bin/env node
// `npm run plan`: runs the compiled plan (dist/src/cli/bin.js, built by `npm ci` / `npm run build`).
// When a file under src/ is newer than that build, it runs the TypeScript sources through tsx
// instead (slower) and says so, so an edit is never planned against a stale build.
"use strict";
require("../src/build-state.cjs").runBuildOrSources("dist/src/cli/bin.js", "src/cli/bin.ts", "planning");
