import { describe, expect, it } from "vitest";
import { readStackFile } from "../../src/config/load";
import { configProblems } from "../helpers";

describe("each VPC's own problems decide whether its firewall is planned", () => {
  it("an Alibaba zone outside its region still lets the GCP firewall report its own problems in the same run", () => {
    const raw = readStackFile("Pulumi.dev.yaml").values as Record<string, any>;
    raw.alicloud.zones = ["cn-shanghai-i", "cn-hangzhou-j"];
    raw.gcp.firewall = { rules: { late: { sources: ["vpc"], priority: -1 } } };
    expect(configProblems(raw)).toEqual([
      ["LZ_ZONE_REGION", "landing-zone:alicloud.zones[0]"],
      ["LZ_FW_PRIORITY", "landing-zone:gcp.firewall.rules.late.priority"],
    ]);
  });
});
