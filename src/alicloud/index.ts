// `pulumi-landing-zone/alicloud`: the Alibaba Cloud components and the shared models. Loads
// `@pulumi/alicloud` (and `@pulumi/random` for the VPN), never `@pulumi/gcp`.
export * from "../core";
export * from "../resource-options";
export * from "./bss-budget";
export * from "./budget";
export * from "./logging";
export * from "./ram";
export * from "./registry";
export * from "./security-alerts";
export * from "./security-groups";
export * from "./trust";
export * from "./vpc";
export * from "./vpn";
