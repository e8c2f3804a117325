#!/usr/bin/env node
// `npm test`: the type check (`tsc -p tsconfig.json --noEmit`) and the test files (`vitest run`,
// with any arguments given to `npm test -- …`) at the same time, instead of one after the other.
// Fails when either fails. tsc's report is printed after Vitest's so the two never interleave.
// (At a lower CPU priority tsc was starved until Vitest ended, which made it the slowest step.)
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const node = (script, args, stdio) => spawn(process.execPath, [path.join(root, "node_modules", script), ...args], { cwd: root, stdio });
const exited = (child) => new Promise((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const tsc = node("typescript/bin/tsc", ["-p", "tsconfig.json", "--noEmit", "--pretty", String(Boolean(process.stdout.isTTY))], ["ignore", "pipe", "pipe"]);
let report = "";
tsc.stdout.on("data", (d) => { report += d; });
tsc.stderr.on("data", (d) => { report += d; });
const vitest = node("vitest/vitest.mjs", ["run", ...process.argv.slice(2)], "inherit");

Promise.all([exited(vitest), exited(tsc)]).then(([tests, types]) => {
  if (types !== 0) process.stderr.write(`\ntsc -p tsconfig.json --noEmit failed:\n${report}`);
  else process.stdout.write("\ntsc -p tsconfig.json --noEmit: no errors\n");
  process.exitCode = tests !== 0 ? tests : types;
});
