/**
 * # The environment planner
 *
 * Data flows one way:
 *
 *   config (`src/config/`, zod shapes only)
 *     → planner (`src/planner/`, pure: names, labels, spec → component args, checks across areas;
 *       each component's pure planner `src/<cloud>/<c>-plan.ts` runs ONCE, with the real config path)
 *     → `EnvironmentPlan` (plain data: per area, each component's `{ name, args, plan }`)
 *     → program (`src/program/`, deploy only: creates components from the plan's args, adding the
 *       ids of other resources as Pulumi inputs with `deployArgs`; components reuse the plan)
 *     → inventory → policies.
 *
 * No module of the planner (nor of `src/config/`) imports a Pulumi value: `import type` only.
 * A test loads `src/planner` in a child process and checks that no `@pulumi/*` module is loaded.
 *
 * ## Adding an area
 *
 * 1. Config: `src/config/sections/<area>.ts` exports `<area>Section = { root, gcp, alicloud }` of
 *    zod shapes (no checks that need plans); spread it into `src/config/schema.ts`.
 * 2. Planner: `src/planner/<area>.ts` exports the args builders (`spec` → component args, no ids),
 *    a `<Area>Plan` type and `plan<Area>(spec, earlierPlans, problems)`, which runs each component's
 *    planner through `planStep(planner, name, args, keyPath([...]), problems, ownedElsewhere)` and
 *    adds the area's cross-field checks. Add it to `EnvironmentPlan` and `planEnvironmentInto` in
 *    `environment.ts` (order = report order). Names go in `names.ts`.
 * 3. Program: `src/program/<area>.ts` exports `deploy<Area>(ctx)`, creating each planned component
 *    with `new C(p.name, p.args)` or, when it needs ids of earlier components,
 *    `new C(p.name, deployArgs(p, { vpcId: ctx.alicloudVpc.vpcId }))`; add it to the list in
 *    `landing-zone.ts`. It never validates: problems belong to step 2.
 *
 * The security alerts area (`alerts.ts`) is an example of step 2 depending on an earlier area's
 * plan: it searches the audit plan's ActionTrail logstore and reuses the budget's channels.
 */
export { alertsName, auditName, budgetName, connectivityName, corePrefix, environmentLabels, firewallName, iamName, keysName, registryName } from "./names";
export { deployArgs, planStep, type Planned } from "./step";
export { planEnvironment, planEnvironmentInto, planConfig, parseEnvironment, type EnvironmentPlan } from "./environment";
export { alicloudVpcArgs, cloudRanges, gcpVpcArgs, planNetwork, vpcRanges, type NetworkPlan } from "./network";
export { alicloudFirewallArgs, gcpFirewallArgs, planFirewall, type FirewallPlan } from "./firewall";
export { alicloudRamArgs, gcpIamArgs, planIam, type IamPlan } from "./iam";
export { alicloudVpnArgs, alicloudVpnPlacement, gcpHaVpnArgs, onPremisesRanges, otherEnvironmentRanges, planConnectivity, type ConnectivityPlan } from "./connectivity";
export { alicloudSecurityAlertsArgs, gcpAlertRecipients, gcpSecurityAlertsArgs, planAlerts, type AlertsPlan } from "./alerts";
export { alicloudKeysArgs, alicloudKeysEnabled, gcpKeysArgs, gcpKeysEnabled, gcpLandingZoneKeyName, planKeys, type KeysPlan } from "./keys";
export { alicloudBudgetArgs, alicloudLoggingArgs, gcpBudgetArgs, gcpLoggingArgs, planAudit, type AuditPlan } from "./audit";
export { alicloudRegistryArgs, alicloudRegistryRobotOidc, gcpRegistryArgs, gcpRobotPool, planRegistry, registryVswitch, type GcpRobotPool, type RegistryPlan } from "./registry";
export { gcpLandingZoneServices } from "./services";
export { defaultIntents, intentCatalogue, planIntents, type IntentsPlan } from "./intents";
