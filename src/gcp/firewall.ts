import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { checkVpcDeployKeys } from "../core/vpc-form";
import { GCP_FIREWALL_VPC_KEYS, GcpFirewallArgs, GcpFirewallPlan, gcpFirewallInputs, gcpFirewallNetwork, planGcpFirewall, validatedGcpFirewall } from "./firewall-plan";

export * from "./firewall-plan";

/**
 * The tiered VPC firewall of one GCP network, as classic VPC firewall rules: one rule per tier
 * (who reaches it on which ports), admin access only from IAP (or on-premises), named extra
 * rules, an explicit lowest-priority deny-all ingress and, when asked, deny-all egress with the
 * egress the tier matrix and Private Google Access need. Every rule logs with all metadata.
 */
export class GcpFirewall extends pulumi.ComponentResource {
  /** Firewall rules keyed by rule name. */
  readonly firewalls: Record<string, gcp.compute.Firewall>;
  /** Firewall rule names keyed by rule name. */
  readonly firewallNames: pulumi.Output<Record<string, string>>;
  /** Firewall rule names keyed by rule name, as plain strings (known at plan time). */
  readonly firewallNamesByKey: Readonly<Record<string, string>>;
  /** Network tag (or service account) that puts an instance into each tier (known at plan time). */
  readonly tierIdentities: pulumi.Output<Record<string, string>>;
  /** Network tag (or service account) of each tier, as plain strings. */
  readonly tierIdentitiesByTier: Readonly<Record<string, string>>;
  /** The plan this component was built from (plain data). */
  readonly plan: GcpFirewallPlan;

  constructor(name: string, args: GcpFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, the component itself included.
    checkVpcDeployKeys("GcpFirewall", planGcpFirewall, name, args, GCP_FIREWALL_VPC_KEYS);
    const plan = validatedGcpFirewall(name, args);
    super("landing-zone:index:GcpFirewall", name, args, opts);
    this.plan = plan;
    const net = gcpFirewallNetwork(args);
    this.firewalls = {};
    for (const f of plan.firewalls) {
      this.firewalls[f.key] = new gcp.compute.Firewall(f.name, {
        ...gcpFirewallInputs(plan, f),
        project: net.project,
        network: net.network,
      }, { parent: this });
    }
    this.firewallNames = pulumi.all(Object.fromEntries(Object.entries(this.firewalls).map(([k, v]) => [k, v.name])));
    this.firewallNamesByKey = Object.fromEntries(plan.firewalls.map((f) => [f.key, f.name]));
    this.tierIdentities = pulumi.output({ ...plan.tierIdentities });
    this.tierIdentitiesByTier = { ...plan.tierIdentities };
    this.registerOutputs({ firewallNames: this.firewallNames, tierIdentities: this.tierIdentities });
  }
}
