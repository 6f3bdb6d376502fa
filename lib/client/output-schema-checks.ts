/**
 * @module
 * Checks a tool's `structuredContent` against its JSON `outputSchema` with a given engine,
 * compiling each tool's schema once.
 */
import {
  describeJsonSchemaIssues,
  type JsonSchemaCheck,
  type JsonSchemaValidator,
} from '../schema/json-schema-validator.js';

/**
 * Compiles and caches output-schema validators, one per tool name (recompiled only when the
 * tool's schema changes), with the engine it is given. Nothing is compiled until the first check.
 *
 * @example
 * const checks = new OutputSchemaChecks(ajvJsonSchemaValidator());
 * checks.check('weather', tool.outputSchema, result.structuredContent); // undefined when valid
 */
export class OutputSchemaChecks {
  private readonly cache = new Map<string, { schema: object; key: string; check: JsonSchemaCheck }>();

  /** @param engine the JSON Schema engine. */
  constructor(private readonly engine: JsonSchemaValidator) {}

  /**
   * Validates `value` against the `schema` of tool `name`. Returns `undefined` when it is
   * valid, otherwise a readable description of what is wrong (including an unusable schema).
   */
  check(name: string, schema: object, value: unknown): string | undefined {
    let check: JsonSchemaCheck;
    try {
      check = this.compile(name, schema);
    } catch (error) {
      return `the tool's outputSchema cannot be compiled: ${(error as Error).message}`;
    }
    const issues = check(value);
    return issues.length === 0 ? undefined : describeJsonSchemaIssues(issues);
  }

  private compile(name: string, schema: object): JsonSchemaCheck {
    const cached = this.cache.get(name);
    // The same schema object (the usual case: one catalog entry) needs no serializing.
    if (cached?.schema === schema) return cached.check;
    const key = JSON.stringify(schema);
    if (cached?.key === key) {
      cached.schema = schema;
      return cached.check;
    }
    const check = this.engine.compile(schema);
    this.cache.set(name, { schema, key, check });
    return check;
  }
}
