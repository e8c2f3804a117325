import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runOffline } from "../../src/offline/harness";
import { aliasUrnsOf, diffUrns, goldenText, parseGolden } from "../../src/offline/urns";

/** A tiny component in the house pattern: one child named after the component. */
class Box extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions = {}, type = "landing-zone:index:Box") {
    super(type, name, {}, opts);
    new gcp.storage.Bucket(`${name}-data`, { location: "EU", name: `${name}-data` }, { parent: this });
    this.registerOutputs({});
  }
}

const plan = (program: () => void) => runOffline(() => { program(); return {}; }, { stack: "dev", policies: false });
const URN = (rest: string) => `urn:pulumi:dev::landing-zone::${rest}`;

describe("URN stability check", () => {
  it("records the golden URNs sorted, one a line", async () => {
    const inv = await plan(() => { new Box("core"); });
    expect(parseGolden(goldenText(inv))).toEqual([
      URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::core-data"),
      URN("landing-zone:index:Box::core"),
    ]);
  });

  it("passes when nothing moved, and reports additions without failing", async () => {
    const golden = parseGolden(goldenText(await plan(() => { new Box("core"); })));
    const d = diffUrns(golden, await plan(() => { new Box("core"); new Box("extra"); }));
    expect(d.missing).toEqual([]);
    expect(d.aliased).toEqual({});
    expect(d.added).toEqual([URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::extra-data"), URN("landing-zone:index:Box::extra")]);
  });

  it("fires on a rename: the component and its child (named after it) are both missing", async () => {
    const golden = parseGolden(goldenText(await plan(() => { new Box("core"); })));
    const d = diffUrns(golden, await plan(() => { new Box("main"); }));
    expect(d.missing).toEqual(golden);
    expect(d.added).toHaveLength(2);
  });

  it("passes a rename that carries `aliases: [{ name }]`: the child follows its parent's alias", async () => {
    const golden = parseGolden(goldenText(await plan(() => { new Box("core"); })));
    const inv = await plan(() => { new Box("main", { aliases: [{ name: "core" }] }); });
    const d = diffUrns(golden, inv);
    expect(d.missing).toEqual([]);
    expect(d.aliased).toEqual({
      [URN("landing-zone:index:Box::core")]: URN("landing-zone:index:Box::main"),
      [URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::core-data")]: URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::main-data"),
    });
  });

  it("fires on a type-token change and passes with `aliases: [{ type }]`", async () => {
    const golden = parseGolden(goldenText(await plan(() => { new Box("core"); })));
    const renamed = await plan(() => { new Box("core", {}, "landing-zone:index:GcpBox"); });
    expect(diffUrns(golden, renamed).missing).toEqual(golden);
    const aliased = await plan(() => { new Box("core", { aliases: [{ type: "landing-zone:index:Box" }] }, "landing-zone:index:GcpBox"); });
    expect(diffUrns(golden, aliased).missing).toEqual([]);
  });

  it("fires on a re-parent and passes with an alias to the old parent (here: top level)", async () => {
    const golden = parseGolden(goldenText(await plan(() => { new gcp.storage.Bucket("logs", { location: "EU" }); })));
    const moved = await plan(() => { const box = new Box("core"); new gcp.storage.Bucket("logs", { location: "EU" }, { parent: box }); });
    expect(diffUrns(golden, moved).missing).toEqual([URN("gcp:storage/bucket:Bucket::logs")]);
    const aliased = await plan(() => {
      const box = new Box("core");
      new gcp.storage.Bucket("logs", { location: "EU" }, { parent: box, aliases: [{ parent: pulumi.rootStackResource }] });
    });
    expect(diffUrns(golden, aliased).missing).toEqual([]);
  });

  it("accepts a full old URN as an alias", async () => {
    const golden = parseGolden(goldenText(await plan(() => { new Box("core"); })));
    const inv = await plan(() => {
      const box = new Box("core");
      new gcp.storage.Bucket("renamed", { location: "EU" }, { parent: box, aliases: [URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::core-data")] });
    });
    expect(aliasUrnsOf(inv).get(URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::renamed"))).toEqual([URN("landing-zone:index:Box$gcp:storage/bucket:Bucket::core-data")]);
    expect(diffUrns(golden, inv).missing).toEqual([]);
  });
});
