// A platform team's stack: the landing zone's VPC, audit logging and budget, plus one bucket of
// the team's own. examples/policy-test/policy.test.ts runs it offline and checks the policies.
// In your own repository import from "pulumi-landing-zone" instead of "../../src".
import * as gcp from "@pulumi/gcp";
import { GcpBudget, GcpLogging, GcpVpc } from "../../src";

export const LABELS = { environment: "dev", owner: "data-team", "cost-center": "cc-2001" };

export default function dataPlatform() {
  const project = "acme-data-dev";

  const vpc = new GcpVpc("data", {
    project,
    cidr: "10.40.0.0/16",
    regions: ["europe-west1"],
    subnets: {
      web: { tier: "public", size: 24 },
      jobs: { tier: "private", size: 22 },
    },
    labels: LABELS,
  });

  new GcpLogging("audit", { project, location: "europe-west1", labels: LABELS });

  new GcpBudget("budget", {
    billingAccount: "012345-6789AB-CDEF01",
    project,
    amount: 800,
    currency: "EUR",
    emails: { data: "data-team@acme.example" },
    labels: LABELS,
  });

  // The team's own resource: the landing zone's rules check it like any other.
  const exports = new gcp.storage.Bucket("exports", {
    project,
    name: "acme-data-dev-exports",
    location: "EU",
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    versioning: { enabled: true },
    labels: LABELS,
  });

  return { networkId: vpc.networkId, exportsBucket: exports.name };
}
