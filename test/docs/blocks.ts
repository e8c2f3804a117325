// Extracts the TypeScript code blocks of the documentation, writes them as modules that
// `tsc -p tsconfig.json` type-checks against the repo (test/docs/readme-blocks/), and evaluates
// the runnable ones. Used by readme-blocks.test.ts and scripts/update-doc-blocks.ts.
//
// Conventions for authors of README.md and docs/*.md:
//   ```ts            type-checked (imports of "pulumi-landing-zone" resolve to src/index.ts);
//                    after editing one, run `npm run docs:blocks` and commit test/docs/readme-blocks/
//   ```ts runnable   also run offline with runOffline; its exports are the stack outputs
//   ```ts no-check   neither (a fragment that cannot compile on its own); say why in the text
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import ts from "typescript";

export const REPO = path.resolve(__dirname, "..", "..");

export interface DocBlock {
  /** Markdown file, relative to the repo (e.g. `README.md`). */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  readonly runnable: boolean;
  readonly check: boolean;
  /** A short stable id: `README.md:116`. */
  readonly id: string;
}

/** The markdown files whose blocks are tested: README.md and docs/*.md, sorted. */
export function docFiles(): string[] {
  const docs = fs.existsSync(path.join(REPO, "docs"))
    ? fs.readdirSync(path.join(REPO, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)
    : [];
  return ["README.md", ...docs].filter((f) => fs.existsSync(path.join(REPO, f)));
}

/** Fenced ```ts / ```typescript blocks of one markdown text (other languages are skipped). */
export function extractBlocks(file: string, markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang, info] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence!) && l.trim().replace(/[`~]/g, "") === "");
    const close = end === -1 ? lines.length : end;
    if (lang === "ts" || lang === "typescript") {
      const words = info!.split(/\s+/).filter(Boolean);
      const code = lines.slice(i + 1, close).map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l)).join("\n");
      blocks.push({ file, line: i + 1, code, runnable: words.includes("runnable"), check: !words.includes("no-check"), id: `${file}:${i + 1}` });
    }
    i = close;
  }
  return blocks;
}

/** Every block of every documentation file. */
export function allBlocks(): DocBlock[] {
  return docFiles().flatMap((f) => extractBlocks(f, fs.readFileSync(path.join(REPO, f), "utf8")));
}

/**
 * Where the checked blocks are written as TypeScript modules (`npm run docs:blocks`). The directory
 * is committed and inside tsconfig.json's `include`, so `tsc -p tsconfig.json` (part of `npm test`)
 * type-checks every block together with the rest of the repository, in the same program and with
 * the same options (`noUnusedLocals` included: a block imports only what it uses).
 * readme-blocks.test.ts fails while the directory and the markdown differ.
 */
export const BLOCK_DIR = path.join(REPO, "test", "docs", "readme-blocks");

/**
 * What `import … from "pulumi-landing-zone"` (or `…/gcp`, `…/alicloud`) becomes in a block module:
 * the matching entry point of the sources, relative to BLOCK_DIR.
 */
function libraryImport(code: string): string {
  return code.replace(/(from\s+|import\s*\(\s*)(["'])pulumi-landing-zone(\/(?:gcp|alicloud))?\2/g, (_, lead: string, q: string, sub?: string) =>
    `${lead}${q}../../../src${sub ?? ""}/index${q}`);
}

/**
 * The block modules, by file name: `README-2.ts` is the second TypeScript block of README.md,
 * `docs-iam-1.ts` the first of docs/iam.md. Blocks marked `no-check` are left out. A block's
 * line N is line N + 1 of its module (after the one-line header).
 */
export function blockModules(blocks: readonly DocBlock[] = allBlocks()): Map<string, string> {
  const modules = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const block of blocks) {
    const n = (seen.get(block.file) ?? 0) + 1;
    seen.set(block.file, n);
    if (!block.check) continue;
    const name = `${block.file.replace(/\.md$/, "").replace(/[^A-Za-z0-9]+/g, "-")}-${n}.ts`;
    const code = libraryImport(block.code);
    // `export {}` keeps each block a module, so blocks never share top-level names.
    modules.set(name, `// TypeScript block ${n} of ${block.file}, written by \`npm run docs:blocks\`: edit the markdown, not this file.\n${code}\nexport {};\n`);
  }
  return modules;
}

/** Rewrites BLOCK_DIR from the markdown (`npm run docs:blocks`); returns the file names. */
export function writeBlockModules(): string[] {
  const modules = blockModules();
  fs.mkdirSync(BLOCK_DIR, { recursive: true });
  for (const f of fs.readdirSync(BLOCK_DIR)) if (!modules.has(f)) fs.rmSync(path.join(BLOCK_DIR, f));
  for (const [name, text] of modules) fs.writeFileSync(path.join(BLOCK_DIR, name), text);
  return [...modules.keys()];
}

/**
 * Evaluates a block as a CommonJS module and returns its exports (the stack outputs). `library`
 * is what `import ... from "pulumi-landing-zone"` gives the block (the test passes src/index);
 * other imports load from the repo's node_modules, the same instances the harness uses.
 */
export function evaluateBlock(block: DocBlock, library: unknown): Record<string, unknown> {
  const js = ts.transpileModule(block.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: `${block.file}_L${block.line}.ts`,
  }).outputText;
  const requireRepo = createRequire(path.join(REPO, "package.json"));
  const requireBlock = (id: string) => (id === "pulumi-landing-zone" ? library : requireRepo(id));
  const module = { exports: {} as Record<string, unknown> };
  new Function("exports", "require", "module", js)(module.exports, requireBlock, module);
  return module.exports;
}
