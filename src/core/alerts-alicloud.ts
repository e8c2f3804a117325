import type { AlertDefinition } from "./alerts";

const CIS = "CIS Alibaba Cloud v2.0, logging and monitoring:";

/** `event.serviceName` terms joined with `or`, in parentheses when more than one. */
function services(...names: readonly string[]): string {
  const terms = names.map((s) => `event.serviceName: ${s}`);
  return terms.length === 1 ? terms[0]! : `(${terms.join(" or ")})`;
}

/** `(event.eventName: A or …)`. */
function events(...names: readonly string[]): string {
  return `(${names.map((e) => `event.eventName: ${e}`).join(" or ")})`;
}

/**
 * The Alibaba Cloud security alert catalogue: one SLS alert (version 2.0) per entry over the
 * ActionTrail logstore (`actiontrail_<trail>`), for the CIS Alibaba Cloud Foundations log
 * monitoring items (section 2). `query` is the SLS search; the alert counts its matches.
 */
export const ALICLOUD_SECURITY_ALERTS: readonly AlertDefinition[] = [
  {
    id: "unauthorized-api-calls",
    cis: `${CIS} unauthorized API calls`,
    title: "Unauthorized API calls",
    severity: "medium",
    query: "event.errorCode: Forbidden* or event.errorCode: NoPermission* or event.errorCode: InvalidAccessKeyId* or event.errorCode: InvalidSecurityToken*",
  },
  {
    id: "console-login-without-mfa",
    cis: `${CIS} console sign-in without MFA`,
    title: "RAM user console sign-in without MFA",
    severity: "high",
    query: "event.eventName: ConsoleSignin and event.userIdentity.type: ram-user and event.additionalEventData.mfaChecked: false",
  },
  {
    id: "root-account-use",
    cis: `${CIS} usage of the root account`,
    title: "Root (Alibaba Cloud) account used",
    severity: "critical",
    query: "event.userIdentity.type: root-account",
  },
  {
    id: "console-login-failures",
    cis: `${CIS} console authentication failures`,
    title: "Console sign-in failed",
    severity: "medium",
    query: "event.eventName: ConsoleSignin and event.errorCode: *",
  },
  {
    id: "ram-policy-changes",
    cis: `${CIS} RAM policy changes`,
    title: "RAM policy created, changed, attached or detached",
    severity: "high",
    query: `${services("Ram", "Ims")} and ${events("CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion",
      "AttachPolicyToUser", "DetachPolicyFromUser", "AttachPolicyToGroup", "DetachPolicyFromGroup", "AttachPolicyToRole", "DetachPolicyFromRole")}`,
  },
  {
    id: "kms-key-deletion",
    cis: `${CIS} disabling or scheduled deletion of KMS keys`,
    title: "KMS key disabled or scheduled for deletion",
    severity: "critical",
    query: `${services("Kms")} and ${events("DisableKey", "ScheduleKeyDeletion")}`,
  },
  {
    id: "oss-bucket-policy-changes",
    cis: `${CIS} OSS bucket policy changes`,
    title: "OSS bucket policy, ACL or CORS changed",
    severity: "high",
    query: `${services("Oss")} and ${events("PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutBucketCors", "DeleteBucketCors")}`,
  },
  {
    id: "security-group-changes",
    cis: `${CIS} security group changes`,
    title: "Security group or rule created, changed or deleted",
    severity: "high",
    query: `${services("Ecs")} and ${events("CreateSecurityGroup", "DeleteSecurityGroup", "AuthorizeSecurityGroup", "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroup", "RevokeSecurityGroupEgress", "ModifySecurityGroupRule", "ModifySecurityGroupEgressRule", "ModifySecurityGroupPolicy")}`,
  },
  {
    id: "network-acl-changes",
    cis: `${CIS} network ACL changes`,
    title: "Network ACL created, changed or deleted",
    severity: "medium",
    query: `${services("Vpc")} and ${events("CreateNetworkAcl", "DeleteNetworkAcl", "UpdateNetworkAclEntries", "ModifyNetworkAclAttributes",
      "AssociateNetworkAcl", "UnassociateNetworkAcl", "CopyNetworkAclEntries")}`,
  },
  {
    id: "route-changes",
    cis: `${CIS} route table changes`,
    title: "VPC route table or route entry changed",
    severity: "medium",
    query: `${services("Ecs", "Vpc")} and ${events("CreateRouteEntry", "DeleteRouteEntry", "ModifyRouteEntry", "CreateRouteTable", "DeleteRouteTable",
      "AssociateRouteTable", "UnassociateRouteTable")}`,
  },
  {
    id: "vpc-changes",
    cis: `${CIS} VPC and network gateway changes`,
    title: "VPC, vSwitch or gateway created, changed or deleted",
    severity: "medium",
    query: `${services("Ecs", "Vpc")} and ${events("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "CreateVSwitch", "DeleteVSwitch",
      "CreateNatGateway", "DeleteNatGateway", "CreateVpnGateway", "DeleteVpnGateway", "CreateVpcPeerConnection", "DeleteVpcPeerConnection")}`,
  },
  {
    id: "actiontrail-changes",
    cis: `${CIS} ActionTrail configuration changes`,
    title: "ActionTrail trail changed, stopped or deleted",
    severity: "critical",
    query: `${services("Actiontrail")} and ${events("CreateTrail", "UpdateTrail", "DeleteTrail", "StopLogging", "StartLogging")}`,
  },
];
