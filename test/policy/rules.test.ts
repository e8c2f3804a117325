import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { describe, expect, it } from "vitest";
import { type Inputs, LANDING_ZONE_RULES, type ResourceRule, runCheck, tokenOf } from "../../src/policy";

/** A rule by id, as a resource rule. */
function rule(id: string): ResourceRule {
  const r = LANDING_ZONE_RULES.find((x) => x.id === id);
  if (!r || r.kind !== "resource") throw new Error(`no resource rule ${id}`);
  return r;
}

/** Applies a change to a copy of the inputs: `undefined` deletes the key; dotted keys reach into objects. */
function change(base: Inputs, patch: Record<string, unknown>): Inputs {
  const copy = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of Object.entries(patch)) {
    const keys = path.split(".");
    let target = copy as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) target = (target[k] ??= {}) as Record<string, unknown>;
    if (value === undefined) delete target[keys.at(-1)!];
    else target[keys.at(-1)!] = value;
  }
  return copy;
}

type Expect = "fail" | "not-applicable" | "pass";
interface Case {
  readonly rule: string;
  readonly type: string;
  readonly baseline: Inputs;
  /** What the compliant baseline gives. @default "pass" */
  readonly compliant?: Expect;
  /** One changed field (or a few that belong together) and the outcome it must give. */
  readonly variants: readonly (readonly [string, Record<string, unknown>, Expect])[];
}

