// Teaches Pulumi's component analyzer (`@pulumi/pulumi/provider/experimental/analyzer`) the
// plain-data shapes our component args use, without changing any component:
//
//   - `readonly T[]` (ReadonlyArray) is an array of T, exactly like `T[]`;
//   - a string-literal union (`"GLOBAL" | "REGIONAL"`, or an alias of one such as `Tier`) becomes a
//     string enum type named after the alias, or `<Interface without Args><Property>` when inline;
//   - object types drop a trailing `Args` (`GcpSubnetArgs` → `GcpSubnet`), since the generated SDKs
//     add their own suffix (C# `GcpSubnetArgs`, not `GcpSubnetArgsArgs`);
//   - a union of different primitive kinds (`string | number`) is `Any` (never plain);
//   - descriptions keep the `@default` tag (`… Default: "GLOBAL"`), which the analyzer drops;
//   - a component's outputs are its public `pulumi.Output<T>` properties, and records of them
//     (`Record<Persona, pulumi.Output<string>>`, a map in the schema). Child resource
//     objects (`network`, `vswitches`) and plain plan data (`plan`) stay TypeScript-only, so a GCP
//     consumer's SDK does not depend on the Alibaba provider SDK and vice versa.
//
// `componentProviderHost` builds its analyzer from the module's `Analyzer` export at schema time,
// so installing the subclass there is enough; everything else (entry point discovery, schema
// generation, construct) is Pulumi's own code.
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as tsTypes from "typescript";

/** The analyzer's internal property description (mirrors `PropertyDefinition` in analyzer.d.ts). */
interface PropertyDefinition {
  type?: string;
  $ref?: string;
  description?: string;
  optional?: boolean;
  plain?: boolean;
  items?: PropertyDefinition;
  additionalProperties?: PropertyDefinition;
}

interface AnalyzerContext {
  component: string;
  property?: string;
  /** 0 neither (plain), 1 input, 2 output. */
  inputOutput: number;
  typeName?: string;
}

const INPUT_OUTPUT_NEITHER = 0;
const INPUT_OUTPUT_OUTPUT = 2;

/** The internals of Pulumi's Analyzer that the extension relies on. */
interface AnalyzerInternals {
  checker: tsTypes.TypeChecker;
  providerName: string;
  typeDefinitions: Record<string, { name: string; type: string; enum?: { name: string; value: string }[]; description?: string }>;
  analyzeType(context: AnalyzerContext, type: tsTypes.Type, location: tsTypes.Node, optional?: boolean, docString?: string): PropertyDefinition;
  analyzeSymbols(context: AnalyzerContext, symbols: tsTypes.Symbol[]): Record<string, PropertyDefinition>;
  analyze(): AnalyzeResult;
}

interface AnalyzeResult {
  components: Record<string, { name: string; inputs: Record<string, PropertyDefinition>; outputs: Record<string, PropertyDefinition> }>;
  typeDefinitions: AnalyzerInternals["typeDefinitions"] & Record<string, { properties?: Record<string, PropertyDefinition> }>;
  dependencies: unknown[];
}

/**
 * Renames object types `<X>Args` to `<X>` where that name is free (not another type, not a
 * component) and rewrites every `$ref` to them. Exported for tests.
 */
export function dropArgsSuffix(result: AnalyzeResult, providerName: string): AnalyzeResult {
  const taken = new Set([...Object.keys(result.typeDefinitions), ...Object.keys(result.components)]);
  const renames = new Map<string, string>();
  for (const name of Object.keys(result.typeDefinitions).sort()) {
    const def = result.typeDefinitions[name]!;
    if (def.enum || !/.Args$/.test(name)) continue;
    const short = name.slice(0, -4);
    if (taken.has(short)) continue;
    taken.add(short);
    renames.set(name, short);
  }
  const prefix = `#/types/${providerName}:index:`;
  const fix = (prop: PropertyDefinition | undefined): void => {
    if (!prop) return;
    if (prop.$ref?.startsWith(prefix)) {
      const to = renames.get(prop.$ref.slice(prefix.length));
      if (to) prop.$ref = prefix + to;
    }
    fix(prop.items);
    fix(prop.additionalProperties);
  };
  const typeDefinitions: AnalyzeResult["typeDefinitions"] = {};
  for (const [name, def] of Object.entries(result.typeDefinitions)) {
    const to = renames.get(name) ?? name;
    typeDefinitions[to] = { ...def, name: to };
    for (const prop of Object.values(def.properties ?? {})) fix(prop);
  }
  for (const component of Object.values(result.components)) {
    for (const prop of [...Object.values(component.inputs), ...Object.values(component.outputs)]) fix(prop);
  }
  return { ...result, typeDefinitions };
}

