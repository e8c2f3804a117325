import { describe, expect, it, beforeAll } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import * as lz from "../../src/index";
import { enumMemberName, inlineEnumName } from "../../src/provider/analyzer";
import { COMPONENTS, NOT_EXPOSED, PACKAGE_NAME } from "../../src/provider/components";
import { landingZoneProvider, PackageSchema } from "../../src/provider/schema";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";

// The schema is generated once, in-process, by Pulumi's ComponentProvider.getSchema (what the CLI
// calls over gRPC) with the analyzer extensions installed.
let schema: PackageSchema;
const provider = landingZoneProvider();
beforeAll(async () => { schema = JSON.parse(await provider.getSchema()) as PackageSchema; }, 120_000);

const token = (name: string) => `${PACKAGE_NAME}:index:${name}`;
const resource = (name: string) => {
  const r = schema.resources[token(name)];
  if (!r) throw new Error(`no resource ${token(name)} in the schema; resources: ${Object.keys(schema.resources).join(", ")}`);
  return r;
};
const refOf = (name: string) => `#/types/${token(name)}`;

/** Expected required inputs and outputs of each component; a new component adds a row. */
const EXPECTED: Record<string, { required: string[]; inputs: string[]; outputs: string[] }> = {
  GcpVpc: {
    required: ["cidr", "project", "regions", "subnets"],
    inputs: ["allowPublicRange", "cidr", "flowLogs", "googleApisAccess", "labels", "locationSlots", "mtu", "namePrefix", "nat", "project", "regions", "routingMode", "secondaryCidr", "subnets"],
    outputs: ["networkId", "networkName", "networkSelfLink", "subnetIds", "subnetIdsByKey", "subnetSelfLinksByKey", "subnets"],
  },
  AlicloudVpc: {
    required: ["cidr", "subnets", "zones"],
    inputs: ["allowPublicRange", "cidr", "deletionProtection", "locationSlots", "namePrefix", "nat", "resourceGroupId", "subnets", "tags", "zones"],
    outputs: ["natPublicIp", "subnets", "vpcId", "vswitchIds", "vswitchIdsByKey"],
  },
  GcpLogging: {
    required: ["location", "project"],
    inputs: ["bigquery", "bucketName", "exclusions", "folderId", "kmsKeyName", "labels", "level", "lifecycle", "location", "logKinds", "orgId", "production", "project", "pubsub", "retentionDays"],
    outputs: ["bucketName", "writerIdentities"],
  },
  GcpBudget: {
    required: ["amount", "billingAccount", "project"],
    inputs: ["amount", "billingAccount", "currency", "displayName", "emails", "filterLabels", "labels", "project", "projectNumber", "pubsub", "quotaProject", "thresholds"],
    outputs: ["budgetName"],
  },
  AlicloudLogging: {
    required: ["region"],
    inputs: ["flowLogRetentionDays", "flowLogVpcId", "kmsKeyId", "kmsRoleArn", "oss", "ossBucketName", "production", "region", "retentionDays", "slsProjectName", "tags"],
    outputs: ["slsProjectName", "trailName"],
  },
  AlicloudBudget: {
    required: ["amount"],
    inputs: ["accountIds", "amount", "budgetName", "currency", "emails", "endMonth", "endpoint", "lang", "manageBudget", "messageCenterContacts", "period", "startMonth", "thresholds"],
    outputs: ["budgetName", "contactGroupName"],
  },
  GcpRegistry: {
    required: ["location", "project"],
    inputs: ["cleanup", "description", "dockerHubProxy", "enableServices", "existing", "immutableTags", "kmsKeyName", "labels", "location", "members", "production", "project", "readers", "repositoryId", "robot", "robotAccountId", "robotWorkloadIdentity"],
    outputs: ["proxyUrl", "robotEmail", "url"],
  },
  AlicloudRegistry: {
    required: ["namespace", "region"],
    inputs: ["accountId", "cleanup", "createInstance", "domain", "immutableTags", "instanceId", "instanceName", "instanceType", "namespace", "period", "personaGroups", "production", "region", "repositories", "robot", "robotOidc", "scan", "sync", "tags", "vpcId", "vswitchId"],
    outputs: ["instanceId", "robotRoleArn", "url", "vpcUrl"],
  },
  GcpKeys: {
    required: ["location", "project"],
    inputs: ["defaultKeys", "enableServices", "keyRingName", "keys", "labels", "location", "production", "project", "protectionLevel", "rotationDays"],
    outputs: ["agentEmails", "readyKeyNames"],
  },
  AlicloudKeys: {
    required: ["region"],
    inputs: ["defaultKeys", "keys", "kmsInstanceId", "logServiceRole", "pendingWindowDays", "production", "region", "rotationDays", "tags"],
    outputs: ["keyIds", "logServiceRoleArn"],
  },
  GcpIam: {
    required: ["project"],
    inputs: ["allowBasicRoles", "billingAccount", "ciDeployerRobot", "customRoles", "dataAccessLogs", "extraRoles", "justification", "members", "production", "project", "robotImpersonators"],
    outputs: ["robotEmail"],
  },
  GcpWorkloadIdentity: {
    required: ["attributeCondition", "issuer", "project"],
    inputs: ["attributeCondition", "attributeMapping", "audiences", "issuer", "poolId", "project", "providerId"],
    outputs: ["poolName", "providerName"],
  },
  AlicloudRam: {
    required: [],
    inputs: ["customPolicies", "members", "production", "robot", "tags"],
    outputs: ["groupNames", "robotRoleArn", "robotRoleName"],
  },
  // `vpc` (the VPC component) is TypeScript-only; other languages give the plain form, which the
  // component requires when `vpc` is absent (LZ_VPC_ARG_MISSING), so the schema cannot mark it required.
  GcpFirewall: {
    required: [],
    inputs: ["adminPorts", "adminSources", "denyAllEgress", "namePrefix", "network", "onPremisesRanges", "project", "ranges", "rules", "subnets", "targetBy", "tiers", "vpcCidr"],
    outputs: ["firewallNames", "tierIdentities"],
  },
  AlicloudSecurityGroups: {
    required: [],
    inputs: ["adminPorts", "adminSources", "denyAllEgress", "namePrefix", "networkAcls", "onPremisesRanges", "ranges", "resourceGroupId", "rules", "serviceEndpoints", "tags", "tiers", "vpcCidr", "vpcId", "vswitches"],
    outputs: ["networkAclIds", "networkAclIdsByGroup", "securityGroupIds", "securityGroupIdsByTier"],
  },
  GcpHaVpn: {
    required: ["advertisedRanges", "network", "peer", "project", "region"],
    inputs: ["advertisedRanges", "asn", "avoidLinkLocalRanges", "keepaliveInterval", "labels", "linkLocalRanges", "network", "onPremisesRanges", "peer", "project", "region", "reservedRanges", "sharedSecret"],
    outputs: ["gatewayIps", "onPremisesConfig", "sharedSecrets"],
  },
  AlicloudVpn: {
    required: ["localSubnets", "onPremisesRanges", "peer", "vpcId", "vswitchId"],
    inputs: ["asn", "avoidLinkLocalRanges", "bandwidth", "disasterRecoveryVswitchId", "dualTunnel", "healthCheck", "linkLocalRanges", "localSubnets", "onPremisesRanges", "paymentType", "peer", "region", "reservedRanges", "resourceGroupId", "routeTableIds", "routing", "sharedSecret", "tags", "vpcId", "vswitchId"],
    outputs: ["gatewayIps", "onPremisesConfig", "sharedSecrets"],
  },
  GcpSecurityAlerts: {
    required: ["project"],
    inputs: ["emails", "entries", "labels", "notificationChannels", "project"],
    outputs: ["alertIds"],
  },
  AlicloudSecurityAlerts: {
    required: ["logstore", "region", "slsProjectName"],
    inputs: ["actionPolicyId", "assumeRole", "emails", "entries", "logstore", "region", "resourceRegion", "slsProjectName"],
    outputs: ["actionPolicyId", "alertIds"],
  },
};

