import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { mockOutputs, registerMockOutputs } from "../../src/offline/mock-outputs";
import { checkPulumiInternals, pulumiModules } from "../../src/offline/pulumi-internals";
import { changed } from "./changed-modules";

const TYPE = "test:index/widget:Widget";
const PLAIN = "test:index/plainWidget:PlainWidget";
class Widget extends pulumi.CustomResource {}
class Point {
  constructor(readonly y: number, readonly x: number) {}
}
// Outputs only Pulumi's own serialisation handles (a Date, a class instance), next to plain ones.
registerMockOutputs(TYPE, (name) => ({ id: `widget-${name}`, outputs: { made: new Date(0), at: new Point(2, 1), extra: { z: [3, undefined], a: null } } }));
// Plain outputs only (serialised by the harness itself).
registerMockOutputs(PLAIN, (name) => ({ id: `plain-${name}`, outputs: { made: "0", at: { y: 2, x: 1 }, extra: { z: [3, undefined], a: null } } }));

const PROPS = ["zeta", "alpha", "list", "secretive", "made", "at", "extra", "missing"] as const;

/** A widget with unsorted nested keys, holes, a secret and a function among its inputs. */
function widget(type = TYPE, name = "w"): pulumi.CustomResource & Record<string, pulumi.Output<unknown>> {
  return new Widget(type, name, {
    zeta: { b: 1, a: { d: [1, undefined, { y: true, x: "s" }], c: "x" } },
    alpha: pulumi.output("later").apply((v) => ({ v, n: -0 })),
    list: [undefined, "a"],
    secretive: pulumi.secret({ k: "hidden" }),
    fn: () => 1,
    made: undefined, at: undefined, extra: undefined, missing: undefined,
  }) as pulumi.CustomResource & Record<string, pulumi.Output<unknown>>;
}

/** Each property as the program sees it: JSON of the value (key order shows), secrecy, known-ness. */
async function observe(res: pulumi.CustomResource & Record<string, pulumi.Output<unknown>>): Promise<unknown[]> {
  const urn = await new Promise((resolve) => res.urn.apply(resolve));
  const id = await new Promise((resolve) => res.id.apply(resolve));
  const props = await Promise.all(PROPS.map(async (k) => {
    const o = res[k] as unknown as { isSecret: Promise<boolean>; isKnown: Promise<boolean> } & pulumi.Output<unknown>;
    const v = await new Promise((resolve) => o.apply((x) => { resolve(x); return x; }));
    return [k, JSON.stringify(v), Object.is(v, -0), await o.isSecret, await o.isKnown];
  }));
  return [urn, id, props];
}

describe("the offline mock monitor's registerResource (no protobuf round trip)", () => {
  it("gives a program the same output values, key order, secrecy and ids as Pulumi's own mock monitor", async () => {
    const state = require("@pulumi/pulumi/runtime/state") as { withLocalStorage<R>(fn: () => R): R };
    const own = await state.withLocalStorage(async () => {
      await pulumi.runtime.setMocks({
        newResource: (args) => {
          const { id, outputs } = mockOutputs(args.type, args.name, args.inputs);
          return { id, state: { ...args.inputs, ...outputs } };
        },
        call: () => ({}),
      }, "landing-zone", "dev", false);
      return Promise.all([observe(widget()), observe(widget(PLAIN, "p"))]);
    });
    let offline: Promise<unknown[]> | undefined;
    await runOffline(() => { offline = Promise.all([observe(widget()), observe(widget(PLAIN, "p"))]); }, { policies: false });
    expect(await offline).toEqual(own);
    const [[, , widgetProps], [, , plainProps]] = own as unknown as [unknown, unknown, unknown[]][];
    expect(widgetProps).toContainEqual(["zeta", '{"a":{"c":"x","d":[1,null,{"x":"s","y":true}]},"b":1}', false, false, true]);
    expect(widgetProps).toEqual(expect.arrayContaining([["made", "{}", false, false, true], ["at", '{"x":1,"y":2}', false, false, true]]));
    expect(plainProps).toEqual(expect.arrayContaining([["secretive", '{"k":"hidden"}', false, true, true], ["extra", '{"a":null,"z":[3,null]}', false, false, true]]));
  });

  it("replaces registerResource on the run's own monitor only: Pulumi's MockMonitor class is untouched", async () => {
    const mods = pulumiModules();
    const own = mods.mocks.MockMonitor!.prototype!.registerResource;
    let during: unknown;
    await runOffline(() => { during = (pulumi.runtime.getMonitor() as unknown as { registerResource: unknown }).registerResource; }, { policies: false });
    expect(during).not.toBe(own);
    expect(mods.mocks.MockMonitor!.prototype!.registerResource).toBe(own);
    expect(Object.prototype.hasOwnProperty.call(new mods.mocks.MockMonitor!({}), "registerResource")).toBe(false);
  });

  it("records the inputs as serialised, secrets masked, keys sorted", async () => {
    const inv = await runOffline(() => { widget(); }, { policies: false });
    expect(inv.resources.map((r) => r.type)).toEqual([TYPE]);
    expect(inv.resources.map((r) => r.inputs)).toEqual([{
      alpha: { n: -0, v: "later" }, list: [null, "a"], secretive: "[secret]", zeta: { a: { c: "x", d: [1, null, { x: "s", y: true }] }, b: 1 },
    }]);
  });

  it("stops the run when the SDK reads the registration's response through another getter", () => {
    const registerResource = function (resp: { getUrn(): string; getObject(): unknown; getWarnings(): unknown }) {
      return [resp.getUrn(), resp.getObject(), resp.getWarnings()];
    };
    expect(() => checkPulumiInternals(changed("resourceRuntime", { registerResource }), "9.9.9")).toThrow(
      "runtime/resource registerResource reads the response through getUrn, getObject, getWarnings, not only getUrn, getId, getObject, " +
      "getPropertydependenciesMap, getResult, getUnknown",
    );
  });

  it("stops the run when deserializeProperties reads the state struct other than through toJavaScript()", () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const deserializeProperties = function (outputsStruct: { getFieldsMap(): Map<string, unknown> }, keepUnknowns: boolean) {
      return Object.fromEntries(outputsStruct.getFieldsMap());
    };
    expect(() => checkPulumiInternals(changed("rpc", { deserializeProperties }))).toThrow(
      "runtime/rpc deserializeProperties(outputsStruct, keepUnknowns) no longer reads the struct only through toJavaScript()",
    );
  });

  it("stops the run when serializeProperty recognises a new special type, or one by other than a __pulumi key", () => {
    const mods = pulumiModules();
    const serializeProperty = (prop: unknown) => String(prop instanceof Map) + String(mods.rpc.serializeProperty);
    const Output = Object.assign(function Output() {}, { isInstance: (obj: { brand?: string }) => obj?.brand === "output" });
    expect(() => checkPulumiInternals({ ...changed("rpc", { serializeProperty }), output: { Output } })).toThrow(
      /runtime\/rpc serializeProperty tells special values apart by .*prop instanceof Map.*; output Output.isInstance no longer checks a __pulumi… key/,
    );
  });
});