type AnalyzerClass = new (...args: any[]) => AnalyzerInternals;

const requireHere = createRequire(path.join(__dirname, "analyzer.ts"));
const ts = requireHere("typescript") as typeof tsTypes;

interface AnalyzerModule {
  Analyzer: AnalyzerClass;
  InputOutput?: Record<string, unknown>;
}

/** Pulumi's analyzer module, loaded exactly as `componentProviderHost` loads it. */
function analyzerModule(): AnalyzerModule {
  return requireHere("@pulumi/pulumi/provider/experimental/analyzer");
}

function analyzerChanged(missing: readonly string[]): void {
  if (missing.length === 0) return;
  throw new Error(`@pulumi/pulumi's component analyzer changed; src/provider/analyzer.ts relies on: ${missing.join(", ")}. ` +
    "Update the extension to the new analyzer before generating the schema.");
}

/**
 * Throws when Pulumi's analyzer module no longer has the methods the extension overrides or the
 * `InputOutput` values it reads, so a Pulumi upgrade that changes them stops schema generation
 * with a clear message instead of silently producing a different schema. Exported for tests.
 */
export function checkAnalyzerModule(mod: AnalyzerModule): void {
  const missing: string[] = [];
  const proto = (mod.Analyzer as unknown as { prototype?: Record<string, unknown> } | undefined)?.prototype ?? {};
  for (const method of ["analyze", "analyzeType", "analyzeSymbol", "analyzeSymbols"]) {
    if (typeof proto[method] !== "function") missing.push(`Analyzer.prototype.${method}()`);
  }
  if (mod.InputOutput?.Neither !== INPUT_OUTPUT_NEITHER) missing.push(`InputOutput.Neither = ${INPUT_OUTPUT_NEITHER}`);
  if (mod.InputOutput?.Output !== INPUT_OUTPUT_OUTPUT) missing.push(`InputOutput.Output = ${INPUT_OUTPUT_OUTPUT}`);
  analyzerChanged(missing);
}

/** The same for the instance fields the extension reads (set by Pulumi's constructor). */
function checkAnalyzerFields(analyzer: Partial<AnalyzerInternals>): void {
  const missing: string[] = [];
  if (typeof analyzer.checker?.getTypeOfSymbolAtLocation !== "function") missing.push("analyzer.checker");
  if (typeof analyzer.providerName !== "string") missing.push("analyzer.providerName");
  if (typeof analyzer.typeDefinitions !== "object" || analyzer.typeDefinitions === null) missing.push("analyzer.typeDefinitions");
  analyzerChanged(missing);
}

/** A schema-safe enum member name for a string value (`zh_CN` → `zh_CN`, `5m` → `_5m`). */
export function enumMemberName(value: string): string {
  const name = value.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(name) ? `_${name}` : name || "_";
}

/** The enum type name for an inline literal union: `GcpVpcArgs.routingMode` → `GcpVpcRoutingMode`. */
export function inlineEnumName(typeName: string | undefined, property: string | undefined): string {
  const owner = (typeName ?? "").replace(/Args$/, "");
  const prop = (property ?? "value").replace(/[^A-Za-z0-9]/g, "");
  return owner + prop.charAt(0).toUpperCase() + prop.slice(1);
}

function isOutputType(type: tsTypes.Type): boolean {
  if (type.isIntersection()) return type.types.some(isOutputType);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const name = symbol?.escapedName;
  const file = symbol?.declarations?.[0]?.getSourceFile().fileName ?? "";
  return (name === "OutputInstance" || name === "Output") && /output\.(d\.)?ts$/.test(file);
}

function readonlyArrayItem(type: tsTypes.Type): tsTypes.Type | undefined {
  if ((type.flags & ts.TypeFlags.Object) === 0 || type.getSymbol()?.escapedName !== "ReadonlyArray") return undefined;
  const args = (type as tsTypes.TypeReference).typeArguments;
  return args && args.length === 1 ? args[0] : undefined;
}

