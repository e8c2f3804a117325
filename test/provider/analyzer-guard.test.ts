import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { checkAnalyzerModule } from "../../src/provider/analyzer";

const requireHere = createRequire(__filename);

describe("analyzer extension guard", () => {
  it("accepts the installed Pulumi analyzer", () => {
    expect(() => checkAnalyzerModule(requireHere("@pulumi/pulumi/provider/experimental/analyzer"))).not.toThrow();
  });

  it("fails loudly, naming what is gone, when Pulumi's analyzer internals change", () => {
    class Renamed {
      analyze(): void {}
      analyzeType(): void {}
      analyzeSymbols(): void {}
      analyzeProperty(): void {}
    }
    expect(() => checkAnalyzerModule({ Analyzer: Renamed as never, InputOutput: { Neither: 0, Input: 1, Output: 3 } })).toThrow(
      "@pulumi/pulumi's component analyzer changed; src/provider/analyzer.ts relies on: Analyzer.prototype.analyzeSymbol(), InputOutput.Output = 2.",
    );
  });
});
