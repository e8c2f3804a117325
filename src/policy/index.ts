// Policies as code: the rules, their evaluation, and the CrossGuard adapter.
export * from "./rule";
export * from "./ports";
export * from "./rules";
export * from "./evaluate";
export * from "./crossguard";
export * from "./waivers";
