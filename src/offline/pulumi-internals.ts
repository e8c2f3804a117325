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
//   - `runtime/rpc` `serializeResourceProperties` and `serializeProperty`, and `runtime/dependsOn`
//     `getAllTransitivelyReferencedResourceURNs`: plain values serialised without an `await` per
//     property, no resources without an `await` per property (`fast-serialize.ts`); the functions
//     they reproduce are compared by fingerprint (`FINGERPRINTS`);
//   - the mock monitor's `registerResource(req, callback)`, replaced for the run's monitor by one that
//     records each registration and answers without the protobuf round trip (`mock-monitor.ts`):
//     the getters the SDK's `registerResource` calls on the response, that `deserializeProperties`
//     reads the state only through `toJavaScript()`, the mock monitor's `newUrn`, `resources` and
//     `transformCallbacks`, and the serialisation signatures (`runtime.specialSigKey` …) it decodes;
//   - unless a run asks for it, a dynamic resource's provider is not serialised: `dynamic/index`
//     loads `runtime/closure/serializeClosure` when a dynamic resource is created and calls its
//     `serializeFunction`, which parses the provider's code with the TypeScript compiler (about
//     0.4 s to load) and walks its closure; the inventory masks that code anyway. While a run is
//     in progress that module's `serializeFunction` returns a fixed text, and
//     `settings.cacheDynamicProviders()` is false so the text is never cached for a later run.
//
// When a Pulumi upgrade changes any of them, `checkPulumiInternals` throws an error naming the
// installed version and each internal that changed, instead of planning something different.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import { fastReferencedResourceURNs, fastSerializeProperty, fastSerializeResourceProperties } from "./fast-serialize";
import { RESPONSE_GETTERS } from "./mock-monitor";

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
  readonly rpc: { transferProperties?: unknown; serializeProperties?: unknown; serializeProperty?: unknown; serializeResourceProperties?: unknown; deserializeProperties?: unknown; specialSigKey?: unknown; specialSecretSig?: unknown; specialResourceSig?: unknown;
    specialOutputValueSig?: unknown; specialAssetSig?: unknown; specialArchiveSig?: unknown; unknownValue?: unknown };
  /** `@pulumi/pulumi/resource` */
  readonly resource: { Resource?: { callsites?: unknown }; CustomResource?: { isInstance?: unknown }; ComponentResource?: { isInstance?: unknown } };
  /** `@pulumi/pulumi/runtime/resource` (the SDK side of a registration) */
  readonly resourceRuntime: { registerResource?: unknown };
  /** `@pulumi/pulumi/asset` */
  readonly asset: { Asset?: { isInstance?: unknown }; Archive?: { isInstance?: unknown } };
  /** `@pulumi/pulumi/proto/resource_pb` */
  readonly resourceProto: { Result?: { SUCCESS?: unknown } };
  /** `@pulumi/pulumi/output` */
  readonly output: { Output?: unknown };
  /** `@pulumi/pulumi/errors` */
  readonly errors: { isGrpcError?: unknown };
  /** `@pulumi/pulumi/runtime/mocks` */
  readonly mocks: { MockMonitor?: (new (mocks: unknown) => Record<string, unknown>) & { prototype?: Record<string, unknown> } };
  /** `@pulumi/pulumi/runtime/state` (a fresh store per run) */
  readonly state: { withLocalStorage?: unknown };
  /** `@pulumi/pulumi/runtime/settings` (waiting for a failed run's work) */
  readonly settings: { waitForRPCs?: unknown; excessiveDebugOutput?: unknown; cacheDynamicProviders?: unknown };
  /** `@pulumi/pulumi/runtime/dependsOn` */
  readonly dependsOn: { getAllTransitivelyReferencedResourceURNs?: unknown; getAllTransitivelyReferencedResources?: unknown };
  /** `@pulumi/pulumi/runtime/rpc.js` as text (for the functions it does not export). */
  readonly rpcFile: { readonly text?: string };
  /** The source of `@pulumi/pulumi/dynamic/index.js`, which loads the closure serialiser on use. */
  readonly dynamicSource: string;
}

