import type { EnvironmentSpec } from "../config/spec";
import { keyPath } from "../config/issues";
import type { Problems } from "../core/errors";
import { isPersona, personaRegistryAccess } from "../core/personas";
import { DEFAULT_ADMIN_PORTS, DEFAULT_TIERS, type RulePlan } from "../core/rules";
import { parsePortRange } from "../core/ports";
import { validateIntents } from "../intents/check";
import type { AuthIntent, Intent, IntentCatalogue, IntentSet } from "../intents/types";
import { MOCK_ALICLOUD_ACCOUNT } from "../offline/mock-outputs";
import { onPremisesRanges } from "./connectivity";
import type { FirewallPlan } from "./firewall";
import type { IamPlan } from "./iam";
import type { NetworkPlan } from "./network";
import { alicloudRegistryRobotOidc } from "./registry";
import type { RegistryPlan } from "./registry";

/** The intents area's plan: what the names stand for, and every intent the stack is held to. */
export interface IntentsPlan {
  readonly catalogue: IntentCatalogue;
  /** The defaults (unless `intents.defaults` is false) and `landing-zone:intents`. */
  readonly intents: IntentSet;
}

/** The plans the intents are read from. */
interface Plans {
  readonly spec: EnvironmentSpec;
  readonly iam: IamPlan;
  readonly network: NetworkPlan;
  readonly firewall: FirewallPlan;
  readonly registry: RegistryPlan;
}

/**
 * The CI's workload identities: the token subjects that may act as the registry robot
 * (`gcp.registry.robotWorkloadIdentity`, in the pool the registry plan names: the configured one
 * or the environment's own, whose project number is only known once deployed: `projects/*`), else `gcp.iam.robotImpersonators`.
 */
function gcpCi(p: Plans): string[] {
  const wif = p.spec.gcp?.registry?.robotWorkloadIdentity;
  const from = p.registry.gcp?.robotPool;
  const ownPool = p.iam.gcpWorkloadIdentity?.plan.poolId;
  const pool = from?.from === "config" ? from.name
    : from?.from === "workloadIdentity" && ownPool !== undefined ? `projects/*/locations/global/workloadIdentityPools/${ownPool}` : undefined;
  if (wif && pool && (wif.subjects ?? []).length > 0) return (wif.subjects ?? []).map((s) => `principal://iam.googleapis.com/${pool}/subject/${s}`);
  return [...(p.spec.gcp?.iam?.robotImpersonators ?? [])];
}

/**
 * The on-premises paths the firewall config declares: each allow-ingress rule (a tier's `from`,
 * the admin rule, a named rule) with an on-premises range as a peer gives `onprem:<range> ->
 * <cloud>:<tier>` on the rule's first port (22 when the rule has no ports).
 */
function declaredOnPremises(cloud: "gcp" | "alicloud", rules: RulePlan, tiers: readonly string[], onPrem: Readonly<Record<string, string>>): Intent[] {
  const out = new Map<string, Intent>();
  for (const r of rules.rules.filter((r) => r.direction === "ingress" && r.action === "allow")) {
    const port = r.ports[0]?.from ?? 22;
    const protocol = r.protocol === "udp" ? "udp" as const : "tcp" as const;
    for (const peer of r.peers) {
      const range = peer.kind === "cidr" ? Object.keys(onPrem).find((k) => onPrem[k] === peer.cidr) : undefined;
      if (range === undefined) continue;
      for (const tier of r.tiers.length > 0 ? r.tiers : tiers) {
        const intent = { from: `onprem:${range}`, to: `${cloud}:${tier}`, port, ...(protocol === "udp" ? { protocol } : {}) };
        out.set(JSON.stringify(intent), intent);
      }
    }
  }
  return [...out.values()];
}

/**
 * What the intent names of a stack stand for: tiers (subnetworks, vSwitches, tags, security
 * groups as the firewall plans place them), on-premises and other ranges, CI identities and
 * persona members, registries. Computed from the config with the components' pure planners.
 */
