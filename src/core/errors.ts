import { knownPlan } from "./planned";

/**
 * One validation problem: where it is (a config key or component arg path), which rule it
 * breaks (a stable code), what is wrong and how to fix it.
 */
export interface Problem {
  /** Stable machine-readable code, e.g. `LZ_CIDR_OVERLAP`. Codes never change meaning. */
  readonly code: string;
  /** Config key or arg path, e.g. `landing-zone:gcp.network.subnets.web.cidr`. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly fix: string;
}

/** Renders one problem as `path: message [CODE] Fix: fix`. */
export function formatProblem(p: Problem): string {
  return `${p.path}: ${p.message} [${p.code}]\n    fix: ${p.fix}`;
}

/**
 * Thrown once, before any resource is registered, with every problem found.
 * The message lists them all; `problems` carries them as data.
 */
export class LandingZoneValidationError extends Error {
  readonly problems: readonly Problem[];
  constructor(subject: string, problems: readonly Problem[]) {
    const n = problems.length;
    super(
      `${subject}: ${n} problem${n === 1 ? "" : "s"} found, nothing was created:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
    );
    this.name = "LandingZoneValidationError";
    this.problems = problems;
  }
}

/** Collects problems; `throwIfAny` fails once with all of them. */
export class Problems {
  private readonly list: Problem[] = [];

  add(code: string, path: string, message: string, fix: string): void {
    this.list.push({ code, path, message, fix });
  }

  addAll(problems: readonly Problem[]): void {
    this.list.push(...problems);
  }

  get items(): readonly Problem[] {
    return this.list;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(subject: string): void {
    if (this.list.length > 0) throw new LandingZoneValidationError(subject, this.list);
  }
}

/** Joins path segments: `join("a", "b")` is `a.b`; an empty prefix yields just the key. */
export function joinPath(prefix: string, key: string | number): string {
  if (prefix === "") return String(key);
  return prefix.endsWith(":") ? `${prefix}${key}` : `${prefix}.${key}`;
}

/** A component's pure planner: validates `args` under `path`, reporting to `problems`, and returns the plan. */
export type Planner<A, P> = (name: string, args: A, path: string, problems: Problems) => P;

/**
 * Runs a component's planner on its args and throws one `LandingZoneValidationError` listing
 * every problem, e.g. `validated("GcpVpc", planGcpVpc, name, args)`. Components call it
 * before `super()`, so bad input registers nothing.
 */
export function validated<A, P>(component: string, plan: Planner<A, P>, name: string, args: A): P {
  // Args the environment planner already planned cleanly (see core/planned) are not planned again.
  const known = knownPlan<P>(plan, name, args);
  if (known !== undefined) return known.plan;
  const problems = new Problems();
  const result = plan(name, args, `${component} args`, problems);
  problems.throwIfAny(`${component} "${name}"`);
  return result;
}
