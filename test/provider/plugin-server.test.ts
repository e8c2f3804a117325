import * as grpc from "@grpc/grpc-js";
// Pulumi's own generated gRPC stubs for the provider protocol: what `pulumi package add` speaks.
import * as services from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import { afterAll, describe, expect, it } from "vitest";
import { COMPONENTS } from "../../src/provider/components";
import { NO_ENGINE, PluginProcess, ROOT, startServer } from "../plugin-process";

// src/provider/main.ts runs as its own process, transpiled by tsx (no second type check: `npm test`
// runs tsc first), and answers GetSchema over gRPC like any Pulumi plugin. What the Pulumi CLI
// itself starts for the package directory is described in docs/multi-language.md.
describe("the component provider entry point, started as a plugin process", () => {
  let plugin: PluginProcess | undefined;
  afterAll(() => plugin?.stop());

  it("serves GetSchema with every component under its landing-zone:index token", async () => {
    plugin = await startServer(["--import", "tsx", "src/provider/main.ts", NO_ENGINE], ROOT);
    const client = new services.ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
    const response = await new Promise<any>((resolve, reject) =>
      client.getSchema(new provider.GetSchemaRequest().setVersion(0), (e, r) => (e ? reject(e) : resolve(r))));
    client.close();
    const schema = JSON.parse(response.getSchema()) as { name: string; resources: Record<string, { isComponent?: boolean }> };
    expect(schema.name).toBe("landing-zone");
    expect(Object.keys(schema.resources).sort()).toEqual(Object.keys(COMPONENTS).map((c) => `landing-zone:index:${c}`).sort());
    expect(Object.values(schema.resources).every((r) => r.isComponent === true)).toBe(true);
  }, 600_000); // the analyzer reads the package's TypeScript program: minutes on a loaded machine
});
