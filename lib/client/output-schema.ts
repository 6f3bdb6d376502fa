/**
 * @module
 * Checks a tool's `structuredContent` against its JSON `outputSchema` (JSON Schema 2020-12, the
 * MCP default dialect, unless the schema declares another), with the default engine unless told
 * otherwise. `McpClient` itself loads the default engine only when it first needs it
 * (see `lazy-output-schema.ts`).
 */
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import { defaultJsonSchemaValidator } from '../schema/default-validator.js';
import { OutputSchemaChecks } from './output-schema-checks.js';

/**
 * {@link OutputSchemaChecks} whose engine defaults to `defaultJsonSchemaValidator`: checks
 * synchronously from the start.
 *
 * @example
 * const validator = new OutputSchemaValidator();
 * validator.check('weather', tool.outputSchema, result.structuredContent); // undefined when valid
 */
export class OutputSchemaValidator extends OutputSchemaChecks {
  /** @param engine the JSON Schema engine. @defaultValue `defaultJsonSchemaValidator` (no code generation) */
  constructor(engine: JsonSchemaValidator = defaultJsonSchemaValidator) {
    super(engine);
  }
}
