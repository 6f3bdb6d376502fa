/**
 * @module
 * Validation of what the server answers, once, at the client's boundary.
 */
import { McpError } from '../protocol/errors.js';

/** A zod-like schema: anything with `safeParse`. */
export interface ResultValidator<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { message: string; issues?: unknown } };
}

/**
 * Parses `value` with `schema`, or throws an `McpError` of kind `'validation'` whose `data`
 * holds the raw value and the schema's issues.
 *
 * @example
 * const result = parseResult(CallToolResultSchema, raw, 'tools/call');
 */
export function parseResult<T>(schema: ResultValidator<T>, value: unknown, method: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new McpError('validation', `Invalid result of ${method}: ${parsed.error.message}`, {
    data: { result: value, issues: parsed.error.issues },
  });
}
