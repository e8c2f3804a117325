import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
// Pulumi's own generated gRPC stubs for the analyzer protocol: what the CLI speaks to a pack.
import * as services from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as empty from "google-protobuf/google/protobuf/empty_pb";
import { afterAll, describe, expect, it } from "vitest";
import { LANDING_ZONE_RULES } from "../../src/policy";
import { NO_ENGINE, PluginProcess, ROOT, startPlugin } from "../plugin-process";

describe("the CrossGuard pack, started the way `pulumi preview --policy-pack` starts it", () => {
  let pack: PluginProcess | undefined;
  afterAll(() => pack?.stop());

  it("compiles, serves the analyzer protocol and lists every rule as a policy with its enforcement", async () => {
    pack = await startPlugin("run-policy-pack", [NO_ENGINE, "."], path.join(ROOT, "policy-pack"));
    const client = new services.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
    const info = await new Promise<any>((resolve, reject) => client.getAnalyzerInfo(new empty.Empty(), (e, r) => (e ? reject(e) : resolve(r))));
    client.close();
    expect(info.getName()).toBe("landing-zone");
    const policies = info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()]);
    // EnforcementLevel: 0 advisory, 1 mandatory (pulumirpc.EnforcementLevel).
    expect(policies).toEqual(LANDING_ZONE_RULES.map((r) => [r.id, r.enforcement === "mandatory" ? 1 : 0]));
  }, 180_000); // ts-node compiles the pack and the rules first: slow on a loaded machine
});
