import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { nameOf } from "../core/naming";
import { keepInProduction } from "../resource-options";
import { GCP_KMS_ENCRYPTER_DECRYPTER, GcpKeyAgent, GcpKeysArgs, GcpKeysPlan, validatedGcpKeys } from "./keys-plan";

export * from "./keys-plan";

/**
 * A Cloud KMS key ring owned by the landing zone, with symmetric `ENCRYPT_DECRYPT` keys that
 * rotate at least every 90 days, and `roles/cloudkms.cryptoKeyEncrypterDecrypter` on each key
 * for the Google service agents that use it (Cloud Storage, BigQuery, Artifact Registry) and
 * for any extra members. The agents' identities come from the provider (`getProjectServiceAccount`,
 * `getDefaultServiceAccount`, `ServiceIdentity`), which also creates them when missing, so no
 * project number is needed. In production the ring and keys are protected, retained and
 * `deletionPolicy: PREVENT`: destroying a key makes everything encrypted with it unreadable.
 */
export class GcpKeys extends pulumi.ComponentResource {
  readonly keyRing: gcp.kms.KeyRing;
  /** Crypto keys by key name (`audit`, `registry`, …). */
  readonly keys: Record<string, gcp.kms.CryptoKey>;
  /** Encrypter/decrypter grants by logical name. */
  readonly grants: Record<string, gcp.kms.CryptoKeyIAMMember>;
  /** Full key names by key name, known before deployment (`projects/P/locations/L/keyRings/R/cryptoKeys/K`). */
  readonly keyNames: Record<string, string>;
  /**
   * Key names by key name that resolve only once the key and all its grants exist: pass them
   * as a consumer's `kmsKeyName`, so the consumer is created after its service agent may use the key.
   */
  readonly readyKeyNames: Record<string, pulumi.Output<string>>;
  /** Service agent emails by agent (`storage`, `bigquery`, `artifactregistry`), for the agents the keys grant. */
  readonly agentEmails: pulumi.Output<Record<string, string>>;
  readonly plan: GcpKeysPlan;

  constructor(name: string, args: GcpKeysArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = validatedGcpKeys(name, args);
    super("landing-zone:index:GcpKeys", name, args, opts);
    this.plan = plan;
    const production = args.production === true;
    const project = args.project;
    const keep = keepInProduction(this, production);
    const labels = { ...args.labels };

    const services = plan.services.map((service) => new gcp.projects.Service(nameOf(name, service.split(".")[0]), {
      project, service, disableOnDestroy: false, disableDependentServices: false,
    }, { parent: this }));
    const afterServices = { parent: this, dependsOn: services };

    // Members of the service agents, looked up (and created when missing) by the provider.
    const members: Partial<Record<GcpKeyAgent, pulumi.Output<string>>> = {};
    const emails: Record<string, pulumi.Output<string>> = {};
    for (const agent of plan.agents) {
      if (agent === "storage") {
        const sa = gcp.storage.getProjectServiceAccountOutput({ project }, afterServices);
        members.storage = sa.member;
        emails.storage = sa.emailAddress;
      } else if (agent === "bigquery") {
        const sa = gcp.bigquery.getDefaultServiceAccountOutput({ project }, afterServices);
        members.bigquery = sa.member;
        emails.bigquery = sa.email;
      } else {
        const identity = new gcp.projects.ServiceIdentity(nameOf(name, agent, "agent"), { project, service: "artifactregistry.googleapis.com" }, afterServices);
        members.artifactregistry = identity.member;
        emails.artifactregistry = identity.email;
      }
    }

    this.keyRing = new gcp.kms.KeyRing(plan.keyRingName, {
      project,
      location: args.location,
      name: plan.keyRingName,
    }, { ...keep, dependsOn: services });

    this.keys = {};
    this.grants = {};
    this.keyNames = {};
    this.readyKeyNames = {};
    for (const k of plan.keys) {
      const key = new gcp.kms.CryptoKey(k.resourceName, {
        keyRing: this.keyRing.id,
        name: k.key,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: k.rotationPeriod,
        versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: k.protectionLevel },
        destroyScheduledDuration: plan.destroyScheduledDuration,
        deletionPolicy: production ? "PREVENT" : undefined,
        labels,
      }, keep);
      this.keys[k.key] = key;
      this.keyNames[k.key] = k.keyName;
      const grants = k.grants.map((g) => {
        const grant = new gcp.kms.CryptoKeyIAMMember(g.resourceName, {
          cryptoKeyId: key.id,
          role: GCP_KMS_ENCRYPTER_DECRYPTER,
          member: g.agent !== undefined ? members[g.agent]! : g.member!,
        }, { parent: this });
        this.grants[g.resourceName] = grant;
        return grant;
      });
      // The key's id once the key and every grant on it exist: its dependencies carry the grants.
      this.readyKeyNames[k.key] = pulumi.all([key.id, ...grants.map((g) => g.id)]).apply(([id]) => id);
    }

    this.agentEmails = pulumi.all(emails);
    this.registerOutputs({ keyNames: this.keyNames, readyKeyNames: this.readyKeyNames, agentEmails: this.agentEmails });
  }
}