export function intentCatalogue(p: Plans): IntentCatalogue {
  const { spec } = p;
  let gcp: IntentCatalogue["gcp"];
  if (spec.gcp && p.network.gcp && p.firewall.gcp) {
    const vpc = p.network.gcp.plan;
    const fw = p.firewall.gcp.plan;
    const tiers = Object.fromEntries(fw.rules.tiers.map((t) => {
      const subnets = vpc.subnets.filter((s) => t.subnets.includes(s.name));
      const id = fw.tierIdentities[t.name];
      return [t.name, {
        subnetworks: subnets.map((s) => s.gcpName),
        tags: fw.targetBy === "tags" && id ? [id] : [],
        serviceAccounts: fw.targetBy === "serviceAccounts" && id ? [id] : [],
        public: subnets.length > 0 && subnets.every((s) => s.tier === "public"),
      }];
    }));
    const reg = p.registry.gcp?.args;
    gcp = {
      project: spec.gcp.project, tiers, ci: gcpCi(p),
      personas: { ...(spec.gcp.iam?.members ?? {}) } as Record<string, string[]>,
      ...(reg ? { registry: reg.repositoryId } : {}),
    };
  }
  let alicloud: IntentCatalogue["alicloud"];
  if (spec.alicloud && p.network.alicloud && p.firewall.alicloud) {
    const vpc = p.network.alicloud.plan;
    const sg = p.firewall.alicloud.plan;
    const tiers = Object.fromEntries(sg.rules.tiers.map((t) => {
      const subnets = vpc.subnets.filter((s) => t.subnets.includes(s.name));
      return [t.name, { vswitches: subnets.map((s) => s.aliName), securityGroup: sg.groups[t.name] ?? "", public: subnets.length > 0 && subnets.every((s) => s.tier === "public") }];
    }));
    const oidc = spec.alicloud.ram?.robot;
    const robotOidc = alicloudRegistryRobotOidc(spec);
    const reg = p.registry.alicloud?.args;
    const ci = oidc?.oidcProviderArn !== undefined && (oidc.subjects ?? []).length > 0
      ? { providerArn: oidc.oidcProviderArn, ...(oidc.issuer ? { issuer: oidc.issuer } : {}), audiences: [...(oidc.audiences ?? [])], subjects: [...(oidc.subjects ?? [])] }
      : robotOidc ? { providerArn: robotOidc.providerArn, issuer: robotOidc.issuer, audiences: [...robotOidc.audiences], subjects: [...robotOidc.subjects] } : undefined;
    alicloud = {
      tiers, personas: { ...(spec.alicloud.ram?.members ?? {}) } as Record<string, string[]>,
      ...(ci ? { ci } : {}),
      ...(reg ? { registry: { instanceId: reg.instanceId ?? "", namespace: reg.namespace, region: spec.alicloud.region, account: reg.accountId ?? MOCK_ALICLOUD_ACCOUNT } } : {}),
    };
  }
  return {
    ...(gcp ? { gcp } : {}), ...(alicloud ? { alicloud } : {}),
    onPremises: onPremisesRanges(spec),
    otherRanges: { ...(spec.onPremises?.otherEnvironmentRanges ?? {}) },
  };
}

/** The first port of each of the tier's port ranges, then the admin ports: what forbidden intents probe. */
function probePorts(tierPorts: readonly string[] | undefined, adminPorts: readonly string[]): number[] {
  const out: number[] = [];
  for (const p of [...(tierPorts ?? []), ...adminPorts]) {
    const r = parsePortRange(p);
    if (r.ok && !out.includes(r.range.from)) out.push(r.range.from);
  }
  return out;
}

/**
 * The intents every stack of the environment is held to (switch off with
 * `landing-zone:intents.defaults: false`):
 * - required: private tiers reach Google APIs (storage.googleapis.com) and Artifact Registry
 *   (`<location>-docker.pkg.dev`) by name; on-premises reaches the tiers the firewall config
 *   opens to it (a tier's `from`, the admin rule, named rules) over the VPN and the replies
 *   return (each cloud with a VPN); Alibaba tiers reach NTP,
 *   DNS and the registry's VPC endpoint; the CI pushes images keylessly on both clouds.
 * - forbidden: the internet reaches no private tier (its ports and the admin ports); the other
 *   environments' ranges reach no private tier; in production, personas that only pull cannot push.
 * `cat` is the catalogue of `p`, when the caller already has it.
 */
