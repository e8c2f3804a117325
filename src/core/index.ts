// The pure models both clouds share (no Pulumi imports): re-exported by every entry point.
export * from "./alerts";
export * from "./alerts-alicloud";
export * from "./alerts-gcp";
export * from "./audit";
export * from "./bgp";
export * from "./cidr";
export * from "./errors";
export * from "./labels";
export * from "./naming";
export * from "./personas";
export * from "./ports";
export * from "./rules";
export * from "./subnets";
