import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { coversPort, isAnywhere } from "../ports";
import { fail, get, type Inputs, list, notApplicable, type Outcome, pass, type ResourceRule, type StackRule, strings, tokenOf } from "../rule";

const GCP_FIREWALL = tokenOf(gcp.compute.Firewall);
const GCP_NETWORK = tokenOf(gcp.compute.Network);
const ALI_SG_RULE = tokenOf(alicloud.ecs.SecurityGroupRule);

/** Why a GCP firewall is not an enabled ingress rule open to anywhere; undefined when it is. */
function notPublicIngress(i: Inputs): string | undefined {
  const direction = typeof i.direction === "string" ? i.direction.toUpperCase() : "INGRESS";
  if (direction !== "INGRESS") return "egress rule";
  if (i.disabled === true) return "disabled";
  const open = strings(i.sourceRanges).filter(isAnywhere);
  if (open.length === 0) return "no source range is 0.0.0.0/0 or ::/0";
  return undefined;
}

/** The `allows` entries that let `port` in (protocol tcp, 6 or all; ports unset or covering it). */
function gcpAllowsPort(i: Inputs, port: number): boolean {
  return list(i.allows).some((a) => {
    const protocol = String(get(a, "protocol") ?? "").toLowerCase();
    return (protocol === "tcp" || protocol === "6" || protocol === "all") && coversPort(strings(get(a, "ports")), port);
  });
}

function gcpAdminPortRule(id: string, port: number, service: string, source: string): ResourceRule {
  return {
    kind: "resource",
    id,
    description: `No GCP firewall rule allows ${service} (tcp/${port}) from 0.0.0.0/0 or ::/0.`,
    severity: "critical",
    enforcement: "mandatory",
    rationale: `${service} open to the internet is the most scanned and brute-forced door there is; reach it through IAP (35.235.240.0/20) or the VPN.`,
    source,
    types: [GCP_FIREWALL],
    check: (_t, i): Outcome => {
      const why = notPublicIngress(i);
      if (why) return notApplicable(why);
      return gcpAllowsPort(i, port) ? fail(`allows tcp/${port} (${service}) from anywhere; restrict sourceRanges to IAP 35.235.240.0/20 or on-premises ranges`) : pass;
    },
  };
}

export const gcpFirewallNoPublicSsh = gcpAdminPortRule("gcp-firewall-no-public-ssh", 22, "SSH", "CIS GCP Foundations v4.0 3.6; CKV_GCP_2");
export const gcpFirewallNoPublicRdp = gcpAdminPortRule("gcp-firewall-no-public-rdp", 3389, "RDP", "CIS GCP Foundations v4.0 3.7; CKV_GCP_3");

export const gcpFirewallNoPublicAllProtocols: ResourceRule = {
  kind: "resource",
  id: "gcp-firewall-no-public-all-protocols",
  description: "No GCP firewall rule allows every protocol from 0.0.0.0/0 or ::/0.",
  severity: "critical",
  enforcement: "mandatory",
  rationale: "An allow-all from anywhere turns the VPC into the internet.",
  source: "CKV2_GCP_12",
  types: [GCP_FIREWALL],
  check: (_t, i) => {
    const why = notPublicIngress(i);
    if (why) return notApplicable(why);
    const all = list(i.allows).some((a) => String(get(a, "protocol") ?? "").toLowerCase() === "all");
    return all ? fail("allows protocol all from anywhere; allow only the protocols and ports the service needs") : pass;
  },
};

export const gcpFirewallLogging: ResourceRule = {
  kind: "resource",
  id: "gcp-firewall-logging",
  description: "GCP firewall rules log their hits (logConfig set).",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "Without firewall logs nobody can tell which rule let traffic in or kept it out.",
  source: "landing-zone (Google Cloud security foundations guide: firewall rules logging)",
  types: [GCP_FIREWALL],
  check: (_t, i) => {
    if (i.disabled === true) return notApplicable("disabled");
    const metadata = get(i, "logConfig", "metadata");
    if (typeof metadata === "string" && metadata !== "") return pass;
    return fail("no logConfig: firewall logging is off; set logConfig { metadata: INCLUDE_ALL_METADATA }");
  },
};

