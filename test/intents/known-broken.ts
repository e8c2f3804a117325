/**
 * Default intents that still fail on a shipped stack file, with the deploy-time defect behind
 * each (issue 12). The stack tests fail when an intent breaks that is not listed here, and when
 * a listed one starts to hold: whoever fixes the defect removes its entries. The intents are
 * never weakened to pass.
 */
const CI_GCP = "gcp:ci push gcp:registry";
const CI_ALI = "alicloud:ci push alicloud:registry";
const WIF = "the GCP registry robot has no roles/iam.workloadIdentityUser binding for the CI's workload identities";
const TOKEN = "cr:GetAuthorizationToken is granted on the instance ARN; the API checks it against *";
const ONPREM_GCP = "no GCP firewall rule admits the on-premises ranges (admin access is from IAP only)";
const ONPREM_ALI_PRIVATE = "the private custom route table has no route to on-premises: replies take the NAT default route (VPN routes reach the system table only)";
const ONPREM_ALI_PUBLIC = "the public custom route table has no route to on-premises (VPN routes reach the system table only)";
const APIS = "no private DNS zone for googleapis.com/pkg.dev: names resolve to public addresses that deny-all egress drops";
const NTP = "deny-all egress drops NTP (udp 123) to the Alibaba service network";
const ENDPOINT = "deny-all egress drops https to the registry's VPC endpoint in the VPC";

/** Staging and prod: deny-all egress and a VPN on both clouds. */
const HARDENED: Readonly<Record<string, string>> = {
  "onprem -> gcp:web:22": ONPREM_GCP, "onprem -> gcp:app:22": ONPREM_GCP, "onprem -> gcp:data:22": ONPREM_GCP,
  "gcp:data -> google-api:storage.googleapis.com": APIS, "gcp:data -> google-api:europe-west1-docker.pkg.dev": APIS,
  "alicloud:web -> alicloud-service:ntp": NTP, "alicloud:app -> alicloud-service:ntp": NTP, "alicloud:data -> alicloud-service:ntp": NTP,
  "alicloud:web -> alicloud-service:registry": ENDPOINT, "alicloud:data -> alicloud-service:registry": ENDPOINT,
  "onprem -> alicloud:web:22": ONPREM_ALI_PUBLIC, "onprem -> alicloud:app:22": ONPREM_ALI_PRIVATE, "onprem -> alicloud:data:22": ONPREM_ALI_PRIVATE,
  [CI_GCP]: WIF, [CI_ALI]: TOKEN,
};

export const KNOWN_BROKEN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dev: { [CI_GCP]: WIF, [CI_ALI]: TOKEN },
  staging: HARDENED,
  prod: HARDENED,
};
