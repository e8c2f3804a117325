import { z } from "zod";
import { isLocationSlots, LOCATION_SLOTS, LOCATION_SLOTS_FIX } from "../core/subnets";
import { distinctList, named } from "./common";

const tier = z.enum(["public", "private"]);
const cidrMap = z.record(z.string(), z.string());
/** `locationSlots`: the same bound as `planSubnets` (LZ_SLOTS_INVALID). */
const locationSlots = z.number().refine(isLocationSlots, {
  error: (iss) => `locationSlots ${String(iss.input)} is not one of ${LOCATION_SLOTS.join(", ")}`,
  params: { code: "LZ_SLOTS_INVALID", fix: LOCATION_SLOTS_FIX },
});

/** `landing-zone:gcp.network`: the GCP VPC (see `GcpVpcArgs`). */
export const gcpNetworkConfig = z.strictObject({
  cidr: z.string(),
  secondaryCidr: z.string().optional(),
  locationSlots: locationSlots.optional(),
  routingMode: z.enum(["GLOBAL", "REGIONAL"]).optional(),
  mtu: z.number().int().optional(),
  allowPublicRange: z.boolean().optional(),
  /** Google APIs by name through private DNS: private, restricted or off. @default restricted in production, else private */
  googleApisAccess: z.enum(["private", "restricted", "off"]).optional(),
  flowLogs: z.strictObject({
    aggregationInterval: z.enum(["INTERVAL_5_SEC", "INTERVAL_30_SEC", "INTERVAL_1_MIN", "INTERVAL_5_MIN", "INTERVAL_10_MIN", "INTERVAL_15_MIN"]).optional(),
    flowSampling: z.number().optional(),
    metadata: z.enum(["INCLUDE_ALL_METADATA", "EXCLUDE_ALL_METADATA"]).optional(),
  }).optional(),
  nat: z.strictObject({
    enabled: z.boolean().optional(),
    staticIpsPerRegion: z.number().int().optional(),
    logFilter: z.enum(["ERRORS_ONLY", "TRANSLATIONS_ONLY", "ALL"]).optional(),
    minPortsPerVm: z.number().int().min(2).max(65536).optional(),
  }).optional(),
  subnets: named(z.strictObject({
    tier,
    size: z.number().int().optional(),
    cidrs: cidrMap.optional(),
    regions: distinctList(z.string()).optional(),
    secondaryRanges: z.record(z.string(), z.strictObject({
      size: z.number().int().optional(),
      cidrs: cidrMap.optional(),
    })).optional(),
  })).refine((s) => Object.keys(s).length > 0, { error: "no subnet is declared", params: { code: "LZ_NO_SUBNETS", fix: "declare at least one subnet, e.g. web: {tier: public, size: 24}" } }),
});

/** `landing-zone:alicloud.vpc`: the Alibaba VPC (see `AlicloudVpcArgs`). */
export const alicloudVpcConfig = z.strictObject({
  cidr: z.string(),
  locationSlots: locationSlots.optional(),
  allowPublicRange: z.boolean().optional(),
  resourceGroupId: z.string().optional(),
  nat: z.strictObject({
    enabled: z.boolean().optional(),
    eipBandwidth: z.number().int().optional(),
    subnet: z.string().optional(),
  }).optional(),
  subnets: named(z.strictObject({
    tier,
    size: z.number().int().optional(),
    cidrs: cidrMap.optional(),
    zones: distinctList(z.string()).optional(),
  })).refine((s) => Object.keys(s).length > 0, { error: "no subnet is declared", params: { code: "LZ_NO_SUBNETS", fix: "declare at least one subnet, e.g. web: {tier: public, size: 24}" } }),
});
