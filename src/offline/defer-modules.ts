// Startup of the offline plan: `@pulumi/pulumi`'s index loads three parts the plan never uses —
// the Automation API (`automation/`), the TypeScript compiler its function serialisation
// parses closures with (`typescript-shim`, 9 MB of JavaScript, about a quarter of the SDK's
// load time) and `runtime/closure/codePaths` (`computeCodePaths`, which packages a program's
// dependencies for serialised functions and loads npm's `@npmcli/arborist`, about 120 modules). `deferUnusedPulumiModules()` puts a stand-in for each in Node's module cache
// before the SDK loads; the first real use of either (e.g. `pulumi.automation.LocalWorkspace`)
// loads the real module, so nothing behaves differently, it only costs nothing when unused.
//
// Called by the plan's command-line entry only (`src/cli/bin.ts`), never by the library.
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as path from "node:path";
import { PulumiInternalsChangedError, PULUMI_VERSION } from "./pulumi-internals";

/** A file of `@pulumi/pulumi` the plan defers. */
interface Deferred {
  readonly file: string;
  /** A compiled ES module (`__esModule`). */
  readonly esModule: boolean;
  /** The SDK file that requires it. */
  readonly requiredBy: string;
  /** Exported functions read when the SDK loads: stand-ins that load the module when called. */
  readonly functions?: readonly string[];
}

/** Files of `@pulumi/pulumi` the plan defers. */
export const DEFERRED: readonly Deferred[] = [
  { file: "automation/index.js", esModule: true, requiredBy: "index.js" },
  { file: "typescript-shim.js", esModule: false, requiredBy: "runtime/closure/parseFunction.js" },
  // runtime/index.js copies `computeCodePaths` when it loads: the stand-in hands it a function
  // that loads the real module when called.
  { file: "runtime/closure/codePaths.js", esModule: true, requiredBy: "runtime/index.js", functions: ["computeCodePaths"] },
];

type Loaded = Record<PropertyKey, unknown>;

/** A module-cache stand-in whose exports load `file` on first use and then forward to it. */
function standIn(file: string, esModule: boolean, functions: readonly string[] = []): Module {
  let real: Loaded | undefined;
  const load = (): Loaded => {
    if (!real) {
      delete require.cache[file];
      real = require(file) as Loaded;
    }
    return real;
  };
  const calls = new Map(functions.map((f) => [f, (...args: unknown[]) => (load()[f] as (...a: unknown[]) => unknown)(...args)]));
  const exports = new Proxy({}, {
    get: (_t, key) => (key === "__esModule" && esModule ? true : typeof key === "string" && calls.has(key) ? calls.get(key) : load()[key]),
    set: (_t, key, value) => Reflect.set(load(), key, value),
    has: (_t, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
  });
  const m = new Module(file);
  m.filename = file;
  m.loaded = true;
  m.exports = exports;
  return m;
}

/**
 * Defers the `@pulumi/pulumi` modules the offline plan does not use. Returns false (and does
 * nothing) when the SDK is already loaded; throws `PulumiInternalsChangedError` when a deferred
 * file or its `require` from the SDK is no longer there.
 */
export function deferUnusedPulumiModules(root = path.dirname(require.resolve("@pulumi/pulumi/package.json"))): boolean {
  if (require.cache[path.join(root, "index.js")]) return false;
  const changed: string[] = [];
  const modules: [string, Module][] = [];
  const fromRoot = createRequire(path.join(root, "index.js"));
  for (const d of DEFERRED) {
    const file = path.join(root, d.file);
    let source = "";
    try {
      fromRoot.resolve(file);
      source = fs.readFileSync(path.join(root, d.requiredBy), "utf8");
    } catch {
      changed.push(`${d.file} is gone`);
      continue;
    }
    const request = path.relative(path.dirname(path.join(root, d.requiredBy)), file).replace(/\\/g, "/").replace(/\.js$/, "").replace(/\/index$/, "");
    if (!source.includes(`require("${request.startsWith(".") ? request : `./${request}`}")`)) changed.push(`${d.requiredBy} no longer requires ${d.file}`);
    for (const f of d.functions ?? []) {
      if (!fs.readFileSync(file, "utf8").includes(`exports.${f} = ${f};`)) changed.push(`${d.file} no longer exports function ${f}`);
    }
    modules.push([file, standIn(file, d.esModule, d.functions)]);
  }
  if (changed.length > 0) throw new PulumiInternalsChangedError(PULUMI_VERSION, changed);
  for (const [file, m] of modules) require.cache[file] = m;
  return true;
}
