import type { EnvironmentSpec } from "../config/spec";
import { gcpKeysEnabled, gcpLandingZoneKeyName } from "./keys";
import { gcpGoogleApisAccess } from "./network";

/**
 * Google APIs the landing zone's own resources need, by what uses them. The registry enables
 * Artifact Registry and Container Scanning itself (`GcpRegistry.enableServices`).
 * `serviceusage.googleapis.com` must already be on: it is the API that turns the others on.
 */
export function gcpLandingZoneServices(spec: EnvironmentSpec): string[] {
  const audit = spec.gcp?.audit;
  const services = [
    "compute.googleapis.com", // VPC, subnets, NAT, firewall, HA VPN
    "iam.googleapis.com", // service accounts, custom roles
    "cloudresourcemanager.googleapis.com", // project IAM grants and audit config
    "logging.googleapis.com", // audit sinks, log-based metrics of the security alerts
    "storage.googleapis.com", // the audit bucket
    "monitoring.googleapis.com", // notification channels, security alert policies
  ];
  // Private zones for Google APIs and Artifact Registry (GcpVpc googleApisAccess).
  if (gcpGoogleApisAccess(spec) !== "off") services.push("dns.googleapis.com");
  if (audit?.logging?.bigquery) services.push("bigquery.googleapis.com");
  if (audit?.logging?.pubsub || (audit?.budget && audit.budget.pubsub !== false)) services.push("pubsub.googleapis.com");
  if (audit?.budget) services.push("billingbudgets.googleapis.com");
  if (gcpKeysEnabled(spec)) services.push("cloudkms.googleapis.com"); // the landing zone's keys
  // The registry key's grant needs the Artifact Registry agent, created by that API, before the registry area runs.
  if (gcpLandingZoneKeyName(spec, "registry") !== undefined) services.push("artifactregistry.googleapis.com");
  return services;
}
