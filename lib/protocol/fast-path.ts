/**
 * @module
 * Cheap structural checks for the hottest messages (`tools/call` params and plain-text tool
 * results). Each accepts only values its zod schema also accepts, and that the schema would
 * return unchanged (every schema involved is loose, so a parse only copies); anything else —
 * including every invalid value — goes to the schema, which decides and words the error.
 */
import type * as z from 'zod/mini';

/** A zod-like validator (what session handlers take). */
export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: z.core.$ZodError };
}

/**
 * `schema`, with `guard` tried first: a value the guard accepts is returned as is, without a parse.
 *
 * @example
 * const params = withFastPath(CallToolRequestParamsSchema, isPlainCallToolParams);
 * params.safeParse({ name: 'echo', arguments: { text: 'hi' } }); // no zod parse
 */
export function withFastPath<S extends z.ZodMiniType>(
  schema: S,
  guard: (value: unknown) => boolean,
): SafeParser<z.output<S>> {
  return {
    safeParse(value) {
      return guard(value)
        ? { success: true, data: value as z.output<S> }
        : (schema.safeParse(value) as ReturnType<SafeParser<z.output<S>>['safeParse']>);
    },
  };
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `tools/call` params with a string `name`, plain-object `arguments` (or none), no `task`, and
 * a `_meta` that is absent or an object whose `progressToken` is absent, a string or a finite
 * number. Accepted values satisfy `CallToolRequestParamsSchema`.
 */
export function isPlainCallToolParams(value: unknown): boolean {
  if (!isJsonObject(value) || typeof value['name'] !== 'string' || value['task'] !== undefined) return false;
  const args = value['arguments'];
  if (args !== undefined && !isPlainRecord(args)) return false;
  const meta = value['_meta'];
  if (meta === undefined) return true;
  if (!isJsonObject(meta)) return false;
  const token = meta['progressToken'];
  return token === undefined || typeof token === 'string' || (typeof token === 'number' && Number.isFinite(token));
}

/**
 * A tool result of text contents only (`{ type: 'text', text }` with no annotations or `_meta`),
 * an optional boolean `isError`, and no `structuredContent` or `_meta`. Accepted values satisfy
 * `CallToolResultSchema`.
 */
export function isPlainCallToolResult(value: unknown): boolean {
  if (!isJsonObject(value) || value['structuredContent'] !== undefined || value['_meta'] !== undefined) return false;
  const isError = value['isError'];
  if (isError !== undefined && typeof isError !== 'boolean') return false;
  const content = value['content'];
  if (!Array.isArray(content)) return false;
  for (let i = 0; i < content.length; i++) {
    const block: unknown = content[i];
    if (!isJsonObject(block) || block['type'] !== 'text' || typeof block['text'] !== 'string') return false;
    if (block['annotations'] !== undefined || block['_meta'] !== undefined) return false;
  }
  return true;
}

/** Keys of `ClientCapabilities` the schema checks (any other key is kept as it is). */
const CHECKED_CAPABILITIES = ['experimental', 'roots', 'sampling', 'elicitation', 'tasks'] as const;

/**
 * Whether `value` is a 2026-07-28 request's `_meta` envelope that `RequestEnvelopeSchema` takes
 * and returns unchanged (the usual one: a protocol version, capabilities with none of the keys
 * the schema checks, `clientInfo` with only a string `name` and `version`, no `logLevel`). Others,
 * the valid ones included, go to the schema.
 *
 * @example
 * const envelope = withFastPath(RequestEnvelopeSchema, isPlainRequestEnvelope);
 */
export function isPlainRequestEnvelope(value: unknown): boolean {
  if (!isPlainRecord(value) || typeof value['io.modelcontextprotocol/protocolVersion'] !== 'string') return false;
  if (value['io.modelcontextprotocol/logLevel'] !== undefined) return false;
  const capabilities = value['io.modelcontextprotocol/clientCapabilities'];
  if (!isPlainRecord(capabilities)) return false;
  for (const key of CHECKED_CAPABILITIES) if (capabilities[key] !== undefined) return false;
  const info = value['io.modelcontextprotocol/clientInfo'];
  if (info === undefined) return true;
  if (!isPlainRecord(info)) return false;
  let keys = 0;
  for (const key in info) {
    if (key !== 'name' && key !== 'version') return false;
    keys++;
  }
  return keys === 2 && typeof info['name'] === 'string' && typeof info['version'] === 'string';
}
