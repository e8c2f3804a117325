import { createHash } from "node:crypto";

/** Inputs a resource was registered with (plain, secrets unwrapped by the mock runtime). */
export type Inputs = Record<string, any>;

/** Computes the provider-side outputs of one resource type: id plus computed properties. */
export type OutputsFn = (name: string, inputs: Inputs) => { id: string; outputs?: Inputs };

/** A stable hex digest of the given parts (no randomness: plans are byte-for-byte repeatable). */
export function digest(...parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

/** A deterministic, globally routable looking IPv4 address (e.g. 34.x.y.z) for `seed`. */
export function fakePublicIp(first: number, seed: string): string {
  const h = digest(seed);
  const b = (i: number) => parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return `${first}.${b(0)}.${b(1)}.${(b(2) % 250) + 2}`;
}

/** A deterministic numeric id with `digits` digits for `seed`. */
export function fakeNumber(seed: string, digits = 12): string {
  const n = BigInt(`0x${digest(seed).slice(0, 15)}`) % 10n ** BigInt(digits);
  return n.toString().padStart(digits, "1");
}

const COMPUTE = "https://www.googleapis.com/compute/v1/";

function gcpProject(inputs: Inputs): string {
  return typeof inputs.project === "string" ? inputs.project : "mock-project";
}

function gcpRegion(inputs: Inputs): string {
  return typeof inputs.region === "string" ? inputs.region : "us-central1";
}

function gcpName(name: string, inputs: Inputs): string {
  return typeof inputs.name === "string" ? inputs.name : name;
}

/**
 * A Google service agent's email offline: the project number is `fakeNumber(<project id>)`, the
 * number `getProject` answers, so every agent of one project shares it.
 */
function gcpServiceAgent(project: string, service: string): string {
  const n = fakeNumber(project);
  if (service === "storage.googleapis.com") return `service-${n}@gs-project-accounts.iam.gserviceaccount.com`;
  if (service === "bigquery.googleapis.com") return `bq-${n}@bigquery-encryption.iam.gserviceaccount.com`;
  return `service-${n}@gcp-sa-${service.split(".")[0]}.iam.gserviceaccount.com`;
}

/** `projects/P/regions/R/<collection>/N` with its compute self link. */
function regional(collection: string): OutputsFn {
  return (name, inputs) => {
    const id = `projects/${gcpProject(inputs)}/regions/${gcpRegion(inputs)}/${collection}/${gcpName(name, inputs)}`;
    return { id, outputs: { name: gcpName(name, inputs), selfLink: `${COMPUTE}${id}`, region: gcpRegion(inputs) } };
  };
}

/** `projects/P/global/<collection>/N` with its compute self link. */
function global(collection: string): OutputsFn {
  return (name, inputs) => {
    const id = `projects/${gcpProject(inputs)}/global/${collection}/${gcpName(name, inputs)}`;
    return { id, outputs: { name: gcpName(name, inputs), selfLink: `${COMPUTE}${id}` } };
  };
}

/** Alibaba-style id: `<prefix>-<20 hex>`. */
function aliId(prefix: string, name: string): string {
  return `${prefix}-${digest(prefix, name).slice(0, 20)}`;
}

function ali(prefix: string, extra?: (id: string, name: string, inputs: Inputs) => Inputs): OutputsFn {
  return (name, inputs) => {
    const id = aliId(prefix, name);
    return { id, outputs: extra ? extra(id, name, inputs) : {} };
  };
}

/** The Alibaba account id used offline in ARNs. */
export const MOCK_ALICLOUD_ACCOUNT = "1234567890123456";

/**
 * Realistic provider-computed outputs by type token, for the resource types the landing zone
 * creates. Types not listed get a generic id; add entries with `registerMockOutputs`.
 */
const TABLE: Record<string, OutputsFn> = {
  // --- GCP network
  "gcp:compute/network:Network": (name, inputs) => {
    const r = global("networks")(name, inputs);
    return { id: r.id, outputs: { ...r.outputs, numericId: fakeNumber(r.id, 19), networkId: fakeNumber(r.id, 19) } };
  },
  "gcp:compute/subnetwork:Subnetwork": (name, inputs) => {
    const r = regional("subnetworks")(name, inputs);
    const [base] = String(inputs.ipCidrRange ?? "10.0.0.0/24").split("/");
    const octets = base!.split(".").map(Number);
    octets[3] = octets[3]! + 1;
    return { id: r.id, outputs: { ...r.outputs, gatewayAddress: octets.join("."), subnetworkId: Number(fakeNumber(r.id, 9)) } };
  },
  "gcp:compute/router:Router": regional("routers"),
  "gcp:compute/routerNat:RouterNat": (name, inputs) => ({
    id: `${gcpProject(inputs)}/${gcpRegion(inputs)}/${inputs.router}/${gcpName(name, inputs)}`,
    outputs: { name: gcpName(name, inputs) },
  }),
  "gcp:compute/address:Address": (name, inputs) => {
    const r = regional("addresses")(name, inputs);
    const address = inputs.addressType === "INTERNAL" ? (inputs.address ?? "10.0.0.2") : fakePublicIp(34, r.id);
    return { id: r.id, outputs: { ...r.outputs, address } };
  },
  "gcp:compute/firewall:Firewall": global("firewalls"),
  "gcp:compute/route:Route": global("routes"),
  "gcp:compute/networkFirewallPolicy:NetworkFirewallPolicy": global("firewallPolicies"),
  "gcp:compute/haVpnGateway:HaVpnGateway": (name, inputs) => {
    const r = regional("vpnGateways")(name, inputs);
    return {
      id: r.id,
      outputs: { ...r.outputs, vpnInterfaces: [0, 1].map((i) => ({ id: i, ipAddress: fakePublicIp(35, `${r.id}/${i}`) })) },
    };
  },
  "gcp:compute/externalVpnGateway:ExternalVpnGateway": global("externalVpnGateways"),
  "gcp:compute/vPNTunnel:VPNTunnel": (name, inputs) => {
    const r = regional("vpnTunnels")(name, inputs);
    return { id: r.id, outputs: { ...r.outputs, tunnelId: fakeNumber(r.id, 19), detailedStatus: "Tunnel is up and running." } };
  },
  "gcp:compute/routerInterface:RouterInterface": (name, inputs) => ({
    id: `${gcpRegion(inputs)}/${inputs.router}/${gcpName(name, inputs)}`,
    outputs: { name: gcpName(name, inputs) },
  }),
  "gcp:compute/routerPeer:RouterPeer": (name, inputs) => ({
    id: `projects/${gcpProject(inputs)}/regions/${gcpRegion(inputs)}/routers/${inputs.router}/${gcpName(name, inputs)}`,
    outputs: { name: gcpName(name, inputs) },
  }),
  // --- GCP identity
  "gcp:serviceaccount/account:Account": (name, inputs) => {
    const project = gcpProject(inputs);
    const email = `${inputs.accountId ?? name}@${project}.iam.gserviceaccount.com`;
    return {
      id: `projects/${project}/serviceAccounts/${email}`,
      outputs: { email, member: `serviceAccount:${email}`, name: `projects/${project}/serviceAccounts/${email}`, uniqueId: fakeNumber(email, 21) },
    };
  },
  "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": (name, inputs) => {
    const pool = inputs.workloadIdentityPoolId ?? name;
    return {
      id: `projects/${gcpProject(inputs)}/locations/global/workloadIdentityPools/${pool}`,
      outputs: { name: `projects/${fakeNumber(gcpProject(inputs))}/locations/global/workloadIdentityPools/${pool}`, state: "ACTIVE" },
    };
  },
  "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": (name, inputs) => {
    const path = `locations/global/workloadIdentityPools/${inputs.workloadIdentityPoolId}/providers/${inputs.workloadIdentityPoolProviderId ?? name}`;
    return { id: `projects/${gcpProject(inputs)}/${path}`, outputs: { name: `projects/${fakeNumber(gcpProject(inputs))}/${path}`, state: "ACTIVE" } };
  },
  "gcp:projects/iAMCustomRole:IAMCustomRole": (name, inputs) => {
    const id = `projects/${gcpProject(inputs)}/roles/${inputs.roleId ?? name}`;
    return { id, outputs: { name: id } };
  },
  "gcp:organizations/iAMCustomRole:IAMCustomRole": (name, inputs) => {
    const id = `organizations/${inputs.orgId}/roles/${inputs.roleId ?? name}`;
    return { id, outputs: { name: id } };
  },
  // --- GCP logging, storage, messaging
  "gcp:storage/bucket:Bucket": (name, inputs) => {
    const bucket = gcpName(name, inputs);
    return { id: bucket, outputs: { name: bucket, url: `gs://${bucket}`, selfLink: `https://www.googleapis.com/storage/v1/b/${bucket}` } };
  },
  "gcp:logging/projectSink:ProjectSink": (name, inputs) => ({
    id: `projects/${gcpProject(inputs)}/sinks/${gcpName(name, inputs)}`,
    outputs: { name: gcpName(name, inputs), writerIdentity: `serviceAccount:service-${fakeNumber(gcpProject(inputs))}@gcp-sa-logging.iam.gserviceaccount.com` },
  }),
  "gcp:logging/folderSink:FolderSink": (name, inputs) => ({
    id: `folders/${inputs.folder}/sinks/${gcpName(name, inputs)}`,
    outputs: { name: gcpName(name, inputs), writerIdentity: `serviceAccount:service-folder-${fakeNumber(String(inputs.folder))}@gcp-sa-logging.iam.gserviceaccount.com` },
  }),
  "gcp:logging/organizationSink:OrganizationSink": (name, inputs) => ({
    id: `organizations/${inputs.orgId}/sinks/${gcpName(name, inputs)}`,
    outputs: { name: gcpName(name, inputs), writerIdentity: `serviceAccount:service-org-${fakeNumber(String(inputs.orgId))}@gcp-sa-logging.iam.gserviceaccount.com` },
  }),
  "gcp:pubsub/topic:Topic": (name, inputs) => {
    const id = `projects/${gcpProject(inputs)}/topics/${gcpName(name, inputs)}`;
    return { id, outputs: { name: gcpName(name, inputs) } };
  },
  "gcp:bigquery/dataset:Dataset": (name, inputs) => {
    const id = `projects/${gcpProject(inputs)}/datasets/${inputs.datasetId ?? name}`;
    return { id, outputs: { selfLink: `https://bigquery.googleapis.com/bigquery/v2/${id}` } };
  },
  "gcp:monitoring/notificationChannel:NotificationChannel": (name, inputs) => {
    const id = `projects/${gcpProject(inputs)}/notificationChannels/${fakeNumber(name, 19)}`;
    return { id, outputs: { name: id } };
  },
  "gcp:billing/budget:Budget": (name, inputs) => {
    const id = `billingAccounts/${inputs.billingAccount}/budgets/${digest(name).slice(0, 36)}`;
    return { id, outputs: { name: id } };
  },
  "gcp:kms/keyRing:KeyRing": (name, inputs) => ({
    id: `projects/${gcpProject(inputs)}/locations/${inputs.location}/keyRings/${gcpName(name, inputs)}`,
  }),
  "gcp:kms/cryptoKey:CryptoKey": (name, inputs) => ({ id: `${inputs.keyRing}/cryptoKeys/${gcpName(name, inputs)}` }),
  "gcp:artifactregistry/repository:Repository": (name, inputs) => {
    const location = inputs.location ?? "us-central1";
    const id = `projects/${gcpProject(inputs)}/locations/${location}/repositories/${inputs.repositoryId ?? name}`;
    return { id, outputs: { name: inputs.repositoryId ?? name, location } };
  },
  "gcp:projects/service:Service": (name, inputs) => ({ id: `${gcpProject(inputs)}/${inputs.service ?? name}` }),
  "gcp:projects/serviceIdentity:ServiceIdentity": (name, inputs) => {
    const email = gcpServiceAgent(gcpProject(inputs), String(inputs.service ?? name));
    return { id: `projects/${gcpProject(inputs)}/services/${inputs.service}`, outputs: { email, member: `serviceAccount:${email}` } };
  },
  "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": (name, inputs) => ({
    id: `${inputs.cryptoKeyId}/${inputs.role}/${inputs.member}`, outputs: { etag: `BwY${digest(name).slice(0, 8)}` },
  }),
  // --- Alibaba network
  "alicloud:vpc/network:Network": ali("vpc", (id) => ({
    routerId: aliId("vrt", id), routeTableId: aliId("vtb", id), status: "Available",
  })),
  "alicloud:vpc/switch:Switch": ali("vsw", () => ({ status: "Available" })),
  "alicloud:vpc/natGateway:NatGateway": ali("ngw", (id) => ({
    snatTableIds: aliId("stb", id), forwardTableIds: aliId("ftb", id), status: "Available",
  })),
  "alicloud:ecs/eipAddress:EipAddress": ali("eip", (id) => ({ ipAddress: fakePublicIp(47, id), status: "Available" })),
  "alicloud:ecs/eipAssociation:EipAssociation": (name, inputs) => ({ id: `${inputs.allocationId}:${inputs.instanceId}` }),
  "alicloud:vpc/snatEntry:SnatEntry": ali("snat", (id) => ({ snatEntryId: id })),
  "alicloud:vpc/routeTable:RouteTable": ali("vtb"),
  "alicloud:vpc/routeTableAttachment:RouteTableAttachment": (name, inputs) => ({ id: `${inputs.routeTableId}:${inputs.vswitchId}` }),
  "alicloud:vpc/routeEntry:RouteEntry": (name, inputs) => ({
    id: `${inputs.routeTableId}:${digest(name).slice(0, 8)}:${inputs.destinationCidrblock}:${inputs.nexthopType}:${inputs.nexthopId}`,
  }),
  "alicloud:vpc/ipv4Gateway:Ipv4Gateway": ali("ipv4gw"),
  "alicloud:vpc/networkAcl:NetworkAcl": ali("nacl"),
  "alicloud:vpc/flowLog:FlowLog": ali("fl"),
  "alicloud:ecs/securityGroup:SecurityGroup": ali("sg"),
  "alicloud:ecs/securityGroupRule:SecurityGroupRule": (name, inputs) => ({
    id: `${inputs.securityGroupId}:${inputs.type}:${inputs.ipProtocol}:${inputs.portRange ?? "-1/-1"}:${digest(name).slice(0, 8)}`,
  }),
  // --- Alibaba VPN
  "alicloud:vpn/gateway:Gateway": ali("vpn", (id, _n, inputs) => ({
    internetIp: fakePublicIp(47, id),
    disasterRecoveryInternetIp: inputs.disasterRecoveryVswitchId ? fakePublicIp(47, `${id}/dr`) : undefined,
    sslVpnInternetIp: inputs.enableSsl ? fakePublicIp(47, `${id}/ssl`) : undefined,
    status: "active",
  })),
  "alicloud:vpn/customerGateway:CustomerGateway": ali("cgw"),
  "alicloud:vpn/connection:Connection": ali("vco", () => ({ status: "ike_sa_not_established" })),
  "alicloud:vpn/gatewayVpnAttachment:GatewayVpnAttachment": ali("vco"),
  "alicloud:vpn/routeEntry:RouteEntry": (name, inputs) => ({ id: `${inputs.vpnGatewayId}:${inputs.nextHop}:${inputs.routeDest}` }),
  "alicloud:vpn/pbrRouteEntry:PbrRouteEntry": (name, inputs) => ({ id: `${inputs.vpnGatewayId}:${inputs.nextHop}:${inputs.routeSource}:${inputs.routeDest}` }),
  // --- Alibaba RAM
  "alicloud:ram/role:Role": (name, inputs) => {
    const roleName = inputs.roleName ?? name;
    return { id: roleName, outputs: { arn: `acs:ram::${MOCK_ALICLOUD_ACCOUNT}:role/${String(roleName).toLowerCase()}`, roleId: fakeNumber(roleName, 18) } };
  },
  "alicloud:ram/policy:Policy": (name, inputs) => ({ id: inputs.policyName ?? name, outputs: { type: "Custom" } }),
  "alicloud:ram/group:Group": (name, inputs) => ({ id: inputs.groupName ?? name }),
  "alicloud:ram/user:User": (name, inputs) => ({ id: fakeNumber(inputs.name ?? name, 16) }),
  // --- Alibaba logging
  "alicloud:log/project:Project": (name, inputs) => ({ id: inputs.projectName ?? name }),
  "alicloud:log/store:Store": (name, inputs) => ({ id: `${inputs.projectName}:${inputs.logstoreName ?? name}` }),
  "alicloud:actiontrail/trail:Trail": (name, inputs) => ({ id: inputs.trailName ?? name }),
  "alicloud:oss/bucket:Bucket": (name, inputs) => {
    const bucket = inputs.bucket ?? name;
    return { id: bucket, outputs: { extranetEndpoint: "oss-cn-hangzhou.aliyuncs.com", intranetEndpoint: "oss-cn-hangzhou-internal.aliyuncs.com" } };
  },
  "alicloud:kms/key:Key": (name) => {
    const h = digest("kms-key", name);
    const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    return { id, outputs: { arn: `acs:kms:cn-hangzhou:${MOCK_ALICLOUD_ACCOUNT}:key/${id}` } };
  },
  "alicloud:kms/alias:Alias": (name, inputs) => ({ id: inputs.aliasName ?? name }),
  "alicloud:cms/alarmContact:AlarmContact": (name, inputs) => ({ id: inputs.alarmContactName ?? name }),
  "alicloud:cms/alarmContactGroup:AlarmContactGroup": (name, inputs) => ({ id: inputs.alarmContactGroupName ?? name }),
  // --- Alibaba registry
  "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance": ali("cri", (id) => ({
    instanceEndpoints: [{ enable: true, endpointType: "internet", domains: [{ domain: `${id}-registry.cn-hangzhou.cr.aliyuncs.com`, type: "SYSTEM" }] }],
  })),
  "alicloud:cs/registryEnterpriseNamespace:RegistryEnterpriseNamespace": (name, inputs) => ({ id: `${inputs.instanceId}:${inputs.name ?? name}` }),
  "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo": (name, inputs) => ({
    id: `${inputs.instanceId}:${inputs.namespace}:${inputs.name ?? name}`, outputs: { repoId: aliId("crr", name) },
  }),
  "alicloud:cr/scanRule:ScanRule": (name, inputs) => {
    const ruleId = aliId("crscan", name);
    return { id: `${inputs.instanceId}:${ruleId}`, outputs: { scanRuleId: ruleId } };
  },
  "alicloud:cr/artifactLifecycleRule:ArtifactLifecycleRule": (name, inputs) => {
    const ruleId = aliId("crlc", name);
    return { id: `${inputs.instanceId}:${ruleId}`, outputs: { artifactLifecycleRuleId: ruleId } };
  },
  "alicloud:cr/vpcEndpointLinkedVpc:VpcEndpointLinkedVpc": (name, inputs) => ({
    id: `${inputs.instanceId}:${inputs.vpcId}:${inputs.vswitchId}:${inputs.moduleName}`, outputs: { status: "RUNNING" },
  }),
  "alicloud:cs/registryEnterpriseSyncRule:RegistryEnterpriseSyncRule": (name, inputs) => {
    const ruleId = aliId("crsync", name);
    return { id: `${inputs.instanceId}:${inputs.namespaceName}:${ruleId}`, outputs: { ruleId, repoSyncRuleId: ruleId, regionId: "cn-hangzhou" } };
  },
  "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": (name, inputs) => ({
    id: `projects/${gcpProject(inputs)}/locations/${inputs.location}/repositories/${inputs.repository}/${inputs.role}/${inputs.member}`,
    outputs: { etag: `BwY${digest(name).slice(0, 8)}` },
  }),
  // --- random
  "random:index/randomPassword:RandomPassword": (name, inputs) => ({
    id: "none",
    outputs: { result: `offline-${digest("password", name).slice(0, Math.max(8, Number(inputs.length ?? 32) - 8))}`.slice(0, Number(inputs.length ?? 32)) },
  }),
  "random:index/randomId:RandomId": (name, inputs) => {
    const hex = digest("id", name).slice(0, Number(inputs.byteLength ?? 4) * 2);
    return { id: hex, outputs: { hex, dec: BigInt(`0x${hex}`).toString(), b64Url: Buffer.from(hex, "hex").toString("base64url") } };
  },
};

/** Adds or replaces the offline outputs of a resource type (e.g. a user's own component's children). */
export function registerMockOutputs(type: string, fn: OutputsFn): void {
  TABLE[type] = fn;
}

/** The offline outputs of a resource: the table's entry, or a generic id. */
export function mockOutputs(type: string, name: string, inputs: Inputs): { id: string; outputs: Inputs } {
  const fn = TABLE[type];
  if (fn) {
    const r = fn(name, inputs);
    return { id: r.id, outputs: r.outputs ?? {} };
  }
  const kind = type.split(":").pop() ?? "resource";
  return { id: `${kind.toLowerCase()}-${digest(type, name).slice(0, 16)}`, outputs: {} };
}

/** Offline results of provider functions (invokes) the landing zone may call. */
export function mockCall(token: string, args: Inputs): Inputs {
  switch (token) {
    case "gcp:organizations/getProject:getProject": {
      const projectId = args.projectId ?? "mock-project";
      return { projectId, number: fakeNumber(projectId), name: projectId, id: `projects/${projectId}` };
    }
    case "gcp:storage/getProjectServiceAccount:getProjectServiceAccount":
    case "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": {
      const project = args.project ?? "mock-project";
      const email = gcpServiceAgent(project, token.startsWith("gcp:storage/") ? "storage.googleapis.com" : "bigquery.googleapis.com");
      const common = { id: email, project, member: `serviceAccount:${email}` };
      return token.startsWith("gcp:storage/") ? { ...common, emailAddress: email } : { ...common, email };
    }
    case "gcp:organizations/getClientConfig:getClientConfig":
      return { project: "mock-project", region: "us-central1", zone: "us-central1-a", accessToken: "offline" };
    case "alicloud:index/getAccount:getAccount":
      return { id: MOCK_ALICLOUD_ACCOUNT };
    case "alicloud:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MOCK_ALICLOUD_ACCOUNT, arn: `acs:ram::${MOCK_ALICLOUD_ACCOUNT}:root`, identityType: "Account", id: MOCK_ALICLOUD_ACCOUNT };
    default:
      return {};
  }
}
