import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { AlicloudSecurityGroups } from "../../src/alicloud/security-groups";
import { AlicloudVpc, AlicloudVpcArgs } from "../../src/alicloud/vpc";
import { LandingZoneValidationError } from "../../src/core/errors";
import { GcpFirewall } from "../../src/gcp/firewall";
import { GcpVpc, GcpVpcArgs } from "../../src/gcp/vpc";
import { runOffline } from "../../src/offline/harness";
import { findResource, resourcesOfType } from "../../src/offline/inventory";

// Components compose: the firewall and the security groups take the VPC component and read its
// range, subnets and ids, so a retyped (wrong) CIDR cannot slip in.

const GCP_VPC: GcpVpcArgs = {
  project: "acme-test", cidr: "10.10.0.0/16", regions: ["europe-west1", "europe-west4"],
  subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 }, data: { tier: "private", size: 24 } },
};
const ALI_VPC: AlicloudVpcArgs = {
  cidr: "10.20.0.0/16", zones: ["cn-hangzhou-i", "cn-hangzhou-j"],
  subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 }, data: { tier: "private", size: 24 } },
};
const FW = "gcp:compute/firewall:Firewall";

/** Runs `create` offline and returns the validation problems it threw as `[code, path]`, and what was registered. */
async function problemsAfterVpc(create: () => void): Promise<{ problems: [string, string][]; types: string[] }> {
  let error: unknown;
  const inv = await runOffline(() => { try { create(); } catch (e) { error = e; } }, { stack: "test" });
  expect(error).toBeInstanceOf(LandingZoneValidationError);
  return { problems: (error as LandingZoneValidationError).problems.map((p) => [p.code, p.path]), types: [...new Set(inv.resources.map((r) => r.type))] };
}

describe("GcpFirewall with the VPC component", () => {
  it("takes the project, network id, VPC range and every subnet's CIDRs from the VPC", async () => {
    const inv = await runOffline(() => {
      const vpc = new GcpVpc("core", GCP_VPC);
      const fw = new GcpFirewall("fw", { vpc, denyAllEgress: true, rules: { ping: { direction: "ingress", protocol: "icmp", sources: ["vpc"] } } });
      return { names: fw.firewallNamesByKey, tiers: fw.tierIdentitiesByTier, subnets: vpc.subnetsByKey, ids: vpc.subnetIdsByKey, links: vpc.subnetSelfLinksByKey };
    }, { stack: "test" });
    const network = findResource(inv, "gcp:compute/network:Network", "core");
    const web = findResource(inv, FW, "fw-web-in");
    expect(web.inputs.project).toBe("acme-test");
    expect(web.inputs.network).toBe("projects/acme-test/global/networks/core");
    expect(web.dependencies).toContain(network.urn);
    // The egress side of "app accepts from web" goes to app's subnets in both regions, as the VPC carved them.
    const subnets = inv.outputs.subnets as Record<string, { cidr: string }>;
    expect(findResource(inv, FW, "fw-app-in-egress").inputs.destinationRanges).toEqual([subnets["app-europe-west1"]!.cidr, subnets["app-europe-west4"]!.cidr]);
    expect(subnets["app-europe-west4"]!.cidr).toBe("10.10.20.0/22");
    expect(findResource(inv, FW, "fw-ping").inputs.sourceRanges).toEqual(["10.10.0.0/16"]);
    expect(inv.outputs.tiers).toEqual({ web: "tier-web", app: "tier-app", data: "tier-data" });
    expect(Object.keys(inv.outputs.ids as object).sort()).toEqual(Object.keys(inv.outputs.subnets as object).sort());
    expect((inv.outputs.links as Record<string, string>)["web-europe-west1"]).toMatch(/core-web-europe-west1$/);
    expect(inv.outputs.names).toEqual(Object.fromEntries(resourcesOfType(inv, FW).map((r) => [r.name.slice(3), r.name])));
  });

  it("refuses a CIDR (or any plain key) given beside the VPC component, registering no firewall", async () => {
    const { problems, types } = await problemsAfterVpc(() => {
      const vpc = new GcpVpc("core", GCP_VPC);
      new GcpFirewall("fw", { vpc, vpcCidr: "10.99.0.0/16", network: "projects/p/global/networks/other" });
    });
    expect(problems).toEqual([
      ["LZ_VPC_ARG_CONFLICT", "GcpFirewall args.network"],
      ["LZ_VPC_ARG_CONFLICT", "GcpFirewall args.vpcCidr"],
    ]);
    expect(types).not.toContain(FW);
    expect(types).not.toContain("landing-zone:index:GcpFirewall");
  });

  it("refuses neither the VPC nor the whole plain form, naming what is missing", async () => {
    let error: unknown;
    await runOffline(() => { try { new GcpFirewall("fw", { vpcCidr: "10.10.0.0/16" }); } catch (e) { error = e; } }, { stack: "test" });
    const problems = (error as LandingZoneValidationError).problems;
    expect(problems.map((p) => [p.code, p.path])).toEqual([["LZ_VPC_ARG_MISSING", "GcpFirewall args.vpc"]]);
    expect(problems[0]!.message).toContain("missing project, network, subnets");
  });

  it("still takes the plain form", async () => {
    const inv = await runOffline(() => {
      new GcpFirewall("fw", { project: "acme-test", network: "projects/acme-test/global/networks/n", vpcCidr: "10.10.0.0/16", subnets: { web: ["10.10.0.0/24"], app: ["10.10.4.0/22"], data: ["10.10.1.0/24"] } });
    }, { stack: "test" });
    expect(findResource(inv, FW, "fw-web-in").inputs.network).toBe("projects/acme-test/global/networks/n");
  });
});

