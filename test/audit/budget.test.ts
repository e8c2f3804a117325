import { describe, expect, it } from "vitest";
import { AlicloudBudget } from "../../src/alicloud/budget";
import { componentProblems } from "../helpers";
import { GcpBudget, GcpBudgetArgs } from "../../src/gcp/budget";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";

const ARGS: GcpBudgetArgs = {
  billingAccount: "01A2B3-C4D5E6-F7A8B9", project: "acme-prod", amount: 1234.5, currency: "EUR",
  emails: { finance: "finance@acme.example" }, filterLabels: { environment: "prod" }, labels: { environment: "prod" },
};


describe("GcpBudget", () => {
  it("budgets the project by number with actual and forecast thresholds, email channels and a topic", async () => {
    const inv = await runOffline(() => { new GcpBudget("prod-budget", ARGS); }, { stack: "test" });
    expect(findResource(inv, "gcp:billing/budget:Budget", "prod-budget").inputs).toEqual({
      allUpdatesRule: {
        disableDefaultIamRecipients: false,
        monitoringNotificationChannels: ["projects/acme-prod/notificationChannels/1556071722305237104"],
        pubsubTopic: "projects/acme-prod/topics/prod-budget-updates",
        schemaVersion: "1.0",
      },
      amount: { specifiedAmount: { currencyCode: "EUR", nanos: 500000000, units: "1234" } },
      billingAccount: "01A2B3-C4D5E6-F7A8B9",
      // The number comes from gcp.organizations.getProject (answered offline by mockCall).
      budgetFilter: { calendarPeriod: "MONTH", creditTypesTreatment: "INCLUDE_ALL_CREDITS", labels: { environment: "prod" }, projects: ["projects/884902664132"] },
      displayName: "prod-budget",
      thresholdRules: [
        { spendBasis: "CURRENT_SPEND", thresholdPercent: 0.5 },
        { spendBasis: "CURRENT_SPEND", thresholdPercent: 0.9 },
        { spendBasis: "CURRENT_SPEND", thresholdPercent: 1 },
        { spendBasis: "FORECASTED_SPEND", thresholdPercent: 1 },
      ],
    });
    expect(findResource(inv, "gcp:monitoring/notificationChannel:NotificationChannel", "prod-budget-finance").inputs).toEqual({
      displayName: "prod-budget budget: finance", enabled: true, labels: { email_address: "finance@acme.example" },
      project: "acme-prod", type: "email", userLabels: { environment: "prod" },
    });
    expect(findResource(inv, "gcp:pubsub/topic:Topic", "prod-budget-updates").inputs).toEqual({
      labels: { environment: "prod" }, name: "prod-budget-updates", project: "acme-prod",
    });
  });

  it("creates the budget through its own provider billing the calls to a quota project, and counts the whole project without filterLabels", async () => {
    const inv = await runOffline(() => { new GcpBudget("prod-budget", { ...ARGS, filterLabels: undefined }); }, { stack: "test" });
    const provider = findResource(inv, "pulumi:providers:gcp", "prod-budget-billing");
    expect(provider.inputs).toMatchObject({ project: "acme-prod", billingProject: "acme-prod", userProjectOverride: "true", addPulumiAttributionLabel: "false" });
    expect(provider.parent).toBe("urn:pulumi:test::landing-zone::landing-zone:index:GcpBudget::prod-budget");
    const budget = findResource(inv, "gcp:billing/budget:Budget", "prod-budget");
    expect(budget.provider).toBe(provider.urn);
    expect((budget.inputs as Record<string, any>).budgetFilter).toEqual({
      calendarPeriod: "MONTH", creditTypesTreatment: "INCLUDE_ALL_CREDITS", projects: ["projects/884902664132"],
    });
    // The channels and topic are ordinary project resources: they keep the caller's provider.
    expect(findResource(inv, "gcp:pubsub/topic:Topic", "prod-budget-updates").provider).not.toBe(provider.urn);
    const quota = await runOffline(() => { new GcpBudget("prod-budget", { ...ARGS, quotaProject: "acme-billing-ops" }); }, { stack: "test" });
    expect(findResource(quota, "pulumi:providers:gcp", "prod-budget-billing").inputs).toMatchObject({ billingProject: "acme-billing-ops", userProjectOverride: "true" });
  });

  it("rejects a quota project that is not a project id", async () => {
    expect(await componentProblems(() => new GcpBudget("prod-budget", { ...ARGS, quotaProject: "Acme Billing" })))
      .toEqual([["LZ_PROJECT_ID", "GcpBudget args.quotaProject"]]);
  });

  it("uses a configured project number and custom thresholds without a topic", async () => {
    const inv = await runOffline(() => {
      new GcpBudget("dev-budget", { ...ARGS, projectNumber: "111122223333", pubsub: false, amount: 500, thresholds: { actual: [80], forecast: [] } });
    }, { stack: "test" });
    const inputs = findResource(inv, "gcp:billing/budget:Budget", "dev-budget").inputs as Record<string, any>;
    expect(inputs.budgetFilter.projects).toEqual(["projects/111122223333"]);
    expect(inputs.amount).toEqual({ specifiedAmount: { currencyCode: "EUR", nanos: 0, units: "500" } });
    expect(inputs.thresholdRules).toEqual([{ spendBasis: "CURRENT_SPEND", thresholdPercent: 0.8 }]);
    expect(inputs.allUpdatesRule.pubsubTopic).toBeUndefined();
  });

  it("rejects a negative amount, thresholds out of range and a malformed email, all at once", async () => {
    expect(await componentProblems(() => new GcpBudget("prod-budget", {
      ...ARGS, amount: -5, thresholds: { actual: [50, 0, 1200], forecast: [-1] }, emails: { finance: "finance@", ops: "ops at acme" }, billingAccount: "nope",
    }))).toEqual([
      ["LZ_BUDGET_AMOUNT", "GcpBudget args.amount"],
      ["LZ_BUDGET_THRESHOLD", "GcpBudget args.thresholds.actual[1]"],
      ["LZ_BUDGET_THRESHOLD", "GcpBudget args.thresholds.actual[2]"],
      ["LZ_BUDGET_THRESHOLD", "GcpBudget args.thresholds.forecast[0]"],
      ["LZ_EMAIL_INVALID", "GcpBudget args.emails.finance"],
      ["LZ_EMAIL_INVALID", "GcpBudget args.emails.ops"],
      ["LZ_BILLING_ACCOUNT", "GcpBudget args.billingAccount"],
    ]);
  });

  it("refuses an update topic name starting with goog, which Pub/Sub reserves, and allows the name without a topic", async () => {
    expect(await componentProblems(() => new GcpBudget("goog-budget", ARGS))).toEqual([["LZ_TOPIC_NAME", "GcpBudget args"]]);
    const inv = await runOffline(() => { new GcpBudget("goog-budget", { ...ARGS, projectNumber: "123456789012", pubsub: false }); }, { stack: "test" });
    expect(inv.resources.map((r) => r.type).sort()).toEqual(["gcp:billing/budget:Budget", "gcp:monitoring/notificationChannel:NotificationChannel", "landing-zone:index:GcpBudget", "pulumi:providers:gcp"]);
  });

  it("explains a negative amount with the fix", async () => {
    expect(() => new GcpBudget("b", { ...ARGS, amount: -1 })).toThrow(
      'GcpBudget "b": 1 problem found, nothing was created:\n  - GcpBudget args.amount: budget amount -1 is not above 0 [LZ_BUDGET_AMOUNT]\n    fix: set a positive amount in the billing account\'s currency, e.g. 500',
    );
  });
});