describe("multi-language package schema", () => {
  it("is the landing-zone package with one component resource per exposed class and nothing else", () => {
    expect(schema.name).toBe("landing-zone");
    expect(Object.keys(schema.resources).sort()).toEqual(Object.keys(COMPONENTS).map(token).sort());
    for (const r of Object.values(schema.resources)) expect(r.isComponent).toBe(true);
    // Outputs are flat values, not child resource objects: no dependency on provider SDK schemas.
    expect(schema.dependencies).toEqual([]);
  });

  it("exposes every public component of src/index.ts, or says why not", () => {
    const isComponent = (v: unknown): v is Function =>
      typeof v === "function" && v.prototype instanceof pulumi.ComponentResource;
    const exported = Object.entries(lz).filter(([, v]) => isComponent(v)).map(([k]) => k).sort();
    const covered = [...Object.keys(COMPONENTS), ...Object.keys(NOT_EXPOSED)].sort();
    expect(covered).toEqual(exported);
    for (const [name, ctor] of Object.entries(COMPONENTS)) expect(ctor.name).toBe(name);
  });

  it("has the expected required inputs, inputs and outputs for each listed component", () => {
    for (const [name, want] of Object.entries(EXPECTED)) {
      if (!(name in COMPONENTS)) continue;
      const r = resource(name);
      expect({ name, required: r.requiredInputs }).toEqual({ name, required: want.required });
      expect({ name, inputs: Object.keys(r.inputProperties).sort() }).toEqual({ name, inputs: want.inputs });
      expect({ name, outputs: Object.keys(r.properties).sort() }).toEqual({ name, outputs: want.outputs });
    }
  });

  it("documents every component and every input", () => {
    const undocumented: string[] = [];
    for (const name of Object.keys(COMPONENTS)) {
      const r = resource(name);
      expect(r.description, `${name} description`).toBeTruthy();
      for (const [prop, def] of Object.entries(r.inputProperties)) if (!def.description) undocumented.push(`${name}.${prop}`);
    }
    expect(undocumented).toEqual([]);
  });

  it("takes args as plain data (no Input wrapping where the component branches on values)", () => {
    const vpc = resource("GcpVpc").inputProperties;
    expect(vpc.cidr).toEqual({ type: "string", plain: true, description: expect.any(String) });
    expect(vpc.regions).toEqual({ type: "array", items: { type: "string", plain: true }, plain: true, description: expect.any(String) });
    expect(vpc.subnets).toEqual({ type: "object", additionalProperties: { $ref: refOf("GcpSubnet"), plain: true }, plain: true, description: expect.any(String) });
  });

  it("turns readonly arrays into arrays and string-literal unions into string enums", () => {
    expect(schema.types[token("Tier")]).toEqual({ type: "string", enum: [{ name: "private", value: "private" }, { name: "public", value: "public" }] });
    expect(schema.types[token("GcpVpcRoutingMode")]).toEqual({ type: "string", enum: [{ name: "GLOBAL", value: "GLOBAL" }, { name: "REGIONAL", value: "REGIONAL" }] });
    const subnet = schema.types[token("GcpSubnet")]!;
    expect(subnet.required).toEqual(["tier"]);
    expect(subnet.properties!.tier).toEqual({ $ref: refOf("Tier"), plain: true, description: expect.any(String) });
    expect(subnet.properties!.regions).toMatchObject({ type: "array", items: { type: "string" }, plain: true });
    expect(resource("GcpVpc").inputProperties.routingMode).toMatchObject({ $ref: refOf("GcpVpcRoutingMode"), plain: true });
    expect(resource("AlicloudVpc").inputProperties.zones).toMatchObject({ type: "array", items: { type: "string", plain: true } });
  });

  it("gives outputs as values with their nested types", () => {
    const vpc = resource("GcpVpc").properties;
    expect(vpc.networkId).toEqual({ type: "string", description: expect.any(String) });
    expect(vpc.subnetIds).toEqual({ type: "object", additionalProperties: { type: "string" }, description: expect.any(String) });
    expect(vpc.subnets).toEqual({ type: "object", additionalProperties: { $ref: refOf("GcpSubnetInfo") }, description: expect.any(String) });
    expect(schema.types[token("GcpSubnetInfo")]!.required).toEqual(["cidr", "name", "region", "secondaryRanges", "tier"]);
    // natPublicIp is Output<string | undefined>: optional, so not in `required`.
    expect(resource("AlicloudVpc").required).toEqual(["subnets", "vpcId", "vswitchIds", "vswitchIdsByKey"]);
    // A plain record of outputs (known keys, one output each) is a map of strings as well.
    expect(vpc.subnetIdsByKey).toEqual({ type: "object", additionalProperties: { type: "string" }, description: expect.any(String) });
  });

  it("exposes a record of outputs as a map output", () => {
    expect(resource("AlicloudRam").properties.groupNames).toEqual({ type: "object", additionalProperties: { type: "string" }, description: expect.any(String) });
    expect(resource("AlicloudRam").required).toContain("groupNames");
  });

  it("keeps @default in descriptions", () => {
    expect(resource("GcpVpc").inputProperties.mtu!.description).toBe("Network MTU, 1300–8896. Default: 1460");
    expect(resource("GcpVpc").inputProperties.routingMode!.description).toBe('Dynamic routing scope of Cloud Routers. Default: "GLOBAL"');
  });

  it("names enum types and members deterministically", () => {
    expect(inlineEnumName("GcpVpcArgs", "routingMode")).toBe("GcpVpcRoutingMode");
    expect(inlineEnumName("GcpLoggingArgs", "logKinds[]")).toBe("GcpLoggingLogKinds");
    expect(enumMemberName("zh_CN")).toBe("zh_CN");
    expect(enumMemberName("5m")).toBe("_5m");
    expect(enumMemberName("a-b")).toBe("a_b");
  });
});

