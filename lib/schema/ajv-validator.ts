/**
 * @module
 * An opt-in JSON Schema engine on ajv (2020-12 with ajv-formats): it compiles each schema to a
 * function, which validates faster than the default interpreter but needs `new Function` — not
 * available on Cloudflare Workers or under a Content Security Policy without `'unsafe-eval'`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { JSON_SCHEMA_2020_12, type JsonSchemaValidator } from './json-schema-validator.js';

/**
 * A JSON Schema engine on one lenient ajv 2020-12 instance (`strict: false`, every error
 * reported, formats added, schemas with an `$id` not retained so two tools' schemas sharing an
 * `$id` do not collide). A `$schema` other than 2020-12 is validated with 2020-12 semantics.
 *
 * @example
 * const server = new McpServer(info, { jsonSchemaValidator: ajvJsonSchemaValidator() });
 */
export function ajvJsonSchemaValidator(): JsonSchemaValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, addUsedSchema: false });
  // `ajv-formats` is CommonJS: its function is also its own `default`, under ESM and CommonJS alike.
  formatsModule.default(ajv);
  return {
    compile(schema) {
      const dialect = (schema as { $schema?: unknown }).$schema;
      const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
      const validate =
        dialect === undefined || String(dialect).replace(/#$/, '') === JSON_SCHEMA_2020_12
          ? ajv.compile(schema)
          : ajv.compile(rest);
      return (value) =>
        validate(value)
          ? []
          : (validate.errors ?? []).map((error) => ({
              path: error.instancePath,
              message: error.message ?? 'is invalid',
            }));
    },
  };
}
