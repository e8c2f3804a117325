import * as grpc from "@grpc/grpc-js";
// Pulumi's own generated gRPC stubs for the provider protocol: what `pulumi package add` speaks.
import * as services from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, describe, expect, it } from "vitest";
import { COMPONENTS } from "../../src/provider/components";
import { NO_ENGINE, PluginProcess, ROOT, startPlugin } from "../plugin-process";

describe("the component package, started the way the Pulumi CLI starts PulumiPlugin.yaml's main", () => {
  let plugin: PluginProcess | undefined;
  afterAll(() => plugin?.stop());

  it("serves GetSchema with every component under its landing-zone:index token", async () => {
    plugin = await startPlugin("run-plugin", ["src/provider/main.ts", NO_ENGINE], ROOT);
    const client = new services.ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
    const response = await new Promise<any>((resolve, reject) =>
      client.getSchema(new provider.GetSchemaRequest().setVersion(0), (e, r) => (e ? reject(e) : resolve(r))));
    client.close();
    const schema = JSON.parse(response.getSchema()) as { name: string; resources: Record<string, { isComponent?: boolean }> };
    expect(schema.name).toBe("landing-zone");
    expect(Object.keys(schema.resources).sort()).toEqual(Object.keys(COMPONENTS).map((c) => `landing-zone:index:${c}`).sort());
    expect(Object.values(schema.resources).every((r) => r.isComponent === true)).toBe(true);
  }, 600_000); // ts-node compiles the package and the analyzer reads it: minutes on a loaded machine
});