describe("type names", () => {
  it("drop a trailing Args from object types, keep enums and outputs as they are", () => {
    const names = Object.keys(schema.types).map((t) => t.split(":")[2]).sort();
    expect(names).toEqual(expect.arrayContaining(["GcpSubnet", "GcpSecondaryRange", "GcpFlowLog", "GcpNat", "GcpSubnetInfo", "AlicloudSubnet", "AlicloudNat", "Tier"]));
    // `TierArgs` (firewall tiers) keeps its suffix: `Tier` is already the subnet tier enum.
    expect(names.filter((n) => n!.endsWith("Args"))).toEqual(["TierArgs"]);
    const refs = JSON.stringify(schema).match(/#\/types\/[^"]+/g) ?? [];
    for (const ref of refs) expect(schema.types[ref.slice("#/types/".length)], ref).toBeDefined();
  });
});

describe("construct (what a C#, Python, Go or YAML program's `new GcpVpc(...)` runs)", () => {
  it("builds the component from its token and plain inputs and returns the schema's outputs", async () => {
    const inv = await runOffline(async () => {
      const vpc = await provider.construct("core", token("GcpVpc"), {
        project: "acme-net", cidr: "10.30.0.0/16", regions: ["europe-west1"],
        subnets: { web: { tier: "public", size: 24 }, app: { tier: "private", size: 22 } },
      }, {});
      const registry = await provider.construct("images", token("GcpRegistry"), { project: "acme-net", location: "europe-west1" }, {});
      const ram = await provider.construct("iam", token("AlicloudRam"), { members: { developer: ["alice.dev"] } }, {});
      return { vpc: vpc.state, registry: registry.state, ram: ram.state };
    }, { project: "csharp-app", stack: "dev" });
    expect(findResource(inv, "landing-zone:index:GcpVpc", "core").type).toBe(token("GcpVpc"));
    expect(findResource(inv, "gcp:compute/subnetwork:Subnetwork", "core-app-europe-west1").inputs).toMatchObject({ ipCidrRange: "10.30.16.0/22" });
    const vpc = inv.outputs.vpc as Record<string, unknown>;
    expect(Object.keys(vpc).sort()).toEqual(Object.keys(resource("GcpVpc").properties).sort());
    expect(vpc.subnetIds).toEqual({
      "app-europe-west1": "projects/acme-net/regions/europe-west1/subnetworks/core-app-europe-west1",
      "web-europe-west1": "projects/acme-net/regions/europe-west1/subnetworks/core-web-europe-west1",
    });
    expect((inv.outputs.registry as Record<string, unknown>).url).toBe("europe-west1-docker.pkg.dev/acme-net/images");
    expect((inv.outputs.ram as Record<string, Record<string, string>>).groupNames!.developer).toBe("iam-developer");
  });

  it("refuses a token of another package", async () => {
    await expect(provider.construct("x", "other:index:GcpVpc", {}, {})).rejects.toThrow(/Invalid package name other/);
  });
});
