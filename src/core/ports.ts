/**
 * Port ranges, parsed properly: one port (`"22"`), a dash range (`"8000-8099"`) or, for
 * reading provider inputs, the Alibaba slash form (`"22/22"`, `"-1/-1"` for every port).
 * Pure: no Pulumi import.
 */

/** An inclusive range of ports, 1–65535 (`from <= to`). */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const MIN_PORT = 1;
export const MAX_PORT = 65535;
/** Every port. */
export const ALL_PORTS: PortRange = { from: MIN_PORT, to: MAX_PORT };

/**
 * Remote administration ports that must never face the world: SSH (22), Telnet (23), RDP
 * (3389), VNC (5900) and WinRM over HTTP and HTTPS (5985, 5986). Each gives a shell or a desktop
 * on the machine, so each is a direct takeover path when exposed.
 */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: "SSH",
  23: "Telnet",
  3389: "RDP",
  5900: "VNC",
  5985: "WinRM",
  5986: "WinRM over HTTPS",
};

export type PortParse = { ok: true; range: PortRange } | { ok: false; reason: string };

const NUMBER = /^(0|[1-9][0-9]{0,4})$/;

function port(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const n = Number(text);
  return n >= MIN_PORT && n <= MAX_PORT ? n : undefined;
}

/** Parses `"80"` or `"8000-8099"` (the form rules are written in). */
export function parsePortRange(text: string): PortParse {
  const t = text.trim();
  if (t !== text || t === "") return { ok: false, reason: `"${text}" is not a port or port range` };
  const parts = t.split("-");
  if (parts.length > 2) return { ok: false, reason: `"${text}" has more than one "-"` };
  const from = port(parts[0]!);
  const to = parts.length === 2 ? port(parts[1]!) : from;
  if (from === undefined || to === undefined) {
    return { ok: false, reason: `"${text}" is not a port from ${MIN_PORT} to ${MAX_PORT} or a range such as 8000-8099` };
  }
  if (from > to) return { ok: false, reason: `"${text}" starts above its end` };
  return { ok: true, range: { from, to } };
}

/**
 * Parses a port range as a provider writes it: `"22"`, `"20-30"`, `"22/22"`, or `"-1/-1"` and
 * `undefined` for every port. For policy checks over provider inputs.
 */
export function parseProviderPortRange(text: string | undefined): PortParse {
  if (text === undefined || text === "-1/-1" || text === "-1") return { ok: true, range: ALL_PORTS };
  if (text.includes("/")) {
    const parts = text.split("/");
    if (parts.length !== 2) return { ok: false, reason: `"${text}" is not a from/to range` };
    return parsePortRange(parts[0] === parts[1] ? parts[0]! : `${parts[0]}-${parts[1]}`);
  }
  return parsePortRange(text);
}

/** Whether `range` includes `p`. */
export function coversPort(range: PortRange, p: number): boolean {
  return range.from <= p && p <= range.to;
}

/** The admin ports (see `ADMIN_PORTS`) that `ranges` open; every admin port when `ranges` is empty (all ports). */
export function adminPortsIn(ranges: readonly PortRange[]): number[] {
  const all = Object.keys(ADMIN_PORTS).map(Number);
  if (ranges.length === 0) return all;
  return all.filter((p) => ranges.some((r) => coversPort(r, p)));
}

/** GCP form: `"80"` or `"8000-8099"`. */
export function gcpPort(range: PortRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

/** Alibaba form: `"80/80"` or `"8000/8099"`. */
export function alicloudPort(range: PortRange): string {
  return `${range.from}/${range.to}`;
}

/** A name-safe form for child names: `"80"` or `"8000-8099"`. */
export function portSlug(range: PortRange): string {
  return gcpPort(range);
}
