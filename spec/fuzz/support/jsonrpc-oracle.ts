/**
 * What the spec says a JSON value is, written from the MCP 2025-11-25 schema and the JSON-RPC 2.0
 * text, independently of lib/protocol (the properties compare the two):
 *
 * - an object with `jsonrpc: "2.0"` and a string `method` is a request when it has an `id`
 *   member (which MUST be a string or an integer: MCP forbids `null`), a notification otherwise;
 *   `params`, if present, is an object (MCP allows no positional params);
 * - without `method`, an object with `result` (an object) and a string-or-integer `id` is a result
 *   response, one with `error` (`code` an integer, `message` a string) and an `id` that is a
 *   string, an integer, `null` or absent is an error response; one with both is neither (JSON-RPC
 *   2.0 §5: "both members MUST NOT be included");
 * - anything else (arrays included: MCP has no batches) is an Invalid Request.
 */
export type Classification = 'request' | 'notification' | 'result' | 'error' | 'invalid';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** A JSON-RPC id MCP accepts. */
export const isSpecId = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));

/** The spec's classification of a parsed JSON value. */
export function classify(value: unknown): Classification {
  if (!isPlainObject(value) || value['jsonrpc'] !== '2.0') return 'invalid';
  if (hasOwn(value, 'method')) {
    if (typeof value['method'] !== 'string') return 'invalid';
    if (hasOwn(value, 'params') && !isPlainObject(value['params'])) return 'invalid';
    if (!hasOwn(value, 'id')) return 'notification';
    return isSpecId(value['id']) ? 'request' : 'invalid';
  }
  if (hasOwn(value, 'result') && hasOwn(value, 'error')) return 'invalid';
  if (hasOwn(value, 'result')) return isSpecId(value['id']) && isPlainObject(value['result']) ? 'result' : 'invalid';
  if (hasOwn(value, 'error')) {
    const error = value['error'];
    const idOk = !hasOwn(value, 'id') || value['id'] === null || isSpecId(value['id']);
    const errorOk = isPlainObject(error) && Number.isInteger(error['code']) && typeof error['message'] === 'string';
    return idOk && errorOk ? 'error' : 'invalid';
  }
  return 'invalid';
}

/** The id an answer to an invalid value may echo: the value's own id when it is a valid one. */
export function echoableId(value: unknown): string | number | null {
  return isPlainObject(value) && isSpecId(value['id']) ? value['id'] : null;
}

/** `JSON.parse` that says whether the text is JSON instead of throwing. */
export function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
