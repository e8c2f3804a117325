import { beforeAll, describe, expect, it } from "vitest";
import * as library from "../../src/index";
import { runOffline } from "../../src/offline/harness";
import { allBlocks, BlockDiagnostic, evaluateBlock, extractBlocks, typeCheckBlocks } from "./blocks";

// The documentation's TypeScript blocks are code: they compile against the library and the ones
// marked `runnable` plan offline. (A block shows one component, not a whole landing zone, so
// stack-wide policies such as "an audit sink exists" are not asserted here.) One TypeScript program
// checks every block, plus one deliberately broken block that proves errors are caught and
// located at their markdown line.
const blocks = allBlocks();
const BROKEN = extractBlocks("broken.md", [
  "A deliberately broken block:", "```ts", 'import { GcpVpc } from "pulumi-landing-zone";', 'new GcpVpc("v", { cidr: 1 });', "```",
].join("\n"))[0]!;

let diagnostics: BlockDiagnostic[] = [];
beforeAll(() => { diagnostics = typeCheckBlocks([...blocks.filter((b) => b.check), BROKEN]); }, 120_000);

describe("documentation code blocks", () => {
  it("include the README's TypeScript blocks", () => {
    expect(blocks.filter((b) => b.file === "README.md").length).toBeGreaterThan(0);
  });

  it("type-check against the library", () => {
    expect(diagnostics.filter((d) => d.block !== BROKEN.id).map((d) => `${d.where}: ${d.message}`)).toEqual([]);
  });

  it("would report a type error at its markdown line", () => {
    const broken = diagnostics.filter((d) => d.block === BROKEN.id);
    expect(broken.map((d) => d.where)).toContain("broken.md:4");
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
