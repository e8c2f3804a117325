import { describe, expect, it } from "vitest";
import { cidrValue, hostOf, inCidr } from "../../src/intents/net";

// The checker reads ranges from provider inputs, which may carry host bits (a BGP link's
// interface address) or be a bare address.
describe("cidrValue", () => {
  it("takes the block of a provider range with host bits set", () => {
    expect(cidrValue("169.254.1.1/30")).toEqual({ text: "169.254.1.0/30", start: 0xa9fe0100, end: 0xa9fe0103, prefix: 30 });
    expect(inCidr(0xa9fe0102, "169.254.1.1/30")).toBe(true);
    expect(inCidr(0xa9fe0104, "169.254.1.1/30")).toBe(false);
  });

  it("reads a bare address as its /32", () => {
    expect(cidrValue("10.0.0.5")).toEqual({ text: "10.0.0.5/32", start: 0x0a000005, end: 0x0a000005, prefix: 32 });
    expect(hostOf("10.0.0.5")).toBe(0x0a000005);
    expect(hostOf("10.0.0.0/24")).toBe(0x0a000001);
  });

  it.each([undefined, 42, "", "10.0.0.1/", "10.0.0.1/33", "10.0.0/8", "nonsense"])("is undefined for %j", (value) => {
    expect(cidrValue(value)).toBeUndefined();
  });
});
