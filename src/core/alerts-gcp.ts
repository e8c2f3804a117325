import type { AlertDefinition } from "./alerts";

const CIS = "CIS GCP Foundations v4.0";

/** `(A OR B …)` of `protoPayload.methodName:"<m>"` terms. */
function methods(...names: readonly string[]): string {
  return `(${names.map((m) => `protoPayload.methodName:"${m}"`).join(" OR ")})`;
}

/**
 * The GCP security alert catalogue: one log-based metric and alert policy per entry, with the
 * Cloud Logging filters the CIS GCP Foundations benchmark (section 2, items 2.4–2.11) prescribes.
 * Users turn entries off, change them or add their own with `AlertOverride`s.
 */
export const GCP_SECURITY_ALERTS: readonly AlertDefinition[] = [
  {
    id: "project-ownership",
    cis: `${CIS} 2.4`,
    title: "Project ownership assigned or changed",
    severity: "critical",
    query: '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee)'
      + ' OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")'
      + ' OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
  },
  {
    id: "audit-config-changes",
    cis: `${CIS} 2.5`,
    title: "Audit configuration changed",
    severity: "high",
    query: 'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*',
  },
  {
    id: "custom-role-changes",
    cis: `${CIS} 2.6`,
    title: "Custom IAM role created, changed or deleted",
    severity: "high",
    query: 'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole"'
      + ' OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")',
  },
  {
    id: "firewall-changes",
    cis: `${CIS} 2.7`,
    title: "VPC firewall rule created, changed or deleted",
    severity: "high",
    query: `resource.type="gce_firewall_rule" AND ${methods("compute.firewalls.patch", "compute.firewalls.insert", "compute.firewalls.delete")}`,
  },
  {
    id: "route-changes",
    cis: `${CIS} 2.8`,
    title: "VPC route created or deleted",
    severity: "medium",
    query: `resource.type="gce_route" AND ${methods("compute.routes.delete", "compute.routes.insert")}`,
  },
  {
    id: "network-changes",
    cis: `${CIS} 2.9`,
    title: "VPC network created, changed, deleted or peered",
    severity: "medium",
    query: `resource.type="gce_network" AND ${methods("compute.networks.insert", "compute.networks.patch", "compute.networks.delete",
      "compute.networks.removePeering", "compute.networks.addPeering")}`,
  },
  {
    id: "storage-iam-changes",
    cis: `${CIS} 2.10`,
    title: "Cloud Storage bucket IAM permissions changed",
    severity: "high",
    query: 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"',
  },
  {
    id: "sql-instance-changes",
    cis: `${CIS} 2.11`,
    title: "Cloud SQL instance configuration changed",
    severity: "medium",
    query: 'protoPayload.methodName="cloudsql.instances.update"',
  },
];
