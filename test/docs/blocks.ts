// Extracts the TypeScript code blocks of the documentation, type-checks them against the repo in
// one TypeScript program, and evaluates the runnable ones. Used by readme-blocks.test.ts.
//
// Conventions for authors of README.md and docs/*.md:
//   ```ts            type-checked (imports of "pulumi-landing-zone" resolve to src/index.ts)
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
 * Where block files are written: inside the repo so `@pulumi/*` resolve from node_modules; one
 * directory per process, so concurrent test runs in the same checkout do not collide.
 */
export const BLOCK_DIR = path.join(REPO, "node_modules", ".cache", `docs-blocks-${process.pid}`);

/** The file name of a block (stable across runs). */
export function blockFileName(block: DocBlock): string {
  return path.join(BLOCK_DIR, `${block.file.replace(/[^A-Za-z0-9]+/g, "_")}_L${block.line}.ts`);
}

/** One diagnostic, located in the markdown file. */
export interface BlockDiagnostic {
  readonly block: string;
  readonly where: string;
  readonly message: string;
}

/**
 * Writes the blocks to BLOCK_DIR and type-checks them in one program with the repo's compiler
 * options; `pulumi-landing-zone` resolves to src/index.ts. Returns the diagnostics of the blocks.
 */
export function typeCheckBlocks(blocks: readonly DocBlock[]): BlockDiagnostic[] {
  fs.rmSync(BLOCK_DIR, { recursive: true, force: true });
  fs.mkdirSync(BLOCK_DIR, { recursive: true });
  const files = new Map<string, DocBlock>();
  for (const block of blocks) {
    const file = blockFileName(block);
    // `export {}` keeps each block a module, so blocks never share top-level names.
    fs.writeFileSync(file, `${block.code}\nexport {};\n`);
    files.set(path.normalize(file), block);
  }
  const configPath = path.join(REPO, "tsconfig.json");
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, REPO);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    declaration: false,
    sourceMap: false,
    rootDir: undefined,
    paths: { "pulumi-landing-zone": [path.join(REPO, "src", "index.ts")] },
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  fs.rmSync(BLOCK_DIR, { recursive: true, force: true });
  const out: BlockDiagnostic[] = [];
  for (const d of diagnostics) {
    const block = d.file ? files.get(path.normalize(d.file.fileName)) : undefined;
    if (!block) continue; // errors in repo sources are the type check's business, not the docs'
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    out.push({ block: block.id, where: `${block.file}:${block.line + 1 + line}`, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") });
  }
  return out;
}

/**
 * Evaluates a block as a CommonJS module and returns its exports (the stack outputs). `library`
 * is what `import ... from "pulumi-landing-zone"` gives the block (the test passes src/index);
 * other imports load from the repo's node_modules, the same instances the harness uses.
 */
export function evaluateBlock(block: DocBlock, library: unknown): Record<string, unknown> {
  const js = ts.transpileModule(block.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: blockFileName(block),
  }).outputText;
  const requireRepo = createRequire(path.join(REPO, "package.json"));
  const requireBlock = (id: string) => (id === "pulumi-landing-zone" ? library : requireRepo(id));
  const module = { exports: {} as Record<string, unknown> };
  new Function("exports", "require", "module", js)(module.exports, requireBlock, module);
  return module.exports;
}
