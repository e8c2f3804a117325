import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { ADMIN_PORTS } from "../../core/ports";
import { isAnywhere, portSpecRange, specsCoverPort } from "../ports";
import { fail, get, type Inputs, list, notApplicable, type Outcome, pass, type ResourceRule, type StackRule, strings, tokenOf } from "../rule";

const GCP_FIREWALL = tokenOf(gcp.compute.Firewall);
const GCP_NETWORK = tokenOf(gcp.compute.Network);
const ALI_SG_RULE = tokenOf(alicloud.ecs.SecurityGroupRule);

/** Why a GCP firewall is not an enabled ingress rule open to anywhere; undefined when it is. */
function notPublicIngress(i: Inputs): string | undefined {
  const direction = typeof i.direction === "string" ? i.direction.toUpperCase() : "INGRESS";
  if (direction !== "INGRESS") return "egress rule";
  if (i.disabled === true) return "disabled";
  if (!strings(i.sourceRanges).some(isAnywhere)) return "no source range is 0.0.0.0/0 or ::/0";
  return undefined;
}

/** The `allows` entries that let `port` in (protocol tcp, 6 or all; ports unset or covering it). */
function gcpAllowsPort(i: Inputs, port: number): boolean {
  return list(i.allows).some((a) => {
    const protocol = String(get(a, "protocol") ?? "").toLowerCase();
    return (protocol === "tcp" || protocol === "6" || protocol === "all") && specsCoverPort(strings(get(a, "ports")), port);
  });
}

/** `[port, service]` pairs as `SSH (tcp/22)`, `Telnet (tcp/23), VNC (tcp/5900)`. */
function serviceList(ports: readonly (readonly [number, string])[]): string {
  return ports.map(([p, svc]) => `${svc} (tcp/${p})`).join(", ");
}

function gcpAdminPortRule(id: string, ports: readonly (readonly [number, string])[], source: string): ResourceRule {
  const services = serviceList(ports);
  return {
    kind: "resource",
    id,
    description: `No GCP firewall rule allows ${services} from 0.0.0.0/0 or ::/0.`,
    severity: "critical",
    enforcement: "mandatory",
    rationale: `${services} open to the internet is a remote shell or desktop for whoever guesses a password; reach it through IAP (35.235.240.0/20) or the VPN.`,
    source,
    types: [GCP_FIREWALL],
    check: (_t, i): Outcome => {
      const why = notPublicIngress(i);
      if (why) return notApplicable(why);
      const open = ports.filter(([p]) => gcpAllowsPort(i, p));
      return open.length > 0
        ? fail(`allows ${serviceList(open)} from anywhere; restrict sourceRanges to IAP 35.235.240.0/20 or on-premises ranges`)
        : pass;
    },
  };
}

/** Remote-admin ports beyond the CIS pair (SSH, RDP): Telnet, VNC, WinRM; the same list the components refuse. */
const OTHER_ADMIN_PORTS: readonly (readonly [number, string])[] = Object.entries(ADMIN_PORTS)
  .map(([p, svc]) => [Number(p), svc] as const).filter(([p]) => p !== 22 && p !== 3389);

export const gcpFirewallNoPublicSsh = gcpAdminPortRule("gcp-firewall-no-public-ssh", [[22, "SSH"]], "CIS GCP Foundations v4.0 3.6; CKV_GCP_2");
export const gcpFirewallNoPublicRdp = gcpAdminPortRule("gcp-firewall-no-public-rdp", [[3389, "RDP"]], "CIS GCP Foundations v4.0 3.7; CKV_GCP_3");
export const gcpFirewallNoPublicRemoteAdmin = gcpAdminPortRule("gcp-firewall-no-public-remote-admin", OTHER_ADMIN_PORTS,
  "landing-zone (CIS GCP Foundations v4.0 3.6 and 3.7 extended to Telnet, VNC and WinRM)");

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
  return notPublicIngress(i) === undefined
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

function alicloudAdminPortRule(id: string, ports: readonly (readonly [number, string])[], source: string): ResourceRule {
  const services = serviceList(ports);
  return {
    kind: "resource",
    id,
    description: `No Alibaba security group rule accepts ${services} from 0.0.0.0/0 or ::/0.`,
    severity: "critical",
    enforcement: "mandatory",
    rationale: `${services} open to the internet is a remote shell or desktop for whoever guesses a password; reach it through a bastion or the VPN.`,
    source,
    types: [ALI_SG_RULE],
    check: (_t, i) => {
      if (String(i.type ?? "").toLowerCase() !== "ingress") return notApplicable("egress rule");
      if (String(i.policy ?? "accept").toLowerCase() !== "accept") return notApplicable("drop rule");
      const sources = [i.cidrIp, i.ipv6CidrIp].filter((c): c is string => typeof c === "string" && isAnywhere(c));
      if (sources.length === 0) return notApplicable("source is not 0.0.0.0/0 or ::/0");
      const protocol = String(i.ipProtocol ?? "").toLowerCase();
      if (protocol !== "tcp" && protocol !== "all") return notApplicable(`protocol ${protocol}`);
      const range = typeof i.portRange === "string" ? [i.portRange] : [];
      const open = ports.filter(([p]) => specsCoverPort(range, p));
      return open.length > 0
        ? fail(`accepts ${serviceList(open)} from ${sources.join(", ")}; restrict cidrIp to the bastion or on-premises ranges`)
        : pass;
    },
  };
}

