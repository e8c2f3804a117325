// Public API of pulumi-landing-zone. One line per module; keep it sorted by area.

// Core (pure, no Pulumi)
export * from "./core/cidr";
export * from "./core/errors";
export * from "./core/labels";
export * from "./core/naming";
export * from "./core/personas";
export * from "./core/subnets";

// Config
export { parseSpec, readStackFile } from "./config/load";
export type { AlicloudSpec, EnvironmentSpec, GcpSpec } from "./config/spec";
export { STACK_FILE_SCHEMA_PATH, stackFileJsonSchema } from "./config/json-schema";

// Environment planner (pure: config → every component's args and plan)
export * from "./planner";

// Network
export * from "./gcp/vpc";
export * from "./alicloud/vpc";
export * from "./gcp/logging"; export * from "./gcp/budget"; export * from "./alicloud/logging"; export * from "./alicloud/budget"; export * from "./alicloud/bss-budget"; export * from "./core/audit";
export * from "./gcp/registry"; export * from "./alicloud/registry";
export * from "./gcp/keys"; export * from "./alicloud/keys"; export * from "./core/keys";
export * from "./gcp/iam";
export * from "./gcp/workload-identity";
export * from "./alicloud/ram";
export * from "./alicloud/trust";
export * from "./resource-options";
export * from "./gcp/firewall"; export * from "./alicloud/security-groups"; export * from "./core/rules";
export * from "./gcp/ha-vpn"; export * from "./alicloud/vpn"; export * from "./core/bgp";
export * from "./core/ports";
export * from "./gcp/security-alerts"; export * from "./alicloud/security-alerts"; export * from "./core/alerts"; export * from "./core/alerts-gcp"; export * from "./core/alerts-alicloud";

// Stack program
export { buildLandingZone, deployLandingZone } from "./program/landing-zone";

// Offline plan and test kit
export * from "./offline/harness";
export * from "./offline/inventory";
export { registerMockOutputs } from "./offline/mock-outputs";
export * from "./offline/testkit";
export { brokenIntents, describeBroken, intentName, validateIntents, type IntentReport } from "./intents/check";
export * from "./intents/types";
export * from "./offline/urns";

// Policies as code (the same rules back the CrossGuard pack in policy-pack/)
export * from "./policy";