export function defaultIntents(p: Plans, cat: IntentCatalogue = intentCatalogue(p)): IntentSet {
  const { spec } = p;
  const required: Intent[] = [];
  const forbidden: Intent[] = [];
  const onPrem = Object.keys(cat.onPremises).length > 0;
  const clouds = [
    { cloud: "gcp" as const, tiers: cat.gcp?.tiers, fw: spec.gcp?.firewall, vpn: spec.gcp?.vpn !== undefined },
    { cloud: "alicloud" as const, tiers: cat.alicloud?.tiers, fw: spec.alicloud?.firewall, vpn: spec.alicloud?.vpn !== undefined },
  ];
  for (const { cloud, tiers, fw, vpn } of clouds) {
    if (!tiers) continue;
    const admin = fw?.adminPorts ?? DEFAULT_ADMIN_PORTS;
    const rules = cloud === "gcp" ? p.firewall.gcp?.plan.rules : p.firewall.alicloud?.plan.rules;
    if (vpn && onPrem && rules) required.push(...declaredOnPremises(cloud, rules, Object.keys(tiers), cat.onPremises));
    for (const [tier, ref] of Object.entries(tiers)) {
      const to = `${cloud}:${tier}`;
      if (cloud === "gcp" && !ref.public) {
        required.push({ from: to, to: "google-api:storage.googleapis.com" });
        const reg = p.registry.gcp?.args;
        if (reg) required.push({ from: to, to: `google-api:${reg.location}-docker.pkg.dev` });
      }
      if (cloud === "alicloud") {
        required.push({ from: to, to: "alicloud-service:ntp" }, { from: to, to: "alicloud-service:dns" });
        if (cat.alicloud?.registry) required.push({ from: to, to: "alicloud-service:registry" });
      }
      const ports = probePorts(fw?.tiers?.[tier]?.ports ?? DEFAULT_TIERS[tier]?.ports, admin);
      if (ref.public) continue;
      forbidden.push({ from: "internet", to, port: ports });
      for (const other of Object.keys(cat.otherRanges)) forbidden.push({ from: `range:${other}`, to, port: ports });
    }
  }
  if (cat.gcp?.registry && cat.gcp.ci.length > 0) required.push({ identity: "gcp:ci", action: "push", on: "gcp:registry" });
  if (cat.alicloud?.registry && cat.alicloud.ci) required.push({ identity: "alicloud:ci", action: "push", on: "alicloud:registry" });
  if (spec.production) {
    for (const [cloud, personas, reg] of [["gcp", cat.gcp?.personas, cat.gcp?.registry], ["alicloud", cat.alicloud?.personas, cat.alicloud?.registry]] as const) {
      if (!personas || !reg) continue;
      for (const [p, members] of Object.entries(personas)) {
        if (isPersona(p) && members.length > 0 && personaRegistryAccess(p, true) === "pull") forbidden.push({ identity: `${cloud}:persona:${p}`, action: "push", on: `${cloud}:registry` } as AuthIntent);
      }
    }
  }
  return { required, forbidden };
}

/**
 * Plans the intents: the catalogue of names, the defaults plus `landing-zone:intents`, whose
 * names are checked against the catalogue (`LZ_INTENT_*` under `landing-zone:intents`).
 */
export function planIntents(p: Plans, problems: Problems): IntentsPlan {
  const catalogue = intentCatalogue(p);
  const own = p.spec.intents ?? {};
  validateIntents({ required: own.required ?? [], forbidden: own.forbidden ?? [] }, catalogue, keyPath(["intents"]), problems);
  const base = own.defaults === false ? { required: [], forbidden: [] } : defaultIntents(p, catalogue);
  return { catalogue, intents: { required: [...(base.required ?? []), ...(own.required ?? [])], forbidden: [...(base.forbidden ?? []), ...(own.forbidden ?? [])] } };
}