export const alicloudSgNoPublicSsh = alicloudAdminPortRule("alicloud-sg-no-public-ssh", [[22, "SSH"]], "CIS Alibaba Cloud v2.0 4.3; CKV_ALI_2");
export const alicloudSgNoPublicRdp = alicloudAdminPortRule("alicloud-sg-no-public-rdp", [[3389, "RDP"]], "CIS Alibaba Cloud v2.0 4.4; CKV_ALI_3");
export const alicloudSgNoPublicRemoteAdmin = alicloudAdminPortRule("alicloud-sg-no-public-remote-admin", OTHER_ADMIN_PORTS,
  "landing-zone (CIS Alibaba Cloud v2.0 4.3 and 4.4 extended to Telnet, VNC and WinRM)");

/** Admin ports no rule may open to the internet, on every layer: the components' own list (SSH, Telnet, RDP, VNC, WinRM). */
export const POLICY_ADMIN_PORTS: readonly (readonly [number, string])[] = Object.entries(ADMIN_PORTS).map(([p, svc]) => [Number(p), svc] as const);

/**
 * True for a stateless ACL's return-traffic entry: a range from 1024 or above up to 65535, the
 * ephemeral ports replies to outbound connections arrive on.
 */
export function isReturnRange(port: string): boolean {
  const r = portSpecRange(port);
  return r !== undefined && r.from >= 1024 && r.to === 65535 && r.from !== r.to;
}

/** The network ACL ingress entries that accept an admin port from anywhere, as messages. */
function naclOpenAdminPorts(i: Inputs, returnRanges: boolean): string[] {
  return list(i.ingressAclEntries).flatMap((e, n) => {
    if (String(get(e, "policy") ?? "accept").toLowerCase() !== "accept") return [];
    const source = get(e, "sourceCidrIp");
    if (typeof source !== "string" || !isAnywhere(source)) return [];
    const protocol = String(get(e, "protocol") ?? "").toLowerCase();
    if (protocol !== "tcp" && protocol !== "all") return [];
    const port = get(e, "port");
    const specs = typeof port === "string" ? [port] : [];
    if ((specs.length === 1 && isReturnRange(specs[0]!)) !== returnRanges) return [];
    return POLICY_ADMIN_PORTS.filter(([p]) => specsCoverPort(specs, p))
      .map(([p, svc]) => `ingressAclEntries[${n}] (${String(get(e, "networkAclEntryName") ?? "")}, ${String(port ?? "all ports")}) accepts tcp/${p} (${svc}) from ${source}`);
  });
}

export const alicloudNaclNoPublicAdminPorts: ResourceRule = {
  kind: "resource",
  id: "alicloud-nacl-no-public-admin-ports",
  description: "No Alibaba network ACL ingress entry accepts an admin port (SSH 22, Telnet 23, RDP 3389, VNC 5900, WinRM 5985/5986) from 0.0.0.0/0 or ::/0 (return-traffic ranges aside, see the next rule).",
  severity: "critical",
  enforcement: "mandatory",
  rationale: "The network ACL is the stateless second layer under the security groups; it must not open the admin ports the security groups keep shut.",
  source: "landing-zone (CIS Alibaba Cloud v2.0 4.3 and 4.4, applied to network ACLs)",
  types: [tokenOf(alicloud.vpc.NetworkAcl)],
  check: (_t, i) => {
    const open = naclOpenAdminPorts(i, false);
    return open.length > 0 ? fail(`${open.join("; ")}; accept admin ports only from the bastion or on-premises ranges`) : pass;
  },
};

export const alicloudNaclReturnRangeNoAdminPorts: ResourceRule = {
  kind: "resource",
  id: "alicloud-nacl-return-range-no-admin-ports",
  description: "Network ACL return-traffic entries from anywhere (a range up to 65535) start above the admin ports (5986), so they do not also admit RDP, VNC or WinRM.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "A stateless ACL must admit replies on ephemeral ports, but 1024-65535 also admits RDP, VNC and WinRM; 32768-65535 covers the Linux and Windows ephemeral ranges without them. Advisory: the stateful security groups still block those ports.",
  source: "landing-zone (CIS AWS Foundations 5.1 makes the same point for network ACLs)",
  types: [tokenOf(alicloud.vpc.NetworkAcl)],
  check: (_t, i) => {
    const open = naclOpenAdminPorts(i, true);
    return open.length > 0 ? fail(`${open.join("; ")}; start the return range at 32768 (32768/65535)`) : pass;
  },
};

export const alicloudSgInnerAccessDrop: ResourceRule = {
  kind: "resource",
  id: "alicloud-sg-inner-access-drop",
  description: "Alibaba security groups drop traffic between their own members (innerAccessPolicy Drop) unless a rule allows it.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "With Accept, every instance in a group reaches every other on every port: one compromised instance reaches its neighbours. Advisory: some clusters need it.",
  source: "landing-zone (Alibaba Cloud security group best practices)",
  types: [tokenOf(alicloud.ecs.SecurityGroup)],
  check: (_t, i) => (i.innerAccessPolicy === "Drop" ? pass
    : fail(`innerAccessPolicy is ${String(i.innerAccessPolicy ?? "unset (Accept)")}; set innerAccessPolicy: "Drop" and allow the ports members need`)),
};

export const FIREWALL_RULES = [gcpFirewallNoPublicSsh, gcpFirewallNoPublicRdp, gcpFirewallNoPublicRemoteAdmin, gcpFirewallNoPublicAllProtocols, gcpFirewallLogging, gcpNetworkDenyAllIngress,
  alicloudSgNoPublicSsh, alicloudSgNoPublicRdp, alicloudSgNoPublicRemoteAdmin, alicloudNaclNoPublicAdminPorts, alicloudNaclReturnRangeNoAdminPorts, alicloudSgInnerAccessDrop] as const;
