// The mock monitor's `registerResource` for offline runs, without the protobuf round trip of the
// registration's result.
//
// Pulumi's `MockMonitor.registerResource` decodes the request's inputs, calls the mocks'
// `newResource`, serialises the state it returns (an `await` per property), records it and answers
// with a `RegisterResourceResponse` whose state is a protobuf `Struct`; the SDK then turns that
// `Struct` back into JavaScript (`deserializeProperties` → `toJavaScript()`). This one does the same
// steps with the same values and answers with a plain object carrying the same getters, whose
// state's `toJavaScript()` returns what the `Struct` round trip returns: a fresh copy with every
// object's keys sorted. State made only of plain values (what the mocks return) is serialised
// synchronously (`serializePlain`); anything else (resources, assets, outputs, promises) goes
// through Pulumi's own `serializeProperties`. The request's inputs are decoded once and shared with the harness.
//
// `checkPulumiInternals` checks what this relies on: the getters the SDK calls on the response,
// that it reads the state only through `toJavaScript()`, and the mock monitor's own members.
import { NOT_PLAIN, serializePlain } from "./fast-serialize";
import type { PulumiInternalModules } from "./pulumi-internals";

type Fn = (...args: any[]) => any;
type Callback = (err: unknown, resp: unknown) => void;

/** The members of Pulumi's `MockMonitor` instance this uses. */
export interface MockMonitorLike {
  mocks: { newResource(args: Record<string, unknown>): { id?: string; state?: Record<string, unknown> } | Promise<{ id?: string; state?: Record<string, unknown> }> };
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  transformCallbacks: Map<string, unknown>;
  newUrn(parent: string, type: string, name: string): string;
  registerResource(req: any, callback: Callback): Promise<void>;
}

/**
 * Called with each registration request and its inputs as serialised (plain JSON-like values
 * with Pulumi's signatures; not to be modified); returns what to call with the URN when the
 * registration finished (`undefined` when it failed).
 */
export type OnRegister = (req: any, serializedInputs: Record<string, unknown>) => (urn: string | undefined) => void;

/** A `google.protobuf.Struct` stand-in: `toJavaScript()` is all the SDK calls on it. */
class PlainStruct {
  constructor(private readonly value: Record<string, unknown>) {}
  toJavaScript(): Record<string, unknown> {
    return this.value;
  }
}

/** A `RegisterResourceResponse` stand-in with the getters the SDK calls. */
class PlainRegisterResponse {
  constructor(private readonly urn: string, private readonly id: string, private readonly state: PlainStruct, private readonly success: number) {}
  getUrn(): string { return this.urn; }
  getId(): string { return this.id; }
  getObject(): PlainStruct { return this.state; }
  /** The mock monitor reports no property dependencies. */
  getPropertydependenciesMap(): undefined { return undefined; }
  getResult(): number { return this.success; }
  getUnknown(): boolean { return false; }
}

/** The getters of `RegisterResourceResponse` the SDK's `registerResource` may call (checked). */
export const RESPONSE_GETTERS = ["getUrn", "getId", "getObject", "getPropertydependenciesMap", "getResult", "getUnknown"] as const;

/** What the `Struct` round trip makes of serialised values: a copy with object keys sorted. */
function sortedCopy(value: unknown): unknown {
  if (value instanceof Array) return value.map(sortedCopy);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortedCopy((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/**
 * Replaces this run's mock monitor's `registerResource` (an instance property; the monitor is
 * made afresh by every `setMocks`) with one that answers without protobuf and reports each
 * registration to `onRegister`.
 */
export function installRegisterResource(monitor: MockMonitorLike, mods: PulumiInternalModules, onRegister: OnRegister): void {
  const rpc = mods.rpc as { deserializeProperties: Fn; serializeProperties: Fn };
  const success = (mods.resourceProto.Result as { SUCCESS: number }).SUCCESS;
  monitor.registerResource = async function registerResource(this: MockMonitorLike, req: any, callback: Callback): Promise<void> {
    const object = req.getObject();
    const inputs = (object?.toJavaScript() ?? {}) as Record<string, unknown>;
    const done = onRegister(req, inputs);
    try {
      const transforms = req.getTransformsList()
        .map((cb: { getToken(): string }) => this.transformCallbacks.get(cb.getToken()))
        .filter((transform: unknown) => transform !== undefined);
      const result = await this.mocks.newResource({
        type: req.getType(),
        name: req.getName(),
        inputs: rpc.deserializeProperties(object ? new PlainStruct(inputs) : object),
        provider: req.getProvider(),
        custom: req.getCustom(),
        id: req.getImportid(),
        transforms,
      });
      const urn = this.newUrn(req.getParent(), req.getType(), req.getName());
      // Pulumi's own serialisation for what is not plain (and its error for a state that is no object).
      const plain = result.state !== null && typeof result.state === "object" ? serializePlain(result.state, true) : NOT_PLAIN;
      const state = (plain === NOT_PLAIN ? sortedCopy(await rpc.serializeProperties("", result.state)) : plain) as Record<string, unknown>;
      this.resources.set(urn, { urn, id: result.id ?? null, state });
      done(urn);
      callback(null, new PlainRegisterResponse(urn, result.id || "", new PlainStruct(state), success));
    } catch (err) {
      done(undefined);
      callback(err, undefined);
    }
  };
}
