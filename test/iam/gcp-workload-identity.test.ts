import { describe, expect, it } from "vitest";
import { GcpWorkloadIdentity, GcpWorkloadIdentityArgs } from "../../src/gcp/workload-identity";
import { runOffline } from "../../src/offline/harness";
import { findResource } from "../../src/offline/inventory";
import { componentProblems } from "../helpers";

const ARGS: GcpWorkloadIdentityArgs = {
  project: "acme-lz-prod",
  poolId: "ci-prod",
  providerId: "github",
  issuer: "https://token.actions.githubusercontent.com",
  attributeCondition: "assertion.repository_owner == 'acme'",
};

describe("GcpWorkloadIdentity", () => {
  it("creates a pool and an OIDC provider for the CI issuer with the subject and repository mapped and the condition set", async () => {
    const inv = await runOffline(() => {
      const wif = new GcpWorkloadIdentity("prod-ci", ARGS);
      return { pool: wif.poolName, provider: wif.providerName };
    }, { stack: "test" });
    expect(findResource(inv, "gcp:iam/workloadIdentityPool:WorkloadIdentityPool", "ci-prod").inputs).toEqual({
      project: "acme-lz-prod", workloadIdentityPoolId: "ci-prod", displayName: "ci-prod", description: "Keyless CI identities of prod-ci", disabled: false,
    });
    expect(findResource(inv, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "ci-prod-github").inputs).toEqual({
      project: "acme-lz-prod", workloadIdentityPoolId: "ci-prod", workloadIdentityPoolProviderId: "github", displayName: "github",
      description: "OIDC tokens of https://token.actions.githubusercontent.com", disabled: false,
      attributeMapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" },
      attributeCondition: "assertion.repository_owner == 'acme'",
      oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
    });
    expect(inv.outputs.pool).toMatch(/^projects\/\d+\/locations\/global\/workloadIdentityPools\/ci-prod$/);
    expect(inv.outputs.provider).toMatch(/^projects\/\d+\/locations\/global\/workloadIdentityPools\/ci-prod\/providers\/github$/);
  });

  it("names the provider ci-oidc when providerId is left out", async () => {
    const { providerId: _omitted, ...rest } = ARGS;
    const inv = await runOffline(() => { new GcpWorkloadIdentity("prod-ci", rest); }, { stack: "test" });
    expect(findResource(inv, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "ci-prod-ci-oidc").inputs)
      .toMatchObject({ workloadIdentityPoolId: "ci-prod", workloadIdentityPoolProviderId: "ci-oidc", displayName: "ci-oidc" });
  });

  it("passes explicit audiences", async () => {
    const inv = await runOffline(() => { new GcpWorkloadIdentity("prod-ci", { ...ARGS, audiences: ["https://ci.acme.example"] }); }, { stack: "test" });
    expect(findResource(inv, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "ci-prod-github").inputs.oidc)
      .toEqual({ issuerUri: "https://token.actions.githubusercontent.com", allowedAudiences: ["https://ci.acme.example"] });
  });

  it("rejects reserved or malformed ids, a non-https issuer and an empty condition, all at once", async () => {
    expect(await componentProblems(() => new GcpWorkloadIdentity("prod-ci", {
      ...ARGS, poolId: "gcp-ci", providerId: "GH", issuer: "http://token.example", attributeCondition: " ",
    }))).toEqual([
      ["LZ_WIF_ID", "GcpWorkloadIdentity args.poolId"],
      ["LZ_WIF_ID", "GcpWorkloadIdentity args.providerId"],
      ["LZ_WIF_ISSUER", "GcpWorkloadIdentity args.issuer"],
      ["LZ_WIF_CONDITION_MISSING", "GcpWorkloadIdentity args.attributeCondition"],
    ]);
  });
});
