import { describe, expect, it, vi } from "vitest";
import * as net from "node:net";
import { AlicloudBudget, AlicloudBudgetArgs } from "../../src/alicloud/budget";
import { componentProblems } from "../helpers";
import { GcpBudget, GcpBudgetArgs } from "../../src/gcp/budget";
import { DYNAMIC_PROVIDER_MASK, runOffline } from "../../src/offline/harness";
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

const ALI: AlicloudBudgetArgs = {
  amount: 80000, currency: "CNY", startMonth: "2027-01", endMonth: "2027-12",
  emails: { finance: "finance@acme.example", platform: "platform@acme.example" },
};

describe("AlicloudBudget", () => {
  it("creates the budget through the BSS dynamic provider, one CloudMonitor contact per email and a group, without touching the network", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const inv = await runOffline(() => {
      const b = new AlicloudBudget("prod-budget", ALI);
      return { settings: b.settings, budgetName: b.budgetName };
    }, { stack: "test" });
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
    const budget = findResource(inv, "pulumi-nodejs:dynamic:Resource", "prod-budget");
    expect(budget.parent).toBe(findResource(inv, "landing-zone:index:AlicloudBudget", "prod-budget").urn);
    expect(budget.inputs).toEqual({
      __provider: DYNAMIC_PROVIDER_MASK,
      budgetName: "prod-budget", budgetType: "CONSUME", metric: "REQUIRE_AMOUNT", cycleType: "MONTHLY", quotaType: "FIXED", quota: "80000",
      cycleStartPeriod: "2027-01", cycleEndPeriod: "2027-12", comment: "landing-zone prod-budget (CNY)",
      warnConfs: [
        { name: "actual-50pct", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "40000" },
        { name: "actual-90pct", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "72000" },
        { name: "actual-100pct", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "80000" },
        { name: "forecast-100pct", warnTarget: "FORECAST", thresholdType: "FIXED", thresholdValue: "80000" },
      ],
      queryFilter: [],
      endpoint: "business.aliyuncs.com",
    });
    expect(findResource(inv, "alicloud:cms/alarmContact:AlarmContact", "prod-budget-finance").inputs).toEqual({
      alarmContactName: "prod-budget-finance", channelsMail: "finance@acme.example", describe: "Budget alerts of prod-budget: finance", lang: "en",
    });
    expect(findResource(inv, "alicloud:cms/alarmContactGroup:AlarmContactGroup", "prod-budget-contacts").inputs).toEqual({
      alarmContactGroupName: "prod-budget-contacts", contacts: ["prod-budget-finance", "prod-budget-platform"], describe: "Budget alert recipients of prod-budget",
    });
    expect(inv.outputs.settings).toEqual({ actualThresholds: [50, 90, 100], amount: 80000, currency: "CNY", forecastThresholds: [100] });
    expect(inv.outputs.budgetName).toBe("prod-budget");
  });

  it("filters by account, notifies Message Center contacts, rounds thresholds to cents and uses the international endpoint", async () => {
    const inv = await runOffline(() => {
      new AlicloudBudget("intl-budget", {
        ...ALI, amount: 1234.5, budgetName: "acme_intl_budget", thresholds: { actual: [87.5], forecast: [] },
        accountIds: ["1234567890123456", "6543210987654321"], messageCenterContacts: ["finance", "platform"], endpoint: "business.ap-southeast-1.aliyuncs.com",
      });
    }, { stack: "test" });
    expect(findResource(inv, "pulumi-nodejs:dynamic:Resource", "intl-budget").inputs).toMatchObject({
      budgetName: "acme_intl_budget", quota: "1234.5",
      warnConfs: [{ name: "actual-87.5pct", warnTarget: "ACTUAL", thresholdType: "FIXED", thresholdValue: "1080.19", mscContacts: ["finance", "platform"] }],
      queryFilter: [{ code: "RESOURCE_OWNER_ACCOUNT", selectType: "IN", values: ["1234567890123456", "6543210987654321"] }],
      endpoint: "business.ap-southeast-1.aliyuncs.com",
    });
  });

  it("keeps only the contacts and the settings with manageBudget: false, without months", async () => {
    const inv = await runOffline(() => {
      new AlicloudBudget("dev-budget", { amount: 100, emails: { finance: "finance@acme.example" }, manageBudget: false });
    }, { stack: "test" });
    expect(inv.resources.map((r) => r.type).sort()).toEqual([
      "alicloud:cms/alarmContact:AlarmContact", "alicloud:cms/alarmContactGroup:AlarmContactGroup", "landing-zone:index:AlicloudBudget",
    ]);
  });

  it("sends Chinese notifications with CloudMonitor's own language code zh-cn, also when asked for zh_CN", async () => {
    const inv = await runOffline(() => {
      new AlicloudBudget("cn-budget", { ...ALI, emails: { finance: "finance@acme.example" }, lang: "zh-cn" });
      new AlicloudBudget("cn2-budget", { ...ALI, emails: { finance: "finance@acme.example" }, lang: "zh_CN" });
    }, { stack: "test" });
    expect(findResource(inv, "alicloud:cms/alarmContact:AlarmContact", "cn-budget-finance").inputs.lang).toBe("zh-cn");
    expect(findResource(inv, "alicloud:cms/alarmContact:AlarmContact", "cn2-budget-finance").inputs.lang).toBe("zh-cn");
  });

  it("rejects a notification language CloudMonitor does not know (a caller outside the config schema)", async () => {
    expect(await componentProblems(() => new AlicloudBudget("dev-budget", { ...ALI, lang: "de" as never })))
      .toEqual([["LZ_BUDGET_LANG", "AlicloudBudget args.lang"]]);
  });

  it("rejects the same bad input as the GCP budget, and a budget nobody hears about", async () => {
    expect(await componentProblems(() => new AlicloudBudget("dev-budget", { ...ALI, amount: 0, thresholds: { actual: [101, 1001] }, emails: {} }))).toEqual([
      ["LZ_BUDGET_AMOUNT", "AlicloudBudget args.amount"],
      ["LZ_BUDGET_THRESHOLD", "AlicloudBudget args.thresholds.actual[1]"],
      ["LZ_BUDGET_NO_CONTACT", "AlicloudBudget args.emails"],
    ]);
  });

  it("rejects every bad budget API setting at once, before anything is registered", async () => {
    expect(await componentProblems(() => new AlicloudBudget("dev-budget", {
      ...ALI, amount: 2e10, budgetName: "dev budget!", period: "DAILY" as never, startMonth: "2027-1", endMonth: undefined,
      accountIds: ["12345", "1234567890123456"], messageCenterContacts: ["finance", "", "finance"], endpoint: "https://business.aliyuncs.com",
    }))).toEqual([
      ["LZ_BUDGET_NAME", "AlicloudBudget args.budgetName"],
      ["LZ_BUDGET_AMOUNT", "AlicloudBudget args.amount"],
      ["LZ_BUDGET_PERIOD", "AlicloudBudget args.period"],
      ["LZ_BUDGET_MONTH", "AlicloudBudget args.startMonth"],
      ["LZ_BUDGET_MONTH", "AlicloudBudget args.endMonth"],
      ["LZ_BUDGET_ACCOUNT_ID", "AlicloudBudget args.accountIds[0]"],
      ["LZ_BUDGET_MSC_CONTACT", "AlicloudBudget args.messageCenterContacts[1]"],
      ["LZ_BUDGET_MSC_CONTACT", "AlicloudBudget args.messageCenterContacts"],
      ["LZ_BUDGET_ENDPOINT", "AlicloudBudget args.endpoint"],
    ]);
  });

  it("rejects an end month before the start month, and a component name that is no budget name", async () => {
    expect(await componentProblems(() => new AlicloudBudget("dev.budget", { ...ALI, startMonth: "2027-06", endMonth: "2027-05" }))).toEqual([
      ["LZ_BUDGET_NAME", "AlicloudBudget args"],
      ["LZ_BUDGET_MONTH", "AlicloudBudget args.endMonth"],
    ]);
  });
});
