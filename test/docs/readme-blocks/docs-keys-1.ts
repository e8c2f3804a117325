// TypeScript block 1 of docs/keys.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { AlicloudKeys, AlicloudLogging, GcpKeys, GcpLogging, GcpRegistry } from "../../../src/index";

const keys = new GcpKeys("prod-keys", { project: "acme-lz-prod", location: "europe-west1", production: true });
new GcpLogging("prod-audit", { project: "acme-lz-prod", location: "europe-west1", bigquery: true, kmsKeyName: keys.readyKeyNames.audit });
new GcpRegistry("prod-registry", { project: "acme-lz-prod", location: "europe-west1", kmsKeyName: keys.readyKeyNames.registry });

const aliKeys = new AlicloudKeys("prod-keys", { region: "cn-hangzhou", kmsInstanceId: "kst-hzzacmeprod0001", production: true });
new AlicloudLogging("prod-audit", { region: "cn-hangzhou", oss: true, kmsKeyId: aliKeys.keyIds.audit, kmsRoleArn: aliKeys.logServiceRoleArn });
export {};
