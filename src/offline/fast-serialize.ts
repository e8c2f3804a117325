// Synchronous paths through Pulumi's serialisation for plain values, used while an offline run is
// in progress (`patchPulumiInternals`). Pulumi's `serializeProperty` is an `async` function that
// awaits every property and element; for plain values (strings, numbers, booleans, null, arrays and
// plain objects of them) it only copies them, dropping `undefined` and functions, and records no
// dependency. Here such values are copied synchronously; everything else (outputs, promises,
// resources, assets, unknowns, instances of any class) still goes through Pulumi's own code:
//
//   - `runtime/rpc` `serializeResourceProperties(label, props, opts)`: a resource's inputs;
//   - `runtime/rpc` `serializeProperty(ctx, prop, deps, opts)`, as the registration calls it for
//     inputs the result lacks (mostly output properties, `undefined` in the inputs);
//   - `runtime/dependsOn` `getAllTransitivelyReferencedResourceURNs(resources, exclude)` of no
//     resources (once per input property): an empty set.
//
// The values, dependencies and errors are the same; only fewer promises wait in between.
// `checkPulumiInternals` compares the functions these reproduce with the ones they were written
// against (`FINGERPRINTS`).

type Fn = (...args: any[]) => any;

/** Returned by `serializePlain` for a value Pulumi's own serialisation has to handle. */
export const NOT_PLAIN: unique symbol = Symbol("not plain");

/**
 * `serializeProperty` of a plain value, synchronously: a copy without `undefined` object entries
 * and functions (`null` in arrays), keys sorted when `sorted` (as a protobuf `Struct` round trip
 * sorts them). `NOT_PLAIN` for an instance of any class (outputs, promises, resources, assets,
 * unknowns …) or an object with a `__pulumi…` key (Pulumi recognises its special types by such
 * keys; checked), anywhere in the value.
 */
export function serializePlain(value: unknown, sorted: boolean): unknown {
  if (value === undefined || value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "function") return undefined;
  if (typeof value !== "object") return NOT_PLAIN;
  if (value instanceof Array) {
    const out: unknown[] = [];
    for (const e of value) {
      const s = serializePlain(e, sorted);
      if (s === NOT_PLAIN) return NOT_PLAIN;
      out.push(s === undefined ? null : s);
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const keys = Object.keys(value);
  if (sorted) keys.sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k.startsWith("__pulumi")) return NOT_PLAIN;
    const s = serializePlain((value as Record<string, unknown>)[k], sorted);
    if (s === NOT_PLAIN) return NOT_PLAIN;
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** Pulumi's settings, read at call time. */
interface Settings {
  readonly excessiveDebugOutput?: unknown;
}

/** `serializeProperty` that answers plain values without an `async` call. */
export function fastSerializeProperty(original: Fn, settings: Settings): Fn {
  return function serializeProperty(ctx: string, prop: unknown, dependentResources?: Set<unknown>, opts?: unknown): Promise<unknown> {
    if (settings.excessiveDebugOutput !== true) {
      const plain = serializePlain(prop, false);
      if (plain !== NOT_PLAIN) return Promise.resolve(plain);
    }
    return original(ctx, prop, dependentResources, opts);
  };
}

/** `opts.pendingRegistration` as Pulumi reports a registration waiting on an input. */
interface SerializeOptions {
  pendingRegistration?: { inputProperty?: string };
}

/**
 * `serializeResourceProperties`: Pulumi's `serializeFilteredProperties` without `id` and `urn`,
 * property by property in order, plain values copied synchronously.
 */
export function fastSerializeResourceProperties(serializeProperty: Fn, settings: Settings): Fn {
  return async function serializeResourceProperties(label: string, props: Record<string, unknown>, opts?: SerializeOptions): Promise<[Record<string, unknown>, Map<string, Set<unknown>>]> {
    const propertyToDependentResources = new Map<string, Set<unknown>>();
    const result: Record<string, unknown> = {};
    for (const k of Object.keys(props)) {
      if (k === "id" || k === "urn") continue;
      const dependentResources = new Set<unknown>();
      let v = settings.excessiveDebugOutput === true ? NOT_PLAIN : serializePlain(props[k], false);
      if (v === NOT_PLAIN) {
        if (opts?.pendingRegistration !== undefined) opts.pendingRegistration.inputProperty = k;
        try {
          v = await serializeProperty(`${label}.${k}`, props[k], dependentResources, opts);
        } catch (err) {
          // As Pulumi's: the same error, its message naming the property.
          if (err instanceof Error) {
            err.message = `error serializing property "${k}": ${err.message}`;
            throw err;
          }
          throw new Error(`error serializing property "${k}": ${String(err)}`);
        }
      }
      if (v !== undefined) {
        result[k] = v;
        propertyToDependentResources.set(k, dependentResources);
      }
    }
    return [result, propertyToDependentResources];
  };
}

/** `getAllTransitivelyReferencedResourceURNs` that answers no resources with an empty set at once. */
export function fastReferencedResourceURNs(original: Fn): Fn {
  return function getAllTransitivelyReferencedResourceURNs(resources: Iterable<unknown> & { size?: number; length?: number }, exclude: Set<unknown>): Promise<Set<string>> {
    if (resources !== undefined && resources !== null && (resources.size ?? resources.length) === 0) return Promise.resolve(new Set<string>());
    return original(resources, exclude);
  };
}
