#!/usr/bin/env node
// `npm run plan`: runs the compiled plan (dist/src/cli/bin.js, built by `npm ci` / `npm run build`).
// When a file under src/ is newer than that build, it runs the TypeScript sources through tsx
// instead (slower) and says so, so an edit is never planned against a stale build.
"use strict";
const path = require("node:path");
const { ROOT, buildState } = require("../src/build-state.cjs");

const BUILT = "dist/src/cli/bin.js";
const state = buildState(BUILT);
if (state.current) {
  require(path.join(ROOT, BUILT));
} else {
  process.stderr.write(`note: ${state.why}; planning from the TypeScript sources (slower). Run \`npm run build\` for the fast path.\n`);
  require("tsx/cjs");
  require(path.join(ROOT, "src/cli/bin.ts"));
}
