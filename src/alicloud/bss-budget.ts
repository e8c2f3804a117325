import * as pulumi from "@pulumi/pulumi";
import { BssBudgetInputs, BssQueryFilter, BssWarnConf, bssBudgetProvider } from "./bss-budget-provider";

export type { BssBudgetInputs, BssQueryFilter, BssWarnConf } from "./bss-budget-provider";

/**
 * An Alibaba Cloud budget managed through BSS OpenAPI 2023-09-30 by a Pulumi dynamic provider
 * (type `pulumi-nodejs:dynamic:Resource`, id = budget name). Credentials come from the
 * environment when `pulumi up` runs (see docs/audit.md), never from inputs.
 */
export class BssBudget extends pulumi.dynamic.Resource {
  declare readonly budgetName: pulumi.Output<string>;
  declare readonly quota: pulumi.Output<string>;
  declare readonly warnConfs: pulumi.Output<BssWarnConf[]>;
  declare readonly queryFilter: pulumi.Output<BssQueryFilter[]>;

  constructor(name: string, inputs: pulumi.Inputs & BssBudgetInputs, opts?: pulumi.CustomResourceOptions) {
    super(bssBudgetProvider, name, { ...inputs }, opts);
  }
}
