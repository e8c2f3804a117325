import { afterAll, describe, expect, it, vi } from "vitest";
import * as alicloudVpcPlan from "../../src/alicloud/vpc-plan";
import * as gcpVpcPlan from "../../src/gcp/vpc-plan";
import { planStackFile } from "../../src/offline/harness";

// Counts every run of the VPC planners, whoever calls them (config checks, environment planner,
// components): the environment planner plans each VPC once and the components reuse that plan.
// The spies call through to the real planners; they are removed after this file (the module cache
// is shared with other files of the worker).
const gcp = vi.spyOn(gcpVpcPlan, "planGcpVpc");
const alicloud = vi.spyOn(alicloudVpcPlan, "planAlicloudVpc");
afterAll(() => { gcp.mockRestore(); alicloud.mockRestore(); });

describe("plan once", () => {
  it.each(["dev", "staging", "prod"])("%s: each VPC is planned exactly once from config to resources", async (stack) => {
    gcp.mockClear();
    alicloud.mockClear();
    const inv = await planStackFile(`Pulumi.${stack}.yaml`, { stack, policies: false });
    const types = new Set(inv.resources.map((r) => r.type));
    expect(gcp.mock.calls.map((c) => c[0])).toEqual(types.has("landing-zone:index:GcpVpc") ? [`${stack}-core`] : []);
    expect(alicloud.mock.calls.map((c) => c[0])).toEqual(types.has("landing-zone:index:AlicloudVpc") ? [`${stack}-core`] : []);
  });
});
