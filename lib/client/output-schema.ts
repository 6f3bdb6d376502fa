/**
 * @module
 * Checks a tool's `structuredContent` against its JSON `outputSchema` with ajv (JSON Schema
 * 2020-12, the MCP default dialect, plus ajv-formats), compiling each tool's schema once.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileJsonSchema } from '../schema/json-schema-validator.js';

/**
 * Compiles and caches output-schema validators, one per tool name (recompiled only when the
 * tool's schema changes). Nothing is compiled until the first check.
 *
 * Validation runs on ajv (see `jsonSchemaAjv`): a page with a strict Content Security Policy
 * needs `'unsafe-eval'` for tools that declare an `outputSchema`.
 *
 * @example
 * const validator = new OutputSchemaValidator();
 * validator.check('weather', tool.outputSchema, result.structuredContent); // undefined when valid
 */
export class OutputSchemaValidator {
  private readonly cache = new Map<string, { schema: object; key: string; validate: ValidateFunction }>();

  /**
   * Validates `value` against the `schema` of tool `name`. Returns `undefined` when it is
   * valid, otherwise a readable description of what is wrong (including an unusable schema).
   */
  check(name: string, schema: object, value: unknown): string | undefined {
    let validate: ValidateFunction;
    try {
      validate = this.compile(name, schema);
    } catch (error) {
      return `the tool's outputSchema cannot be compiled: ${(error as Error).message}`;
    }
    if (validate(value)) return undefined;
    return describe(validate.errors ?? []);
  }

  private compile(name: string, schema: object): ValidateFunction {
    const cached = this.cache.get(name);
    // The same schema object (the usual case: one catalog entry) needs no serializing.
    if (cached?.schema === schema) return cached.validate;
    const key = JSON.stringify(schema);
    if (cached?.key === key) {
      cached.schema = schema;
      return cached.validate;
    }
    const validate = compileJsonSchema(schema);
    this.cache.set(name, { schema, key, validate });
    return validate;
  }
}

const describe = (errors: readonly ErrorObject[]): string =>
  errors.map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`).join('; ') || 'invalid';
