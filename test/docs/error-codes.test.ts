import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// docs/errors.md lists every validation problem code exactly once. This test keeps it in step
// with the source: every "LZ_..." string literal in src/**/*.ts is a code that can be raised
// (problems.add, zod params, the LZ_CONFIG_* codes of src/config/issues.ts). Plain file reads,
// no Pulumi, so it runs in well under a second.

const REPO = path.resolve(__dirname, "..", "..");
const CODE = /"(LZ_[A-Z0-9_]+)"/g;
const TABLE_ROW = /^\|\s*`(LZ_[A-Z0-9_]+)`\s*\|/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Codes in double-quoted string literals, with the files that mention them. */
function raisedCodes(files: readonly { file: string; text: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { file, text } of files) {
    for (const m of text.matchAll(CODE)) {
      const where = out.get(m[1]!) ?? [];
      if (!where.includes(file)) where.push(file);
      out.set(m[1]!, where);
    }
  }
  return out;
}

/** The code of every table row whose first cell is a code, in order (duplicates kept). */
function documentedCodes(markdown: string): string[] {
  return markdown.split("\n").flatMap((line) => {
    const m = TABLE_ROW.exec(line);
    return m ? [m[1]!] : [];
  });
}

/** What is wrong between the two lists: raised but undocumented, documented but not raised, documented twice. */
function compare(raised: ReadonlyMap<string, readonly string[]>, documented: readonly string[]) {
  const doc = new Set(documented);
  return {
    undocumented: [...raised.keys()].filter((c) => !doc.has(c)).sort().map((c) => `${c} (${raised.get(c)!.join(", ")})`),
    stale: [...doc].filter((c) => !raised.has(c)).sort(),
    twice: [...doc].filter((c) => documented.indexOf(c) !== documented.lastIndexOf(c)).sort(),
  };
}

const raised = raisedCodes(sourceFiles(path.join(REPO, "src")).sort().map((f) => ({
  file: path.relative(REPO, f), text: fs.readFileSync(f, "utf8"),
})));
const documented = documentedCodes(fs.readFileSync(path.join(REPO, "docs", "errors.md"), "utf8"));

describe("docs/errors.md", () => {
  it("documents every code raised in src/", () => {
    expect(compare(raised, documented).undocumented).toEqual([]);
  });

  it("documents no code that is no longer raised", () => {
    expect(compare(raised, documented).stale).toEqual([]);
  });

  it("lists each code once", () => {
    expect(compare(raised, documented).twice).toEqual([]);
  });

  it("finds the codes of problems.add, zod params and config issues", () => {
    // Guards the scanner itself: one code from each way a code is set.
    expect(raised.get("LZ_CIDR_OVERLAP")).toContain(path.join("src", "core", "subnets.ts"));
    expect(raised.get("LZ_CLOUD_MISSING")).toContain(path.join("src", "config", "schema.ts"));
    expect(raised.get("LZ_CONFIG_UNKNOWN_KEY")).toContain(path.join("src", "config", "issues.ts"));
  });

  it("would report a new, a removed and a doubled code", () => {
    const src = raisedCodes([{ file: "a.ts", text: 'problems.add("LZ_NEW", p, m, f); params: { code: "LZ_KEPT" }' }]);
    const md = ["| Code | What | Fix |", "| --- | --- | --- |", "| `LZ_KEPT` | x | y |", "| `LZ_GONE` | x | y |", "| `LZ_KEPT` | x | y |",
      "Prose naming `LZ_PROSE` is not a table row."].join("\n");
    expect(compare(src, documentedCodes(md))).toEqual({ undocumented: ["LZ_NEW (a.ts)"], stale: ["LZ_GONE"], twice: ["LZ_KEPT"] });
  });
});
