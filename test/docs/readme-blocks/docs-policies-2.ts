// TypeScript block 2 of docs/policies.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import * as gcp from "@pulumi/gcp";
import { GcpVpc, runPolicyTest, runStackFileTest } from "../../../src/index";

// Your stack program (in your repository: import it from your index.ts).
function myStack() {
  const vpc = new GcpVpc("core", { project: "acme-dev", cidr: "10.10.0.0/16", regions: ["europe-west1"], subnets: { app: { tier: "private", size: 24 } } });
  return { networkId: vpc.networkId };
}

export async function policyTest(): Promise<void> {
  const result = await runPolicyTest(myStack, {
    stack: "dev",
    waivers: [{ rule: "gcp-audit-sink-all-audit-logs", reason: "the central audit stack routes this project's logs (SEC-12)" }],
  });
  result.expectNoMandatoryFindings();                  // throws listing each blocking finding; the waived one does not block
  result.expectFinding("gcp-audit-sink-all-audit-logs"); // still reported, `suppressed` set to the reason
  result.resource(gcp.compute.Network, "core").inputs; // exact inputs, secrets as "[secret]"
  result.ofType(gcp.compute.Subnetwork);               // by class or by type token
  console.log(result.blocking, result.findings, result.inventory); // the raw data

  // Or a whole stack file through the landing zone's own stack program:
  (await runStackFileTest("Pulumi.prod.yaml")).expectNoMandatoryFindings();
}
export {};
