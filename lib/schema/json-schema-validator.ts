/**
 * @module
 * Raw JSON Schema validation, shared by the server (tool schemas given as JSON Schema) and the
 * client (tools' `outputSchema`): one lenient ajv 2020-12 instance with formats.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

/** The JSON Schema dialect tools use by default (MCP 2025-11-25). */
export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

let shared: Ajv2020 | undefined;

/**
 * The shared ajv instance (created on first use): 2020-12, `strict: false`, every error
 * reported, formats added, and schemas with an `$id` not retained (two tools' schemas that share
 * an `$id` must not collide).
 *
 * ajv compiles schemas to functions with `new Function`: a page with a strict Content Security
 * Policy needs `'unsafe-eval'` to validate raw JSON Schemas.
 *
 * @example
 * jsonSchemaAjv().errorsText(validate.errors)
 */
export function jsonSchemaAjv(): Ajv2020 {
  if (!shared) {
    shared = new Ajv2020({ strict: false, allErrors: true, addUsedSchema: false });
    // `ajv-formats` is CommonJS: its function is also its own `default`, under ESM and CommonJS alike.
    formatsModule.default(shared);
  }
  return shared;
}

/**
 * Compiles a raw JSON Schema (throws on an invalid one). A `$schema` other than 2020-12 (such
 * as draft-07, which older generators declare) is dropped: ajv's 2020 build knows no other
 * meta-schema, and the keywords tools use for plain objects mean the same in both.
 *
 * @example
 * const validate = compileJsonSchema({ type: 'object', properties: { ok: { type: 'boolean' } } });
 * validate({ ok: true }); // true
 */
export function compileJsonSchema(schema: object): ValidateFunction {
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (dialect === undefined || dialect === JSON_SCHEMA_2020_12 || dialect === `${JSON_SCHEMA_2020_12}#`) return jsonSchemaAjv().compile(schema);
  const { $schema: _foreign, ...rest } = schema as Record<string, unknown>;
  return jsonSchemaAjv().compile(rest);
}
