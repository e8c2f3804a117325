import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { runOffline } from "../../src/offline/harness";
import { parseEnvironment } from "../../src/planner";
import { buildLandingZone } from "../../src/program/landing-zone";
import { configProblems } from "../helpers";
import { findResource, type Inventory, resourcesOfType } from "../../src/offline/inventory";
import { plannedStackFile } from "../stack-plans";

/** Issue 12's paths, proven on the shipped stack files by the exact inputs of the resources that carry each hop. */
const plans: Record<string, Promise<Inventory>> = {};
const plan = (stack: string) => (plans[stack] ??= plannedStackFile(`Pulumi.${stack}.yaml`));

describe("workloads reach Google APIs and Artifact Registry by name (GCP)", () => {
  it.each([["dev", "private", "199.36.153.8"], ["staging", "private", "199.36.153.8"], ["prod", "restricted", "199.36.153.4"]])(
    "%s: private zones on the network resolve googleapis.com and pkg.dev to the %s VIP, with a VIP route and the DNS API on",
    async (stack, vip, first) => {
      const inv = await plan(stack);
      const networkUrl = `https://www.googleapis.com/compute/v1/projects/acme-lz-${stack}/global/networks/${stack}-core`;
      for (const zone of [`${stack}-core-googleapis`, `${stack}-core-pkg-dev`]) {
        expect(findResource(inv, "gcp:dns/managedZone:ManagedZone", zone).inputs).toMatchObject({
          visibility: "private", privateVisibilityConfig: { networks: [{ networkUrl }] },
        });
      }
      expect(findResource(inv, "gcp:dns/recordSet:RecordSet", `${stack}-core-googleapis-wildcard`).inputs.rrdatas).toEqual([`${vip}.googleapis.com.`]);
      expect((findResource(inv, "gcp:dns/recordSet:RecordSet", `${stack}-core-pkg-dev-vip`).inputs.rrdatas as string[])[0]).toBe(first);
      expect(findResource(inv, "gcp:compute/route:Route", `${stack}-core-${vip}-googleapis`).inputs).toMatchObject({
        destRange: `${first}/30`, nextHopGateway: `projects/acme-lz-${stack}/global/gateways/default-internet-gateway`,
      });
      const apis = resourcesOfType(inv, "gcp:projects/service:Service").map((r) => r.inputs.service);
      expect(apis).toContain("dns.googleapis.com");
    });
});

describe("on-premises reaches the app tier over the VPN, and replies return", () => {
  it.each(["staging", "prod"])("%s: GCP admits on-premises ranges to app; the Alibaba custom route tables route them to the VPN gateway", async (stack) => {
    const inv = await plan(stack);
    expect(findResource(inv, "gcp:compute/firewall:Firewall", `${stack}-fw-app-in`).inputs).toMatchObject({
      direction: "INGRESS", sourceRanges: ["192.168.0.0/20", "172.16.0.0/16"], sourceTags: ["tier-web"], targetTags: ["tier-app"],
    });
    const routes = resourcesOfType(inv, "alicloud:vpc/routeEntry:RouteEntry").filter((r) => r.inputs.nexthopType === "VpnGateway");
    expect(routes.map((r) => r.name).sort()).toEqual([
      `${stack}-vpn-rt-private-datacenter`, `${stack}-vpn-rt-private-hq`, `${stack}-vpn-rt-public-datacenter`, `${stack}-vpn-rt-public-hq`,
    ]);
    expect(findResource(inv, "alicloud:vpc/routeEntry:RouteEntry", `${stack}-vpn-rt-private-hq`).inputs).toMatchObject({
      destinationCidrblock: "192.168.0.0/20", nexthopId: expect.stringMatching(/^vpn-/), routeTableId: expect.stringMatching(/^vtb-/),
    });
    const sgRules = resourcesOfType(inv, "alicloud:ecs/securityGroupRule:SecurityGroupRule").map((r) => r.name);
    expect(sgRules).toContain(`${stack}-fw-app-app-in-onprem-192-168-0-0-20-8080`);
  });
});

