import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { fastReferencedResourceURNs, fastSerializeProperty, fastSerializeResourceProperties, NOT_PLAIN, serializePlain } from "../../src/offline/fast-serialize";
import { runOffline } from "../../src/offline/harness";
import { checkPulumiInternals, pulumiModules } from "../../src/offline/pulumi-internals";
import { changed } from "./changed-modules";

type Fn = (...args: any[]) => any;

const mods = pulumiModules();
const original = {
  serializeProperty: mods.rpc.serializeProperty as Fn,
  serializeResourceProperties: mods.rpc.serializeResourceProperties as Fn,
  urns: mods.dependsOn.getAllTransitivelyReferencedResourceURNs as Fn,
};

/** Inputs of every kind: plain (nested, holes, functions), outputs, promises, secrets, unknowns, resources. */
function inputs(res: pulumi.Resource): Record<string, unknown> {
  return {
    id: "skipped", urn: "skipped",
    name: "n", count: 0, on: false, nothing: null, gone: undefined, fn: () => 1,
    nested: { b: [1, undefined, () => 2, { y: "", x: [] }], a: { gone: undefined } },
    early: Promise.resolve({ z: 1 }),
    out: pulumi.output({ k: ["v"] }),
    secret: pulumi.secret("s"),
    unknown: new (mods.output.Output as new (...args: unknown[]) => pulumi.Output<string>)([], Promise.resolve("x"), Promise.resolve(false), Promise.resolve(false), Promise.resolve([])),
    dependent: pulumi.output("x").apply(() => ({ ref: "r" })),
    resource: res,
    mixed: { plain: 1, out: pulumi.output(2) },
    flagged: { __pulumiOutput: false, v: 1 },
  };
}

describe("serialising plain values without an await per property", () => {
  it("serialises a resource's inputs exactly as Pulumi does: values, per-property dependencies, skipped keys", async () => {
    let result: unknown[] = [];
    await runOffline(() => {
      const res = new gcp.storage.Bucket("b", { location: "EU" });
      const props = inputs(res);
      const opts = () => ({ keepOutputValues: false, pendingRegistration: { inputProperty: undefined as string | undefined } });
      const fast = fastSerializeResourceProperties(original.serializeProperty, { excessiveDebugOutput: false });
      result = [original.serializeResourceProperties("resource:t", props, opts()), fast("resource:t", props, opts())];
    }, { policies: false });
    const [own, fast] = await Promise.all(result) as [[Record<string, unknown>, Map<string, Set<unknown>>], [Record<string, unknown>, Map<string, Set<unknown>>]];
    expect(fast[0]).toStrictEqual(own[0]);
    expect(Object.keys(fast[0])).toEqual(Object.keys(own[0]));
    expect([...fast[1].keys()]).toEqual([...own[1].keys()]);
    for (const [k, deps] of own[1]) expect([...fast[1].get(k)!]).toEqual([...deps]);
    expect(own[0].nested).toStrictEqual({ b: [1, null, null, { y: "", x: [] }], a: {} });
    expect(own[1].get("resource")!.size).toBe(1);
  });

  it("serialises single values as Pulumi does, and plain ones without Pulumi's code", async () => {
    const fast = fastSerializeProperty(original.serializeProperty, { excessiveDebugOutput: false });
    for (const value of [undefined, null, "s", 1, { b: { gone: undefined, a: [undefined] } }, () => 1, pulumi.output("o"), Promise.resolve(3)]) {
      expect(await fast("ctx", value, new Set(), {})).toStrictEqual(await original.serializeProperty("ctx", value, new Set(), {}));
    }
    const never = async () => { throw new Error("Pulumi's serializeProperty called"); };
    expect(await fastSerializeProperty(never, {})("ctx", { a: [1] }, new Set(), {})).toEqual({ a: [1] });
    await expect(fastSerializeProperty(never, { excessiveDebugOutput: true })("ctx", 1)).rejects.toThrow("Pulumi's serializeProperty called");
  });

  it("leaves every special value to Pulumi: instances of classes and objects with a __pulumi key", () => {
    for (const value of [pulumi.output(1), Promise.resolve(1), new Date(0), new pulumi.asset.StringAsset("x"), { __pulumiAsset: true }, [{ ok: 1 }, new Map()]]) {
      expect(serializePlain(value, false)).toBe(NOT_PLAIN);
    }
    expect(Object.keys(serializePlain({ b: 1, a: { d: 1, c: 2 } }, true) as object)).toEqual(["a", "b"]);
  });

  it("answers no resources with an empty set without Pulumi's walk, and others through it", async () => {
    const calls: unknown[] = [];
    const urns = fastReferencedResourceURNs((resources: unknown) => { calls.push(resources); return Promise.resolve(new Set(["u"])); });
    expect(await urns(new Set(), new Set())).toEqual(new Set());
    expect(await urns([], new Set())).toEqual(new Set());
    expect(await original.urns(new Set(), new Set())).toEqual(new Set());
    const some = new Set([{}]);
    expect(await urns(some, new Set())).toEqual(new Set(["u"]));
    expect(calls).toEqual([some]);
  });

  it("are patched only while a run is in progress", async () => {
    let during: unknown[] = [];
    await runOffline(() => { during = [mods.rpc.serializeProperty, mods.rpc.serializeResourceProperties, mods.dependsOn.getAllTransitivelyReferencedResourceURNs]; });
    expect(during).not.toContain(original.serializeProperty);
    expect(during).not.toContain(original.serializeResourceProperties);
    expect(during).not.toContain(original.urns);
    expect([mods.rpc.serializeProperty, mods.rpc.serializeResourceProperties, mods.dependsOn.getAllTransitivelyReferencedResourceURNs])
      .toEqual([original.serializeProperty, original.serializeResourceProperties, original.urns]);
  });

  it("stop the run when a function they reproduce changed in Pulumi", () => {
    const getAllTransitivelyReferencedResourceURNs = async (resources: Set<unknown>) => new Set([...resources].map(String));
    const rpcFile = { text: String(mods.rpcFile.text).replace("if (v !== undefined) {", "if (v !== undefined && v !== null) {") };
    expect(() => checkPulumiInternals({ ...changed("dependsOn", { getAllTransitivelyReferencedResourceURNs }), rpcFile }, "9.9.9")).toThrow(
      /runtime\/rpc serializeFilteredProperties changed \(fingerprint \w+, written for ee8d537cad18373c\); runtime\/dependsOn getAllTransitivelyReferencedResourceURNs changed/,
    );
    expect(() => checkPulumiInternals({ ...mods, rpcFile: {} })).toThrow("runtime/rpc serializeFilteredProperties is gone");
  });
});
