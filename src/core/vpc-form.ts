import { joinPath, Planner, Problems } from "./errors";

/**
 * The plain keys a VPC component (`vpc`) stands for: those planning reads (a range, subnets) and
 * those only deploying needs (ids of other resources, which the environment planner adds later).
 */
export interface VpcFormKeys {
  readonly plan: readonly string[];
  readonly deploy: readonly string[];
}

const given = (args: object, k: string) => (args as Record<string, unknown>)[k] !== undefined;

function missingProblem(keys: readonly string[], all: VpcFormKeys, path: string, problems: Problems): void {
  problems.add("LZ_VPC_ARG_MISSING", joinPath(path, "vpc"), `no VPC is given: neither "vpc" nor the plain form (missing ${keys.join(", ")})`,
    `pass vpc: the VPC component, or all of ${[...all.deploy, ...all.plan].join(", ")}`);
}

/**
 * How a component that sits in a VPC (firewall, security groups) was told about it: as the VPC
 * component (`vpc`), whose range, subnets and ids it then reads, or as the plain keys. Giving
 * `vpc` with any plain key is a problem (a retyped range could disagree with the VPC's), and so is
 * giving neither `vpc` nor the plain keys planning reads. Returns the form used, or `undefined`
 * after reporting the problem. The deploy keys are checked by `checkVpcDeployKeys`.
 */
export function vpcArgForm(args: object, keys: VpcFormKeys, path: string, problems: Problems): "vpc" | "plain" | undefined {
  const all = [...keys.deploy, ...keys.plan];
  if (given(args, "vpc")) {
    const clashing = all.filter((k) => given(args, k));
    for (const k of clashing) {
      problems.add("LZ_VPC_ARG_CONFLICT", joinPath(path, k), `"${k}" is given beside "vpc"; with the VPC component, ${k} is taken from the VPC`,
        `remove ${k}, or leave out vpc and give the plain form (${all.join(", ")})`);
    }
    return clashing.length === 0 ? "vpc" : undefined;
  }
  const missing = keys.plan.filter((k) => !given(args, k));
  if (missing.length === 0) return "plain";
  missingProblem([...keys.deploy.filter((k) => !given(args, k)), ...missing], keys, path, problems);
  return undefined;
}

/**
 * In a component's constructor, before anything is registered: without `vpc`, the deploy keys
 * (ids) must be given too. When one is missing, throws one `LandingZoneValidationError` with that
 * and every problem the planner finds (the planner's own missing-keys problem then names them all).
 */
export function checkVpcDeployKeys<A extends object, P>(component: string, planner: Planner<A, P>, name: string, args: A, keys: VpcFormKeys): void {
  if (given(args, "vpc") || keys.deploy.every((k) => given(args, k))) return;
  const path = `${component} args`;
  const problems = new Problems();
  planner(name, args, path, problems);
  if (!problems.items.some((p) => p.code === "LZ_VPC_ARG_MISSING")) missingProblem(keys.deploy.filter((k) => !given(args, k)), keys, path, problems);
  problems.throwIfAny(`${component} "${name}"`);
}
