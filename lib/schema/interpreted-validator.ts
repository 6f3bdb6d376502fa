/**
 * @module
 * The default JSON Schema engine: `@cfworker/json-schema`, which interprets schemas (drafts 4, 7,
 * 2019-09 and 2020-12, `$ref` into `$defs`, formats) without generating code — so it runs on
 * Cloudflare Workers, in Deno and under a strict Content Security Policy, and keeps the client
 * bundle small. `McpClient` loads this module by `import()`; nothing the root entry reaches
 * statically imports it except `default-validator.ts` (see there why).
 */
import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { JSON_SCHEMA_2020_12, type JsonSchemaIssue, type JsonSchemaValidator } from './json-schema-validator.js';

const DRAFTS: Record<string, SchemaDraft> = {
  'http://json-schema.org/draft-04/schema': '4',
  'http://json-schema.org/draft-07/schema': '7',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  [JSON_SCHEMA_2020_12]: '2020-12',
};

/** Keywords that only say a subschema failed; the subschema's own issue says why. */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'additionalItems',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  'allOf',
  'dependentSchemas',
  'then',
  'else',
  'if',
]);

/** The value's location as a JSON Pointer (`#/a/0` → `/a/0`). */
const pointer = (location: string) => (location.startsWith('#') ? location.slice(1) : location);

function issuesOf(errors: readonly OutputUnit[]): JsonSchemaIssue[] {
  const leaves = errors.filter((error) => !WRAPPERS.has(error.keyword));
  return (leaves.length > 0 ? leaves : errors).map((error) => ({
    path: pointer(error.instanceLocation),
    message: error.error,
  }));
}

/**
 * Validates with the dialect a schema declares in `$schema` (2020-12 when it declares none or one
 * it does not know), reporting every issue. Each compiled schema is independent: two tools whose
 * schemas share an `$id` do not collide.
 *
 * @example
 * const check = interpretedJsonSchemaValidator.compile({ type: 'object', properties: { n: { type: 'number' } } });
 * check({ n: 'x' }); // [{ path: '/n', message: 'Instance type "string" is invalid. Expected "number".' }]
 */
export const interpretedJsonSchemaValidator: JsonSchemaValidator = {
  compile(schema) {
    const dialect = (schema as { $schema?: unknown }).$schema;
    const draft = typeof dialect === 'string' ? (DRAFTS[dialect.replace(/#$/, '')] ?? '2020-12') : '2020-12';
    const validator = new Validator(schema as Schema, draft, false);
    return (value) => {
      const { valid, errors } = validator.validate(value);
      return valid ? [] : issuesOf(errors);
    };
  },
};
