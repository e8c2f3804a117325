import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import { fail, notApplicable, pass, type ResourceRule, tokenOf } from "../rule";

/** The cost labels every labellable landing-zone resource carries. */
export const POLICY_REQUIRED_LABELS = ["environment", "owner", "cost-center"] as const;

/**
 * The resource types the label rule checks, with the input that holds their labels (GCP
 * `labels`, or `userLabels` where `labels` means something else; Alibaba `tags`). A test
 * checks each against the SDK's argument types. Extend with `labelRule(extra)`.
 */
export const POLICY_LABEL_PROPERTIES: Readonly<Record<string, string>> = Object.fromEntries([
  ...[gcp.storage.Bucket, gcp.artifactregistry.Repository, gcp.compute.VPNTunnel, gcp.compute.HaVpnGateway, gcp.compute.Address,
    gcp.bigquery.Dataset, gcp.pubsub.Topic, gcp.kms.CryptoKey, gcp.secretmanager.Secret, gcp.organizations.Project].map((c) => [tokenOf(c), "labels"]),
  ...[gcp.monitoring.NotificationChannel, gcp.monitoring.AlertPolicy].map((c) => [tokenOf(c), "userLabels"]),
  ...[alicloud.vpc.Network, alicloud.vpc.Switch, alicloud.vpc.NatGateway, alicloud.ecs.EipAddress, alicloud.vpc.RouteTable, alicloud.ecs.SecurityGroup,
    alicloud.vpc.FlowLog, alicloud.log.Project, alicloud.ram.Role, alicloud.ram.Policy, alicloud.oss.Bucket, alicloud.vpn.Gateway,
    alicloud.vpn.Connection, alicloud.vpn.CustomerGateway, alicloud.cr.RegistryEnterpriseInstance, alicloud.kms.Key].map((c) => [tokenOf(c), "tags"]),
]);

/** The cost-label rule over a table of type → label input. */
export function labelRule(properties: Readonly<Record<string, string>> = POLICY_LABEL_PROPERTIES): ResourceRule {
  return {
    kind: "resource",
    id: "cost-labels",
    description: "Resources that take labels or tags carry environment, owner and cost-center.",
    severity: "medium",
    enforcement: "mandatory",
    rationale: "Cost reports and incident routing group by these labels; an unlabelled resource has no owner and no budget.",
    source: "landing-zone (Google Cloud enterprise foundations: labels; Alibaba Cloud tag policy)",
    types: Object.keys(properties),
    check: (type, i) => {
      const prop = properties[type];
      if (prop === undefined) return notApplicable();
      const labels = i[prop];
      if (typeof labels === "string") return notApplicable(`${prop} is ${labels}`);
      const present = labels && typeof labels === "object" ? (labels as Record<string, unknown>) : {};
      const missing = POLICY_REQUIRED_LABELS.filter((k) => typeof present[k] !== "string" || present[k] === "");
      return missing.length > 0 ? fail(`${prop} lack ${missing.join(", ")}; pass the environment's labels (environmentLabels / costLabels)`) : pass;
    },
  };
}

export const costLabelsRule = labelRule();

export const LABEL_RULES = [costLabelsRule] as const;
