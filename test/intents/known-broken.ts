/**
 * Default intents that fail on a shipped stack file, each with the deploy-time defect behind it
 * (issue 12). The stack tests fail when an intent breaks that is not listed here, and when a
 * listed one starts to hold: whoever fixes the defect removes its entry. Intents are never
 * weakened to pass. Empty: every default intent holds on dev, staging and prod.
 */
export const KNOWN_BROKEN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  dev: {},
  staging: {},
  prod: {},
};
