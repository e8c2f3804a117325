import * as gcp from "@pulumi/gcp";
import { fail, get, list, pass, type ResourceRule, type StackRule, strings, tokenOf } from "../rule";

const GCP_BUDGET = tokenOf(gcp.billing.Budget);
/** The landing zone's Alibaba budget component (Alibaba has no budget API: it sets up the alert contacts). */
export const ALICLOUD_BUDGET_COMPONENT = "landing-zone:index:AlicloudBudget";

export const gcpBudgetPresent: StackRule = {
  kind: "stack",
  id: "gcp-budget-present",
  description: "A stack with GCP resources has a billing budget.",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Spend nobody is alerted about is found on the invoice. Advisory: the budget may live in a central billing stack.",
  source: "landing-zone (Google Cloud enterprise foundations: billing alerts)",
  check: (resources) => (resources.some((r) => r.type.startsWith("gcp:") && r.type !== GCP_BUDGET) && !resources.some((r) => r.type === GCP_BUDGET)
    ? [{ message: "no gcp.billing.Budget; add a GcpBudget with threshold alerts" }] : []),
};

export const gcpBudgetNotifies: ResourceRule = {
  kind: "resource",
  id: "gcp-budget-notifies",
  description: "GCP budgets have threshold rules and someone to notify.",
  severity: "medium",
  enforcement: "mandatory",
  rationale: "A budget without thresholds or recipients never alerts anyone.",
  source: "landing-zone",
  types: [GCP_BUDGET],
  check: (_t, i) => {
    const bad: string[] = [];
    if (list(i.thresholdRules).length === 0) bad.push("no thresholdRules");
    const channels = strings(get(i, "allUpdatesRule", "monitoringNotificationChannels")).length > 0 || typeof get(i, "allUpdatesRule", "pubsubTopic") === "string";
    const defaults = get(i, "allUpdatesRule", "disableDefaultIamRecipients") !== true;
    if (!channels && !defaults) bad.push("no notification channel, no Pub/Sub topic and default IAM recipients disabled");
    return bad.length > 0 ? fail(`${bad.join("; ")}; add threshold rules and monitoring notification channels`) : pass;
  },
};

export const alicloudBudgetPresent: StackRule = {
  kind: "stack",
  id: "alicloud-budget-present",
  description: "A stack with Alibaba resources has the landing zone's budget alerts (AlicloudBudget).",
  severity: "medium",
  enforcement: "advisory",
  rationale: "Spend nobody is alerted about is found on the invoice. Advisory: AlicloudBudget manages the budget through the BSS OpenAPI, and may keep only the alert contacts (manageBudget: false) where that API is not available to the account.",
  source: "landing-zone",
  check: (resources) => (resources.some((r) => r.type.startsWith("alicloud:")) && !resources.some((r) => r.type === ALICLOUD_BUDGET_COMPONENT)
    ? [{ message: "no AlicloudBudget; add one so budget alerts reach an owner" }] : []),
};

export const BUDGET_RULES = [gcpBudgetPresent, gcpBudgetNotifies, alicloudBudgetPresent] as const;
