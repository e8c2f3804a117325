/** An inclusive port range. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Every port. */
export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/**
 * Parses a port spec as the providers write it: GCP `"22"` or `"20-30"`; Alibaba `"22/22"`,
 * `"1/65535"` or `"-1/-1"` (all ports). Undefined for text that is none of these.
 */
export function parsePortRange(text: string): PortRange | undefined {
  const t = text.trim();
  if (t === "-1/-1" || t === "-1") return ALL_PORTS;
  const m = /^(\d{1,5})(?:\s*[-/]\s*(\d{1,5}))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return { from, to };
}

/**
 * True when any spec covers `port`. No specs means all ports (GCP's `allows[].ports` unset);
 * an unparseable spec counts as covering it, so a typo never hides an open port.
 */
export function coversPort(specs: readonly string[], port: number): boolean {
  if (specs.length === 0) return true;
  return specs.some((s) => {
    const r = parsePortRange(s);
    return r === undefined || (r.from <= port && port <= r.to);
  });
}

/** True for a range that means "anywhere": any /0 prefix (`0.0.0.0/0`, `::/0`). */
export function isAnywhere(range: string): boolean {
  return /^[0-9a-fA-F.:]+\/0+$/.test(range.trim());
}
