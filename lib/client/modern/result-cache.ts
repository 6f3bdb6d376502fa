/**
 * @module
 * Caching hints of the 2026-07-28 revision (SEP-2549) on the client: a list or read result with
 * `ttlMs > 0` is reused for that long (on the scheduler's clock), by anyone for
 * `cacheScope: 'public'` and by this client alone for `'private'` (the cache belongs to one
 * connection of one client, so both are kept); a list change or resource update the server
 * announces drops what it concerns at once.
 */
import { asyncScheduler, defer, type Observable, of, type SchedulerLike, tap } from 'rxjs';
import type { JSONRPCNotification } from '../../protocol/jsonrpc.js';

/** The methods whose results may be cached. */
const CACHEABLE: ReadonlySet<string> = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

/** The cached methods each list-changed notification makes stale. */
const STALE_ON: Readonly<Record<string, readonly string[]>> = {
  'notifications/tools/list_changed': ['tools/list'],
  'notifications/prompts/list_changed': ['prompts/list'],
  'notifications/resources/list_changed': ['resources/list', 'resources/templates/list'],
};

/**
 * One connection's cache of results by method and params.
 *
 * ```
 * listTools():  -a|        (fetched, ttlMs 100)
 * listTools():   ---a|     (at 50: cached)
 * listTools():     ------a| (at 150: fetched again)
 * ```
 *
 * @example
 * cache.through('tools/list', params, () => session.request('tools/list', params))
 */
export class ResultCache {
  readonly #entries = new Map<string, { method: string; uri: unknown; result: unknown; expires: number }>();

  constructor(private readonly scheduler: SchedulerLike = asyncScheduler) {}

  /** Whether `method`'s results may be cached. */
  static cacheable(method: string): boolean {
    return CACHEABLE.has(method);
  }

  /** The cached result of `method` with `params` while fresh, else `fetch`'s (kept for its `ttlMs`). */
  through(
    method: string,
    params: Record<string, unknown> | undefined,
    fetch: () => Observable<unknown>,
  ): Observable<unknown> {
    return defer(() => {
      const key = keyOf(method, params);
      const entry = this.#entries.get(key);
      if (entry && entry.expires > this.scheduler.now()) return of(entry.result);
      this.#entries.delete(key);
      return fetch().pipe(
        tap((result) => {
          const ttl = (result as { ttlMs?: unknown } | null)?.ttlMs;
          if (typeof ttl === 'number' && ttl > 0)
            this.#entries.set(key, { method, uri: params?.['uri'], result, expires: this.scheduler.now() + ttl });
        }),
      );
    });
  }

  /** Drops everything (the connection resumed: what was missed meanwhile is unknown). */
  clear(): void {
    this.#entries.clear();
  }

  /** Drops what `notification` makes stale (a list change, or the update of a resource). */
  notice(notification: JSONRPCNotification): void {
    const methods = STALE_ON[notification.method];
    const updated =
      notification.method === 'notifications/resources/updated' ? notification.params?.['uri'] : undefined;
    if (!methods && updated === undefined) return;
    for (const [key, entry] of this.#entries) {
      if (methods?.includes(entry.method) || (entry.method === 'resources/read' && entry.uri === updated))
        this.#entries.delete(key);
    }
  }
}

function keyOf(method: string, params: Record<string, unknown> | undefined): string {
  if (params === undefined) return method;
  const { _meta: _ignored, ...rest } = params;
  return `${method} ${JSON.stringify(rest)}`;
}
