import { z } from "zod";
import { NAMESPACE } from "./issues";
import { SECRET_CONFIG_PATHS } from "./load";
import { environmentConfig } from "./schema";

type JsonSchema = { [key: string]: unknown };

/** Where the published schema lives in the package and repository. */
export const STACK_FILE_SCHEMA_PATH = "schema/pulumi-stack.schema.json";

/** A `secure:` value as `pulumi config set --secret` writes it. */
const SECURE_VALUE: JsonSchema = {
  type: "object",
  properties: { secure: { type: "string", description: "ciphertext written by `pulumi config set --secret`" } },
  required: ["secure"],
  additionalProperties: false,
};

function at(schema: JsonSchema, path: readonly string[]): JsonSchema {
  let node = schema;
  for (const key of path) {
    const next = (node.properties as Record<string, JsonSchema> | undefined)?.[key];
    if (next === undefined) throw new Error(`internal: the config schema has no key ${path.join(".")}`);
    node = next;
  }
  return node;
}

/**
 * The JSON Schema (draft-07) of a `Pulumi.<env>.yaml`, generated from the zod schema
 * (`environmentConfig`): every `landing-zone:<key>` under `config:` with its type, enums,
 * patterns and required keys; an unknown `landing-zone:` key is an error, other namespaces are
 * free. Secrets (`SECRET_CONFIG_PATHS`) must be `secure:` values. Rules that need a plan
 * (CIDR carving, names, cross-area checks) are not in it: `npm run plan` checks those.
 */
export function stackFileJsonSchema(): JsonSchema {
  const ns = z.toJSONSchema(environmentConfig, { io: "input", target: "draft-7", unrepresentable: "any" }) as JsonSchema;
  for (const path of SECRET_CONFIG_PATHS) {
    const parent = at(ns, path.slice(0, -1));
    (parent.properties as Record<string, JsonSchema>)[path[path.length - 1]!] = SECURE_VALUE;
  }
  const keys = Object.keys(ns.properties as JsonSchema);
  const prefixed = (k: string) => `${NAMESPACE}:${k}`;
  return {
    $schema: ns.$schema,
    title: "Pulumi.<env>.yaml of a pulumi-landing-zone stack",
    description: "Generated from the zod config schema (src/config/schema.ts) by `npm run schema:update`; do not edit.",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties: Object.fromEntries(keys.map((k) => [prefixed(k), (ns.properties as JsonSchema)[k]])),
        required: (ns.required as string[]).map(prefixed),
        propertyNames: { anyOf: [{ enum: keys.map(prefixed) }, { not: { pattern: `^${NAMESPACE}:` } }] },
      },
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
    },
    required: ["config"],
  };
}

/** The committed file's exact text: `stackFileJsonSchema()` as 2-space JSON with a final newline. */
export function stackFileJsonSchemaText(): string {
  return `${JSON.stringify(stackFileJsonSchema(), null, 2)}\n`;
}
