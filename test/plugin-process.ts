import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

/** The repository root. */
export const ROOT = path.join(__dirname, "..");

/** A Pulumi plugin process (policy pack or component provider) serving gRPC on `port`. */
export interface PluginProcess {
  readonly port: string;
  stop(): void;
}

/** An engine address nobody listens on: the tests talk to the plugin directly. */
export const NO_ENGINE = "127.0.0.1:1";

/**
 * Starts one of `@pulumi/pulumi`'s plugin runners (`cmd/run-policy-pack`, `cmd/run-plugin`) with
 * the arguments the Pulumi CLI gives it, and resolves once the plugin prints the port it serves on.
 */
export function startPlugin(runner: string, args: readonly string[], cwd: string): Promise<PluginProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/@pulumi/pulumi/cmd", runner), ...args],
    { cwd, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve({ port: m[1]!, stop: () => child.kill() });
    });
    child.stderr!.on("data", (d: Buffer) => { err += d.toString(); });
    child.on("exit", (code) => reject(new Error(`${runner} exited with ${code}: ${err}`)));
  });
}
