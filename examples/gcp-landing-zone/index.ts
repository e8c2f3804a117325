// A complete Google Cloud landing zone from the components, without the stack program:
// a VPC with public and private subnets in two regions (Cloud NAT for the private ones), tier
// firewalls (deny-all ingress, admin only through IAP), an HA VPN with BGP to the office,
// persona IAM with a keyless CI robot, a scanned Artifact Registry repository with persona
// access and its own keyless CI robot, audit logs routed to a locked bucket, and a monthly budget. In your own project import from
// "pulumi-landing-zone" instead of "../../src".
import * as pulumi from "@pulumi/pulumi";
import { GcpBudget, GcpFirewall, GcpHaVpn, GcpIam, GcpLogging, GcpRegistry, GcpVpc } from "../../src";

export default function gcpLandingZone() {
  const config = new pulumi.Config();
  const project = config.get("project") ?? "acme-landing-dev";
  const billingAccount = config.get("billingAccount") ?? "012345-6789AB-CDEF01";
  const labels = { environment: "dev", owner: "platform", "cost-center": "cc-1234" };

  const vpc = new GcpVpc("core", {
    project,
    cidr: "10.10.0.0/16",
    regions: ["europe-west1", "europe-west4"],
    subnets: {
      web: { tier: "public", size: 24 },
      app: { tier: "private", size: 22, secondaryRanges: { pods: { size: 20 }, services: { size: 24 } } },
      data: { tier: "private", size: 24, regions: ["europe-west1"] },
    },
    secondaryCidr: "100.64.0.0/16",
    labels,
  });

  // Firewall rules between the web, app and data tiers, keyed by subnet name.
  const subnetCidrs: Record<string, string[]> = {};
  for (const s of vpc.plan.subnets) (subnetCidrs[s.name] ??= []).push(s.cidr);
  const onPremisesRanges = { hq: "192.168.0.0/16" };
  const firewall = new GcpFirewall("core", { project, network: vpc.networkId, vpcCidr: "10.10.0.0/16", subnets: subnetCidrs, onPremisesRanges });

  // HA VPN to two office routers; the pre-shared keys are generated and stay secret.
  const vpn = new GcpHaVpn("office", {
    project,
    region: "europe-west1",
    network: vpc.networkId,
    peer: { asn: 65010, interfaces: ["81.2.69.10", "81.2.69.11"] },
    advertisedRanges: { vpc: "10.10.0.0/16" },
    onPremisesRanges,
    labels,
  });

  const iam = new GcpIam("iam", {
    project,
    members: {
      platformAdmin: ["group:platform@acme.example"],
      developer: ["group:developers@acme.example"],
      securityAuditor: ["group:security@acme.example"],
    },
    ciDeployerRobot: true,
  });

  const registry = new GcpRegistry("images", {
    project,
    location: "europe-west1",
    members: { developer: ["group:developers@acme.example"], tester: ["group:testers@acme.example"] },
    labels,
  });

  const audit = new GcpLogging("audit", { project, location: "europe-west1", labels });

  const budget = new GcpBudget("budget", {
    billingAccount,
    project,
    amount: 500,
    currency: "EUR",
    emails: { platform: "platform@acme.example" },
    labels,
  });

  // Stack outputs: what workload stacks read through a StackReference (see examples/consumer).
  return {
    project,
    networkId: vpc.networkId,
    networkSelfLink: vpc.networkSelfLink,
    subnetIds: vpc.subnetIds,
    subnets: vpc.subnets,
    firewallRules: firewall.firewallNames,
    tierIdentities: firewall.tierIdentities,
    ciDeployerEmail: iam.robotEmail,
    vpnGatewayIps: vpn.gatewayIps,
    vpnTunnels: vpn.onPremisesConfig,
    vpnSharedSecrets: vpn.sharedSecrets,
    registryUrl: registry.url,
    registryRepository: registry.plan.repositoryId,
    registryLocation: "europe-west1",
    ciRobotEmail: registry.robotEmail,
    auditBucket: audit.bucketName,
    budgetName: budget.budgetName,
  };
}