describe("the CI identity pushes images keylessly", () => {
  it.each(["dev", "staging", "prod"])("%s: the registry robot is bound to the environment's job in the project's pool; Alibaba grants the login token on *", async (stack) => {
    const inv = await plan(stack);
    const pool = findResource(inv, "gcp:iam/workloadIdentityPool:WorkloadIdentityPool", `${stack}-ci`);
    expect(pool.inputs).toMatchObject({ project: `acme-lz-${stack}`, workloadIdentityPoolId: `${stack}-ci` });
    expect(findResource(inv, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", `${stack}-ci-github`).inputs).toMatchObject({
      attributeCondition: "assertion.repository == 'acme/app'", oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
    });
    const binding = findResource(inv, "gcp:serviceaccount/iAMMember:IAMMember", `${stack}-registry-robot-wif-repo-acme-app-environment-${stack}`);
    expect(binding.inputs).toMatchObject({
      role: "roles/iam.workloadIdentityUser",
      member: expect.stringMatching(new RegExp(`^principal://iam\\.googleapis\\.com/projects/\\d+/locations/global/workloadIdentityPools/${stack}-ci/subject/repo:acme/app:environment:${stack}$`)),
    });
    const push = JSON.parse(findResource(inv, "alicloud:ram/policy:Policy", `${stack}-registry-push`).inputs.policyDocument as string);
    expect(push.Statement[0]).toEqual({ Effect: "Allow", Action: ["cr:GetAuthorizationToken"], Resource: ["*"] });
  });
});

describe("Alibaba instances reach NTP, DNS and the registry's VPC endpoint under deny-all egress", () => {
  it.each(["staging", "prod"])("%s: every tier may reach the service network on udp 123 and tcp 53, and the endpoint vSwitch on 443", async (stack) => {
    const inv = await plan(stack);
    const names = resourcesOfType(inv, "alicloud:ecs/securityGroupRule:SecurityGroupRule").map((r) => r.name);
    for (const tier of ["web", "app", "data"]) {
      expect(names).toContain(`${stack}-fw-${tier}-cloud-ntp-cloud-services-100-64-0-0-10-123`);
      expect(names).toContain(`${stack}-fw-${tier}-cloud-dns-tcp-cloud-services-100-64-0-0-10-53`);
    }
    const endpoint = resourcesOfType(inv, "alicloud:ecs/securityGroupRule:SecurityGroupRule").filter((r) => r.name.includes("cloud-endpoints"));
    expect(endpoint.map((r) => r.inputs.cidrIp)).toEqual(Array(3).fill(findResource(inv, "alicloud:vpc/switch:Switch", endpointSwitch(inv)).inputs.cidrBlock));
  });
});

/** The vSwitch the registry's VPC endpoint is linked to. */
function endpointSwitch(inv: Inventory): string {
  const link = resourcesOfType(inv, "alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc")[0]!;
  const vsw = resourcesOfType(inv, "alicloud:vpc/switch:Switch");
  // Offline ids are derived from names; the link's vswitchId names the vSwitch resource.
  return vsw.find((s) => String(link.inputs.vswitchId).length > 0 && link.dependencies.includes(s.urn))!.name;
}

describe("deploy-time defects", () => {
  it.each(["dev", "staging", "prod"])("%s: the budget bills its API calls to the project and counts the whole project", async (stack) => {
    const inv = await plan(stack);
    expect(findResource(inv, "pulumi:providers:gcp", `${stack}-budget-billing`).inputs).toMatchObject({
      billingProject: `acme-lz-${stack}`, userProjectOverride: "true",
    });
    expect((findResource(inv, "gcp:billing/budget:Budget", `${stack}-budget`).inputs.budgetFilter as Record<string, unknown>).labels).toBeUndefined();
  });

  it("each stack deploys Alibaba resources into its own account through the Resource Directory role", async () => {
    const roles = await Promise.all(["dev", "staging", "prod"].map(async (stack) => {
      const provider = findResource(await plan(stack), "pulumi:providers:alicloud", `${stack}-alicloud`);
      return JSON.parse(String(provider.inputs.assumeRole)) as { roleArn: string };
    }));
    expect(roles.map((r) => r.roleArn)).toEqual([
      "acs:ram::5100000000000001:role/ResourceDirectoryAccountAccessRole",
      "acs:ram::5100000000000002:role/ResourceDirectoryAccountAccessRole",
      "acs:ram::5100000000000003:role/ResourceDirectoryAccountAccessRole",
    ]);
  });
});

