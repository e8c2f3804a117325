import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** A component that registers its outputs, as every landing-zone component does. */
class Holder extends pulumi.ComponentResource {
  readonly networkId: pulumi.Output<string>;
  constructor(name: string) {
    super("test:index:Holder", name, {}, {});
    const network = new gcp.compute.Network(`${name}-net`, { autoCreateSubnetworks: false }, { parent: this });
    // A resource registered inside an apply, after the program has returned (or thrown).
    network.id.apply((id) => new gcp.compute.Subnetwork(`${name}-late`, { network: id, ipCidrRange: "10.0.0.0/24", region: "europe-west1" }, { parent: this }));
    this.networkId = network.id;
    this.registerOutputs({ networkId: this.networkId });
  }
}

/** Registers a component and twenty networks, then throws: all of it is still pending when it throws. */
export function throwingProgram(): never {
  new Holder("failed");
  for (let i = 0; i < 20; i++) new gcp.compute.Network(`failed-${i}`, { autoCreateSubnetworks: false });
  throw new Error("the program failed");
}

/** A program that succeeds: one component with its network and late subnetwork. */
export function goodProgram(): Record<string, unknown> {
  const h = new Holder("good");
  return { networkId: h.networkId };
}

/** The resource names the good program registers, in inventory (URN) order. */
export const GOOD_NAMES = ["good-net", "good-late", "good"];
