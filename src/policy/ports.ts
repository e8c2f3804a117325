import { coversPort, parseProviderPortRange, PortRange } from "../core/ports";

/**
 * The range a provider port spec covers (GCP `"22"`, `"20-30"`; Alibaba `"22/22"`, `"-1/-1"`),
 * or undefined when the spec does not parse. Uses the same parser as the components.
 */
export function portSpecRange(spec: string): PortRange | undefined {
  const parsed = parseProviderPortRange(spec.trim());
  return parsed.ok ? parsed.range : undefined;
}

/**
 * True when any spec covers `port`. No specs means all ports (GCP's `allows[].ports` unset);
 * an unparseable spec counts as covering it, so a typo never hides an open port.
 */
export function specsCoverPort(specs: readonly string[], port: number): boolean {
  if (specs.length === 0) return true;
  return specs.some((s) => {
    const r = portSpecRange(s);
    return r === undefined || coversPort(r, port);
  });
}

/** True for a range that means "anywhere": any /0 prefix (`0.0.0.0/0`, `::/0`). */
export function isAnywhere(range: string): boolean {
  return /^[0-9a-fA-F.:]+\/0+$/.test(range.trim());
}
