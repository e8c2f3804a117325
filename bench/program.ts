import * as alicloud from "@pulumi/alicloud";
import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The benchmark's Pulumi program: `count` resources of the kinds a landing zone has most of,
 * in rotation: GCP firewall rules, subnetworks and buckets, Alibaba security group rules. The
 * inputs are the compliant shapes the components produce, so every policy rule runs on them.
 * Returns the resources so a plain `setMocks` run can wait for their URNs.
 */
export function benchProgram(count: number): pulumi.Resource[] {
  const labels = { environment: "bench", owner: "platform", "cost-center": "cc-0" };
  const out: pulumi.Resource[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 4) {
      case 0:
        out.push(new gcp.compute.Firewall(`fw-${i}`, {
          network: "projects/bench/global/networks/core",
          direction: "INGRESS",
          priority: 1000,
          sourceRanges: ["10.0.0.0/8"],
          allows: [{ protocol: "tcp", ports: ["443", "8080-8090"] }],
          logConfig: { metadata: "INCLUDE_ALL_METADATA" },
        }));
        break;
      case 1:
        out.push(new gcp.compute.Subnetwork(`subnet-${i}`, {
          network: "projects/bench/global/networks/core",
          region: "europe-west1",
          ipCidrRange: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
          privateIpGoogleAccess: true,
          logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
        }));
        break;
      case 2:
        out.push(new gcp.storage.Bucket(`bucket-${i}`, {
          name: `bench-bucket-${i}`,
          location: "EU",
          uniformBucketLevelAccess: true,
          publicAccessPrevention: "enforced",
          versioning: { enabled: true },
          labels,
        }));
        break;
      default:
        out.push(new alicloud.ecs.SecurityGroupRule(`sgr-${i}`, {
          securityGroupId: "sg-bench",
          type: "ingress",
          ipProtocol: "tcp",
          policy: "accept",
          portRange: "443/443",
          cidrIp: "10.0.0.0/8",
        }));
    }
  }
  return out;
}
