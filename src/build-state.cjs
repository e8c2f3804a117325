// Whether the compiled build in dist/ is current: used by the entry points that run the build
// (`npm run plan` through scripts/plan.cjs, the component package through src/provider/plugin.cjs)
// so that an edited checkout never runs a stale build. An installed package has no newer sources.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** The package root. */
const ROOT = path.join(__dirname, "..");

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

/**
 * `{ current: true }` when `built` (a path under the root) exists and no .ts file under src/ is
 * newer; otherwise `{ current: false, why }`, saying why.
 */
function buildState(built) {
  const file = path.join(ROOT, built);
  const builtAt = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  if (builtAt === 0) return { current: false, why: "dist/ is not built" };
  if (newest(path.join(ROOT, "src")) > builtAt) return { current: false, why: "src/ changed since the last build" };
  return { current: true };
}

/**
 * Loads `built` (under the root) when the build is current, else `sources` through tsx, after a
 * note on stderr saying why and that `what` runs slower.
 */
function runBuildOrSources(built, sources, what) {
  const state = buildState(built);
  if (state.current) return require(path.join(ROOT, built));
  process.stderr.write(`note: ${state.why}; ${what} from the TypeScript sources (slower). Run \`npm run build\` for the fast path.\n`);
  require("tsx/cjs");
  return require(path.join(ROOT, sources));
}

module.exports = { ROOT, buildState, runBuildOrSources };
