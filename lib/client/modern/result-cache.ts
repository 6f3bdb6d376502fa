/**
 * @module
 * The store of the 2026-07-28 caching hints (SEP-2549) on the client side: results kept by
 * server, scope and request key for their `ttlMs`. One store may be shared by several clients
 * (`resultCache`): a `cacheScope: 'public'` result is served to any of them asking the same
 * server, a `'private'` one (or one without a scope) only within its authorization context (the
 * same `authContext`, or the same client when none is given). How a connection uses it is
 * `CacheView`'s business.
 */

/** Options of {@link createResultCache}. */
export interface ResultCacheOptions {
  /**
   * Serve the expired result when its re-fetch fails on the way (an `McpError` of kind
   * `'transport'` or `'timeout'`: the network, the server down), as the spec allows.
   * @defaultValue false
   */
  readonly serveStaleOnError?: boolean;
}

/** One cached result. */
export interface CacheEntry {
  readonly server: string;
  /** `'public'`, or the private partition it belongs to. */
  readonly partition: string;
  readonly method: string;
  /** The `uri` of a `resources/read`. */
  readonly uri: unknown;
  readonly result: unknown;
  /** When it goes stale, on the clock of the client that stored it. */
  readonly expires: number;
}

/** The partition of public results. */
export const PUBLIC_PARTITION = 'public';

/**
 * A cache of list, read and discover results, by their `ttlMs` and `cacheScope`. Each client
 * makes its own unless given one with the `resultCache` option; clients given the same one
 * share what the scopes allow. Create one with {@link createResultCache}.
 *
 * @example
 * const resultCache = createResultCache();
 * const alice = new McpClient(factory, { resultCache, authContext: 'alice' });
 * const bob = new McpClient(factory, { resultCache, authContext: 'bob' });
 * // bob's tools/list is served from alice's when the server said cacheScope: 'public'.
 */
export class ResultCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #servers = new WeakMap<object, string>();
  #names = 0;

  constructor(readonly options: ResultCacheOptions = {}) {}

  /** How many results are kept (fresh or, with `serveStaleOnError`, stale). */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Drops every result, or those of `server` only.
   * @example
   * resultCache.clear(); // e.g. on sign-out
   */
  clear(server?: string): void {
    if (server === undefined) this.#entries.clear();
    else this.drop(server, () => true);
  }

  /**
   * A name no one else gets from this cache: a client's own private partition, or the server
   * behind a transport factory (`thing`, named once).
   * @internal
   */
  name(prefix: string, thing?: object): string {
    const known = thing && this.#servers.get(thing);
    if (known !== undefined) return known;
    const name = `${prefix}#${++this.#names}`;
    if (thing) this.#servers.set(thing, name);
    return name;
  }

  /**
   * The result kept for `key` at `server` in the first of `partitions` that has one, `fresh` at
   * `now`; an expired one is forgotten unless stale results may be served.
   * @internal
   */
  read(
    server: string,
    partitions: readonly string[],
    key: string,
    now: number,
  ): { result: unknown; fresh: boolean } | undefined {
    for (const partition of partitions) {
      const id = entryId(server, partition, key);
      const entry = this.#entries.get(id);
      if (!entry) continue;
      if (entry.expires > now) return { result: entry.result, fresh: true };
      if (this.options.serveStaleOnError) return { result: entry.result, fresh: false };
      this.#entries.delete(id);
    }
    return undefined;
  }

  /** Keeps `entry` under `key`. @internal */
  write(key: string, entry: CacheEntry): void {
    this.#entries.set(entryId(entry.server, entry.partition, key), entry);
  }

  /** Drops the results of `server` that `stale` picks, in every partition. @internal */
  drop(server: string, stale: (entry: CacheEntry) => boolean): void {
    for (const [id, entry] of this.#entries) if (entry.server === server && stale(entry)) this.#entries.delete(id);
  }
}

/**
 * A cache to hand to several clients (`new McpClient(factory, { resultCache })`) so they share
 * results as their `cacheScope` allows.
 *
 * @example
 * const resultCache = createResultCache({ serveStaleOnError: true });
 * const a = new McpClient(factory, { resultCache, authContext: () => tokenHash() });
 * const b = new McpClient(factory, { resultCache, authContext: () => tokenHash() });
 */
export function createResultCache(options: ResultCacheOptions = {}): ResultCache {
  return new ResultCache(options);
}

function entryId(server: string, partition: string, key: string): string {
  return `${server}\n${partition}\n${key}`;
}