describe("AlicloudBudget (no budget API: alarm contacts only)", () => {
  it("creates one CloudMonitor contact per email and a group holding them", async () => {
    const inv = await runOffline(() => {
      const b = new AlicloudBudget("prod-budget", { amount: 80000, currency: "CNY", emails: { finance: "finance@acme.example", platform: "platform@acme.example" } });
      return { settings: b.settings };
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:cms/alarmContact:AlarmContact", "prod-budget-finance").inputs).toEqual({
      alarmContactName: "prod-budget-finance", channelsMail: "finance@acme.example", describe: "Budget alerts of prod-budget: finance", lang: "en",
    });
    expect(findResource(inv, "alicloud:cms/alarmContactGroup:AlarmContactGroup", "prod-budget-contacts").inputs).toEqual({
      alarmContactGroupName: "prod-budget-contacts", contacts: ["prod-budget-finance", "prod-budget-platform"], describe: "Budget alert recipients of prod-budget",
    });
    expect(inv.outputs.settings).toEqual({ actualThresholds: [50, 90, 100], amount: 80000, currency: "CNY", forecastThresholds: [100] });
  });

  it("sends Chinese notifications with CloudMonitor's own language code zh-cn, also when asked for zh_CN", async () => {
    const inv = await runOffline(() => {
      new AlicloudBudget("cn-budget", { amount: 100, emails: { finance: "finance@acme.example" }, lang: "zh-cn" });
      new AlicloudBudget("cn2-budget", { amount: 100, emails: { finance: "finance@acme.example" }, lang: "zh_CN" });
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:cms/alarmContact:AlarmContact", "cn-budget-finance").inputs.lang).toBe("zh-cn");
    expect(findResource(inv, "alicloud:cms/alarmContact:AlarmContact", "cn2-budget-finance").inputs.lang).toBe("zh-cn");
  });

  it("rejects a notification language CloudMonitor does not know (a caller outside the config schema)", async () => {
    expect(await componentProblems(() => new AlicloudBudget("dev-budget", { amount: 100, emails: { finance: "finance@acme.example" }, lang: "de" as never })))
      .toEqual([["LZ_BUDGET_LANG", "AlicloudBudget args.lang"]]);
  });

  it("rejects the same bad input as the GCP budget, and a budget nobody hears about", async () => {
    expect(await componentProblems(() => new AlicloudBudget("dev-budget", { amount: 0, thresholds: { actual: [101, 1001] }, emails: {} }))).toEqual([
      ["LZ_BUDGET_AMOUNT", "AlicloudBudget args.amount"],
      ["LZ_BUDGET_THRESHOLD", "AlicloudBudget args.thresholds.actual[1]"],
      ["LZ_BUDGET_NO_CONTACT", "AlicloudBudget args.emails"],
    ]);
  });
});
