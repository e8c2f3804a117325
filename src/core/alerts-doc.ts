import { alertCatalogueMarkdown } from "./alerts";
import { ALICLOUD_SECURITY_ALERTS } from "./alerts-alicloud";
import { GCP_SECURITY_ALERTS } from "./alerts-gcp";

/** The page that shows the catalogues, relative to the repository root. */
export const ALERTS_DOC = "docs/alerts.md";

/** The generated tables of `docs/alerts.md`, by marker name. */
export function alertsDocTables(): Record<string, string> {
  return { gcp: alertCatalogueMarkdown(GCP_SECURITY_ALERTS), alicloud: alertCatalogueMarkdown(ALICLOUD_SECURITY_ALERTS) };
}

/** `doc` with the text between `<!-- alerts:<name> -->` and `<!-- /alerts:<name> -->` replaced by each table. */
export function replaceAlertsDocTables(doc: string, tables: Readonly<Record<string, string>>): string {
  let out = doc;
  for (const [name, table] of Object.entries(tables)) {
    const re = new RegExp(`(<!-- alerts:${name} -->)[\\s\\S]*?(<!-- /alerts:${name} -->)`);
    if (!re.test(out)) throw new Error(`${ALERTS_DOC} has no <!-- alerts:${name} --> … <!-- /alerts:${name} --> block`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}\n${table}\n${close}`);
  }
  return out;
}
