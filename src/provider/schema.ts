// The package schema, generated in-process exactly as `componentProviderHost` does when the
// Pulumi CLI asks the plugin for it (`GetSchema`): Pulumi's ComponentProvider with our analyzer
// extensions. No CLI, no gRPC.
import * as fs from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental/provider";
import { installAnalyzerExtensions } from "./analyzer";
import { COMPONENTS, PACKAGE_NAME } from "./components";

/**
 * The package root: the nearest directory above this file with PulumiPlugin.yaml (and
 * package.json and tsconfig.json, which the analyzer reads), from src/ or from a build in dist/.
 */
export const PACKAGE_DIR = findPackageDir(__dirname);

function findPackageDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "PulumiPlugin.yaml")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no PulumiPlugin.yaml above ${start}`);
  }
}

/** A provider over every exposed component, rooted at the package directory. */
export function landingZoneProvider(): ComponentProvider {
  installAnalyzerExtensions();
  return new ComponentProvider({ name: PACKAGE_NAME, dirname: PACKAGE_DIR, components: Object.values(COMPONENTS) });
}

/** The package schema (Pulumi package schema JSON, parsed). */
export async function packageSchema(): Promise<PackageSchema> {
  return JSON.parse(await landingZoneProvider().getSchema()) as PackageSchema;
}

/** The parts of a Pulumi package schema the tests and docs look at. */
export interface SchemaProperty {
  type?: string;
  $ref?: string;
  plain?: boolean;
  description?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
}
export interface PackageSchema {
  name: string;
  version: string;
  resources: Record<string, {
    isComponent: boolean;
    description?: string;
    inputProperties: Record<string, SchemaProperty>;
    requiredInputs: string[];
    properties: Record<string, SchemaProperty>;
    required: string[];
  }>;
  types: Record<string, { type: string; properties?: Record<string, SchemaProperty>; required?: string[]; enum?: { name: string; value: string }[] }>;
  dependencies?: unknown[];
}