/** True when a firewall is an enabled ingress rule that denies every protocol from anywhere. */
function isDenyAllIngress(i: Inputs): boolean {
  const direction = typeof i.direction === "string" ? i.direction.toUpperCase() : "INGRESS";
  return direction === "INGRESS" && i.disabled !== true
    && strings(i.sourceRanges).some(isAnywhere)
    && list(i.denies).some((d) => String(get(d, "protocol") ?? "").toLowerCase() === "all");
}

/** True when the firewall's `network` input or dependencies point at the network. */
function onNetwork(fw: { inputs: Inputs; dependencies: readonly string[] }, net: { urn: string; inputs: Inputs }): boolean {
  if (fw.dependencies.includes(net.urn)) return true;
  const ref = fw.inputs.network;
  const name = net.inputs.name;
  return typeof ref === "string" && typeof name === "string" && (ref === name || ref.endsWith(`/networks/${name}`));
}

export const gcpNetworkDenyAllIngress: StackRule = {
  kind: "stack",
  id: "gcp-network-deny-all-ingress",
  description: "Every GCP VPC network has an explicit, logged deny-all ingress firewall rule.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "GCP's implied deny is neither visible nor logged; an explicit lowest-priority deny-all makes the default auditable. Advisory because the implied rule already denies.",
  source: "landing-zone (Google Cloud security foundations guide)",
  check: (resources) => {
    const denies = resources.filter((r) => r.type === GCP_FIREWALL && isDenyAllIngress(r.inputs));
    return resources
      .filter((r) => r.type === GCP_NETWORK)
      .filter((net) => !denies.some((fw) => onNetwork(fw, net)))
      .map((net) => ({ urn: net.urn, message: `network ${net.name} has no deny-all ingress rule; add a firewall { direction: INGRESS, denies: [{ protocol: all }], sourceRanges: [0.0.0.0/0], priority: 65534, logConfig }` }));
  },
};

function alicloudAdminPortRule(id: string, port: number, service: string, source: string): ResourceRule {
  return {
    kind: "resource",
    id,
    description: `No Alibaba security group rule accepts ${service} (tcp/${port}) from 0.0.0.0/0 or ::/0.`,
    severity: "critical",
    enforcement: "mandatory",
    rationale: `${service} open to the internet is the most scanned and brute-forced door there is; reach it through a bastion or the VPN.`,
    source,
    types: [ALI_SG_RULE],
    check: (_t, i) => {
      if (String(i.type ?? "").toLowerCase() !== "ingress") return notApplicable("egress rule");
      if (String(i.policy ?? "accept").toLowerCase() !== "accept") return notApplicable("drop rule");
      const open = [i.cidrIp, i.ipv6CidrIp].filter((c): c is string => typeof c === "string" && isAnywhere(c));
      if (open.length === 0) return notApplicable("source is not 0.0.0.0/0 or ::/0");
      const protocol = String(i.ipProtocol ?? "").toLowerCase();
      if (protocol !== "tcp" && protocol !== "all") return notApplicable(`protocol ${protocol}`);
      const range = typeof i.portRange === "string" ? [i.portRange] : [];
      return coversPort(range, port) ? fail(`accepts tcp/${port} (${service}) from ${open.join(", ")}; restrict cidrIp to the bastion or on-premises ranges`) : pass;
    },
  };
}

export const alicloudSgNoPublicSsh = alicloudAdminPortRule("alicloud-sg-no-public-ssh", 22, "SSH", "CIS Alibaba Cloud v2.0 4.3; CKV_ALI_2");
export const alicloudSgNoPublicRdp = alicloudAdminPortRule("alicloud-sg-no-public-rdp", 3389, "RDP", "CIS Alibaba Cloud v2.0 4.4; CKV_ALI_3");

export const FIREWALL_RULES = [gcpFirewallNoPublicSsh, gcpFirewallNoPublicRdp, gcpFirewallNoPublicAllProtocols, gcpFirewallLogging, gcpNetworkDenyAllIngress, alicloudSgNoPublicSsh, alicloudSgNoPublicRdp] as const;
