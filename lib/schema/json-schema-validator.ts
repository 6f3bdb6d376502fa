/**
 * @module
 * Raw JSON Schema validation, shared by the server (tool schemas given as JSON Schema) and the
 * client (tools' `outputSchema`), behind one small interface so the engine can be chosen: the
 * default interprets schemas (no code generation, so it runs under a strict Content Security
 * Policy and on Cloudflare Workers); `ajvJsonSchemaValidator` compiles them (faster, needs eval).
 */

/** The JSON Schema dialect tools use by default (MCP 2025-11-25). */
export const JSON_SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** One reason a value does not match: where (a JSON Pointer into the value, `''` for the root) and what. */
export interface JsonSchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** A compiled schema: the issues of a value, empty when it matches. */
export type JsonSchemaCheck = (value: unknown) => readonly JsonSchemaIssue[];

/**
 * A JSON Schema engine: compiles a schema once (throwing on one it cannot use), then checks
 * values. Pass one as `jsonSchemaValidator` to `McpServer` or `McpClient`.
 *
 * @example
 * const check = defaultJsonSchemaValidator.compile({ type: 'object', required: ['a'] });
 * check({}); // [{ path: '', message: "must have required property 'a'" }]
 */
export interface JsonSchemaValidator {
  compile(schema: object): JsonSchemaCheck;
}

/**
 * The issues as one line, each path under `root` (`arguments/n must be number`).
 *
 * @example
 * describeJsonSchemaIssues([{ path: '/n', message: 'must be number' }], 'arguments'); // 'arguments/n must be number'
 */
export function describeJsonSchemaIssues(issues: readonly JsonSchemaIssue[], root = ''): string {
  return issues.map((issue) => `${root}${issue.path || (root ? '' : '/')} ${issue.message}`).join('; ') || 'invalid';
}
