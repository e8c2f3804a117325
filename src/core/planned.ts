/**
 * Plans a component's pure planner already made, so a component built from the very same args
 * object reuses the plan instead of planning (validating) again. The environment planner
 * (`src/planner/`) records each clean plan here; `validated(...)` in each component's
 * constructor looks it up. Only plans that reported no problem are recorded.
 */

/** What one clean plan was made of: the component name and the planner function. */
interface Known {
  readonly name: string;
  readonly planner: unknown;
  readonly plan: unknown;
}

const KNOWN = new WeakMap<object, Known>();

/**
 * Records that `planner(name, args)` returned `plan` without any problem. `args` must not be
 * changed afterwards (the environment planner freezes what it records).
 */
export function rememberPlan(planner: unknown, name: string, args: object, plan: unknown): void {
  KNOWN.set(args, { name, planner, plan });
}

/** The plan recorded for exactly this args object, planner and name (wrapped: a plan may be `undefined`). */
export function knownPlan<P>(planner: unknown, name: string, args: unknown): { readonly plan: P } | undefined {
  if (args === null || typeof args !== "object") return undefined;
  const known = KNOWN.get(args);
  return known !== undefined && known.planner === planner && known.name === name ? { plan: known.plan as P } : undefined;
}

/**
 * A component's args as its pure planner takes them: the keys `K` (ids of other resources, known
 * only at deploy time) may be left out. The planner never reads their values; the environment
 * planner plans without them and the program adds them as Pulumi inputs.
 */
export type PlanArgs<A, K extends keyof A> = Omit<A, K> & { readonly [P in K]?: A[P] };
