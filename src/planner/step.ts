import { joinPath, Planner, Problems } from "../core/errors";
import { rememberPlan } from "../core/planned";

/**
 * One component of the environment plan: the name it is created under, the args its pure
 * planner planned (plain data: ids of other resources are added at deploy time, see
 * `deployArgs`) and the plan.
 */
export interface Planned<A, P> {
  /** Component (resource) name. */
  readonly name: string;
  /** The component's args without deploy-time ids. */
  readonly args: A;
  /** What the component's pure planner made of them. */
  readonly plan: P;
}

interface Origin {
  readonly planner: unknown;
  /** Whether the planner reported no problem at all (only then may a component reuse the plan). */
  readonly clean: boolean;
}

const ORIGINS = new WeakMap<object, Origin>();

/**
 * Runs a component's pure planner once, with the real config path. Problems under the arg keys
 * of `ownedElsewhere` (e.g. `labels`, checked once under `landing-zone:labels`) are dropped, as
 * another check of the environment reports them under their own key. When there were such
 * problems (the environment fails anyway), the planner runs once more with those keys set to
 * the values `ownedElsewhere` gives (e.g. `labels: undefined`), so that the rest of the
 * component's problems are still reported in the same run.
 */
export function planStep<A extends object, P>(planner: Planner<A, P>, name: string, args: A, path: string, problems: Problems,
  ownedElsewhere: Partial<A> = {}): Planned<A, P> {
  const frozen = Object.freeze({ ...args });
  const owned = Object.keys(ownedElsewhere).map((k) => joinPath(path, k));
  const isOwned = (p: { path: string }) => owned.some((o) => p.path === o || p.path.startsWith(`${o}.`));
  let scratch = new Problems();
  let plan = planner(name, frozen, path, scratch);
  const clean = scratch.empty;
  if (scratch.items.some(isOwned)) {
    scratch = new Problems();
    plan = planner(name, { ...frozen, ...ownedElsewhere }, path, scratch);
  }
  problems.addAll(scratch.items.filter((p) => !isOwned(p)));
  const planned: Planned<A, P> = Object.freeze({ name, args: frozen, plan });
  ORIGINS.set(frozen, { planner, clean });
  if (clean) rememberPlan(planner, name, frozen, plan);
  return planned;
}

/**
 * The args to create a planned component with: the planned args plus what exists only at
 * deploy time (ids of other resources, as Pulumi inputs), which the planner never reads. The
 * component reuses the plan instead of planning again.
 */
export function deployArgs<A extends object, P, D extends object>(planned: Planned<A, P>, inputs: D): Omit<A, keyof D> & D {
  const args = Object.freeze({ ...planned.args, ...inputs });
  const origin = ORIGINS.get(planned.args);
  if (origin?.clean) rememberPlan(origin.planner, planned.name, args, planned.plan);
  return args;
}