function stringLiterals(type: tsTypes.Type): string[] | undefined {
  if (!type.isUnion()) return undefined;
  if (type.types.some((t) => (t.flags & ts.TypeFlags.EnumLiteral) !== 0)) return undefined; // real enums: Pulumi handles them
  const literals = type.types.filter((t) => (t.flags & ts.TypeFlags.Undefined) === 0);
  if (literals.length === 0 || !literals.every((t) => t.isStringLiteral())) return undefined;
  return literals.map((t) => (t as tsTypes.StringLiteralType).value);
}

/**
 * For a record whose values are all `pulumi.Output<T>` of one type (a `Record` over literal keys
 * such as `Record<Persona, Output<string>>`, or a string index), that value type.
 */
function outputRecordValue(type: tsTypes.Type, checker: tsTypes.TypeChecker): tsTypes.Type | undefined {
  if ((type.flags & ts.TypeFlags.Object) === 0 || type.isClassOrInterface() || isOutputType(type)) return undefined;
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String)?.type;
  const values = index ? [index] : type.getProperties().map((p) => checker.getTypeOfSymbol(p));
  if (values.length === 0 || !values.every(isOutputType)) return undefined;
  const names = new Set(values.map((v) => checker.typeToString(v)));
  return names.size === 1 ? values[0] : undefined;
}

/** Whether a union mixes primitive kinds (`string | number`, `string | boolean`), nothing else. */
function mixedPrimitives(type: tsTypes.Type): boolean {
  if (!type.isUnion()) return false;
  const kinds = new Set<string>();
  for (const t of type.types) {
    if ((t.flags & ts.TypeFlags.Undefined) !== 0) continue;
    if ((t.flags & ts.TypeFlags.StringLike) !== 0) kinds.add("string");
    else if ((t.flags & ts.TypeFlags.NumberLike) !== 0) kinds.add("number");
    else if ((t.flags & ts.TypeFlags.BooleanLike) !== 0) kinds.add("boolean");
    else return false;
  }
  return kinds.size > 1;
}

/** The name of a literal union's alias (`Tier`), from the type or from the property's type node. */
function aliasName(type: tsTypes.Type, location: tsTypes.Node): string | undefined {
  const alias = type.aliasSymbol?.escapedName as string | undefined;
  if (alias && alias !== "Partial" && alias !== "Required" && alias !== "Readonly") return alias;
  if (location && (ts.isPropertySignature(location) || ts.isPropertyDeclaration(location))) {
    const node = location.type;
    if (node && ts.isTypeReferenceNode(node) && !node.typeArguments) return node.typeName.getText();
  }
  return undefined;
}

/** A declaration's doc comment text plus its `@default` tag, if any. */
export function describe(decl: tsTypes.Node): string | undefined {
  const docs = (decl as { jsDoc?: tsTypes.JSDoc[] }).jsDoc ?? [];
  const text = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? "").filter(Boolean).join("\n").trim();
  const defaults = ts.getJSDocTags(decl).filter((t) => t.tagName.text === "default").map((t) => ts.getTextOfJSDocComment(t.comment)?.trim() ?? "");
  const parts = [text, ...defaults.filter(Boolean).map((d) => `Default: ${d}`)].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

let extended: AnalyzerClass | undefined;

/** Whether a type is a Pulumi resource class (it has `urn` and `getProvider`, as `pulumi.Resource` does). */
function isResourceType(type: tsTypes.Type): boolean {
  return type.isClassOrInterface() && type.getProperty("urn") !== undefined && type.getProperty("getProvider") !== undefined;
}

