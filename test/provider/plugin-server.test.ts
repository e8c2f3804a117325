import * as grpc from "@grpc/grpc-js";
// Pulumi's own generated gRPC stubs for the provider protocol: what `pulumi package add` speaks.
import * as services from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { COMPONENTS } from "../../src/provider/components";
import { NO_ENGINE, PluginProcess, ROOT, startPlugin } from "../plugin-process";

// The Pulumi CLI starts a source-based component package through its Node.js language host, which
// runs `node @pulumi/pulumi/cmd/run-plugin <package directory> <engine address>` in the user's
// working directory; run-plugin `require`s the directory (package.json `main`). Started here the
// same way, it must serve the package schema over gRPC.
describe("the component package, started the way the Pulumi CLI starts it", () => {
  let plugin: PluginProcess | undefined;
  afterAll(() => plugin?.stop());

  it("serves GetSchema with every component under its landing-zone:index token", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "lz-consumer-"));
    plugin = await startPlugin("run-plugin", [ROOT, NO_ENGINE], cwd);
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

describe("the package's two entry points", () => {
  const consumer = createRequire(path.join(ROOT, "consumer.js"));

  it("give run-plugin the component provider and library users the library", () => {
    // A directory require (run-plugin) reads `main`; an import by name reads `exports`.
    expect(consumer.resolve(ROOT)).toBe(path.join(ROOT, "src/provider/plugin.cjs"));
    expect(consumer.resolve("pulumi-landing-zone")).toBe(path.join(ROOT, "dist/src/index.js"));
    expect(consumer.resolve("pulumi-landing-zone/gcp")).toBe(path.join(ROOT, "dist/src/gcp/index.js"));
  });

  it("leave the entry point to package.json: PulumiPlugin.yaml names only the runtime", () => {
    expect(YAML.parse(fs.readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"))).toEqual({ runtime: "nodejs" });
  });
});
