/**
 * Default intents that still fail on a shipped stack file, with the deploy-time defect behind
 * each (issue 12). The stack tests fail when an intent breaks that is not listed here, and when
 * a listed one starts to hold: whoever fixes the defect removes its entries. The intents are
 * never weakened to pass.
 */
const CI_GCP = "gcp:ci push gcp:registry";
const WIF = "the GCP registry robot has no roles/iam.workloadIdentityUser binding for the CI's workload identity (robotImpersonators are bound to the CI deployer only)";
const ONPREM_ALI_PRIVATE = "the private custom route table has no route to on-premises: replies take the NAT default route (VPN routes reach the system table only)";
const ONPREM_ALI_PUBLIC = "the public custom route table has no route to on-premises (VPN routes reach the system table only)";
const ENDPOINT = "deny-all egress drops https to the registry's VPC endpoint (an address of the VPC) from tiers without an https egress rule";

/** Staging and prod: deny-all egress and a VPN on both clouds; admin access from on-premises on Alibaba. */
const HARDENED: Readonly<Record<string, string>> = {
  "onprem:hq -> alicloud:web:22": ONPREM_ALI_PUBLIC, "onprem:datacenter -> alicloud:web:22": ONPREM_ALI_PUBLIC,
  "onprem:hq -> alicloud:app:22": ONPREM_ALI_PRIVATE, "onprem:datacenter -> alicloud:app:22": ONPREM_ALI_PRIVATE,
  "onprem:hq -> alicloud:data:22": ONPREM_ALI_PRIVATE, "onprem:datacenter -> alicloud:data:22": ONPREM_ALI_PRIVATE,
  "alicloud:web -> alicloud-service:registry": ENDPOINT, "alicloud:data -> alicloud-service:registry": ENDPOINT,
  [CI_GCP]: WIF,
};

export const KNOWN_BROKEN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dev: { [CI_GCP]: WIF },
  staging: HARDENED,
  prod: HARDENED,
};
