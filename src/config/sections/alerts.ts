import { z } from "zod";

/** One entry of `alerts.entries`: change a catalogue alert or add your own. Values are checked by the planners. */
const alertEntry = z.strictObject({
  /** @default true */
  enabled: z.boolean().optional(),
  /** GCP: Cloud Logging filter; Alibaba: SLS search. Required for your own alert. */
  query: z.string().optional(),
  /** critical, high, medium or low. */
  severity: z.string().optional(),
  title: z.string().optional(),
});

const alertsCommon = {
  /** `false` creates no security alerts. @default true */
  enabled: z.boolean().optional(),
  /** Recipients keyed by name. @default the budget's */
  emails: z.record(z.string(), z.string()).optional(),
  /** Changes to the catalogue and your own alerts, keyed by alert id. */
  entries: z.record(z.string(), alertEntry).optional(),
};

/**
 * Config keys of the security alerts area (`landing-zone:gcp.alerts`, `landing-zone:alicloud.alerts`).
 * Alerts are on for every enabled cloud with someone to notify; values are checked by the
 * planner (`src/planner/alerts.ts`); see docs/alerts.md.
 */
export const alertsSection = {
  root: {},
  gcp: {
    alerts: z.strictObject({ ...alertsCommon }).optional(),
  },
  alicloud: {
    alerts: z.strictObject({
      ...alertsCommon,
      /** An existing SLS action policy to notify. @default one created for `emails` */
      actionPolicyId: z.string().optional(),
      /** Region of the SLS alert resource centre. @default cn-heyuan */
      resourceRegion: z.string().optional(),
    }).optional(),
  },
};
