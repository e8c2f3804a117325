import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { readStackFile } from "../config/load";
import { Problems } from "../core/errors";
import { checkIntents, validateIntents } from "../intents/check";
import type { IntentSet } from "../intents/types";
import { planConfig } from "../planner/environment";
import { deployLandingZone } from "../program/landing-zone";
import { evaluatePolicies, type EvaluateOptions } from "../policy/evaluate";
import { Finding, Inventory, InventoryResource, sortKeys } from "./inventory";
import { installRegisterResource, type MockMonitorLike } from "./mock-monitor";
import { mockCall, mockOutputs } from "./mock-outputs";
import { patchPulumiInternals, type PulumiInternalModules, pulumiModules } from "./pulumi-internals";

// Pulumi's serialisation signatures (checked by `checkPulumiInternals`).
const SIG = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;
const RESOURCE_SIG = pulumi.runtime.specialResourceSig;
const OUTPUT_VALUE_SIG = pulumi.runtime.specialOutputValueSig;
const ASSET_SIGS = new Set([pulumi.runtime.specialAssetSig, pulumi.runtime.specialArchiveSig]);
const UNKNOWN = pulumi.runtime.unknownValue;

/** Text that stands for a secret value in inventories and outputs. */
export const SECRET_MASK = "[secret]";
/** Text that stands for a value only known after `pulumi up`. */
export const UNKNOWN_MASK = "[unknown]";
/** Text that stands for a dynamic resource's serialised provider code (its `__provider` input). */
export const DYNAMIC_PROVIDER_MASK = "[dynamic provider code]";

/** Inputs as recorded: a dynamic resource's provider code (tens of KB, loader-dependent) is masked. */
function recordedInputs(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  return type.startsWith("pulumi-nodejs:dynamic") && "__provider" in inputs ? { ...inputs, __provider: DYNAMIC_PROVIDER_MASK } : inputs;
}

/** Options of an offline run. */
export interface OfflineRunOptions {
  /** Pulumi project name. @default "landing-zone" */
  readonly project?: string;
  /** Stack name. @default "dev" */
  readonly stack?: string;
  /** Pulumi runtime config, `namespace:key` → value (objects JSON-encoded). @default {} */
  readonly config?: Readonly<Record<string, string>>;
  /** Config keys whose values are secrets. @default [] */
  readonly secretKeys?: readonly string[];
  /** Run as a preview (values from `apply` on unknowns never resolve). @default false */
  readonly preview?: boolean;
  /** Policy evaluation options (suppressions, extra rules …); `false` skips policies. */
  readonly policies?: EvaluateOptions | false;
  /**
   * Capture no stack traces while the program runs (the mock runtime captures one per
   * promise; this roughly halves run time). Restored afterwards. @default true
   */
  readonly fastStacks?: boolean;
  /**
   * Serialise each dynamic resource's provider with Pulumi's closure serialiser, as `pulumi up`
   * does, which catches a provider that cannot be serialised. Off, the provider's code is not
   * serialised (the inventory shows `DYNAMIC_PROVIDER_MASK` either way) and the TypeScript
   * compiler the serialiser parses code with is never loaded (about 0.4 s). @default false
   */
  readonly serializeDynamicProviders?: boolean;
  /**
   * Outputs of the stacks a program reads with `new pulumi.StackReference(name)`, by the
   * referenced stack's name (e.g. `"acme/landing-zone/prod"`). A reference to a stack not
   * listed fails the run. @default {}
   */
  readonly stackReferences?: Readonly<Record<string, Record<string, unknown>>>;
}

/** Turns a serialised property value into plain JSON with secrets and unknowns masked. */
export function maskSerialized(value: unknown): unknown {
  if (value === UNKNOWN) return UNKNOWN_MASK;
  if (Array.isArray(value)) return value.map(maskSerialized);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const sig = obj[SIG];
    if (sig === SECRET_SIG) return SECRET_MASK;
    if (sig === RESOURCE_SIG) return obj.urn;
    if (sig === OUTPUT_VALUE_SIG) {
      if (obj.secret === true) return SECRET_MASK;
      return "value" in obj ? maskSerialized(obj.value) : UNKNOWN_MASK;
    }
    if (typeof sig === "string" && ASSET_SIGS.has(sig)) return { asset: obj.path ?? obj.uri ?? "[inline]" };
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, maskSerialized(v)]));
  }
  return value;
}

