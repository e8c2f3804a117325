import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { type AlertDefinition, normalizeQuery } from "../../core/alerts";
import { ALICLOUD_SECURITY_ALERTS } from "../../core/alerts-alicloud";
import { GCP_SECURITY_ALERTS } from "../../core/alerts-gcp";
import { get, isProductionEnvironment, list, type StackResource, type StackRule, type StackViolation, strings, tokenOf } from "../rule";

const GCP_METRIC = tokenOf(gcp.logging.Metric);
const GCP_ALERT_POLICY = tokenOf(gcp.monitoring.AlertPolicy);
const ALI_ALERT = tokenOf(alicloud.log.Alert);

/**
 * True when the stack is a production stack: a landing-zone component was built with
 * `production: true`, or a resource is labelled (GCP) or tagged (Alibaba) `environment: prod`.
 */
export function isProductionStack(resources: readonly StackResource[]): boolean {
  return resources.some((r) => (r.type.startsWith("landing-zone:") && r.inputs.production === true)
    || isProductionEnvironment(get(r.inputs, "labels", "environment")) || isProductionEnvironment(get(r.inputs, "tags", "environment")));
}

/** True when an enabled GCP alert policy watches the log-based metric `name` and notifies a channel. */
function gcpPolicyWatches(resources: readonly StackResource[], name: string): boolean {
  const type = `"logging.googleapis.com/user/${name}"`;
  return resources.some((p) => p.type === GCP_ALERT_POLICY && p.inputs.enabled !== false
    && strings(p.inputs.notificationChannels).length > 0
    && list(p.inputs.conditions).some((c) => String(get(c, "conditionThreshold", "filter") ?? "").replace(/\s+/g, "").includes(`metric.type=${type}`)));
}

/** The CIS GCP alerts the stack lacks: an enabled metric with the CIS filter and a policy on it that notifies someone. */
export function missingGcpAlerts(resources: readonly StackResource[]): AlertDefinition[] {
  const metrics = resources.filter((r) => r.type === GCP_METRIC && r.inputs.disabled !== true && typeof r.inputs.filter === "string");
  return GCP_SECURITY_ALERTS.filter((a) => !metrics.some((m) => normalizeQuery(m.inputs.filter as string) === normalizeQuery(a.query)
    && typeof m.inputs.name === "string" && gcpPolicyWatches(resources, m.inputs.name)));
}

/** The CIS Alibaba alerts the stack lacks: a 2.0 SLS alert searching the ActionTrail logstore with the CIS query and an action policy. */
export function missingAlicloudAlerts(resources: readonly StackResource[]): AlertDefinition[] {
  const alerts = resources.filter((r) => r.type === ALI_ALERT && r.inputs.version === "2.0"
    && typeof get(r.inputs, "policyConfiguration", "actionPolicyId") === "string" && get(r.inputs, "policyConfiguration", "actionPolicyId") !== "");
  return ALICLOUD_SECURITY_ALERTS.filter((a) => !alerts.some((r) => list(r.inputs.queryLists).some((q) => {
    const store = get(q, "store");
    const query = get(q, "query");
    return typeof store === "string" && store.startsWith("actiontrail_") && typeof query === "string"
      && normalizeQuery(query.split("|")[0]!) === normalizeQuery(a.query);
  })));
}

function violations(missing: readonly AlertDefinition[], fix: string): StackViolation[] {
  return missing.map((a) => ({ message: `no alert for "${a.title}" (${a.cis}, alert ${a.id}); ${fix}` }));
}

const hasCloud = (resources: readonly StackResource[], prefix: string) => resources.some((r) => r.type.startsWith(prefix));

/** What differs between the GCP and Alibaba rule pairs. */
interface AlertRuleSpec {
  readonly id: string;
  /** Type prefix of the cloud's resources, e.g. `gcp:`. */
  readonly prefix: string;
  readonly description: string;
  readonly prodDescription: string;
  readonly rationale: string;
  readonly prodRationale: string;
  readonly source: string;
  readonly missing: (resources: readonly StackResource[]) => AlertDefinition[];
  readonly fix: string;
}

/** The advisory rule (non-production stacks) and the mandatory `-prod` rule (production stacks) of one cloud: each gap is reported once. */
function alertRulePair(spec: AlertRuleSpec): [StackRule, StackRule] {
  const rule = (production: boolean): StackRule => ({
    kind: "stack",
    id: production ? `${spec.id}-prod` : spec.id,
    description: production ? spec.prodDescription : spec.description,
    severity: production ? "high" : "medium",
    enforcement: production ? "mandatory" : "advisory",
    rationale: production ? spec.prodRationale : spec.rationale,
    source: spec.source,
    check: (resources) => (hasCloud(resources, spec.prefix) && isProductionStack(resources) === production
      ? violations(spec.missing(resources), spec.fix) : []),
  });
  return [rule(false), rule(true)];
}

export const [gcpSecurityAlerts, gcpSecurityAlertsProd] = alertRulePair({
  id: "gcp-security-alerts",
  prefix: "gcp:",
  description: "A non-production stack with GCP resources has the CIS log-based metric and alert policy for each of ownership, audit config, custom role, firewall, route, network, bucket IAM and Cloud SQL changes.",
  prodDescription: "A production stack with GCP resources has the CIS log-based metric and alert policy, wired to a notification channel, for each CIS 2.4–2.11 event.",
  rationale: "Audit logs only help when someone looks: these changes open the door to an attacker and must reach a person within minutes. Advisory outside production (gcp-security-alerts-prod enforces it there).",
  prodRationale: "In production an unnoticed owner grant, firewall opening or audit config change is an incident; detection must not depend on someone reading logs.",
  source: "CIS GCP Foundations v4.0 2.4–2.11",
  missing: missingGcpAlerts,
  fix: "add GcpSecurityAlerts (or a log-based metric with the CIS filter and an alert policy on it that notifies a channel)",
});

export const [alicloudSecurityAlerts, alicloudSecurityAlertsProd] = alertRulePair({
  id: "alicloud-security-alerts",
  prefix: "alicloud:",
  description: "A non-production stack with Alibaba resources has an SLS alert over the ActionTrail logstore for each CIS event (RAM policies, unauthorized calls, sign-in without MFA, root use, security groups, ACLs, routes, VPCs, OSS policies, KMS deletion, ActionTrail).",
  prodDescription: "A production stack with Alibaba resources has an SLS alert over the ActionTrail logstore, notifying an action policy, for each CIS event.",
  rationale: "ActionTrail records the change; only an alert makes someone look at it in time. Advisory outside production (alicloud-security-alerts-prod enforces it there).",
  prodRationale: "In production an unnoticed root sign-in, RAM policy change or stopped trail is an incident; detection must not depend on someone reading logs.",
  source: "CIS Alibaba Cloud v2.0 2 (log monitoring and alerts)",
  missing: missingAlicloudAlerts,
  fix: "add AlicloudSecurityAlerts (or an SLS 2.0 alert over the actiontrail_ logstore with the CIS query and an action policy)",
});

export const ALERT_RULES = [gcpSecurityAlerts, gcpSecurityAlertsProd, alicloudSecurityAlerts, alicloudSecurityAlertsProd] as const;