describe("config of the paths", () => {
  const PROD = readStackFile("Pulumi.prod.yaml").values;

  it("refuses single tunnel in a dual-tunnel region, a shared account, no account in production, and a robot binding without pool, all at once", () => {
    const raw = structuredClone(PROD) as Record<string, any>;
    raw.alicloud.vpn.dualTunnel = false;
    delete raw.alicloud.vpn.secondaryIp;
    raw.alicloud.vpn.peer = { asn: 65010, ip: "81.2.69.10" };
    raw.alicloud.account.otherEnvironments.staging = raw.alicloud.account.id;
    delete raw.gcp.workloadIdentity;
    expect(configProblems(raw)).toEqual([
      ["LZ_ALICLOUD_ACCOUNT_SHARED", "landing-zone:alicloud.account.id"],
      ["LZ_VPN_DUAL_TUNNEL_REQUIRED", "landing-zone:alicloud.vpn.dualTunnel"],
      ["LZ_WIF_POOL_MISSING", "landing-zone:gcp.registry.robotWorkloadIdentity.pool"],
    ]);
    const foreign = structuredClone(PROD) as Record<string, any>;
    foreign.alicloud.ram.robot.oidcProviderArn = "acs:ram::5100000000000001:oidc-provider/github";
    expect(configProblems(foreign)).toEqual([["LZ_ALICLOUD_ACCOUNT_MISMATCH", "landing-zone:alicloud.ram.robot.oidcProviderArn"]]);
    const noAccount = structuredClone(PROD) as Record<string, any>;
    delete noAccount.alicloud.account;
    expect(configProblems(noAccount)).toEqual([["LZ_ALICLOUD_ACCOUNT_MISSING", "landing-zone:alicloud.account"]]);
  });

  it("takes the Google APIs VIP, the budget's label filter and quota project, and an external pool from config", async () => {
    const raw = structuredClone(PROD) as Record<string, any>;
    raw.gcp.network.googleApisAccess = "private";
    raw.gcp.audit.budget.filterLabels = { environment: "prod" };
    raw.gcp.audit.budget.quotaProject = "acme-billing-ops";
    raw.gcp.registry.robotWorkloadIdentity.pool = "projects/884902664132/locations/global/workloadIdentityPools/github";
    const inv = await runOffline(() => buildLandingZone(parseEnvironment(raw)));
    expect(findResource(inv, "gcp:compute/route:Route", "prod-core-private-googleapis").inputs.destRange).toBe("199.36.153.8/30");
    expect((findResource(inv, "gcp:billing/budget:Budget", "prod-budget").inputs.budgetFilter as Record<string, unknown>).labels).toEqual({ environment: "prod" });
    expect(findResource(inv, "pulumi:providers:gcp", "prod-budget-billing").inputs.billingProject).toBe("acme-billing-ops");
    expect(findResource(inv, "gcp:serviceaccount/iAMMember:IAMMember", "prod-registry-robot-wif-repo-acme-app-environment-prod").inputs.member)
      .toBe("principal://iam.googleapis.com/projects/884902664132/locations/global/workloadIdentityPools/github/subject/repo:acme/app:environment:prod");
    const off = structuredClone(PROD) as Record<string, any>;
    off.gcp.network.googleApisAccess = "off";
    const offInv = await runOffline(() => buildLandingZone(parseEnvironment(off)));
    expect(offInv.resources.filter((r) => r.type.startsWith("gcp:dns/"))).toEqual([]);
    expect(resourcesOfType(offInv, "gcp:projects/service:Service").map((r) => r.inputs.service)).not.toContain("dns.googleapis.com");
  });
});
