// The Pulumi runtime internals the offline harness relies on, checked before every run and
// patched only while a run is in progress (restored afterwards):
//
//   - `Error.stackTraceLimit = 0`: the runtime captures a stack per promise; nothing offline reads it;
//   - `runtime/debuggable` `debuggablePromise(p, ctx)` → `p`: per promise it stores a stack, a
//     context string and a leak-tracking entry, about 100 per resource; offline, the harness waits
//     for every registration itself;
//   - `Resource.callsites()` → `[]`: a full stack parse per resource for the source position,
//     which the offline inventory does not record;
//   - `runtime/rpc` `transferProperties(onto, label, props)`: creates each output property's
//     `Output` when it is first read instead of up front (a GCP firewall has 27 output
//     properties, a program reads a few); values, known-ness, secrecy and dependencies are the same;
//   - the mock monitor's `registerResource(req, callback)`, wrapped by the harness to record each
//     registration, and the serialisation signatures (`runtime.specialSigKey` …) it decodes;
//   - unless a run asks for it, a dynamic resource's provider is not serialised: `dynamic/index`
//     loads `runtime/closure/serializeClosure` when a dynamic resource is created and calls its
//     `serializeFunction`, which parses the provider's code with the TypeScript compiler (about
//     0.4 s to load) and walks its closure; the inventory masks that code anyway. While a run is
//     in progress that module's `serializeFunction` returns a fixed text, and
//     `settings.cacheDynamicProviders()` is false so the text is never cached for a later run.
//
// When a Pulumi upgrade changes any of them, `checkPulumiInternals` throws an error naming the
// installed version and each internal that changed, instead of planning something different.
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";

const requirePulumi = createRequire(require.resolve("@pulumi/pulumi"));

/** The installed `@pulumi/pulumi` version. */
export const PULUMI_VERSION: string = (requirePulumi("./package.json") as { version: string }).version;

/** The Pulumi version the patches were written against. */
export const PATCHED_FOR = "3.270.0";

type Fn = (...args: any[]) => any;

/** The module objects the harness patches (their exports are read at call time by Pulumi's own code). */
export interface PulumiInternalModules {
  /** `@pulumi/pulumi/runtime/debuggable` */
  readonly debuggable: { debuggablePromise?: unknown };
  /** `@pulumi/pulumi/runtime/rpc` */
  readonly rpc: { transferProperties?: unknown; specialSigKey?: unknown; specialSecretSig?: unknown; specialResourceSig?: unknown;
    specialOutputValueSig?: unknown; specialAssetSig?: unknown; specialArchiveSig?: unknown; unknownValue?: unknown };
  /** `@pulumi/pulumi/resource` */
  readonly resource: { Resource?: { callsites?: unknown } };
  /** `@pulumi/pulumi/output` */
  readonly output: { Output?: unknown };
  /** `@pulumi/pulumi/errors` */
  readonly errors: { isGrpcError?: unknown };
  /** `@pulumi/pulumi/runtime/mocks` */
  readonly mocks: { MockMonitor?: { prototype?: Record<string, unknown> } };
  /** `@pulumi/pulumi/runtime/state` (a fresh store per run) */
  readonly state: { withLocalStorage?: unknown };
  /** `@pulumi/pulumi/runtime/settings` (waiting for a failed run's work) */
  readonly settings: { waitForRPCs?: unknown; cacheDynamicProviders?: unknown };
  /** The source of `@pulumi/pulumi/dynamic/index.js`, which loads the closure serialiser on use. */
  readonly dynamicSource: string;
}

/** What `dynamic/index.js` calls to serialise a dynamic resource's provider. */
const DYNAMIC_SERIALISER = ["require(\"../runtime/closure/serializeClosure\")", ".serializeFunction(() => provider", "settings.cacheDynamicProviders()"];

/** The closure serialiser's module file. */
const SERIALISER_FILE = requirePulumi.resolve("./runtime/closure/serializeClosure");

let dynamicSource: string | undefined;

/** Pulumi's own modules, as its runtime sees them. */
export function pulumiModules(): PulumiInternalModules {
  return {
    debuggable: requirePulumi("./runtime/debuggable"),
    rpc: requirePulumi("./runtime/rpc"),
    resource: requirePulumi("./resource"),
    output: requirePulumi("./output"),
    errors: requirePulumi("./errors"),
    mocks: requirePulumi("./runtime/mocks"),
    state: requirePulumi("./runtime/state"),
    settings: requirePulumi("./runtime/settings"),
    dynamicSource: dynamicSource ??= fs.readFileSync(requirePulumi.resolve("./dynamic"), "utf8"),
  };
}

