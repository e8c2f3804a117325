// TypeScript block 1 of docs/upgrades.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

/** Shipped as `landing-zone:index:ExampleNetwork`; renamed, with its children kept in place. */
export class ExampleVpc extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions = {}) {
    // Type token renamed: append to the caller's aliases, never replace them.
    super("landing-zone:index:ExampleVpc", name, {}, {
      ...opts,
      aliases: [...(opts.aliases ?? []), { type: "landing-zone:index:ExampleNetwork" }],
    });
    const network = new gcp.compute.Network(`${name}-net`, { autoCreateSubnetworks: false }, { parent: this });
    // Child renamed: "<name>-router-<region>" became "<name>-nat-<region>".
    new gcp.compute.Router(`${name}-nat-europe-west1`, { network: network.id, region: "europe-west1" },
      { parent: this, aliases: [{ name: `${name}-router-europe-west1` }] });
    // Child moved from the top level of the stack into this component.
    new gcp.storage.Bucket(`${name}-logs`, { location: "EU" },
      { parent: this, aliases: [{ parent: pulumi.rootStackResource }] });
    this.registerOutputs({});
  }
}
export {};
