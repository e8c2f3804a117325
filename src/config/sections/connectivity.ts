import { z } from "zod";
import { key, named } from "../common";

/** Keys of the on-premises peer shared by both clouds. */
const peerCommon = {
  /** On-premises BGP ASN. */
  asn: z.number(),
  /** Accept a public on-premises ASN. */
  allowPublicAsn: z.boolean().optional(),
};

/**
 * Config keys of the connectivity area. `gcp` keys go under `landing-zone:gcp`, `alicloud` keys
 * under `landing-zone:alicloud`, `root` keys directly under `landing-zone:`. A VPN is created
 * on a cloud when its `vpn` key is present.
 */
export const connectivitySection = {
  root: {
    /**
     * The on-premises networks, shared by both clouds: the VPNs route to them and the
     * firewalls use them as the named range `onprem`.
     */
    onPremises: z.strictObject({
      /** On-premises CIDRs keyed by name, e.g. `{ hq: 192.168.0.0/20 }`. */
      ranges: named(z.string()),
      /** Other environments' cloud ranges keyed by name: the on-premises ranges must not overlap them either. */
      otherEnvironmentRanges: named(z.string()).optional(),
    }).optional(),
  },
  gcp: {
    /** HA VPN to on-premises (absent: no VPN). */
    vpn: z.strictObject({
      /** Region of the gateway. Default: the primary region. */
      region: z.string().optional(),
      /** Cloud Router ASN. Default 64514. */
      asn: z.number().optional(),
      peer: z.strictObject({
        ...peerCommon,
        /** Public IPs of the peer interfaces (1, 2 or 4). */
        interfaces: z.array(z.string()),
      }),
      /** Custom advertised ranges keyed by name. Default: the VPC's subnets. */
      advertisedRanges: named(z.string()).optional(),
      /** Link-local /30 per tunnel (`gw0-peer0` …). Default: allocated. */
      linkLocalRanges: z.record(z.string(), z.string()).optional(),
      /** Pre-shared key (set with `pulumi config set --secret`). Default: generated per tunnel. */
      sharedSecret: z.string().optional(),
      /** BGP keepalive seconds. Default 20. */
      keepaliveInterval: z.number().optional(),
    }).optional(),
  },
  alicloud: {
    /** Site-to-site VPN to on-premises (absent: no VPN). */
    vpn: z.strictObject({
      /** Subnet whose vSwitches host the gateway (first zone; second zone for the dual tunnel). Default: the first subnet. */
      subnet: key.optional(),
      /** Dual-tunnel gateway across two zones. Default true. */
      dualTunnel: z.boolean().optional(),
      /** Gateway ASN. Default 64515. */
      asn: z.number().optional(),
      peer: z.strictObject({
        ...peerCommon,
        /** Public IP of the on-premises device. */
        ip: z.string(),
        /** Public IP of a second device for the secondary tunnel. */
        secondaryIp: z.string().optional(),
      }),
      /** `bgp` or `static`. Default bgp. */
      routing: z.enum(["bgp", "static"]).optional(),
      /** Mbps. Default 10. */
      bandwidth: z.number().optional(),
      paymentType: z.enum(["PayAsYouGo", "Subscription"]).optional(),
      healthCheck: z.strictObject({
        sourceIp: z.string(),
        destinationIp: z.string(),
        interval: z.number().optional(),
        retry: z.number().optional(),
      }).optional(),
      /** Link-local /30 per tunnel (`primary`, `secondary`). Default: allocated. */
      linkLocalRanges: z.record(z.string(), z.string()).optional(),
      /** Pre-shared key (set with `pulumi config set --secret`). Default: generated per tunnel. */
      sharedSecret: z.string().optional(),
    }).optional(),
  },
};
