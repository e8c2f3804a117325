// Rewrites the generated catalogue tables of docs/alerts.md from src/core/alerts-*.ts:
// `npm run docs:alerts`. test/docs/alerts-doc.test.ts fails when the two differ.
import * as fs from "node:fs";
import { alertsDocTables, ALERTS_DOC, replaceAlertsDocTables } from "../src/core/alerts-doc";

fs.writeFileSync(ALERTS_DOC, replaceAlertsDocTables(fs.readFileSync(ALERTS_DOC, "utf8"), alertsDocTables()));
console.log(`updated ${ALERTS_DOC}`);
