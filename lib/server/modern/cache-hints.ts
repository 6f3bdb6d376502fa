/**
 * @module
 * Caching hints (SEP-2549, 2026-07-28): `ttlMs` and `cacheScope` on the lists, `resources/read`
 * and `server/discover`, from the server's defaults and what an entry configures.
 */
import { CACHEABLE_METHODS as CORE_CACHEABLE_METHODS, type CacheHints } from '../../protocol/modern.js';

/** The methods whose results carry caching hints: the revision's, and the skills extension's. */
export const CACHEABLE_METHODS: ReadonlySet<string> = new Set([...CORE_CACHEABLE_METHODS, 'skills/list', 'skills/get']);

/** Hints when nothing is configured: reusable for a minute, by anyone. */
export const DEFAULT_CACHE_HINTS: CacheHints = { ttlMs: 60_000, cacheScope: 'public' };

/**
 * Adds hints to a cacheable result: what the result already has wins, then `entry` (a resource's
 * own hints), then `defaults`; a negative `ttlMs` becomes 0.
 *
 * @example
 * withCacheHints({ tools: [] }, { ttlMs: 0 }, DEFAULT_CACHE_HINTS) // { tools: [], ttlMs: 0, cacheScope: 'public' }
 */
export function withCacheHints(
  result: Record<string, unknown>,
  entry: Partial<CacheHints> | undefined,
  defaults: CacheHints,
): Record<string, unknown> {
  const ttlMs = result['ttlMs'] ?? entry?.ttlMs ?? defaults.ttlMs;
  return {
    ...result,
    // A server must send `ttlMs >= 0`: a negative one configured (or returned) goes out as 0.
    ttlMs: typeof ttlMs === 'number' && ttlMs < 0 ? 0 : ttlMs,
    cacheScope: result['cacheScope'] ?? entry?.cacheScope ?? defaults.cacheScope,
  };
}
