import { joinPath, Problems } from "./errors";

/**
 * How a component that sits in a VPC (firewall, security groups) was told about it: as the VPC
 * component (`vpc`), whose range, subnets and ids it then reads, or as the plain keys. Giving
 * both, or neither, is a problem: with both, a retyped range could disagree with the VPC's.
 * Returns the form used, or `undefined` after reporting the problem.
 */
export function vpcArgForm(args: object, plainKeys: readonly string[], path: string, problems: Problems): "vpc" | "plain" | undefined {
  const given = (k: string) => (args as Record<string, unknown>)[k] !== undefined;
  if (given("vpc")) {
    const clashing = plainKeys.filter(given);
    for (const k of clashing) {
      problems.add("LZ_VPC_ARG_CONFLICT", joinPath(path, k), `"${k}" is given beside "vpc"; with the VPC component, ${k} is taken from the VPC`,
        `remove ${k}, or leave out vpc and give the plain form (${plainKeys.join(", ")})`);
    }
    return clashing.length === 0 ? "vpc" : undefined;
  }
  const missing = plainKeys.filter((k) => !given(k));
  if (missing.length === 0) return "plain";
  problems.add("LZ_VPC_ARG_MISSING", joinPath(path, "vpc"), `no VPC is given: neither "vpc" nor the plain form (missing ${missing.join(", ")})`,
    `pass vpc: the VPC component, or all of ${plainKeys.join(", ")}`);
  return undefined;
}