/** The error thrown when an internal the harness patches is not what it expects. */
export class PulumiInternalsChangedError extends Error {
  constructor(readonly version: string, readonly changed: readonly string[]) {
    super(`@pulumi/pulumi ${version} changed internals the offline harness relies on (written for ${PATCHED_FOR}): ${changed.join("; ")}. ` +
      "Update src/offline/pulumi-internals.ts (and the harness) for this Pulumi version before planning offline.");
    this.name = "PulumiInternalsChangedError";
  }
}

/** `transferProperties`' resolver signature, which the lazy replacement implements. */
const RESOLVER_SIGNATURE = /\(v, isKnown, isSecret, deps = \[\], err\) =>/;

/**
 * Throws `PulumiInternalsChangedError` naming every internal that is not as the harness expects.
 * Takes the modules as a parameter so a test can hand it a changed one.
 */
export function checkPulumiInternals(mods: PulumiInternalModules, version = PULUMI_VERSION): void {
  const changed: string[] = [];
  const fn = (v: unknown, arity: number | undefined, what: string) => {
    if (typeof v !== "function") changed.push(`${what} is not a function`);
    else if (arity !== undefined && v.length !== arity) changed.push(`${what} takes ${v.length} parameters, not ${arity}`);
  };
  fn(mods.debuggable.debuggablePromise, 2, "runtime/debuggable debuggablePromise(promise, ctx)");
  fn(mods.resource.Resource?.callsites, 0, "resource Resource.callsites()");
  fn(mods.output.Output, 5, "output Output(resources, promise, isKnown, isSecret, allResources)");
  fn(mods.errors.isGrpcError, 1, "errors isGrpcError(err)");
  fn(mods.rpc.transferProperties, 3, "runtime/rpc transferProperties(onto, label, props)");
  if (typeof mods.rpc.transferProperties === "function" && !RESOLVER_SIGNATURE.test(String(mods.rpc.transferProperties))) {
    changed.push("runtime/rpc transferProperties' resolvers no longer take (v, isKnown, isSecret, deps = [], err)");
  }
  fn(mods.mocks.MockMonitor?.prototype?.registerResource, 2, "runtime/mocks MockMonitor.prototype.registerResource(req, callback)");
  fn(mods.state.withLocalStorage, 1, "runtime/state withLocalStorage(fn)");
  fn(mods.settings.waitForRPCs, undefined, "runtime/settings waitForRPCs()");
  fn(mods.settings.cacheDynamicProviders, 0, "runtime/settings cacheDynamicProviders()");
  for (const call of DYNAMIC_SERIALISER) {
    if (!mods.dynamicSource.includes(call)) changed.push(`dynamic/index no longer calls ${call}`);
  }
  for (const key of ["specialSigKey", "specialSecretSig", "specialResourceSig", "specialOutputValueSig", "specialAssetSig", "specialArchiveSig", "unknownValue"] as const) {
    if (typeof mods.rpc[key] !== "string") changed.push(`runtime/rpc ${key} is not a string`);
  }
  if (changed.length > 0) throw new PulumiInternalsChangedError(version, changed);
}

/** One output property's result, as `transferProperties`' resolver receives it. */
type Settled = readonly [value: unknown, isKnown: boolean, isSecret: boolean, deps: unknown[], err: unknown];
/** An output property already read: settles its `Output`'s four promises. */
type Settle = (s: Settled) => void;

/** Per resource: the results of output properties not read yet, or how to settle those read. */
const LAZY = Symbol("landing-zone.lazyOutputs");
type Holder = Record<PropertyKey, unknown> & { [LAZY]: Map<string, Settled | Settle | undefined> };

const accessors = new Map<string, PropertyDescriptor>();

/** The shared accessor pair of property `k` (one per property name, not per resource). */
function accessorOf(k: string, materialize: (onto: Holder, k: string) => unknown): PropertyDescriptor {
  let d = accessors.get(k);
  if (!d) {
    d = {
      enumerable: true,
      configurable: true,
      get(this: Holder) { return define(this, k, materialize(this, k)); },
      set(this: Holder, value: unknown) { define(this, k, value); },
    };
    accessors.set(k, d);
  }
  return d;
}

