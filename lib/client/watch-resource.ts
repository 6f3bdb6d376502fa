/**
 * @module
 * One resource, kept current: subscribed on the server while observed, read again whenever
 * the server says it was updated, unsubscribed after the last observer leaves.
 */
import { concatMap, defer, merge, Observable, startWith, switchMap, tap } from 'rxjs';
import { hasCapability } from '../protocol/capabilities.js';
import type { ReadResourceResult } from '../protocol/index.js';
import { type Connection, holdConnection } from './connection.js';
import { refreshOn } from './refresh-on.js';
import { shareLatest } from './share-latest.js';
import { typedRequest } from './typed-request.js';

/**
 * Watches the resource `uri` on the shared connection, holding it. If the server supports
 * `resources.subscribe`, sends `resources/subscribe` first and `resources/unsubscribe` on
 * teardown (before the connection is released; when the watch was its last holder the
 * transport then closes, which ends the server's subscription anyway); then reads the
 * resource, and reads it again on every `notifications/resources/updated` for `uri`; when the
 * connection resumes, subscribes and reads again. On a 2026-07-28 connection the listen stream
 * carries the subscription instead, and a resumption (the listen stream back after a failure)
 * reads again.
 * Not shared: share it per uri.
 *
 * ```
 * updated(uri): --------u-----
 * watch:        --r-----r--!     (subscribe, read … read; unsubscribe at !)
 * ```
 *
 * @example
 * watchResource(connection$, 'file:///a.txt', (connection, uri) => typedRequest(connection.session, 'resources/read', { uri }))
 */
export function watchResource(
  connection$: Observable<Connection>,
  uri: string,
  read: (connection: Connection, uri: string) => Observable<ReadResourceResult>,
): Observable<ReadResourceResult> {
  return holdConnection(connection$, (connection) => {
    const { session, server } = connection;
    const reads = refreshOn(
      session.notifications$,
      'notifications/resources/updated',
      (n) => n.params?.['uri'] === uri,
    ).pipe(switchMap(() => read(connection, uri)));
    // A resumed connection may be a new server session that lost the subscription: start over.
    const rounds = (round: () => Observable<ReadResourceResult>) =>
      connection.resumed$.pipe(startWith(undefined), switchMap(round));
    const subscribable = hasCapability(server.capabilities, ['resources', 'subscribe']);
    // A modern server is told what to send by subscriptions/listen, not resources/subscribe.
    if (connection.listens)
      return subscribable
        ? merge(
            connection.listens.want({ resourceSubscriptions: [uri] }),
            rounds(() => reads),
          )
        : rounds(() => reads);
    if (!subscribable) return rounds(() => reads);
    return new Observable<ReadResourceResult>((subscriber) => {
      let sent = false;
      const subscription = rounds(() =>
        typedRequest(session, 'resources/subscribe', { uri }).pipe(
          tap({ subscribe: () => (sent = true) }),
          concatMap(() => reads),
        ),
      ).subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        // Fire and forget: on a closed session this fails at once, and nobody needs to know.
        if (sent) session.request('resources/unsubscribe', { uri }).subscribe({ error: () => undefined });
      };
    });
  });
}

/**
 * One shared watch per uri: every observer of a uri joins the same {@link watchResource}
 * (one server subscription, latest contents replayed); the entry is dropped when its last
 * observer leaves or it fails, so the next observer starts afresh.
 *
 * @example
 * const watches = new ResourceWatches(connection$, read);
 * watches.watch('file:///a.txt').subscribe(render);
 */
export class ResourceWatches {
  private readonly watches = new Map<string, Observable<ReadResourceResult>>();

  constructor(
    private readonly connection$: Observable<Connection>,
    private readonly read: (connection: Connection, uri: string) => Observable<ReadResourceResult>,
  ) {}

  /** The shared watch of `uri` (looked up on each subscription). */
  watch(uri: string): Observable<ReadResourceResult> {
    return defer(() => {
      const existing = this.watches.get(uri);
      if (existing) return existing;
      const created: Observable<ReadResourceResult> = watchResource(this.connection$, uri, this.read).pipe(
        tap({ finalize: () => this.watches.get(uri) === created && this.watches.delete(uri) }),
        shareLatest(),
      );
      this.watches.set(uri, created);
      return created;
    });
  }
}
