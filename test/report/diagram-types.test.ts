import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { CONNECTOR_TYPES, DIAGRAM_TYPES, PART_TYPES } from "../../src/offline/diagram";
import { tokenOf } from "../../src/policy/rule";

const SDKS: Record<string, Record<string, Record<string, unknown>>> = { gcp: gcp as never, alicloud: alicloud as never };

/** The SDK class a type token names (`gcp:compute/firewall:Firewall` → gcp.compute.Firewall), if there is one. */
function classOf(token: string): (abstract new (...args: any[]) => unknown) | undefined {
  const m = /^([a-z]+):([A-Za-z0-9]+)\/[A-Za-z0-9]+:([A-Za-z0-9]+)$/.exec(token);
  const cls = m ? SDKS[m[1]!]?.[m[2]!]?.[m[3]!] : undefined;
  return typeof cls === "function" ? (cls as abstract new (...args: any[]) => unknown) : undefined;
}

describe("diagram type tables", () => {
  it("name only real SDK resource classes, by their exact type token", () => {
    const tokens: string[] = [...Object.keys(DIAGRAM_TYPES), ...Object.keys(CONNECTOR_TYPES), ...Object.keys(PART_TYPES)];
    const wrong = tokens.filter((t) => {
      const cls = classOf(t);
      return cls === undefined || tokenOf(cls) !== t;
    });
    expect(wrong).toEqual([]);
  });
});
