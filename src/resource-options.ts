import * as pulumi from "@pulumi/pulumi";

// Small Pulumi-side helpers the components share (src/core stays free of Pulumi imports).

/** Wraps a value as a secret, keeping `undefined` as is. */
export function secretOrUndefined(value: pulumi.Input<string> | undefined): pulumi.Output<string> | undefined {
  return value === undefined ? undefined : pulumi.secret(value);
}

/**
 * Options of a stateful child (audit storage, registries): `protect` and `retainOnDelete` in
 * production, so neither a `pulumi destroy` nor a rename deletes it.
 */
export function keepInProduction(parent: pulumi.Resource, production: boolean): pulumi.CustomResourceOptions {
  return { parent, protect: production, retainOnDelete: production };
}
