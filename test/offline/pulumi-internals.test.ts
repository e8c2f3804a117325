import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { DYNAMIC_PROVIDER_MASK, runOffline } from "../../src/offline/harness";
import {
  checkPulumiInternals, PATCHED_FOR, patchPulumiInternals, PULUMI_VERSION, pulumiModules,
} from "../../src/offline/pulumi-internals";
import { changed } from "./changed-modules";

const cacheDynamicProviders = pulumiModules().settings.cacheDynamicProviders;

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply((v) => { resolve(v); return v; }));

describe("the Pulumi internals the offline harness patches", () => {
  it("are as expected in the installed @pulumi/pulumi", () => {
    expect(() => checkPulumiInternals(pulumiModules())).not.toThrow();
  });

  it("fail loudly, naming the Pulumi version and the internal, when transferProperties' resolvers change", () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const transferProperties = (onto: unknown, label: unknown, props: unknown) => ({ k: (v: unknown, known: unknown) => [v, known] });
    expect(() => checkPulumiInternals(changed("rpc", { transferProperties }), "9.9.9")).toThrow(
      `@pulumi/pulumi 9.9.9 changed internals the offline harness relies on (written for ${PATCHED_FOR}): ` +
      "runtime/rpc transferProperties' resolvers no longer take (v, isKnown, isSecret, deps = [], err). " +
      "Update src/offline/pulumi-internals.ts (and the harness) for this Pulumi version before planning offline.",
    );
  });

  it("name every changed internal at once: a renamed debuggablePromise, a gone Resource.callsites, a new signature key", () => {
    const mods = changed("debuggable", { debuggablePromise: undefined });
    const renamed = { ...mods, resource: { Resource: {} }, rpc: { ...mods.rpc, specialSigKey: undefined } };
    expect(() => checkPulumiInternals(renamed)).toThrow(new RegExp(`^@pulumi/pulumi ${PULUMI_VERSION.replace(/\./g, "\\.")} changed internals .*: ` +
      "runtime/debuggable debuggablePromise\\(promise, ctx\\) is not a function; resource Resource.callsites\\(\\) is not a function; " +
      "runtime/rpc specialSigKey is not a string\\."));
  });

  it("name a dynamic resource that no longer serialises its provider the way the harness replaces", () => {
    const mods = pulumiModules();
    const source = mods.dynamicSource.replace("settings.cacheDynamicProviders()", "settings.cacheProviders()");
    expect(() => checkPulumiInternals({ ...mods, dynamicSource: source }, "9.9.9")).toThrow(
      "changed internals the offline harness relies on (written for " + PATCHED_FOR + "): dynamic/index no longer calls settings.cacheDynamicProviders().");
  });

  it("stop a run before the program registers anything when an internal changed", async () => {
    const mods = pulumiModules();
    const saved = mods.mocks.MockMonitor!.prototype!.registerResource;
    let created = false;
    mods.mocks.MockMonitor!.prototype!.registerResource = function (req: unknown) { return req; };
    try {
      await expect(runOffline(() => { created = true; })).rejects.toThrow(
        "runtime/mocks MockMonitor.prototype.registerResource(req, callback) takes 1 parameters, not 2",
      );
    } finally {
      mods.mocks.MockMonitor!.prototype!.registerResource = saved;
    }
    expect(created).toBe(false);
  });

  it("are restored after a run, also after one that fails", async () => {
    const mods = pulumiModules();
    const before = [mods.rpc.transferProperties, mods.debuggable.debuggablePromise, mods.resource.Resource!.callsites, Error.stackTraceLimit];
    const restore = patchPulumiInternals({ fastStacks: true }, mods);
    expect(mods.rpc.transferProperties).not.toBe(before[0]);
    expect(Error.stackTraceLimit).toBe(0);
    restore();
    await expect(runOffline(() => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect([mods.rpc.transferProperties, mods.debuggable.debuggablePromise, mods.resource.Resource!.callsites, Error.stackTraceLimit]).toEqual(before);
  });
});

describe("output properties made on first read", () => {
  it("resolve to the provider's outputs, read before or after registration, and carry dependencies", async () => {
    let url: Promise<string> | undefined;
    let late: Promise<string> | undefined;
    let bucket: gcp.storage.Bucket | undefined;
    const inv = await runOffline(() => {
      bucket = new gcp.storage.Bucket("logs", { name: "acme-logs", location: "EU" });
      url = value(bucket.url);
      new gcp.storage.BucketIAMMember("reader", { bucket: bucket.name, role: "roles/storage.objectViewer", member: "group:audit@acme.example" });
    }, { policies: false });
    late = value(bucket!.selfLink);
    expect(await url).toBe("gs://acme-logs");
    expect(await late).toBe("https://www.googleapis.com/storage/v1/b/acme-logs");
    const member = inv.resources.find((r) => r.name === "reader")!;
    expect(member.inputs.bucket).toBe("acme-logs");
    expect(member.dependencies).toEqual([inv.resources.find((r) => r.name === "logs")!.urn]);
    expect(Object.keys(bucket!)).toContain("selfLink");
  });

  it("keep secrecy, known-ness and dependencies, whether read before or after the result arrives", async () => {
    const mods = pulumiModules();
    const restore = patchPulumiInternals({ fastStacks: false }, mods);
    try {
      const onto: Record<string, any> = {};
      const resolvers = (mods.rpc.transferProperties as (o: unknown, l: string, p: unknown) => Record<string, (...a: unknown[]) => void>)(onto, "test", { password: undefined, ip: undefined, urn: undefined });
      expect(Object.keys(resolvers)).toEqual(["password", "ip"]);
      const ip = onto.ip as pulumi.Output<string>; // read first, resolved later
      resolvers.password!("s3cret", true, true, []);
      resolvers.ip!(undefined, false, false, []);
      const password = onto.password as pulumi.Output<string>; // resolved first, read later
      expect(await pulumi.isSecret(password)).toBe(true);
      expect(await value(password)).toBe("s3cret");
      expect(await (ip as unknown as { isKnown: Promise<boolean> }).isKnown).toBe(false);
      expect(onto.password).toBe(password);
    } finally {
      restore();
    }
  });
});

describe("dynamic resources' providers", () => {
  class Thing extends pulumi.dynamic.Resource {
    constructor(provider: pulumi.dynamic.ResourceProvider, name: string) { super(provider, name, { size: 1 }); }
  }
  const provider: pulumi.dynamic.ResourceProvider = { create: async () => ({ id: "thing-1" }) };
  const serialiser = createRequire(require.resolve("@pulumi/pulumi"))("./runtime/closure/serializeClosure") as { serializeFunction: (...a: unknown[]) => unknown };

  it("are not serialised offline unless asked, and the skipped text is never cached for a later run", async () => {
    const spy = vi.spyOn(serialiser, "serializeFunction");
    try {
      const skipped = await runOffline(() => { new Thing(provider, "thing"); }, { policies: false });
      expect(spy).not.toHaveBeenCalled();
      expect(skipped.resources.find((r) => r.name === "thing")!.inputs).toEqual({ __provider: DYNAMIC_PROVIDER_MASK, size: 1 });
      // Asked for, the same provider object goes through Pulumi's serialiser, as under `pulumi up`.
      const serialised = await runOffline(() => { new Thing(provider, "thing"); }, { policies: false, serializeDynamicProviders: true });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(serialised.resources).toEqual(skipped.resources);
    } finally {
      spy.mockRestore();
    }
    expect(pulumiModules().settings.cacheDynamicProviders).toBe(cacheDynamicProviders);
  });
});
