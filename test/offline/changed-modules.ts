import { type PulumiInternalModules, pulumiModules } from "../../src/offline/pulumi-internals";

/** Pulumi's modules with `change` applied to a shallow copy of one of them (the real ones untouched). */
export function changed<K extends Exclude<keyof PulumiInternalModules, "dynamicSource">>(key: K, change: Partial<PulumiInternalModules[K]>): PulumiInternalModules {
  const mods = pulumiModules();
  return { ...mods, [key]: { ...mods[key], ...change } };
}
