// Checks the package as a user gets it (CI runs this after `npm test`; `npm run check:package`):
//  1. `npm pack`, then a new project with the tarball compiles a file importing the public API
//     with TypeScript's defaults (no tsconfig) and with `tsc --init`'s settings, both without
//     skipLibCheck. Offline: the dependencies are links to this repository's node_modules.
//  2. `pulumi-landing-zone/gcp` never loads @pulumi/alicloud, `/alicloud` never @pulumi/gcp
//     (the other SDK is not even present in that project).
//  3. `npm install git+file://<fresh clone>` (as from a Git URL: npm installs the clone's dev
//     dependencies and runs `prepare`) into an empty project gives dist/ and the
//     `landing-zone-plan` command. Needs the npm registry; skipped with --offline.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const NODE_MODULES = path.join(ROOT, "node_modules");
const TSC = path.join(NODE_MODULES, "typescript", "bin", "tsc");
const offline = process.argv.includes("--offline");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>; peerDependencies: Record<string, string>;
};

function run(cmd: string, args: readonly string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

function step(title: string, fn: () => void): void {
  process.stdout.write(`- ${title} … `);
  const t = Date.now();
  fn();
  process.stdout.write(`ok (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
}

/** A new project with the packed library and links to the given packages of this repository. */
function project(dir: string, tarball: string, links: readonly string[]): string {
  fs.mkdirSync(path.join(dir, "node_modules", "pulumi-landing-zone"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  run("tar", ["xzf", tarball, "-C", path.join(dir, "node_modules", "pulumi-landing-zone"), "--strip-components=1"], dir);
  for (const name of links) {
    const to = path.join(dir, "node_modules", name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.symlinkSync(path.join(NODE_MODULES, name), to, "dir");
  }
  return dir;
}

const CONSUMER = `import { GcpFirewall, GcpVpc, AlicloudVpc, runPolicyTest, toPolicies, LANDING_ZONE_RULES, LandingZoneValidationError, type EnvironmentSpec, type LandingZonePolicy } from "pulumi-landing-zone";
import { GcpVpc as GcpOnlyVpc } from "pulumi-landing-zone/gcp";
import { AlicloudSecurityGroups } from "pulumi-landing-zone/alicloud";

export async function check(spec: EnvironmentSpec): Promise<number> {
  const policies: LandingZonePolicy[] = toPolicies(LANDING_ZONE_RULES);
  const result = await runPolicyTest(() => {
    const vpc = new GcpVpc("core", { project: "p-test-1", cidr: "10.0.0.0/16", regions: ["europe-west1"], subnets: { app: { tier: "private", size: 24 } } });
    new GcpFirewall("fw", { vpc });
  });
  const classes = [GcpOnlyVpc, AlicloudVpc, AlicloudSecurityGroups, LandingZoneValidationError];
  return result.resources.length + policies.length + classes.length + spec.environment.length;
}
`;

/** \`tsc --init\`'s settings (TypeScript 5.9), without skipLibCheck and with Node's types. */
const INIT_CONFIG = {
  compilerOptions: {
    module: "nodenext", target: "esnext", types: ["node"], noEmit: true, noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true, strict: true, verbatimModuleSyntax: true, isolatedModules: true,
    noUncheckedSideEffectImports: true, moduleDetection: "force", skipLibCheck: false,
  },
  files: ["index.ts"],
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "lz-package-"));
try {
  let tarball = "";
  step("build and pack", () => {
    run("npm", ["run", "build"], ROOT);
    const out = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as { filename: string }[];
    tarball = path.join(work, out[0]!.filename);
  });

  const deps = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies), "@types/node"];
  const consumer = project(path.join(work, "consumer"), tarball, deps);
  fs.writeFileSync(path.join(consumer, "index.ts"), CONSUMER);
  step("the public declarations compile with tsc's defaults (no tsconfig, no skipLibCheck)", () => {
    run(process.execPath, [TSC, "--noEmit", "index.ts"], consumer);
  });
  step("… and with tsc --init's settings in an ES module project (no skipLibCheck)", () => {
    fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify(INIT_CONFIG));
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }));
    run(process.execPath, [TSC, "-p", "."], consumer);
  });

  for (const [entry, otherSdk] of [["gcp", "@pulumi/alicloud"], ["alicloud", "@pulumi/gcp"]] as const) {
    step(`pulumi-landing-zone/${entry} loads without ${otherSdk} installed`, () => {
      const dir = project(path.join(work, `only-${entry}`), tarball, deps.filter((d) => d !== otherSdk));
      const probe = `const lz = require("pulumi-landing-zone/${entry}");
const loaded = Object.keys(require.cache).filter((f) => f.includes("${otherSdk}/"));
if (loaded.length > 0 || typeof lz.${entry === "gcp" ? "GcpVpc" : "AlicloudVpc"} !== "function") { console.error(loaded); process.exit(1); }`;
      run(process.execPath, ["-e", probe], dir);
    });
  }

  if (!offline) {
    step("npm install from a fresh clone (git+file, as from a Git URL) builds dist/ and installs landing-zone-plan", () => {
      const clone = path.join(work, "clone");
      run("git", ["clone", "--quiet", "--no-hardlinks", ROOT, clone], ROOT);
      const dir = path.join(work, "from-git");
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "from-git", version: "1.0.0", private: true }));
      const peers = ["@pulumi/pulumi", "@pulumi/gcp", "@pulumi/alicloud"].map((p) => `${p}@${pkg.peerDependencies[p]!.replace(/^\^/, "")}`);
      run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `git+file://${clone}`, ...peers], dir);
      run(process.execPath, ["-e", `require("pulumi-landing-zone"); require("pulumi-landing-zone/gcp"); require("pulumi-landing-zone/alicloud")`], dir);
      const help = run(path.join(dir, "node_modules", ".bin", "landing-zone-plan"), ["--help"], dir);
      if (!help.includes("--stack")) throw new Error(`landing-zone-plan --help printed:\n${help}`);
    });
  }
} catch (e) {
  const err = e as { stdout?: string; stderr?: string; message: string };
  process.stdout.write("FAILED\n");
  process.stderr.write(`${err.stdout ?? ""}${err.stderr ?? ""}${err.message}\n`);
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