/** What `dynamic/index.js` calls to serialise a dynamic resource's provider. */
const DYNAMIC_SERIALISER = ["require(\"../runtime/closure/serializeClosure\")", ".serializeFunction(() => provider", "settings.cacheDynamicProviders()"];

/** The closure serialiser's module file. */
const SERIALISER_FILE = requirePulumi.resolve("./runtime/closure/serializeClosure");

let modules: PulumiInternalModules | undefined;

/** Pulumi's own modules, as its runtime sees them (looked up and read once per process). */
export function pulumiModules(): PulumiInternalModules {
  return modules ??= {
    debuggable: requirePulumi("./runtime/debuggable"),
    rpc: requirePulumi("./runtime/rpc"),
    resource: requirePulumi("./resource"),
    resourceRuntime: requirePulumi("./runtime/resource"),
    asset: requirePulumi("./asset"),
    resourceProto: requirePulumi("./proto/resource_pb"),
    output: requirePulumi("./output"),
    errors: requirePulumi("./errors"),
    mocks: requirePulumi("./runtime/mocks"),
    state: requirePulumi("./runtime/state"),
    settings: requirePulumi("./runtime/settings"),
    dependsOn: requirePulumi("./runtime/dependsOn"),
    rpcFile: { text: fs.readFileSync(requirePulumi.resolve("./runtime/rpc"), "utf8") },
    dynamicSource: fs.readFileSync(requirePulumi.resolve("./dynamic"), "utf8"),
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
  checkMockMonitor(mods, changed);
  fn(mods.state.withLocalStorage, 1, "runtime/state withLocalStorage(fn)");
  fn(mods.settings.waitForRPCs, undefined, "runtime/settings waitForRPCs()");
  fn(mods.settings.cacheDynamicProviders, 0, "runtime/settings cacheDynamicProviders()");
  for (const call of DYNAMIC_SERIALISER) {
    if (!mods.dynamicSource.includes(call)) changed.push(`dynamic/index no longer calls ${call}`);
  }
  for (const key of ["specialSigKey", "specialSecretSig", "specialResourceSig", "specialOutputValueSig", "specialAssetSig", "specialArchiveSig", "unknownValue"] as const) {
    if (typeof mods.rpc[key] !== "string") changed.push(`runtime/rpc ${key} is not a string`);
  }
  checkFingerprints(mods, changed);
  if (changed.length > 0) throw new PulumiInternalsChangedError(version, changed);
}

/**
 * What `mock-monitor.ts`'s `registerResource` relies on: the SDK calls only the known getters on
 * the response and reads its state only through `toJavaScript()` (in `deserializeProperties`);
 * the mock monitor has `newUrn(parent, type, name)`, `resources` and `transformCallbacks` maps
 * and `mocks`; `serializeProperties(label, props, opts)`; the special types' `isInstance`.
 */
function checkMockMonitor(mods: PulumiInternalModules, changed: string[]): void {
  const register = mods.resourceRuntime.registerResource;
  if (typeof register !== "function") changed.push("runtime/resource registerResource is not a function");
  else {
    const getters = [...new Set(String(register).match(/\bresp\.(\w+)/g) ?? [])].map((g) => g.slice(5));
    const unknown = getters.filter((g) => !(RESPONSE_GETTERS as readonly string[]).includes(g));
    if (unknown.length > 0 || !getters.includes("getObject")) {
      changed.push(`runtime/resource registerResource reads the response through ${getters.join(", ") || "nothing"}, not only ${RESPONSE_GETTERS.join(", ")}`);
    }
  }
  const deserialize = mods.rpc.deserializeProperties;
  if (typeof deserialize !== "function" || deserialize.length !== 2 || !/^[^{]*\(outputsStruct, keepUnknowns\)[^{]*\{[^]*outputsStruct\.toJavaScript\(\)/.test(String(deserialize)) ||
    (String(deserialize).match(/outputsStruct/g) ?? []).length !== 2) {
    changed.push("runtime/rpc deserializeProperties(outputsStruct, keepUnknowns) no longer reads the struct only through toJavaScript()");
  }
  if (typeof mods.rpc.serializeProperties !== "function" || mods.rpc.serializeProperties.length !== 3) {
    changed.push("runtime/rpc serializeProperties(label, props, opts) is not a function of 3 parameters");
  }
  const Monitor = mods.mocks.MockMonitor;
  if (typeof Monitor === "function") {
    const monitor = new Monitor({});
    if (!(monitor.resources instanceof Map) || !(monitor.transformCallbacks instanceof Map) || monitor.mocks === undefined) {
      changed.push("runtime/mocks MockMonitor no longer has mocks, resources and transformCallbacks maps");
    }
    if (typeof monitor.newUrn !== "function" || (monitor.newUrn as Fn).length !== 3) changed.push("runtime/mocks MockMonitor.newUrn(parent, type, name) is not a function of 3 parameters");
  }
  if (typeof mods.resourceProto.Result?.SUCCESS !== "number") changed.push("proto/resource_pb Result.SUCCESS is not a number");
  // Values of special types are told apart only by class or by a `__pulumi…` key.
  const checks = [...new Set(String(mods.rpc.serializeProperty).match(/[\w.]+\.isInstance\(prop\)|\w+\.isUnknown\(prop\)|prop instanceof \w+/g) ?? [])].sort();
  if (checks.join() !== SERIALIZE_CHECKS.join()) changed.push(`runtime/rpc serializeProperty tells special values apart by ${checks.join(", ") || "nothing"}, not ${SERIALIZE_CHECKS.join(", ")}`);
  const classes = { "asset Asset": mods.asset.Asset, "asset Archive": mods.asset.Archive, "output Output": mods.output.Output as { isInstance?: unknown } | undefined,
    "resource CustomResource": mods.resource.CustomResource, "resource ComponentResource": mods.resource.ComponentResource };
  for (const [what, cls] of Object.entries(classes)) {
    if (cls !== undefined && !/utils\.isInstance\(obj, "__pulumi\w+"\)/.test(String(cls.isInstance))) changed.push(`${what}.isInstance no longer checks a __pulumi… key`);
  }
}

/** How `serializeProperty` recognises special values (`mock-monitor.ts` serialises the rest itself). */
const SERIALIZE_CHECKS = ["asset.Archive.isInstance(prop)", "asset.Asset.isInstance(prop)", "output_1.Output.isInstance(prop)", "output_1.isUnknown(prop)",
  "prop instanceof Array", "prop instanceof Promise", "resource_1.ComponentResource.isInstance(prop)", "resource_1.CustomResource.isInstance(prop)"];

/** A function's source with whitespace collapsed, hashed (the first 16 hex digits of SHA-256). */
export function fingerprint(source: string): string {
  return createHash("sha256").update(source.replace(/\s+/g, " ").trim()).digest("hex").slice(0, 16);
}

/** Fingerprints of the Pulumi functions `fast-serialize.ts` reproduces for plain values. */
export const FINGERPRINTS: Readonly<Record<string, string>> = {
  "runtime/rpc serializeProperty": "efa39d5eb3daf405",
  "runtime/rpc serializeResourceProperties": "1f953dbded56fbdf",
  "runtime/rpc serializeFilteredProperties": "ee8d537cad18373c",
  "runtime/dependsOn getAllTransitivelyReferencedResourceURNs": "8ce3c65494dca8a2",
  "runtime/dependsOn getAllTransitivelyReferencedResources": "13dcdee1c5ce7f2a",
};

function checkFingerprints(mods: PulumiInternalModules, changed: string[]): void {
  const filtered = /^async function serializeFilteredProperties\([^]*?\n\}\n/m.exec(mods.rpcFile.text ?? "")?.[0];
  const sources: Record<string, unknown> = {
    "runtime/rpc serializeProperty": mods.rpc.serializeProperty,
    "runtime/rpc serializeResourceProperties": mods.rpc.serializeResourceProperties,
    "runtime/rpc serializeFilteredProperties": filtered,
    "runtime/dependsOn getAllTransitivelyReferencedResourceURNs": mods.dependsOn.getAllTransitivelyReferencedResourceURNs,
    "runtime/dependsOn getAllTransitivelyReferencedResources": mods.dependsOn.getAllTransitivelyReferencedResources,
  };
  for (const [what, expected] of Object.entries(FINGERPRINTS)) {
    const source = sources[what];
    if (source === undefined) changed.push(`${what} is gone`);
    else if (fingerprint(String(source)) !== expected) changed.push(`${what} changed (fingerprint ${fingerprint(String(source))}, written for ${expected})`);
  }
}

/** One output property's result, as `transferProperties`' resolver receives it. */
type Settled = readonly [value: unknown, isKnown: boolean, isSecret: boolean, deps: unknown[], err: unknown];
/** An output property already read: settles its `Output`'s four promises. */
type Settle = (s: Settled) => void;
/** A result other than a known, non-secret value without dependencies (kept whole). */
class Uncommon {
  constructor(readonly settled: Settled) {}
}
/** A known, non-secret `undefined` without dependencies. */
const UNDEFINED = Symbol("landing-zone.undefinedOutput");

/**
 * Per resource and output property: nothing yet (not resolved), the `Settle` of an `Output`
 * already read, or the result: most results are a known, non-secret value without dependencies,
 * kept as the value itself (`UNDEFINED` for `undefined`), the others as `Uncommon`.
 */
const LAZY = Symbol("landing-zone.lazyOutputs");
type Holder = Record<PropertyKey, unknown> & { [LAZY]: Map<string, unknown> };

/** The result kept for property `k`, whole, or `undefined` when it has not arrived. */
function settledOf(kept: unknown): Settled | undefined {
  if (kept === undefined) return undefined;
  if (kept instanceof Uncommon) return kept.settled;
  return [kept === UNDEFINED ? undefined : kept, true, false, [], undefined];
}

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
    const settled = settledOf(lazy.get(k));
    const fns: [(v: unknown) => void, (e: unknown) => void][] = [];
    const promises = [0, 1, 2, 3].map(() => new Promise((res, rej) => { fns.push([res, rej]); }));
    const settle: Settle = (s) => { fns.forEach(([res, rej], i) => (s[4] ? rej(s[4]) : res(s[i]))); };
    if (settled) settle(settled);
    lazy.set(k, settle);
    return new Output(onto, promises[0], promises[1], promises[2], promises[3]);
  };
  return (onto: Holder, label: string, props: Record<string, unknown>) => {
    const resolvers: Record<string, Fn> = {};
    const lazy = new Map<string, unknown>();
    Object.defineProperty(onto, LAZY, { value: lazy, configurable: true });
    for (const k of Object.keys(props)) {
      if (k === "id" || k === "urn") continue;
      if (Object.prototype.hasOwnProperty.call(onto, k)) throw new Error(`Property '${k}' is already initialized on target '${label}`);
      resolvers[k] = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: unknown) => {
        if (err && isGrpcError(err)) return;
        const state = lazy.get(k);
        if (typeof state === "function") (state as Settle)([value, isKnown, isSecret, deps ?? [], err]);
        else if (isKnown === true && isSecret === false && (deps === undefined || deps.length === 0) && err === undefined && typeof value !== "function") {
          lazy.set(k, value === undefined ? UNDEFINED : value);
        } else lazy.set(k, new Uncommon([value, isKnown, isSecret, deps ?? [], err]));
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
  const serializeProperty = mods.rpc.serializeProperty as Fn;
  swap(mods.rpc, "serializeProperty", fastSerializeProperty(serializeProperty, mods.settings));
  swap(mods.rpc, "serializeResourceProperties", fastSerializeResourceProperties(serializeProperty, mods.settings));
  swap(mods.dependsOn, "getAllTransitivelyReferencedResourceURNs", fastReferencedResourceURNs(mods.dependsOn.getAllTransitivelyReferencedResourceURNs as Fn));
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
