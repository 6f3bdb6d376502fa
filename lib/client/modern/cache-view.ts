/**
 * @module
 * How one connection uses a {@link ResultCache} (2026-07-28 caching hints): a cacheable request
 * is served from the cache while fresh on the scheduler's clock, else sent, and a complete result
 * with `ttlMs > 0` kept for that long (a negative TTL counts as 0) under its scope. Interim
 * `input_required` results and the results of retries are never kept. A list change or resource
 * update the server announces drops what it concerns for every client of the cache; an error for
 * a page cursor drops every cached page of that list.
 */
import { catchError, defer, type Observable, of, type SchedulerLike, tap, throwError } from 'rxjs';
import { ErrorCode, isMcpError } from '../../protocol/errors.js';
import type { JSONRPCNotification } from '../../protocol/jsonrpc.js';
import { CACHEABLE_METHODS } from '../../protocol/modern.js';
import { cacheKeyOf, isRetry } from './cache-key.js';
import { PUBLIC_PARTITION, type ResultCache } from './result-cache.js';

/** The cached methods each list-changed notification makes stale. */
const STALE_ON: Readonly<Record<string, readonly string[]>> = {
  'notifications/tools/list_changed': ['tools/list'],
  'notifications/prompts/list_changed': ['prompts/list'],
  'notifications/resources/list_changed': ['resources/list', 'resources/templates/list'],
};

/** What a connection's view of the cache is keyed by. */
export interface CacheViewScope {
  /** The server's name in the cache (its endpoint). */
  readonly server: string;
  /** The private partition now: the authorization context, or the client's own. */
  readonly partition: () => string;
  /** The envelope's `_meta` keys the transport adds to requests (none before negotiation). */
  readonly envelope: () => Record<string, unknown> | undefined;
  readonly scheduler: SchedulerLike;
}

/**
 * One connection's view of a (possibly shared) result cache.
 *
 * ```
 * listTools():  -a|          (fetched, ttlMs 100)
 * listTools():   ---a|       (at 50: cached)
 * listTools():     ------a|  (at 150: fetched again)
 * ```
 *
 * @example
 * view.through('tools/list', params, () => session.request('tools/list', params))
 */
export class CacheView {
  constructor(
    private readonly cache: ResultCache,
    private readonly scope: CacheViewScope,
  ) {}

  /** Whether `method`'s results may be cached. */
  static cacheable(method: string): boolean {
    return CACHEABLE_METHODS.has(method);
  }

  /** The cached result of `method` with `params` while fresh, else `fetch`'s (kept for its `ttlMs`). */
  through(
    method: string,
    params: Record<string, unknown> | undefined,
    fetch: () => Observable<unknown>,
  ): Observable<unknown> {
    if (!CACHEABLE_METHODS.has(method) || isRetry(params)) return fetch();
    return defer(() => {
      const { cache, scope } = this;
      const key = cacheKeyOf(method, params, scope.envelope());
      const partition = scope.partition();
      const kept = cache.read(scope.server, [partition, PUBLIC_PARTITION], key, scope.scheduler.now());
      if (kept?.fresh) return of(kept.result);
      return fetch().pipe(
        tap((result) => {
          const ttl = ttlOf(result);
          if (ttl <= 0) return;
          const scoped = (result as { cacheScope?: unknown }).cacheScope === 'public' ? PUBLIC_PARTITION : partition;
          cache.write(key, {
            server: scope.server,
            partition: scoped,
            method,
            uri: params?.['uri'],
            result,
            expires: scope.scheduler.now() + ttl,
          });
        }),
        catchError((error: unknown) => {
          // A cursor the server refuses: the pages cached with it no longer fit together.
          if (params?.['cursor'] !== undefined && isMcpError(error) && error.kind === 'protocol')
            cache.drop(scope.server, (entry) => entry.method === method);
          else if (kept && isMcpError(error) && (error.kind === 'transport' || error.kind === 'timeout'))
            return of(kept.result);
          return throwError(() => error);
        }),
      );
    });
  }

  /**
   * Rethrows a request's `error`; a version refusal (-32022) first drops the server's cached discover
   * result, which the refused version came from, so the next connection probes again.
   */
  readonly refused = (error: unknown): Observable<never> => {
    if (isMcpError(error) && error.kind === 'protocol' && error.code === ErrorCode.UnsupportedProtocolVersion)
      this.cache.drop(this.scope.server, (entry) => entry.method === 'server/discover');
    return throwError(() => error);
  };

  /** Drops everything of this server (the connection resumed: what was missed meanwhile is unknown). */
  clear(): void {
    this.cache.clear(this.scope.server);
  }

  /** Drops what `notification` makes stale (a list change, or the update of a resource), for every client of the cache. */
  notice(notification: JSONRPCNotification): void {
    const methods = STALE_ON[notification.method];
    const updated =
      notification.method === 'notifications/resources/updated' ? notification.params?.['uri'] : undefined;
    if (!methods && updated === undefined) return;
    this.cache.drop(
      this.scope.server,
      (entry) =>
        methods?.includes(entry.method) === true || (entry.method === 'resources/read' && entry.uri === updated),
    );
  }
}

/** The TTL of a complete result (0 for an interim `input_required` one, a missing or negative `ttlMs`). */
function ttlOf(result: unknown): number {
  if (typeof result !== 'object' || result === null) return 0;
  const { ttlMs, resultType } = result as { ttlMs?: unknown; resultType?: unknown };
  if (resultType !== undefined && resultType !== 'complete') return 0;
  return typeof ttlMs === 'number' && Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : 0;
}
