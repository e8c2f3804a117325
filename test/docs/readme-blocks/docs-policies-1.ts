// TypeScript block 1 of docs/policies.md, written by `npm run docs:blocks`: edit the markdown, not this file.
import * as gcp from "@pulumi/gcp";
import { fail, pass, tokenOf, type ResourceRule } from "../../../src/index";

export const bucketsInEu: ResourceRule = {
  kind: "resource",
  id: "acme-buckets-in-eu",
  description: "Buckets are located in the EU.",
  severity: "high",
  enforcement: "mandatory",
  rationale: "Customer data must stay in the EU (contract DPA-7).",
  source: "acme data policy 4.2",
  types: [tokenOf(gcp.storage.Bucket)],
  check: (_type, inputs) => (String(inputs.location).startsWith("EU") ? pass : fail(`location ${String(inputs.location)} is outside the EU`)),
};
export {};
