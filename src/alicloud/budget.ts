import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../core/errors";
import { nameOf } from "../core/naming";
import { BssBudget } from "./bss-budget";
import { AlicloudBudgetArgs, ALICLOUD_CMS_LANG, ALICLOUD_BUDGET_DEFAULTS, planAlicloudBudget, AlicloudBudgetSettings } from "./budget-plan";

export * from "./budget-plan";

/**
 * An environment's Alibaba Cloud budget: the budget in Expense Management with actual and
 * forecast alerts (a `BssBudget` dynamic resource on BSS OpenAPI 2023-09-30), plus CloudMonitor
 * alarm contacts (one per email) and a contact group for the landing zone's alert recipients.
 */
export class AlicloudBudget extends pulumi.ComponentResource {
  readonly contacts: Record<string, alicloud.cms.AlarmContact>;
  readonly contactGroup: alicloud.cms.AlarmContactGroup;
  readonly contactGroupName: pulumi.Output<string>;
  /** The managed budget; undefined when `manageBudget` is false. */
  readonly budget?: BssBudget;
  /** The budget's name in Expense Management; undefined when `manageBudget` is false. */
  readonly budgetName?: pulumi.Output<string>;
  /** The budget as configured (what to enter in the console when `manageBudget` is false). */
  readonly settings: AlicloudBudgetSettings;

  constructor(name: string, args: AlicloudBudgetArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validated("AlicloudBudget", planAlicloudBudget, name, args);
    super("landing-zone:index:AlicloudBudget", name, args, opts);
    this.settings = plan.settings;
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
    if (plan.budget) {
      this.budget = new BssBudget(name, plan.budget, { parent: this });
      this.budgetName = this.budget.budgetName;
    }
    this.registerOutputs({ contactGroupName: this.contactGroupName, budgetName: this.budgetName, settings: this.settings });
  }
}
