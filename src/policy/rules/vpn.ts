import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { fail, get, type Inputs, list, pass, type ResourceRule, tokenOf } from "../rule";

export const gcpVpnIkev2: ResourceRule = {
  kind: "resource",
  id: "gcp-vpn-ikev2",
  description: "GCP VPN tunnels use IKEv2.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "IKEv1 has weaker negotiation and no support for several ciphers Google offers only with IKEv2.",
  source: "landing-zone (Cloud VPN supported IKE ciphers)",
  types: [tokenOf(gcp.compute.VPNTunnel)],
  check: (_t, i) => (i.ikeVersion === undefined || i.ikeVersion === 2 ? pass : fail(`ikeVersion is ${String(i.ikeVersion)}; set ikeVersion: 2`)),
};

export const gcpVpnHaGateway: ResourceRule = {
  kind: "resource",
  id: "gcp-vpn-ha-gateway",
  description: "GCP VPN uses HA VPN gateways, not Classic VPN target gateways.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Classic VPN has no 99.99% SLA and its dynamic routing is deprecated; HA VPN is the supported path.",
  source: "landing-zone (Classic VPN deprecation)",
  types: [tokenOf(gcp.compute.VPNGateway)],
  check: () => fail("a Classic VPN gateway; use gcp.compute.HaVpnGateway with two tunnels"),
};

/** The IKE and IPsec settings of an Alibaba VPN connection: one set per tunnel, or the connection's own. */
function cryptoSets(i: Inputs): { where: string; ike: Inputs; ipsec: Inputs }[] {
  const tunnels = list(i.tunnelOptionsSpecifications);
  if (tunnels.length > 0) {
    return tunnels.map((t, n) => ({
      where: `tunnelOptionsSpecifications[${n}]`,
      ike: (get(t, "tunnelIkeConfig") ?? {}) as Inputs,
      ipsec: (get(t, "tunnelIpsecConfig") ?? {}) as Inputs,
    }));
  }
  return [{ where: "", ike: (i.ikeConfig ?? {}) as Inputs, ipsec: (i.ipsecConfig ?? {}) as Inputs }];
}

function at(where: string, key: string): string {
  return where === "" ? key : `${where}.${key}`;
}

export const alicloudVpnIkev2: ResourceRule = {
  kind: "resource",
  id: "alicloud-vpn-ikev2",
  description: "Alibaba VPN connections use IKEv2 (the provider default is IKEv1).",
  severity: "high",
  enforcement: "mandatory",
  rationale: "IKEv1 negotiation is weaker and the provider defaults to it; say ikev2 explicitly.",
  source: "landing-zone",
  types: [tokenOf(alicloud.vpn.Connection)],
  check: (_t, i) => {
    const bad = cryptoSets(i).filter((s) => s.ike.ikeVersion !== "ikev2")
      .map((s) => `${s.where === "" ? "ikeConfig.ikeVersion" : at(s.where, "tunnelIkeConfig.ikeVersion")} is ${String(s.ike.ikeVersion ?? "unset (ikev1)")}`);
    return bad.length > 0 ? fail(`${bad.join("; ")}; set ikeVersion: ikev2`) : pass;
  },
};

const WEAK_AUTH = new Set(["md5", "sha1"]);
const WEAK_ENC = new Set(["des", "3des"]);
const WEAK_DH = new Set(["disabled", "group1", "group2", "group5"]);

export const alicloudVpnStrongCrypto: ResourceRule = {
  kind: "resource",
  id: "alicloud-vpn-strong-crypto",
  description: "Alibaba VPN connections use SHA-2 authentication, AES encryption and DH group 14 or stronger, in both phases.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "The provider defaults (md5 in phase 2, DH group2) are broken or too weak; every value must be stated.",
  source: "landing-zone (NIST SP 800-77r1 recommendations)",
  types: [tokenOf(alicloud.vpn.Connection)],
  check: (_t, i) => {
    const bad: string[] = [];
    const tunnel = (w: string) => w !== "";
    for (const s of cryptoSets(i)) {
      const ikeKey = (k: string) => (tunnel(s.where) ? at(s.where, `tunnelIkeConfig.${k}`) : `ikeConfig.${k}`);
      const ipsecKey = (k: string) => (tunnel(s.where) ? at(s.where, `tunnelIpsecConfig.${k}`) : `ipsecConfig.${k}`);
      const ikeAuth = String(s.ike.ikeAuthAlg ?? "unset (md5)").toLowerCase();
      if (s.ike.ikeAuthAlg === undefined || WEAK_AUTH.has(ikeAuth)) bad.push(`${ikeKey("ikeAuthAlg")} ${ikeAuth}`);
      if (typeof s.ike.ikeEncAlg === "string" && WEAK_ENC.has(s.ike.ikeEncAlg.toLowerCase())) bad.push(`${ikeKey("ikeEncAlg")} ${s.ike.ikeEncAlg}`);
      const ikePfs = String(s.ike.ikePfs ?? "unset (group2)").toLowerCase();
      if (s.ike.ikePfs === undefined || WEAK_DH.has(ikePfs)) bad.push(`${ikeKey("ikePfs")} ${ikePfs}`);
      const ipsecAuth = String(s.ipsec.ipsecAuthAlg ?? "unset (md5)").toLowerCase();
      if (s.ipsec.ipsecAuthAlg === undefined || WEAK_AUTH.has(ipsecAuth)) bad.push(`${ipsecKey("ipsecAuthAlg")} ${ipsecAuth}`);
      if (typeof s.ipsec.ipsecEncAlg === "string" && WEAK_ENC.has(s.ipsec.ipsecEncAlg.toLowerCase())) bad.push(`${ipsecKey("ipsecEncAlg")} ${s.ipsec.ipsecEncAlg}`);
      const ipsecPfs = String(s.ipsec.ipsecPfs ?? "unset (group2)").toLowerCase();
      if (s.ipsec.ipsecPfs === undefined || WEAK_DH.has(ipsecPfs)) bad.push(`${ipsecKey("ipsecPfs")} ${ipsecPfs}`);
    }
    return bad.length > 0 ? fail(`weak crypto: ${bad.join(", ")}; use sha256 (phase 1: sha2), aes256 and group14`) : pass;
  },
};

export const VPN_RULES = [gcpVpnIkev2, gcpVpnHaGateway, alicloudVpnIkev2, alicloudVpnStrongCrypto] as const;
