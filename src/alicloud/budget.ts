import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { AlicloudBudgetArgs, ALICLOUD_CMS_LANG, ALICLOUD_BUDGET_DEFAULTS, planAlicloudBudget, AlicloudBudgetSettings } from "./budget-plan";

export * from "./budget-plan";

/**
 * CloudMonitor alarm contacts (one per email) and a contact group for an environment's budget
 * alerts; the budget itself is configured out of band (no API can manage it).
 */
export class AlicloudBudget extends pulumi.ComponentResource {
  readonly contacts: Record<string, alicloud.cms.AlarmContact>;
  readonly contactGroup: alicloud.cms.AlarmContactGroup;
  readonly contactGroupName: pulumi.Output<string>;
  /** What to configure in Expense Management → Budgets. */
  readonly settings: AlicloudBudgetSettings;

  constructor(name: string, args: AlicloudBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    validated("AlicloudBudget", planAlicloudBudget, name, args);
    super("landing-zone:index:AlicloudBudget", name, args, opts);
    const thresholds = { ...ALICLOUD_BUDGET_DEFAULTS.thresholds, ...args.thresholds };
    this.settings = { amount: args.amount, currency: args.currency, actualThresholds: thresholds.actual, forecastThresholds: thresholds.forecast };
    this.contacts = {};
    for (const [key, email] of Object.entries(args.emails ?? {})) {
      const contactName = nameOf(name, key);
      this.contacts[key] = new alicloud.cms.AlarmContact(contactName, {
        alarmContactName: contactName,
        describe: `Budget alerts of ${name}: ${key}`,
        channelsMail: email,
        lang: ALICLOUD_CMS_LANG[args.lang ?? ALICLOUD_BUDGET_DEFAULTS.lang],
      }, { parent: this });
    }
    const groupName = nameOf(name, "contacts");
    this.contactGroup = new alicloud.cms.AlarmContactGroup(groupName, {
      alarmContactGroupName: groupName,
      describe: `Budget alert recipients of ${name}`,
      contacts: Object.values(this.contacts).map((c) => c.alarmContactName),
    }, { parent: this });
    this.contactGroupName = this.contactGroup.alarmContactGroupName;
    this.registerOutputs({ contactGroupName: this.contactGroupName, settings: this.settings });
  }
}
