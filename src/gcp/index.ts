// `pulumi-landing-zone/gcp`: the Google Cloud components and the shared models. Loads
// `@pulumi/gcp` (and `@pulumi/random` for the VPN), never `@pulumi/alicloud`.
export * from "../core";
export * from "../resource-options";
export * from "./budget";
export * from "./firewall";
export * from "./ha-vpn";
export * from "./iam";
export * from "./logging";
export * from "./registry";
export * from "./security-alerts";
export * from "./vpc";
export * from "./workload-identity";
