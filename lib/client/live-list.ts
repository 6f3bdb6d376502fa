/**
 * @module
 * A list that stays current: fetched when first observed, fetched again on the matching
 * `notifications/…/list_changed` and when the connection resumes, shared by every observer,
 * latest value replayed.
 */
import { merge, type Observable, of, switchMap } from 'rxjs';
import type { SubscriptionFilter } from '../protocol/modern.js';
import { hasCapability } from '../protocol/capabilities.js';
import { type Connection, holdConnection } from './connection.js';
import { refreshOn } from './refresh-on.js';
import { shareLatest } from './share-latest.js';

/** How to keep one kind of list. */
export interface LiveListSpec<T> {
  /** The server capability that offers the list (`'tools'`, `'prompts'`, `'resources'`). */
  readonly capability: string;
  /** The notification that says the list changed. */
  readonly changed: string;
  /** Fetches the complete list (every page) on a connection. */
  readonly fetch: (connection: Connection) => Observable<T[]>;
  /** What a modern connection's listen stream must ask for to hear `changed`. */
  readonly listen: SubscriptionFilter;
}

/**
 * Creates a live list over the shared connection. It holds the connection while observed,
 * emits `[]` (once) if the server lacks the capability, fetches again when the connection
 * resumes (a reconnected transport may have missed a `list_changed`), on a modern connection keeps
 * the listen stream asking for `spec.listen` while observed, and errors (kind `'closed'`,
 * `'transport'`, …) when the connection ends or a fetch fails: `retry()` reconnects.
 *
 * ```
 * connection$:  -c---------------
 * list_changed: -------n---------
 * liveList:     -a-----b---------   (a, b = complete lists)
 * ```
 *
 * @example
 * const tools$ = liveList(connection$, { capability: 'tools', changed: 'notifications/tools/list_changed', fetch });
 */
export function liveList<T>(connection$: Observable<Connection>, spec: LiveListSpec<T>): Observable<T[]> {
  return holdConnection(connection$, (connection) => {
    if (!hasCapability(connection.server.capabilities, [spec.capability])) return of([]);
    const list = merge(refreshOn(connection.session.notifications$, spec.changed), connection.resumed$).pipe(
      switchMap(() => spec.fetch(connection)),
    );
    // On a modern connection the changes come on the listen stream, asked for while the list is observed.
    const listens = connection.listens;
    return listens && hasCapability(connection.server.capabilities, [spec.capability, 'listChanged'])
      ? merge(listens.want(spec.listen), list)
      : list;
  }).pipe(shareLatest());
}
