#!/usr/bin/env node
// `npm run plan`: runs the compiled plan (dist/src/cli/bin.js, built by `npm ci` / `npm run build`).
// When a file under src/ is newer than that build, it runs the TypeScript sources through tsx
// instead (slower) and says so, so an edit is never planned against a stale build.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const built = path.join(root, "dist/src/cli/bin.js");

/** The newest modification time of the .ts files under `dir`. */
function newest(dir) {
  let max = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newest(p));
    else if (e.name.endsWith(".ts")) max = Math.max(max, fs.statSync(p).mtimeMs);
  }
  return max;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt > 0 && newest(path.join(root, "src")) <= builtAt) {
  require(built);
} else {
  process.stderr.write(`note: ${builtAt > 0 ? "src/ changed since the last build" : "dist/ is not built"}; planning from the TypeScript sources (slower). Run \`npm run build\` for the fast path.\n`);
  require("tsx/cjs");
  require(path.join(root, "src/cli/bin.ts"));
}
