import { joinPath, Problems } from "../core/errors";

/** RAM OIDC identity provider ARNs: `acs:ram::<account-id>:oidc-provider/<name>`. */
export const OIDC_PROVIDER_ARN_PATTERN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/;

/** An OIDC identity provider's tokens that may assume a RAM role. */
export interface RamOidcTrust {
  /** The RAM OIDC provider's ARN (principal `Federated`). */
  readonly providerArn: string;
  /** The issuer's https URL (condition `oidc:iss`). */
  readonly issuer?: string;
  /** Accepted `aud` claims (condition `oidc:aud`). */
  readonly audiences?: readonly string[];
  /** Accepted `sub` claims (condition `oidc:sub`, StringLike). */
  readonly subjects?: readonly string[];
}

/** Where each field of a `RamOidcTrust` sits in config or args (its key), and the problem code it reports. */
export type OidcTrustKeys = Readonly<Record<keyof RamOidcTrust, { readonly key: string; readonly code: string }>>;

/**
 * Checks an OIDC trust: provider ARN format, an https issuer, at least one audience and one
 * subject (without subjects any workload of the issuer could assume the role).
 */
export function checkOidcTrust(trust: RamOidcTrust, at: string, keys: OidcTrustKeys, problems: Problems): void {
  if (!OIDC_PROVIDER_ARN_PATTERN.test(trust.providerArn)) {
    problems.add(keys.providerArn.code, joinPath(at, keys.providerArn.key), `"${trust.providerArn}" is not a RAM OIDC provider ARN`,
      "use acs:ram::<account-id>:oidc-provider/<name>");
  }
  if (trust.issuer === undefined || !/^https:\/\/\S+$/.test(trust.issuer)) {
    problems.add(keys.issuer.code, joinPath(at, keys.issuer.key), "an OIDC trust needs the issuer's https URL",
      "set the issuer of the CI tokens, e.g. https://token.actions.githubusercontent.com");
  }
  if ((trust.audiences ?? []).length === 0) {
    problems.add(keys.audiences.code, joinPath(at, keys.audiences.key), "an OIDC trust needs at least one audience",
      "list the audience the CI tokens are issued for, e.g. sts.aliyuncs.com");
  }
  if ((trust.subjects ?? []).length === 0) {
    problems.add(keys.subjects.code, joinPath(at, keys.subjects.key), "an OIDC trust without subjects lets any workload of the issuer assume the role",
      "list the CI identities, e.g. repo:acme/app:environment:prod");
  }
}

/** Who may assume a RAM role: an OIDC provider's tokens, RAM principal ARNs and/or cloud services. */
export interface RamTrust {
  readonly oidc?: RamOidcTrust;
  /** `acs:ram::<uid>:root`, `…:user/<name>`, `…:role/<name>`. */
  readonly principals?: readonly string[];
  /** Service principals, e.g. `actiontrail.aliyuncs.com`. */
  readonly services?: readonly string[];
}

/** A RAM role's trust policy (assume-role document): one statement per kind of principal (OIDC, RAM, Service). */
export function ramTrustPolicy(trust: RamTrust): string {
  const statements: Record<string, unknown>[] = [];
  if (trust.oidc !== undefined) {
    const o = trust.oidc;
    statements.push({
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Principal: { Federated: [o.providerArn] },
      Condition: {
        StringEquals: { "oidc:iss": [o.issuer ?? ""], "oidc:aud": [...(o.audiences ?? [])] },
        StringLike: { "oidc:sub": [...(o.subjects ?? [])] },
      },
    });
  }
  if ((trust.principals ?? []).length > 0) {
    statements.push({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [...trust.principals!] } });
  }
  if ((trust.services ?? []).length > 0) {
    statements.push({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: [...trust.services!] } });
  }
  return JSON.stringify({ Version: "1", Statement: statements });
}
