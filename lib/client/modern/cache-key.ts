/**
 * @module
 * The cache key of a cacheable request (2026-07-28 caching): its method and every param that may
 * affect the result. The `_meta` keys known not to (the client's info, the log level asked for,
 * a progress token) are left out, so they never break a hit; every other `_meta` key stays in,
 * the envelope's protocol version and client capabilities among them (a server may answer per
 * revision, or filter by what the client can do). Retries of multi round-trip requests have no key.
 */
import { MetaKey } from '../../protocol/modern.js';

/** `_meta` keys that do not change a result. */
const IRRELEVANT_META: ReadonlySet<string> = new Set([MetaKey.clientInfo, MetaKey.logLevel, 'progressToken']);

/**
 * Whether `params` are those of a multi round-trip retry (`inputResponses` or `requestState`),
 * whose result depends on inputs outside any key and must not be cached.
 *
 * @example
 * isRetry({ uri: 'file:///a', requestState: 's' }) // true
 */
export function isRetry(params: Record<string, unknown> | undefined): boolean {
  return params !== undefined && (params['inputResponses'] !== undefined || params['requestState'] !== undefined);
}

/**
 * The key of `method` with `params` as sent with the envelope keys `envelope` (the connection's,
 * merged under the request's own `_meta` as the transport merges them). No params and `{}` are
 * the same request.
 *
 * @example
 * cacheKeyOf('resources/read', { uri: 'file:///a' }, envelope.at('2026-07-28'))
 */
export function cacheKeyOf(
  method: string,
  params: Record<string, unknown> | undefined,
  envelope: Record<string, unknown> | undefined,
): string {
  const { _meta: own, ...rest } = params ?? {};
  const merged: Record<string, unknown> = { ...envelope, ...(own as Record<string, unknown> | undefined) };
  const meta: [string, unknown][] = [];
  for (const key of Object.keys(merged).sort()) if (!IRRELEVANT_META.has(key)) meta.push([key, merged[key]]);
  return `${method} ${canonical(rest)} ${canonical(meta)}`;
}

/** JSON with object keys sorted, so equal params built in another order make one key. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
