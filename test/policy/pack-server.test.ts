import { spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
// Pulumi's own generated gRPC stubs for the analyzer protocol: what the CLI speaks to a pack.
import * as services from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as empty from "google-protobuf/google/protobuf/empty_pb";
import { afterAll, describe, expect, it } from "vitest";
import { LANDING_ZONE_RULES } from "../../src/policy";


const ROOT = path.join(__dirname, "..", "..");

describe("the CrossGuard pack, started the way `pulumi preview --policy-pack` starts it", () => {
  const pack = spawn(process.execPath, [path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", "."],
    { cwd: path.join(ROOT, "policy-pack"), stdio: ["ignore", "pipe", "pipe"] });
  afterAll(() => { pack.kill(); });

  it("compiles, serves the analyzer protocol and lists every rule as a policy with its enforcement", async () => {
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      pack.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /^(\d+)\s*$/m.exec(out);
        if (m) resolve(m[1]!);
      });
      pack.stderr.on("data", (d: Buffer) => { err += d.toString(); });
      pack.on("exit", (code) => reject(new Error(`the pack exited with ${code}: ${err}`)));
    });
    const client = new services.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const info = await new Promise<any>((resolve, reject) => client.getAnalyzerInfo(new empty.Empty(), (e, r) => (e ? reject(e) : resolve(r))));
    client.close();
    expect(info.getName()).toBe("landing-zone");
    const policies = info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()]);
    // EnforcementLevel: 0 advisory, 1 mandatory (pulumirpc.EnforcementLevel).
    expect(policies).toEqual(LANDING_ZONE_RULES.map((r) => [r.id, r.enforcement === "mandatory" ? 1 : 0]));
  });
});
