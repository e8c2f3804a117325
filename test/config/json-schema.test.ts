import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import * as YAML from "yaml";
import { describe, expect, it } from "vitest";
import { STACK_FILE_SCHEMA_PATH, stackFileJsonSchema, stackFileJsonSchemaText } from "../../src/config/json-schema";

const ROOT = path.resolve(__dirname, "../..");
const STACK_FILES = fs.readdirSync(ROOT).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f)).sort();
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(ROOT, STACK_FILE_SCHEMA_PATH), "utf8")));
/** Ajv's errors as `<instance path> <message>`, the offending key of a property-name error in brackets. */
const errorsOf = (doc: unknown) => (validate(doc) ? [] : validate.errors!
  .map((e) => `${e.instancePath}${e.params.propertyName ? ` [${String(e.params.propertyName)}]` : ""} ${e.message}`));
const dev = () => YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> };

describe("the published JSON Schema of Pulumi.<env>.yaml", () => {
  it("is up to date with the zod schema (run npm run schema:update)", () => {
    expect(fs.readFileSync(path.join(ROOT, STACK_FILE_SCHEMA_PATH), "utf8")).toBe(stackFileJsonSchemaText());
  });

  it.each(STACK_FILES)("accepts the shipped %s", (file) => {
    expect(errorsOf(YAML.parse(fs.readFileSync(path.join(ROOT, file), "utf8")))).toEqual([]);
  });

  it("rejects an unknown landing-zone key, a wrong type, a bad enum value and a secret in clear", () => {
    const doc = dev();
    doc.config["landing-zone:colour"] = "blue";
    doc.config["landing-zone:production"] = "yes";
    doc.config["landing-zone:gcp"].network.routingMode = "global";
    doc.config["landing-zone:gcp"].vpn = { peer: { asn: 65010, interfaces: ["81.2.69.10"] }, sharedSecret: "in-clear" };
    expect(errorsOf(doc)).toEqual([
      "/config must be equal to one of the allowed values",
      "/config must NOT be valid",
      "/config must match a schema in anyOf",
      "/config [landing-zone:colour] property name must be valid",
      "/config/landing-zone:production must be boolean",
      "/config/landing-zone:gcp/network/routingMode must be equal to one of the allowed values",
      "/config/landing-zone:gcp/vpn/sharedSecret must be object",
    ]);
  });

  it("leaves other namespaces free and requires the namespace's required keys", () => {
    const doc = dev();
    doc.config["gcp:project"] = "acme-dev";
    delete doc.config["landing-zone:owner"];
    expect(errorsOf(doc)).toEqual(["/config must have required property 'landing-zone:owner'"]);
    expect(stackFileJsonSchema().required).toEqual(["config"]);
  });
});
