import type { Rule } from "../rule";
import { ALERT_RULES } from "./alerts";
import { BUDGET_RULES } from "./budget";
import { FIREWALL_RULES } from "./firewall";
import { IAM_RULES } from "./iam";
import { KEY_RULES } from "./keys";
import { LABEL_RULES } from "./labels";
import { LOGGING_RULES } from "./logging";
import { NETWORK_RULES } from "./network";
import { REGISTRY_RULES } from "./registry";
import { VPN_RULES } from "./vpn";

export * from "./alerts";
export * from "./budget";
export * from "./firewall";
export * from "./iam";
export * from "./keys";
export * from "./labels";
export * from "./logging";
export * from "./network";
export * from "./registry";
export * from "./vpn";

/** Every rule of the landing zone, by area. The CrossGuard pack and the offline plan both use this list. */
export const LANDING_ZONE_RULES: readonly Rule[] = [
  ...NETWORK_RULES, ...FIREWALL_RULES, ...IAM_RULES, ...VPN_RULES, ...LOGGING_RULES, ...REGISTRY_RULES, ...KEY_RULES, ...BUDGET_RULES, ...ALERT_RULES, ...LABEL_RULES,
];
