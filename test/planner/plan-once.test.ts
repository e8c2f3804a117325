import { describe, expect, it, vi } from "vitest";
import { planStackFile } from "../../src/offline/harness";

// Counts every run of the VPC planners, whoever calls them (config checks, environment planner,
// components): the environment planner plans each VPC once and the components reuse that plan.
const calls = vi.hoisted(() => ({ gcp: [] as string[], alicloud: [] as string[] }));
vi.mock("../../src/gcp/vpc-plan", async (importOriginal) => {
  const orig = await importOriginal<typeof import("../../src/gcp/vpc-plan")>();
  return {
    ...orig,
    planGcpVpc: (...a: Parameters<typeof orig.planGcpVpc>) => { calls.gcp.push(a[0]); return orig.planGcpVpc(...a); },
  };
});
vi.mock("../../src/alicloud/vpc-plan", async (importOriginal) => {
  const orig = await importOriginal<typeof import("../../src/alicloud/vpc-plan")>();
  return {
    ...orig,
    planAlicloudVpc: (...a: Parameters<typeof orig.planAlicloudVpc>) => { calls.alicloud.push(a[0]); return orig.planAlicloudVpc(...a); },
  };
});

describe("plan once", () => {
  it.each(["dev", "staging", "prod"])("%s: each VPC is planned exactly once from config to resources", async (stack) => {
    calls.gcp.length = 0;
    calls.alicloud.length = 0;
    const inv = await planStackFile(`Pulumi.${stack}.yaml`, { stack, policies: false });
    const types = new Set(inv.resources.map((r) => r.type));
    expect(calls.gcp).toEqual(types.has("landing-zone:index:GcpVpc") ? [`${stack}-core`] : []);
    expect(calls.alicloud).toEqual(types.has("landing-zone:index:AlicloudVpc") ? [`${stack}-core`] : []);
  });
});