/** Resolves a stack output value (Outputs, promises, nested objects), masking secrets. */
async function resolveOutput(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    const out = value as pulumi.Output<unknown>;
    const secret = await (out as unknown as { isSecret: Promise<boolean> }).isSecret;
    const known = await (out as unknown as { isKnown: Promise<boolean> }).isKnown;
    if (secret) return SECRET_MASK;
    if (!known) return UNKNOWN_MASK;
    const inner = await new Promise<unknown>((resolve) => out.apply((v) => { resolve(v); return v; }));
    return resolveOutput(inner);
  }
  if (value instanceof Promise) return resolveOutput(await value);
  if (pulumi.Resource.isInstance(value)) return resolveOutput((value as pulumi.CustomResource).urn);
  if (Array.isArray(value)) return Promise.all(value.map(resolveOutput));
  if (value && typeof value === "object") {
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await resolveOutput(v)] as const));
    return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  }
  return value;
}

interface PendingRecord {
  type: string;
  name: string;
  parent?: string;
  custom: boolean;
  protect: boolean;
  retainOnDelete: boolean;
  dependencies: string[];
  provider?: string;
  inputs: Record<string, unknown>;
  options: Record<string, unknown>;
  urn?: string;
}

/**
 * Runs a Pulumi program under Pulumi's own mock runtime and records every resource
 * registration: type, name, parent, inputs (secrets masked), dependencies, protect and
 * retainOnDelete. Returns the inventory with its policy findings.
 *
 * The program is any function that creates resources and returns its stack outputs. One run
 * at a time per process: Pulumi's runtime state is global.
 */
export async function runOffline(program: () => unknown, opts: OfflineRunOptions = {}): Promise<Inventory> {
  const mods = pulumiModules();
  // Checks every internal first: nothing is patched or run when one changed.
  const restore = patchPulumiInternals({
    fastStacks: opts.fastStacks !== false,
    ...(opts.serializeDynamicProviders === true ? {} : { dynamicProviderText: DYNAMIC_PROVIDER_MASK }),
  }, mods);
  try {
    return await isolatedRun(mods, () => runInStore(program, opts, mods));
  } finally {
    restore();
  }
}

/**
 * Pulumi's runtime state (monitor, config, pending registrations, the RPC queue) lives in a store
 * that `getStore()` takes from an AsyncLocalStorage when one is active, as Pulumi's own Automation
 * API and provider server do per run. Each offline run gets a fresh store, so work a failed run
 * left behind (registrations inside applies, a component's `registerOutputs`) keeps talking to
 * that run's mock monitor instead of the next run's, where it was recorded as the next run's
 * resource or rejected as "unknown resource". The run also waits for that work before it fails.
 * These are internals of `@pulumi/pulumi` (pinned exactly); `test/testkit` covers them.
 */
function isolatedRun<T>(mods: PulumiInternalModules, run: () => Promise<T>): Promise<T> {
  const state = mods.state as { withLocalStorage<R>(fn: () => R): R };
  const settings = mods.settings as { waitForRPCs(): Promise<void> };
  return state.withLocalStorage(async () => {
    try {
      return await run();
    } catch (err) {
      await settings.waitForRPCs().catch(() => undefined);
      throw err;
    }
  });
}

async function runInStore(program: () => unknown, opts: OfflineRunOptions, mods: PulumiInternalModules): Promise<Inventory> {
  const project = opts.project ?? "landing-zone";
  const stack = opts.stack ?? "dev";
  pulumi.runtime.setAllConfig({ ...(opts.config ?? {}) }, [...(opts.secretKeys ?? [])]);
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      if (args.type === "pulumi:pulumi:StackReference") return stackReferenceState(args.inputs.name ?? args.name, opts.stackReferences ?? {});
      const { id, outputs } = mockOutputs(args.type, args.name, args.inputs);
      return { id: args.custom === false ? "" : id, state: { ...args.inputs, ...outputs } };
    },
    call: (args) => mockCall(args.token, args.inputs),
  }, project, stack, opts.preview ?? false);

  const records: PendingRecord[] = [];
  let inFlight = 0;
  installRegisterResource(pulumi.runtime.getMonitor() as unknown as MockMonitorLike, mods, (req: any, serializedInputs) => {
    const record: PendingRecord = {
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || undefined,
      custom: req.getCustom(),
      protect: req.getProtect?.() === true,
      retainOnDelete: req.getRetainondelete?.() === true,
      dependencies: [...new Set<string>(req.getDependenciesList())].sort(),
      provider: providerUrn(req.getProvider?.()),
      inputs: recordedInputs(req.getType(), (maskSerialized(serializedInputs) ?? {}) as Record<string, unknown>),
      options: resourceOptions(req),
    };
    records.push(record);
    inFlight++;
    return (urn) => {
      if (urn !== undefined) record.urn = urn;
      inFlight--;
    };
  });

  const exported = await program();
  const outputs = (await resolveOutput(exported ?? {})) as Record<string, unknown>;
  // Let every registration settle: resources created inside applies register late.
  for (let idle = 0; idle < 3;) {
    await new Promise((r) => setImmediate(r));
    idle = inFlight === 0 ? idle + 1 : 0;
  }
  const resources: InventoryResource[] = records
    .filter((r) => r.urn !== undefined)
    .map((r) => ({
      urn: r.urn!,
      type: r.type,
      name: r.name,
      ...(r.parent ? { parent: r.parent } : {}),
      custom: r.custom,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      dependencies: r.dependencies,
      ...(r.provider ? { provider: r.provider } : {}),
      // Already sorted: the request's inputs arrive as a protobuf `Struct`, whose `toJavaScript()`
      // sorts every object's keys, and masking keeps the order.
      inputs: r.inputs,
      ...(Object.keys(r.options).length > 0 ? { options: r.options } : {}),
    }))
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const findings: Finding[] = opts.policies === false ? [] : evaluatePolicies(resources, { stack, project, ...(opts.policies ?? {}) });
  return { project, stack, resources, outputs: sortKeys(outputs) as Record<string, unknown>, findings };
}

