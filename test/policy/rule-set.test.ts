import { describe, expect, it } from "vitest";
import { LANDING_ZONE_RULES } from "../../src/policy";

describe("the landing zone rule set", () => {
  it("is exactly these rules, in this order, with these kinds, severities and enforcement", () => {
    expect(LANDING_ZONE_RULES.map((r) => [r.id, r.kind, r.severity, r.enforcement])).toEqual([
    ["gcp-network-custom-mode", "resource", "high", "mandatory"],
    ["gcp-subnet-flow-logs", "resource", "medium", "mandatory"],
    ["gcp-subnet-private-google-access", "resource", "medium", "mandatory"],
    ["gcp-nat-listed-subnets-only", "resource", "medium", "mandatory"],
    ["alicloud-snat-per-vswitch", "resource", "medium", "mandatory"],
    ["alicloud-vpc-flow-logs", "stack", "medium", "mandatory"],
    ["gcp-firewall-no-public-ssh", "resource", "critical", "mandatory"],
    ["gcp-firewall-no-public-rdp", "resource", "critical", "mandatory"],
    ["gcp-firewall-no-public-remote-admin", "resource", "critical", "mandatory"],
    ["gcp-firewall-no-public-all-protocols", "resource", "critical", "mandatory"],
    ["gcp-firewall-logging", "resource", "medium", "mandatory"],
    ["gcp-network-deny-all-ingress", "stack", "medium", "advisory"],
    ["alicloud-sg-no-public-ssh", "resource", "critical", "mandatory"],
    ["alicloud-sg-no-public-rdp", "resource", "critical", "mandatory"],
    ["alicloud-sg-no-public-remote-admin", "resource", "critical", "mandatory"],
    ["alicloud-nacl-no-public-admin-ports", "resource", "critical", "mandatory"],
    ["alicloud-nacl-return-range-no-admin-ports", "resource", "medium", "advisory"],
    ["alicloud-sg-inner-access-drop", "resource", "medium", "advisory"],
    ["gcp-iam-no-basic-roles", "resource", "high", "mandatory"],
    ["gcp-iam-no-authoritative-policy", "resource", "high", "mandatory"],
    ["gcp-iam-no-service-account-keys", "resource", "high", "mandatory"],
    ["gcp-iam-no-public-members", "resource", "critical", "mandatory"],
    ["gcp-iam-no-project-sa-impersonation", "resource", "high", "mandatory"],
    ["alicloud-ram-no-full-admin-policy", "resource", "critical", "mandatory"],
    ["alicloud-ram-no-user-policy-attachments", "resource", "medium", "advisory"],
    ["gcp-vpn-ikev2", "resource", "high", "mandatory"],
    ["gcp-vpn-ha-gateway", "resource", "medium", "advisory"],
    ["alicloud-vpn-ikev2", "resource", "high", "mandatory"],
    ["alicloud-vpn-strong-crypto", "resource", "high", "mandatory"],
    ["gcp-bucket-uniform-access", "resource", "high", "mandatory"],
    ["gcp-bucket-public-access-prevention", "resource", "high", "mandatory"],
    ["gcp-bucket-versioning", "resource", "low", "advisory"],
    ["gcp-audit-sink-all-audit-logs", "stack", "high", "mandatory"],
    ["gcp-audit-bucket-retention", "stack", "high", "mandatory"],
    ["gcp-audit-bucket-retention-locked", "stack", "medium", "advisory"],
    ["gcp-audit-config-all-services", "resource", "high", "mandatory"],
    ["gcp-audit-config-present", "stack", "medium", "advisory"],
    ["alicloud-actiontrail-all-regions", "resource", "high", "mandatory"],
    ["alicloud-actiontrail-present", "stack", "high", "mandatory"],
    ["alicloud-audit-logstore-retention", "resource", "medium", "advisory"],
    ["alicloud-oss-private", "resource", "critical", "mandatory"],
    ["gcp-registry-scanning", "resource", "high", "mandatory"],
    ["gcp-registry-scanning-api", "stack", "low", "advisory"],
    ["gcp-registry-cleanup-policies", "resource", "medium", "mandatory"],
    ["gcp-registry-immutable-tags-prod", "resource", "medium", "advisory"],
    ["alicloud-registry-private", "resource", "high", "mandatory"],
    ["alicloud-registry-scanning", "resource", "medium", "advisory"],
    ["alicloud-registry-cleanup", "stack", "medium", "advisory"],
    ["gcp-kms-key-rotation", "resource", "high", "mandatory"],
    ["gcp-kms-key-prod-deletion-policy", "resource", "high", "mandatory"],
    ["gcp-cmek-required", "stack", "medium", "mandatory"],
    ["gcp-cmek-grant-before-use", "stack", "high", "mandatory"],
    ["alicloud-kms-key-rotation", "resource", "high", "mandatory"],
    ["alicloud-kms-key-protected", "resource", "high", "mandatory"],
    ["alicloud-cmek-required", "stack", "medium", "mandatory"],
    ["gcp-budget-present", "stack", "medium", "advisory"],
    ["gcp-budget-notifies", "resource", "medium", "mandatory"],
    ["alicloud-budget-present", "stack", "medium", "advisory"],
    ["gcp-security-alerts", "stack", "medium", "advisory"],
    ["gcp-security-alerts-prod", "stack", "high", "mandatory"],
    ["alicloud-security-alerts", "stack", "medium", "advisory"],
    ["alicloud-security-alerts-prod", "stack", "high", "mandatory"],
    ["cost-labels", "resource", "medium", "mandatory"],
    ]);
  });

  it("gives every rule a description, a rationale and a source", () => {
    for (const r of LANDING_ZONE_RULES) {
      expect(r.description.length, r.id).toBeGreaterThan(20);
      expect(r.rationale.length, r.id).toBeGreaterThan(20);
      expect(r.source, r.id).toMatch(/^(CIS (GCP Foundations|Alibaba Cloud) v\d\.\d \d|CKV|landing-zone)/);
    }
  });

  it("has at least 25 rules, and rules on both clouds", () => {
    expect(LANDING_ZONE_RULES.length).toBeGreaterThanOrEqual(25);
    expect(LANDING_ZONE_RULES.filter((r) => r.id.startsWith("gcp-")).length).toBeGreaterThan(10);
    expect(LANDING_ZONE_RULES.filter((r) => r.id.startsWith("alicloud-")).length).toBeGreaterThan(10);
  });
});
