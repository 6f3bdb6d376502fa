/**
 * @module
 * What a 2025 session sees of a tool whose output is not a JSON object. The 2026-07-28 revision
 * lets `outputSchema` describe any JSON value and `structuredContent` be any JSON value; the 2025
 * revisions require an object schema (`type: "object"`) and an object. One server serves both,
 * so for 2025 sessions such output is wrapped, never refused: the schema becomes an object with
 * one required property `result` holding the tool's schema, and the value becomes
 * `{ result: value }` (the text content keeps the JSON of the value itself). A 2026-07-28
 * request gets the schema and the value as the tool declares and returns them.
 */
import { isJsonObject } from '../protocol/fast-path.js';
import type { AnyJsonSchema } from '../protocol/tools.js';
import type { CallToolResult, ToolJsonSchema } from '../protocol/tools.js';

/** The property a wrapped output sits in. */
export const WRAPPED_RESULT_KEY = 'result';

/** Keywords that stay at the root of a wrapped schema, so `$ref`s into them still resolve and the dialect is kept. */
const ROOT_KEYWORDS = ['$schema', '$defs', 'definitions'] as const;

/**
 * The `outputSchema` a 2025 session is shown, and whether results are wrapped: an object schema
 * (`type: "object"`) as it is; any other schema inside `{ type: 'object', properties: { result } }`
 * with `$schema`, `$defs` and `definitions` lifted to the root (left in place under an `$id`,
 * which makes the inner schema its own resource).
 *
 * @example
 * legacyOutputSchema({ type: 'array', items: { type: 'string' } });
 * // { schema: { type: 'object', properties: { result: { type: 'array', items: { type: 'string' } } }, required: ['result'] }, wraps: true }
 */
export function legacyOutputSchema(schema: AnyJsonSchema): { schema: ToolJsonSchema; wraps: boolean } {
  if (schema['type'] === 'object') return { schema: schema as ToolJsonSchema, wraps: false };
  const inner: Record<string, unknown> = { ...schema };
  const root: Record<string, unknown> = {};
  for (const keyword of ROOT_KEYWORDS) {
    if (inner[keyword] === undefined || (keyword !== '$schema' && inner['$id'] !== undefined)) continue;
    root[keyword] = inner[keyword];
    delete inner[keyword];
  }
  return {
    schema: {
      ...root,
      type: 'object',
      properties: { [WRAPPED_RESULT_KEY]: inner },
      required: [WRAPPED_RESULT_KEY],
    } as ToolJsonSchema,
    wraps: true,
  };
}

/**
 * `result` as a 2025 session may receive it: `structuredContent` wrapped as `{ result: value }`
 * when the tool's schema is wrapped (`wraps`) or the value is not a JSON object; as it is otherwise.
 *
 * @example
 * legacyToolResult({ content: [], structuredContent: [1, 2] }, false); // { content: [], structuredContent: { result: [1, 2] } }
 */
export function legacyToolResult(result: CallToolResult, wraps: boolean): CallToolResult {
  const value: unknown = result.structuredContent;
  if (value === undefined || (!wraps && isJsonObject(value))) return result;
  return { ...result, structuredContent: { [WRAPPED_RESULT_KEY]: value } };
}
