import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as library from "../../src/index";
import { runOffline } from "../../src/offline/harness";
import { allBlocks, BLOCK_DIR, blockModules, evaluateBlock, extractBlocks, REPO } from "./blocks";

// The documentation's TypeScript blocks are code: they compile against the library and the ones
// marked `runnable` plan offline. (A block shows one component, not a whole landing zone, so
// stack-wide policies such as "an audit sink exists" are not asserted here.) The blocks are
// type-checked by `tsc -p tsconfig.json` (part of `npm test`, scripts/test.cjs) as the modules in
// test/docs/readme-blocks/ (`npm run docs:blocks`): in the same program as the rest of the
// repository instead of a second one. This file checks that those modules are exactly the
// markdown's blocks and that tsc's program includes them.
const blocks = allBlocks();

describe("documentation code blocks", () => {
  it("include the README's TypeScript blocks", () => {
    expect(blocks.filter((b) => b.file === "README.md").length).toBeGreaterThan(0);
  });

  it("are written, unchanged, to test/docs/readme-blocks/ (run `npm run docs:blocks` after editing a block)", () => {
    const expected = blockModules(blocks);
    const actual = new Map(fs.readdirSync(BLOCK_DIR).sort().map((f) => [f, fs.readFileSync(path.join(BLOCK_DIR, f), "utf8")]));
    expect([...actual.keys()]).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(actual.get(name), `${name} differs from its markdown block`).toBe(text);
  });

  it("are type-checked by tsc -p tsconfig.json (the directory is in the program, with the repo's options)", () => {
    const config = ts.readConfigFile(path.join(REPO, "tsconfig.json"), ts.sys.readFile).config;
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO);
    expect(parsed.errors).toEqual([]);
    const inProgram = new Set(parsed.fileNames.map((f) => path.normalize(f)));
    const modules = [...blockModules(blocks).keys()].map((f) => path.join(BLOCK_DIR, f));
    expect(modules.filter((f) => !inProgram.has(path.normalize(f)))).toEqual([]);
    expect(parsed.options.noEmit ?? false).toBe(false); // `npm test` passes --noEmit itself
    // `npm test` runs scripts/test.cjs, which runs that tsc next to Vitest.
    expect(JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).scripts.test).toBe("node scripts/test.cjs");
    expect(fs.readFileSync(path.join(REPO, "scripts", "test.cjs"), "utf8")).toContain('"typescript/bin/tsc", ["-p", "tsconfig.json", "--noEmit"');
  });

  it("resolve imports of pulumi-landing-zone and its cloud entry points to the sources", () => {
    const [block] = extractBlocks("doc.md", ["```ts", 'import { GcpVpc } from "pulumi-landing-zone";', "import { AlicloudVpc } from 'pulumi-landing-zone/alicloud';", "```"].join("\n"));
    expect(blockModules([block!]).get("doc-1.ts")).toContain('import { GcpVpc } from "../../../src/index";\nimport { AlicloudVpc } from \'../../../src/alicloud/index\';');
  });

  for (const block of blocks.filter((b) => b.runnable)) {
    it(`${block.id} runs offline`, async () => {
      const inv = await runOffline(() => evaluateBlock(block, library), { project: "docs", stack: "dev", policies: false });
      expect(inv.resources.length, "a runnable block should create resources").toBeGreaterThan(0);
    });
  }
});

describe("block extraction and evaluation", () => {
  const md = [
    "# t", "```ts", "const a = 1;", "```", "```typescript runnable", "new X();", "```",
    "```sh", "npm test", "```", "  ```ts no-check", "  partial(", "  ```", "```tsx", "no", "```",
  ].join("\n");

  it("takes ts and typescript fences with their line, flags and dedented code, and nothing else", () => {
    expect(extractBlocks("doc.md", md)).toEqual([
      { file: "doc.md", line: 2, code: "const a = 1;", runnable: false, check: true, id: "doc.md:2" },
      { file: "doc.md", line: 5, code: "new X();", runnable: true, check: true, id: "doc.md:5" },
      { file: "doc.md", line: 11, code: "partial(", runnable: false, check: false, id: "doc.md:11" },
    ]);
  });

  it("writes each checked block as a module named by its file and position, no-check blocks left out", () => {
    expect([...blockModules(extractBlocks("docs/doc.md", md))]).toEqual([
      ["docs-doc-1.ts", "// TypeScript block 1 of docs/doc.md, written by `npm run docs:blocks`: edit the markdown, not this file.\nconst a = 1;\nexport {};\n"],
      ["docs-doc-2.ts", "// TypeScript block 2 of docs/doc.md, written by `npm run docs:blocks`: edit the markdown, not this file.\nnew X();\nexport {};\n"],
    ]);
  });

  it("runs a block with the library and returns its exports as stack outputs", async () => {
    const [block] = extractBlocks("doc.md", [
      "```ts runnable",
      'import { AlicloudVpc } from "pulumi-landing-zone";',
      'const vpc = new AlicloudVpc("vpc", { cidr: "10.9.0.0/16", zones: ["cn-hangzhou-i"], subnets: { app: { tier: "private", size: 24 } } });',
      "export const vswitchIds = vpc.vswitchIds;",
      "```",
    ].join("\n"));
    const inv = await runOffline(() => evaluateBlock(block!, library), { project: "docs", stack: "dev" });
    expect(inv.resources.filter((r) => r.type === "alicloud:vpc/switch:Switch").map((r) => r.name)).toEqual(["vpc-app-cn-hangzhou-i"]);
    expect(Object.keys(inv.outputs.vswitchIds as object)).toEqual(["app-cn-hangzhou-i"]);
  });
});