describe("AlicloudSecurityGroups with the VPC component", () => {
  it("takes the VPC id, range and vSwitches (ids, CIDRs, public or private) from the VPC", async () => {
    const inv = await runOffline(() => {
      const vpc = new AlicloudVpc("core", ALI_VPC);
      const sgs = new AlicloudSecurityGroups("fw", { vpc });
      return { sgs: sgs.securityGroupIdsByTier, acls: sgs.networkAclIdsByGroup, vsw: vpc.vswitchIdsByKey };
    }, { stack: "test" });
    const vpcId = resourcesOfType(inv, "alicloud:vpc/network:Network")[0]!;
    const sg = findResource(inv, "alicloud:ecs/securityGroup:SecurityGroup", "fw-web");
    expect(sg.dependencies).toContain(vpcId.urn);
    const vsw = inv.outputs.vsw as Record<string, string>;
    const pub = findResource(inv, "alicloud:vpc/networkAcl:NetworkAcl", "fw-public-acl");
    expect(pub.inputs.resources).toEqual([
      { resourceId: vsw["web-cn-hangzhou-i"], resourceType: "VSwitch" },
      { resourceId: vsw["web-cn-hangzhou-j"], resourceType: "VSwitch" },
    ]);
    expect((pub.inputs.ingressAclEntries as { networkAclEntryName: string; sourceCidrIp: string }[])
      .find((e) => e.networkAclEntryName === "vpc-in")!.sourceCidrIp).toBe("10.20.0.0/16");
    expect(Object.keys(inv.outputs.sgs as object)).toEqual(["app", "data", "web"]);
    expect(Object.keys(inv.outputs.acls as object)).toEqual(["private", "public"]);
  });

  it("refuses a CIDR given beside the VPC component, and neither form", async () => {
    const both = await problemsAfterVpc(() => {
      const vpc = new AlicloudVpc("core", ALI_VPC);
      new AlicloudSecurityGroups("fw", { vpc, vpcCidr: "10.99.0.0/16" });
    });
    expect(both.problems).toEqual([["LZ_VPC_ARG_CONFLICT", "AlicloudSecurityGroups args.vpcCidr"]]);
    expect(both.types).not.toContain("landing-zone:index:AlicloudSecurityGroups");
    const neither = await problemsAfterVpc(() => { new AlicloudSecurityGroups("fw", {}); });
    expect(neither.problems).toEqual([["LZ_VPC_ARG_MISSING", "AlicloudSecurityGroups args.vpc"]]);
  });
});

describe("project as an output of another resource", () => {
  it("GcpVpc and GcpFirewall take a project created in the same stack, and depend on it", async () => {
    const inv = await runOffline(() => {
      const project = new gcp.organizations.Project("app", { projectId: "acme-app-test", name: "acme-app-test", orgId: "123456789012" });
      const vpc = new GcpVpc("core", { ...GCP_VPC, project: project.projectId });
      new GcpFirewall("fw", { vpc });
    }, { stack: "test" });
    const project = findResource(inv, "gcp:organizations/project:Project", "app");
    for (const r of [findResource(inv, "gcp:compute/network:Network", "core"), findResource(inv, FW, "fw-web-in")]) {
      expect(r.inputs.project).toBe("acme-app-test");
      expect(r.dependencies).toContain(project.urn);
    }
  });
});

describe("how dependencies reach a component's children (docs/composition.md)", () => {
  it("the component's dependsOn is recorded on the component only; a provider's dependsOn reaches every child through the provider", async () => {
    const inv = await runOffline(() => {
      const api = new gcp.projects.Service("compute", { project: "acme-test", service: "compute.googleapis.com" });
      const provider = new gcp.Provider("after-api", { project: "acme-test" }, { dependsOn: [api] });
      new GcpVpc("core", GCP_VPC, { dependsOn: [api], provider });
    }, { stack: "test", policies: false });
    const api = findResource(inv, "gcp:projects/service:Service", "compute");
    const provider = findResource(inv, "pulumi:providers:gcp", "after-api");
    expect(findResource(inv, "landing-zone:index:GcpVpc", "core").dependencies).toEqual([api.urn]);
    expect(provider.dependencies).toEqual([api.urn]);
    const network = findResource(inv, "gcp:compute/network:Network", "core");
    expect(network.dependencies).toEqual([]);
    expect(network.provider).toBe(provider.urn);
  });
});
