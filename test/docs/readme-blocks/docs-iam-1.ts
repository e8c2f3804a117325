// TypeScript block 1 of docs/iam.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import { AlicloudRam, GcpIam } from "../../../src/index";

const iam = new GcpIam("team-iam", {
  project: "acme-team-dev",
  members: {
    developer: ["group:developers@acme.example"],
    securityAuditor: ["group:security-audit@acme.example"],
  },
  robotImpersonators: [
    "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/subject/repo:acme/app:environment:dev",
  ],
});

const ram = new AlicloudRam("team-iam", {
  members: { developer: ["dev-li"] },
  robot: {
    oidcProviderArn: "acs:ram::1234567890123456:oidc-provider/github",
    issuer: "https://token.actions.githubusercontent.com",
    audiences: ["sts.aliyuncs.com"],
    subjects: ["repo:acme/app:environment:dev"],
  },
  tags: { environment: "dev", owner: "team-a", "cost-center": "cc-1001" },
});

export const robotEmail = iam.robotEmail;
export const developerGroup = ram.groupNames.developer;
export const robotRoleArn = ram.robotRoleArn;
export {};