/** Builds the analyzer subclass over Pulumi's analyzer (once). */
function extendedAnalyzer(base: AnalyzerClass): AnalyzerClass {
  return class LandingZoneAnalyzer extends base {
    constructor(...args: any[]) {
      super(...args);
      checkAnalyzerFields(this);
    }

    override analyzeType(context: AnalyzerContext, type: tsTypes.Type, location: tsTypes.Node, optional = false, docString?: string): PropertyDefinition {
      const finish = (prop: PropertyDefinition): PropertyDefinition => {
        if (optional) prop.optional = true;
        if (context.inputOutput === INPUT_OUTPUT_NEITHER) prop.plain = true;
        if (docString) prop.description = docString;
        return prop;
      };
      const item = readonlyArrayItem(type);
      if (item) {
        const itemContext = {
          ...context,
          property: `${context.property}[]`,
          inputOutput: context.inputOutput === INPUT_OUTPUT_OUTPUT ? INPUT_OUTPUT_OUTPUT : INPUT_OUTPUT_NEITHER,
        };
        return finish({ type: "array", items: this.analyzeType(itemContext, item, location, false) });
      }
      const values = stringLiterals(type);
      if (values) {
        const hasUndefined = type.isUnion() && type.types.some((t) => (t.flags & ts.TypeFlags.Undefined) !== 0);
        const name = aliasName(type, location) ?? inlineEnumName(context.typeName, context.property);
        const members = [...values].sort().map((value) => ({ name: enumMemberName(value), value }));
        const existing = this.typeDefinitions[name];
        if (existing) {
          const same = JSON.stringify(existing.enum ?? []) === JSON.stringify(members);
          if (!same) throw new Error(`Enum type name '${name}' is used for two different value sets (${context.component} ${context.typeName ?? ""}.${context.property ?? ""})`);
        } else {
          this.typeDefinitions[name] = { name, type: "string", enum: members };
        }
        optional = optional || hasUndefined;
        return finish({ $ref: `#/types/${this.providerName}:index:${name}` });
      }
      const recordValue = outputRecordValue(type, this.checker);
      if (recordValue) {
        const valueContext = { ...context, property: `${context.property} values` };
        return finish({ type: "object", additionalProperties: this.analyzeType(valueContext, recordValue, location, false) });
      }
      if (mixedPrimitives(type)) {
        const prop = finish({ $ref: "pulumi.json#/Any" });
        delete prop.plain;
        if (type.isUnion() && type.types.some((t) => (t.flags & ts.TypeFlags.Undefined) !== 0)) prop.optional = true;
        return prop;
      }
      return super.analyzeType(context, type, location, optional, docString);
    }

    // Same as Pulumi's (private) analyzeSymbol, with the `@default` tag kept in the description.
    analyzeSymbol(context: AnalyzerContext, symbol: tsTypes.Symbol): PropertyDefinition {
      const decl = symbol.valueDeclaration!;
      const type = this.checker.getTypeOfSymbolAtLocation(symbol, decl);
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      return this.analyzeType(context, type, decl, optional, describe(decl));
    }

    override analyze(): AnalyzeResult {
      return dropArgsSuffix(super.analyze(), this.providerName);
    }

    override analyzeSymbols(context: AnalyzerContext, symbols: tsTypes.Symbol[]): Record<string, PropertyDefinition> {
      // Component-level outputs arrive with no `typeName`; keep only public Output<T> properties.
      if (context.inputOutput === INPUT_OUTPUT_OUTPUT && context.typeName === undefined) {
        symbols = symbols.filter((symbol) => {
          const decl = symbol.valueDeclaration;
          if (!decl || !(ts.isPropertyDeclaration(decl))) return false;
          const modifiers = ts.getCombinedModifierFlags(decl);
          if ((modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static)) !== 0) return false;
          if (decl.name && ts.isPrivateIdentifier(decl.name)) return false;
          const declared = this.checker.getTypeOfSymbolAtLocation(symbol, decl);
          const nonNull = this.checker.getNonNullableType(declared);
          return isOutputType(nonNull) || outputRecordValue(nonNull, this.checker) !== undefined;
        });
      }
      // Args that take a resource object (`vpc: GcpVpc`) are TypeScript-only: other languages use
      // the plain form beside them (`network`, `vpcCidr`, `subnets`).
      if (context.inputOutput !== INPUT_OUTPUT_OUTPUT) {
        symbols = symbols.filter((symbol) => {
          const decl = symbol.valueDeclaration;
          if (!decl) return true;
          const type = this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(symbol, decl));
          return !isResourceType(type);
        });
      }
      return super.analyzeSymbols(context, symbols);
    }
  } as unknown as AnalyzerClass;
}

/**
 * Installs the extended analyzer into Pulumi's analyzer module so `componentProviderHost`
 * (and `ComponentProvider.getSchema`) use it. Idempotent.
 */
export function installAnalyzerExtensions(): void {
  const mod = analyzerModule();
  if (extended && mod.Analyzer === extended) return;
  checkAnalyzerModule(mod);
  extended = extendedAnalyzer(mod.Analyzer);
  mod.Analyzer = extended;
}