function define(onto: Holder, k: string, value: unknown): unknown {
  Object.defineProperty(onto, k, { value, writable: true, enumerable: true, configurable: true });
  return value;
}

/**
 * `transferProperties` with each output property's `Output` made on first read. Until then the
 * resolver keeps the result; once read, the `Output` resolves exactly as Pulumi's own would.
 */
function lazyTransferProperties(mods: PulumiInternalModules): Fn {
  const Output = mods.output.Output as new (...args: unknown[]) => unknown;
  const isGrpcError = mods.errors.isGrpcError as (err: unknown) => boolean;
  const materialize = (onto: Holder, k: string): unknown => {
    const lazy = onto[LAZY];
    const settled = lazy.get(k) as Settled | undefined;
    const fns: [(v: unknown) => void, (e: unknown) => void][] = [];
    const promises = [0, 1, 2, 3].map(() => new Promise((res, rej) => { fns.push([res, rej]); }));
    const settle: Settle = (s) => { fns.forEach(([res, rej], i) => (s[4] ? rej(s[4]) : res(s[i]))); };
    if (settled) settle(settled);
    lazy.set(k, settle);
    return new Output(onto, promises[0], promises[1], promises[2], promises[3]);
  };
  return (onto: Holder, label: string, props: Record<string, unknown>) => {
    const resolvers: Record<string, Fn> = {};
    const lazy = new Map<string, Settled | Settle | undefined>();
    Object.defineProperty(onto, LAZY, { value: lazy, configurable: true });
    for (const k of Object.keys(props)) {
      if (k === "id" || k === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
      resolvers[k] = (value: unknown, isKnown: boolean, isSecret: boolean, deps: unknown[] = [], err?: unknown) => {
        if (err && isGrpcError(err)) return;
        const s: Settled = [value, isKnown, isSecret, deps, err];
        const state = lazy.get(k);
        if (typeof state === "function") state(s);
        else lazy.set(k, s);
      };
      Object.defineProperty(onto, k, accessorOf(k, materialize));
    }
    return resolvers;
  };
}

/** Options of `patchPulumiInternals`. */
export interface PatchOptions {
  /** Also set `Error.stackTraceLimit = 0` and skip per-promise debug records and source positions. */
  readonly fastStacks: boolean;
  /**
   * When set, dynamic resources get this text as their serialised provider instead of going
   * through Pulumi's closure serialiser. @default undefined (serialise as `pulumi up` does)
   */
  readonly dynamicProviderText?: string;
}

/**
 * Checks the internals, then patches them for one offline run; returns the function that
 * restores every one of them.
 */
export function patchPulumiInternals(opts: PatchOptions, mods: PulumiInternalModules = pulumiModules()): () => void {
  checkPulumiInternals(mods);
  const restore: (() => void)[] = [];
  const swap = <T extends object>(obj: T, key: keyof T, value: unknown) => {
    const saved = obj[key];
    (obj as Record<keyof T, unknown>)[key] = value;
    restore.push(() => { (obj as Record<keyof T, unknown>)[key] = saved; });
  };
  swap(mods.rpc, "transferProperties", lazyTransferProperties(mods));
  if (opts.fastStacks) {
    const savedLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    restore.push(() => { Error.stackTraceLimit = savedLimit; });
    swap(mods.debuggable, "debuggablePromise", (p: Promise<unknown>) => p);
    swap(mods.resource.Resource!, "callsites", () => []);
  }
  if (opts.dynamicProviderText !== undefined) {
    const text = opts.dynamicProviderText;
    const serializeFunction = async () => ({ text, containsSecrets: false });
    swap(mods.settings, "cacheDynamicProviders", () => false);
    const loaded = require.cache[SERIALISER_FILE];
    if (loaded) swap(loaded.exports as Record<string, unknown>, "serializeFunction", serializeFunction);
    else {
      const m = new Module(SERIALISER_FILE);
      m.filename = SERIALISER_FILE;
      m.loaded = true;
      m.exports = { serializeFunction };
      require.cache[SERIALISER_FILE] = m;
      restore.push(() => { if (require.cache[SERIALISER_FILE] === m) delete require.cache[SERIALISER_FILE]; });
    }
  }
  return () => { for (const r of restore.reverse()) r(); };
}