const labels = { environment: "dev", owner: "platform-team", "cost-center": "cc-1001" };
const fwBase = { network: "projects/p/global/networks/core", direction: "INGRESS", sourceRanges: ["35.235.240.0/20"], allows: [{ protocol: "tcp", ports: ["22"] }], logConfig: { metadata: "INCLUDE_ALL_METADATA" } };
const sgBase = { securityGroupId: "sg-1", type: "ingress", ipProtocol: "tcp", policy: "accept", portRange: "22/22", cidrIp: "10.0.0.0/8" };
const strongTunnel = { ikeVersion: "ikev2", ikeAuthAlg: "sha2", ikeEncAlg: "aes256", ikePfs: "group14" };
const strongIpsec = { ipsecAuthAlg: "sha256", ipsecEncAlg: "aes256", ipsecPfs: "group14" };
const vpnBase = { vpnGatewayId: "vpn-1", customerGatewayId: "cgw-1", localSubnets: ["10.0.0.0/16"], remoteSubnets: ["192.168.0.0/20"], ikeConfig: strongTunnel, ipsecConfig: strongIpsec };
const bucketBase = { name: "b", location: "EU", uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", versioning: { enabled: true }, labels };
const repoBase = { repositoryId: "apps", format: "DOCKER", cleanupPolicies: [{ id: "untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: "604800s" } }], cleanupPolicyDryRun: false, dockerConfig: { immutableTags: true }, labels: { ...labels, environment: "prod" } };

const CASES: readonly Case[] = [
  { rule: "gcp-network-custom-mode", type: tokenOf(gcp.compute.Network), baseline: { name: "core", autoCreateSubnetworks: false },
    variants: [["auto mode", { autoCreateSubnetworks: true }, "fail"], ["unset means auto", { autoCreateSubnetworks: undefined }, "fail"]] },
  { rule: "gcp-subnet-flow-logs", type: tokenOf(gcp.compute.Subnetwork), baseline: { ipCidrRange: "10.0.0.0/24", network: "n", logConfig: { aggregationInterval: "INTERVAL_5_SEC" }, privateIpGoogleAccess: true },
    variants: [["no logConfig", { logConfig: undefined }, "fail"], ["proxy-only subnet", { logConfig: undefined, purpose: "REGIONAL_MANAGED_PROXY" }, "not-applicable"]] },
  { rule: "gcp-subnet-private-google-access", type: tokenOf(gcp.compute.Subnetwork), baseline: { ipCidrRange: "10.0.0.0/24", network: "n", privateIpGoogleAccess: true },
    variants: [["off", { privateIpGoogleAccess: false }, "fail"], ["unset", { privateIpGoogleAccess: undefined }, "fail"]] },
  { rule: "gcp-nat-listed-subnets-only", type: tokenOf(gcp.compute.RouterNat), baseline: { router: "r", sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS", subnetworks: [{ name: "app" }] },
    variants: [["all subnetworks", { sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES" }, "fail"]] },
  { rule: "alicloud-snat-per-vswitch", type: tokenOf(alicloud.vpc.SnatEntry), baseline: { snatTableId: "stb-1", snatIp: "1.2.3.4", sourceVswitchId: "vsw-1" },
    variants: [["whole CIDR", { sourceVswitchId: undefined, sourceCidr: "10.0.0.0/16" }, "fail"]] },
  { rule: "gcp-firewall-no-public-ssh", type: tokenOf(gcp.compute.Firewall), baseline: fwBase, compliant: "not-applicable",
    variants: [
      ["from anywhere", { sourceRanges: ["0.0.0.0/0"] }, "fail"],
      ["from anywhere over IPv6", { sourceRanges: ["::/0"] }, "fail"],
      ["a range spanning 22", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["20-30"] }] }, "fail"],
      ["ports unset", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp" }] }, "fail"],
      ["protocol all", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "all" }] }, "fail"],
      ["only 443 from anywhere", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] }, "pass"],
      ["udp 22", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "udp", ports: ["22"] }] }, "pass"],
      ["egress", { sourceRanges: ["0.0.0.0/0"], direction: "EGRESS" }, "not-applicable"],
      ["disabled", { sourceRanges: ["0.0.0.0/0"], disabled: true }, "not-applicable"],
    ] },
  { rule: "gcp-firewall-no-public-rdp", type: tokenOf(gcp.compute.Firewall), baseline: { ...fwBase, allows: [{ protocol: "tcp", ports: ["3389"] }] }, compliant: "not-applicable",
    variants: [["from anywhere", { sourceRanges: ["0.0.0.0/0"] }, "fail"], ["22 only from anywhere", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["22"] }] }, "pass"]] },
  { rule: "gcp-firewall-no-public-remote-admin", type: tokenOf(gcp.compute.Firewall), baseline: { ...fwBase, allows: [{ protocol: "tcp", ports: ["5900-5901"] }] }, compliant: "not-applicable",
    variants: [["VNC from anywhere", { sourceRanges: ["0.0.0.0/0"] }, "fail"], ["WinRM over HTTPS from ::/0", { sourceRanges: ["::/0"], allows: [{ protocol: "tcp", ports: ["5986"] }] }, "fail"],
      ["Telnet inside a wide range", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["20-25"] }] }, "fail"],
      ["HTTPS only from anywhere", { sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] }, "pass"]] },
  { rule: "gcp-firewall-no-public-all-protocols", type: tokenOf(gcp.compute.Firewall), baseline: { ...fwBase, sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: ["443"] }] },
    variants: [["all protocols", { allows: [{ protocol: "all" }] }, "fail"], ["from a private range", { allows: [{ protocol: "all" }], sourceRanges: ["10.0.0.0/8"] }, "not-applicable"]] },
  { rule: "gcp-firewall-logging", type: tokenOf(gcp.compute.Firewall), baseline: fwBase,
    variants: [["no logConfig", { logConfig: undefined }, "fail"], ["disabled rule", { logConfig: undefined, disabled: true }, "not-applicable"]] },
  { rule: "alicloud-sg-no-public-ssh", type: tokenOf(alicloud.ecs.SecurityGroupRule), baseline: sgBase, compliant: "not-applicable",
    variants: [
      ["from anywhere", { cidrIp: "0.0.0.0/0" }, "fail"],
      ["all ports from anywhere", { cidrIp: "0.0.0.0/0", portRange: "-1/-1", ipProtocol: "all" }, "fail"],
      ["a range spanning 22", { cidrIp: "0.0.0.0/0", portRange: "1/1024" }, "fail"],
      ["443 from anywhere", { cidrIp: "0.0.0.0/0", portRange: "443/443" }, "pass"],
      ["a drop rule", { cidrIp: "0.0.0.0/0", policy: "drop" }, "not-applicable"],
      ["egress", { cidrIp: "0.0.0.0/0", type: "egress" }, "not-applicable"],
    ] },
  { rule: "alicloud-sg-no-public-rdp", type: tokenOf(alicloud.ecs.SecurityGroupRule), baseline: { ...sgBase, portRange: "3389/3389" }, compliant: "not-applicable",
    variants: [["from anywhere", { cidrIp: "0.0.0.0/0" }, "fail"]] },
  { rule: "alicloud-sg-no-public-remote-admin", type: tokenOf(alicloud.ecs.SecurityGroupRule), baseline: { ...sgBase, portRange: "5985/5986" }, compliant: "not-applicable",
    variants: [["WinRM from anywhere", { cidrIp: "0.0.0.0/0" }, "fail"], ["HTTPS from anywhere", { cidrIp: "0.0.0.0/0", portRange: "443/443" }, "pass"]] },
  { rule: "alicloud-nacl-no-public-admin-ports", type: tokenOf(alicloud.vpc.NetworkAcl),
    baseline: { vpcId: "vpc-1", ingressAclEntries: [
      { networkAclEntryName: "https", sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "443/443", policy: "accept" },
      { networkAclEntryName: "ssh-onprem", sourceCidrIp: "192.168.0.0/20", protocol: "tcp", port: "22/22", policy: "accept" },
    ] },
    variants: [
      ["SSH from anywhere", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "22/22", policy: "accept" }] }, "fail"],
      ["all ports from anywhere", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "all", port: "-1/-1", policy: "accept" }] }, "fail"],
      ["RDP in a range from anywhere", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "3000/4000" }] }, "fail"],
      ["RDP alone from anywhere", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "3389/3389" }] }, "fail"],
      ["a drop entry", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "all", port: "-1/-1", policy: "drop" }] }, "pass"],
      ["a return range 1024/65535 (the next rule's)", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "1024/65535" }] }, "pass"],
    ] },
  { rule: "alicloud-nacl-return-range-no-admin-ports", type: tokenOf(alicloud.vpc.NetworkAcl),
    baseline: { vpcId: "vpc-1", ingressAclEntries: [{ networkAclEntryName: "return", sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "32768/65535", policy: "accept" }] },
    variants: [
      ["return range from 1024", { ingressAclEntries: [{ networkAclEntryName: "return", sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "1024/65535", policy: "accept" }] }, "fail"],
      ["SSH alone (the previous rule's)", { ingressAclEntries: [{ sourceCidrIp: "0.0.0.0/0", protocol: "tcp", port: "22/22" }] }, "pass"],
      ["return range from on-premises only", { ingressAclEntries: [{ sourceCidrIp: "192.168.0.0/20", protocol: "tcp", port: "1024/65535" }] }, "pass"],
    ] },
  { rule: "alicloud-sg-inner-access-drop", type: tokenOf(alicloud.ecs.SecurityGroup), baseline: { securityGroupName: "web", innerAccessPolicy: "Drop", tags: labels },
    variants: [["Accept", { innerAccessPolicy: "Accept" }, "fail"], ["unset (Accept)", { innerAccessPolicy: undefined }, "fail"]] },
  { rule: "gcp-iam-no-basic-roles", type: tokenOf(gcp.projects.IAMMember), baseline: { project: "p", role: "roles/compute.networkViewer", member: "group:net@acme.example" },
    variants: [["owner", { role: "roles/owner" }, "fail"], ["editor", { role: "roles/editor" }, "fail"], ["viewer", { role: "roles/viewer" }, "fail"]] },
  { rule: "gcp-iam-no-basic-roles", type: tokenOf(gcp.folder.IAMBinding), baseline: { folder: "folders/1", role: "roles/compute.networkViewer", members: ["group:net@acme.example"] },
    variants: [["editor on a folder", { role: "roles/editor" }, "fail"]] },
  { rule: "gcp-iam-no-authoritative-policy", type: tokenOf(gcp.projects.IAMPolicy), baseline: { project: "p", policyData: "{}" }, variants: [] },
  { rule: "gcp-iam-no-service-account-keys", type: tokenOf(gcp.serviceaccount.Key), baseline: { serviceAccountId: "sa" }, variants: [] },
  { rule: "gcp-iam-no-public-members", type: tokenOf(gcp.storage.BucketIAMMember), baseline: { bucket: "b", role: "roles/storage.objectViewer", member: "group:readers@acme.example" },
    variants: [["allUsers", { member: "allUsers" }, "fail"], ["allAuthenticatedUsers", { member: "allAuthenticatedUsers" }, "fail"]] },
  { rule: "gcp-iam-no-public-members", type: tokenOf(gcp.artifactregistry.RepositoryIamBinding), baseline: { repository: "apps", role: "roles/artifactregistry.reader", members: ["group:devs@acme.example"] },
    variants: [["allUsers on a registry", { members: ["group:devs@acme.example", "allUsers"] }, "fail"]] },
  { rule: "gcp-iam-no-public-members", type: tokenOf(gcp.storage.Bucket), baseline: bucketBase, compliant: "not-applicable", variants: [] },
  { rule: "gcp-iam-no-project-sa-impersonation", type: tokenOf(gcp.projects.IAMMember), baseline: { project: "p", role: "roles/compute.networkViewer", member: "group:net@acme.example" },
    variants: [["serviceAccountUser", { role: "roles/iam.serviceAccountUser" }, "fail"], ["tokenCreator", { role: "roles/iam.serviceAccountTokenCreator" }, "fail"]] },
  { rule: "alicloud-ram-no-full-admin-policy", type: tokenOf(alicloud.ram.Policy),
    baseline: { policyName: "p", policyDocument: JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: ["ecs:Describe*"], Resource: ["*"] }] }) },
    variants: [
      ["action * on resource *", { policyDocument: JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }, "fail"],
      ["deny * on *", { policyDocument: JSON.stringify({ Version: "1", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] }) }, "pass"],
      ["statements form", { policyDocument: undefined, statements: [{ effect: "Allow", actions: ["*"], resources: ["*"] }] }, "fail"],
      ["not JSON", { policyDocument: "{" }, "fail"],
    ] },
  { rule: "alicloud-ram-no-user-policy-attachments", type: tokenOf(alicloud.ram.UserPolicyAttachment), baseline: { userName: "u", policyName: "p", policyType: "Custom" }, variants: [] },
  { rule: "gcp-vpn-ikev2", type: tokenOf(gcp.compute.VPNTunnel), baseline: { ikeVersion: 2, sharedSecret: "[secret]" },
    variants: [["IKEv1", { ikeVersion: 1 }, "fail"], ["unset (provider default 2)", { ikeVersion: undefined }, "pass"]] },
  { rule: "gcp-vpn-ha-gateway", type: tokenOf(gcp.compute.VPNGateway), baseline: { network: "n" }, variants: [] },
  { rule: "alicloud-vpn-ikev2", type: tokenOf(alicloud.vpn.Connection), baseline: vpnBase,
    variants: [["ikev1", { "ikeConfig.ikeVersion": "ikev1" }, "fail"], ["unset (provider default ikev1)", { "ikeConfig.ikeVersion": undefined }, "fail"],
      ["a dual-tunnel connection with one IKEv1 tunnel", { tunnelOptionsSpecifications: [{ tunnelIkeConfig: strongTunnel, tunnelIpsecConfig: strongIpsec }, { tunnelIkeConfig: { ...strongTunnel, ikeVersion: "ikev1" }, tunnelIpsecConfig: strongIpsec }] }, "fail"],
      ["a dual-tunnel connection, both IKEv2", { tunnelOptionsSpecifications: [{ tunnelIkeConfig: strongTunnel, tunnelIpsecConfig: strongIpsec }, { tunnelIkeConfig: strongTunnel, tunnelIpsecConfig: strongIpsec }] }, "pass"]] },
  { rule: "alicloud-vpn-strong-crypto", type: tokenOf(alicloud.vpn.Connection), baseline: vpnBase,
    variants: [
      ["ike md5", { "ikeConfig.ikeAuthAlg": "md5" }, "fail"], ["ike auth unset", { "ikeConfig.ikeAuthAlg": undefined }, "fail"],
      ["ike 3des", { "ikeConfig.ikeEncAlg": "3des" }, "fail"], ["ike group2", { "ikeConfig.ikePfs": "group2" }, "fail"], ["ike pfs unset", { "ikeConfig.ikePfs": undefined }, "fail"],
      ["ipsec sha1", { "ipsecConfig.ipsecAuthAlg": "sha1" }, "fail"], ["ipsec auth unset (md5)", { "ipsecConfig.ipsecAuthAlg": undefined }, "fail"],
      ["ipsec des", { "ipsecConfig.ipsecEncAlg": "des" }, "fail"], ["ipsec pfs disabled", { "ipsecConfig.ipsecPfs": "disabled" }, "fail"],
    ] },
  { rule: "gcp-bucket-uniform-access", type: tokenOf(gcp.storage.Bucket), baseline: bucketBase, variants: [["off", { uniformBucketLevelAccess: false }, "fail"], ["unset", { uniformBucketLevelAccess: undefined }, "fail"]] },
  { rule: "gcp-bucket-public-access-prevention", type: tokenOf(gcp.storage.Bucket), baseline: bucketBase, variants: [["inherited", { publicAccessPrevention: "inherited" }, "fail"], ["unset", { publicAccessPrevention: undefined }, "fail"]] },
  { rule: "gcp-bucket-versioning", type: tokenOf(gcp.storage.Bucket), baseline: bucketBase, variants: [["off", { "versioning.enabled": false }, "fail"], ["unset", { versioning: undefined }, "fail"],
    ["off under a retention policy", { versioning: undefined, retentionPolicy: { retentionPeriod: "2592000" } }, "not-applicable"]] },
  { rule: "gcp-audit-config-all-services", type: tokenOf(gcp.projects.IAMAuditConfig),
    baseline: { project: "p", service: "allServices", auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }] },
    variants: [["no DATA_READ", { auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_WRITE" }] }, "fail"],
      ["an exempted member", { auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ", exemptedMembers: ["user:x@acme.example"] }, { logType: "DATA_WRITE" }] }, "fail"],
      ["one service, reads only", { service: "storage.googleapis.com", auditLogConfigs: [{ logType: "DATA_READ" }] }, "pass"]] },
  { rule: "alicloud-actiontrail-all-regions", type: tokenOf(alicloud.actiontrail.Trail), baseline: { trailName: "t", trailRegion: "All", eventRw: "All", status: "Enable" },
    variants: [["one region", { trailRegion: "cn-hangzhou" }, "fail"], ["writes only", { eventRw: "Write" }, "fail"], ["disabled", { status: "Disable" }, "fail"]] },
  { rule: "alicloud-audit-logstore-retention", type: tokenOf(alicloud.log.Store), baseline: { projectName: "p", logstoreName: "actiontrail", retentionPeriod: 400 },
    variants: [["30 days", { retentionPeriod: 30 }, "fail"], ["unset (30)", { retentionPeriod: undefined }, "fail"], ["a flow-log store", { logstoreName: "vpc-flow-logs", retentionPeriod: 7 }, "not-applicable"]] },
  { rule: "alicloud-oss-private", type: tokenOf(alicloud.oss.Bucket), baseline: { bucket: "b", acl: "private", tags: labels },
    variants: [["public-read", { acl: "public-read" }, "fail"], ["public-read-write", { acl: "public-read-write" }, "fail"]] },
  { rule: "gcp-registry-scanning", type: tokenOf(gcp.artifactregistry.Repository), baseline: repoBase,
    variants: [["scanning disabled", { vulnerabilityScanningConfig: { enablementConfig: "DISABLED" } }, "fail"], ["inherited", { vulnerabilityScanningConfig: { enablementConfig: "INHERITED" } }, "pass"]] },
  { rule: "gcp-registry-cleanup-policies", type: tokenOf(gcp.artifactregistry.Repository), baseline: repoBase,
    variants: [["no cleanup", { cleanupPolicies: undefined }, "fail"], ["dry run", { cleanupPolicyDryRun: true }, "fail"], ["a Maven repository", { format: "MAVEN", cleanupPolicies: undefined }, "not-applicable"]] },
  { rule: "gcp-registry-immutable-tags-prod", type: tokenOf(gcp.artifactregistry.Repository), baseline: repoBase,
    variants: [["mutable in prod", { dockerConfig: undefined }, "fail"], ["mutable, labelled environment=production", { dockerConfig: undefined, "labels.environment": "production" }, "fail"], ["mutable in dev", { dockerConfig: undefined, "labels.environment": "dev" }, "not-applicable"]] },
  { rule: "alicloud-registry-private", type: tokenOf(alicloud.cs.RegistryEnterpriseNamespace), baseline: { instanceId: "cri-1", name: "apps", autoCreate: false, defaultVisibility: "PRIVATE" },
    variants: [["public", { defaultVisibility: "PUBLIC" }, "fail"], ["unset (Enterprise default PRIVATE)", { defaultVisibility: undefined }, "pass"]] },
  { rule: "alicloud-registry-private", type: tokenOf(alicloud.cs.RegistryEnterpriseRepo), baseline: { instanceId: "cri-1", namespace: "apps", name: "web", repoType: "PRIVATE", summary: "s" },
    variants: [["public repository", { repoType: "PUBLIC" }, "fail"]] },
  { rule: "alicloud-registry-private", type: tokenOf(alicloud.cr.Namespace), baseline: { name: "apps", autoCreate: false, defaultVisibility: "PRIVATE" },
    variants: [["public personal namespace", { defaultVisibility: "PUBLIC" }, "fail"]] },
  { rule: "alicloud-registry-scanning", type: tokenOf(alicloud.cr.RegistryEnterpriseInstance), baseline: { instanceName: "i", instanceType: "Basic", paymentType: "Subscription", imageScanner: "ACR" },
    variants: [["no scanner", { imageScanner: undefined }, "fail"]] },
  { rule: "gcp-budget-notifies", type: tokenOf(gcp.billing.Budget),
    baseline: { billingAccount: "b", amount: { specifiedAmount: { units: "500" } }, thresholdRules: [{ thresholdPercent: 0.5 }], allUpdatesRule: { monitoringNotificationChannels: ["projects/p/notificationChannels/1"], disableDefaultIamRecipients: true } },
    variants: [["no thresholds", { thresholdRules: [] }, "fail"], ["no recipients at all", { "allUpdatesRule.monitoringNotificationChannels": [] }, "fail"], ["default recipients only", { allUpdatesRule: undefined }, "pass"]] },
  { rule: "gcp-kms-key-rotation", type: tokenOf(gcp.kms.CryptoKey), baseline: { keyRing: "projects/p/locations/europe-west1/keyRings/r", name: "audit", purpose: "ENCRYPT_DECRYPT", rotationPeriod: "7776000s" },
    variants: [["no rotation", { rotationPeriod: undefined }, "fail"], ["rotation after 91 days", { rotationPeriod: "7862400s" }, "fail"], ["daily rotation", { rotationPeriod: "86400s" }, "pass"],
      ["purpose unset (ENCRYPT_DECRYPT) without rotation", { purpose: undefined, rotationPeriod: undefined }, "fail"], ["an asymmetric signing key", { purpose: "ASYMMETRIC_SIGN", rotationPeriod: undefined }, "not-applicable"]] },
  { rule: "gcp-kms-key-prod-deletion-policy", type: tokenOf(gcp.kms.CryptoKey), baseline: { keyRing: "r", name: "audit", deletionPolicy: "PREVENT", labels: { environment: "prod" } },
    variants: [["deletion allowed (the default)", { deletionPolicy: undefined }, "fail"], ["DELETE", { deletionPolicy: "DELETE" }, "fail"], ["ABANDON", { deletionPolicy: "ABANDON" }, "pass"],
      ["labelled environment=production, deletion allowed", { "labels.environment": "production", deletionPolicy: undefined }, "fail"],
      ["not production", { "labels.environment": "dev", deletionPolicy: undefined }, "not-applicable"]] },
  { rule: "alicloud-kms-key-rotation", type: tokenOf(alicloud.kms.Key), baseline: { dkmsInstanceId: "kst-hzz1", keySpec: "Aliyun_AES_256", automaticRotation: "Enabled", rotationInterval: "7776000s" },
    variants: [["rotation off", { automaticRotation: "Disabled" }, "fail"], ["rotation unset", { automaticRotation: undefined }, "fail"], ["120 days in an instance", { rotationInterval: "120d" }, "fail"],
      ["no interval", { rotationInterval: undefined }, "fail"], ["a default key every 365 days", { dkmsInstanceId: undefined, rotationInterval: "31536000s" }, "pass"],
      ["a default key every 366 days", { dkmsInstanceId: undefined, rotationInterval: "366d" }, "fail"], ["an RSA key", { keySpec: "RSA_2048", automaticRotation: undefined }, "not-applicable"],
      ["imported material", { origin: "EXTERNAL", automaticRotation: undefined }, "not-applicable"]] },
  { rule: "alicloud-kms-key-protected", type: tokenOf(alicloud.kms.Key), baseline: { status: "Enabled", deletionProtection: "Enabled", tags: { environment: "prod" } },
    variants: [["scheduled for deletion", { status: "PendingDeletion" }, "fail"], ["disabled", { status: "Disabled" }, "fail"], ["production without deletion protection", { deletionProtection: "Disabled" }, "fail"],
      ["tagged environment=production without deletion protection", { deletionProtection: "Disabled", "tags.environment": "production" }, "fail"],
      ["outside production without deletion protection", { deletionProtection: undefined, "tags.environment": "dev" }, "pass"]] },
  { rule: "cost-labels", type: tokenOf(gcp.storage.Bucket), baseline: bucketBase,
    variants: [["no labels", { labels: undefined }, "fail"], ["no owner", { "labels.owner": undefined }, "fail"], ["empty cost-center", { "labels.cost-center": "" }, "fail"]] },
  { rule: "cost-labels", type: tokenOf(gcp.monitoring.NotificationChannel), baseline: { type: "email", labels: { email_address: "a@b.c" }, userLabels: labels },
    variants: [["labels in the wrong field", { userLabels: undefined }, "fail"]] },
  { rule: "cost-labels", type: tokenOf(alicloud.vpc.Network), baseline: { vpcName: "core", cidrBlock: "10.0.0.0/16", tags: labels },
    variants: [["no environment tag", { "tags.environment": undefined }, "fail"]] },
];

const ALWAYS_FAIL = new Set(["gcp-iam-no-authoritative-policy", "gcp-iam-no-service-account-keys", "alicloud-ram-no-user-policy-attachments", "gcp-vpn-ha-gateway"]);

describe.each(CASES.map((c) => [`${c.rule} on ${c.type}`, c] as const))("%s", (_n, c) => {
  const r = rule(c.rule);
  it("applies to the type", () => {
    expect(r.types === "all" || r.types.includes(c.type)).toBe(true);
  });
  it(ALWAYS_FAIL.has(c.rule) ? "fails on the resource's mere presence" : "passes the compliant baseline", () => {
    expect(runCheck(r, c.type, c.baseline).status).toBe(ALWAYS_FAIL.has(c.rule) ? "fail" : c.compliant ?? "pass");
  });
  it.each(c.variants.map(([name, patch, want]) => [name, patch, want] as const))("%s → %s", (_name, patch, want) => {
    const out = runCheck(r, c.type, change(c.baseline, patch));
    expect(out.status).toBe(want);
    if (out.status === "fail") expect(out.message.length).toBeGreaterThan(10);
  });
});

describe("every resource rule", () => {
  it("has a test case", () => {
    const tested = new Set(CASES.map((c) => c.rule));
    const untested = LANDING_ZONE_RULES.filter((r) => r.kind === "resource" && !tested.has(r.id)).map((r) => r.id);
    expect(untested).toEqual([]);
  });
  it("reports a value only known after apply as not checkable, never as pass or fail", () => {
    const out = runCheck(rule("gcp-bucket-uniform-access"), tokenOf(gcp.storage.Bucket), change(bucketBase, { uniformBucketLevelAccess: "[unknown]" }));
    expect(out).toEqual({ status: "unknown", message: "could not check: uniformBucketLevelAccess is unknown until apply" });
  });
});