/** The mock state of a `pulumi:pulumi:StackReference`: the referenced stack's outputs. */
function stackReferenceState(stack: string, known: Readonly<Record<string, Record<string, unknown>>>): { id: string; state: Record<string, unknown> } {
  const outputs = known[stack];
  if (outputs === undefined) {
    const names = Object.keys(known);
    throw new Error(`StackReference "${stack}" has no offline outputs; pass them as runOffline(..., { stackReferences: { "${stack}": { ... } } })` +
      (names.length > 0 ? ` (known: ${names.join(", ")})` : ""));
  }
  return { id: stack, state: { name: stack, outputs: { ...outputs }, secretOutputNames: [] } };
}

/** The provider URN of a registration's provider reference (`<urn>::<id>`), if it names one. */
function providerUrn(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const cut = ref.lastIndexOf("::");
  return cut > 0 ? ref.slice(0, cut) : ref;
}

/** Resource options that matter for review, from a registration request. */
function resourceOptions(req: any): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const aliases = (req.getAliasesList?.() ?? []).map((a: any) => a.toObject?.() ?? a);
  if (aliases.length > 0) o.aliases = aliases;
  const ignore = req.getIgnorechangesList?.() ?? [];
  if (ignore.length > 0) o.ignoreChanges = [...ignore].sort();
  if (req.getDeletebeforereplace?.() === true) o.deleteBeforeReplace = true;
  const secretOutputs = req.getAdditionalsecretoutputsList?.() ?? [];
  if (secretOutputs.length > 0) o.additionalSecretOutputs = [...secretOutputs].sort();
  return o;
}

/** Options of a stack-file run. */
export interface StackFileRunOptions extends Omit<OfflineRunOptions, "config" | "secretKeys" | "stack"> {
  /** Stack name. @default taken from the file name `Pulumi.<stack>.yaml` */
  readonly stack?: string;
  /**
   * Intents checked besides the stack's own (its defaults and `landing-zone:intents`); `false`
   * checks none. @default {}
   */
  readonly intents?: IntentSet | false;
}

/** The stack name a `Pulumi.<stack>.yaml` file is for. */
export function stackNameOf(file: string): string {
  const m = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file));
  return m ? m[1]! : "dev";
}

/**
 * Runs the landing zone's own stack program against a `Pulumi.<stack>.yaml`: the config is
 * loaded into Pulumi's runtime exactly as `pulumi up` would see it (secure values replaced by a
 * placeholder, still secret), planned like `main()` plans it (`planConfig`) and deployed from the
 * plan; the stack's intents are checked over the inventory (`inv.intents`). A config error is
 * thrown as `LandingZoneValidationError` before any resource is registered.
 */
export async function planStackFile(file: string, opts: StackFileRunOptions = {}): Promise<Inventory> {
  const cfg = readStackFile(file);
  const { intents, ...run } = opts;
  // What main() does, with the plan kept: the config is planned once (every check, nothing
  // registered on a problem) and the same plan gives the stack's intents.
  const plan = planConfig(cfg.values, file);
  if (intents) {
    // Extra intents are checked against the stack's names before anything is deployed.
    const problems = new Problems();
    validateIntents(intents, plan.intents.catalogue, "intents", problems);
    problems.throwIfAny("intents");
  }
  const inv = await runOffline(() => deployLandingZone(plan), { ...run, stack: opts.stack ?? stackNameOf(file), config: cfg.runtimeConfig, secretKeys: cfg.secretKeys });
  if (intents === false) return inv;
  const own = plan.intents.intents;
  const all = { required: [...(own.required ?? []), ...(intents?.required ?? [])], forbidden: [...(own.forbidden ?? []), ...(intents?.forbidden ?? [])] };
  return { ...inv, intents: checkIntents(inv, all, plan.intents.catalogue).results };
}
