// The components the multi-language package exposes. Adding a component is one line here; it
// must be exported from src/index.ts (the analyzer reads its source from there) and its type
// token must be `landing-zone:index:<ClassName>`. test/provider/schema.test.ts fails when a
// public component is neither listed here nor in NOT_EXPOSED.
import type { ComponentResourceConstructor } from "@pulumi/pulumi/provider/experimental/provider";
import * as lz from "../index";

/** Package name: the `<package>` part of every type token. */
export const PACKAGE_NAME = "landing-zone";

/** Every exposed component class, by class name (= the `<Name>` of its type token). */
export const COMPONENTS: Readonly<Record<string, ComponentResourceConstructor>> = {
  GcpVpc: lz.GcpVpc,
  AlicloudVpc: lz.AlicloudVpc,
  GcpLogging: lz.GcpLogging,
  GcpBudget: lz.GcpBudget,
  AlicloudLogging: lz.AlicloudLogging,
  AlicloudBudget: lz.AlicloudBudget,
  GcpRegistry: lz.GcpRegistry,
  AlicloudRegistry: lz.AlicloudRegistry,
  GcpKeys: lz.GcpKeys,
  AlicloudKeys: lz.AlicloudKeys,
  GcpIam: lz.GcpIam,
  GcpWorkloadIdentity: lz.GcpWorkloadIdentity,
  AlicloudRam: lz.AlicloudRam,
  GcpFirewall: lz.GcpFirewall,
  AlicloudSecurityGroups: lz.AlicloudSecurityGroups,
  GcpHaVpn: lz.GcpHaVpn,
  AlicloudVpn: lz.AlicloudVpn,
  GcpSecurityAlerts: lz.GcpSecurityAlerts,
  AlicloudSecurityAlerts: lz.AlicloudSecurityAlerts,
};

/** Public components deliberately not exposed to other languages, with the reason. */
export const NOT_EXPOSED: Readonly<Record<string, string>> = {};
