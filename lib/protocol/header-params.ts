/**
 * @module
 * SEP-2243 (2026-07-28 Streamable HTTP) as data: the `x-mcp-header` annotations of a tool's input
 * schema, the rules a valid one follows, and how a value becomes a header value (plain, or the
 * `=?base64?…?=` sentinel when it is not safe as is).
 */

/** One `x-mcp-header` annotation: the `Mcp-Param-{header}` name and the argument's property path. */
export interface HeaderParam {
  readonly header: string;
  readonly path: readonly string[];
}

/** The annotations of a schema, or why the tool defining them must be rejected. */
export type HeaderParamsReading = { readonly params: readonly HeaderParam[] } | { readonly problem: string };

/** RFC 9110 `tchar`: what a header field name is made of. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'boolean']);

/**
 * Reads the `x-mcp-header` annotations of `schema` (chains of `properties` keys from the root),
 * checking every constraint of the revision: a non-empty token name, unique case-insensitively,
 * on a `string` / `integer` / `boolean` property, nowhere else in the schema.
 *
 * @example
 * readHeaderParams({ type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } })
 * // { params: [{ header: 'Region', path: ['region'] }] }
 */
export function readHeaderParams(schema: unknown): HeaderParamsReading {
  const params: HeaderParam[] = [];
  const seen = new Set<string>();
  const visit = (node: unknown, path: string[], reachable: boolean): string | undefined => {
    if (typeof node !== 'object' || node === null) return undefined;
    if (Array.isArray(node)) {
      for (const item of node) {
        const problem = visit(item, path, false);
        if (problem) return problem;
      }
      return undefined;
    }
    const record = node as Record<string, unknown>;
    if ('x-mcp-header' in record) {
      const header = record['x-mcp-header'];
      const where = path.join('.') || '(root)';
      if (!reachable || path.length === 0)
        return `x-mcp-header on ${where} is not statically reachable through properties`;
      if (typeof header !== 'string' || header.length === 0) return `x-mcp-header on ${where} is empty or not a string`;
      if (!TOKEN.test(header)) return `x-mcp-header '${header}' on ${where} is not an HTTP token`;
      if (seen.has(header.toLowerCase())) return `x-mcp-header '${header}' is not unique (case-insensitively)`;
      if (typeof record['type'] !== 'string' || !PRIMITIVE_TYPES.has(record['type']))
        return `x-mcp-header '${header}' on ${where} is not on a string, integer or boolean property`;
      seen.add(header.toLowerCase());
      params.push({ header, path });
    }
    for (const [key, value] of Object.entries(record)) {
      if (key === 'properties' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [name, property] of Object.entries(value as Record<string, unknown>)) {
          const problem = visit(property, [...path, name], reachable);
          if (problem) return problem;
        }
      } else if (typeof value === 'object' && value !== null) {
        // Anything but a `properties` chain (items, composition, conditionals, $defs…) is unreachable.
        const problem = visit(value, path, false);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  const problem = visit(schema, [], true);
  return problem === undefined ? { params } : { problem };
}

/** The value at `path` of `args`, or `undefined` when absent. */
export function valueAtPath(args: unknown, path: readonly string[]): unknown {
  let value = args;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A value as an HTTP header value: strings as they are, integers in decimal, booleans as
 * `true`/`false`; a string that is not visible ASCII (and inner spaces), has leading or trailing
 * whitespace, or looks like the sentinel is sent as `=?base64?{UTF-8 base64}?=`. `undefined` for
 * `null`, absent and non-primitive values (the header is then omitted).
 *
 * @example
 * encodeHeaderValue('us-west1') // 'us-west1'
 * encodeHeaderValue(' padded ') // '=?base64?IHBhZGRlZCA=?='
 */
export function encodeHeaderValue(value: unknown): string | undefined {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const safe = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value) || value === '';
  if (safe && !/^=\?base64\?.*\?=$/.test(value)) return value;
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `=?base64?${globalThis.btoa(binary)}?=`;
}
