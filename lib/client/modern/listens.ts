/**
 * @module
 * `subscriptions/listen` on a 2026-07-28 connection: one listen stream per connection, asking for
 * the union of what the live streams observed now want (list changes, resource updates, task
 * status); opened again with the new filter when they come and go, and re-listened after the
 * stream drops. Its
 * notifications arrive with the session's others, so live lists refresh on them as they do on a
 * 2025 session's unsolicited ones.
 *
 * The listen stream is the only standing connection a stateless era has, so its health is the
 * connection's: a stream that fails (the server went away) reports `reconnecting`, and the next
 * acknowledgement reports `connected` again — the live streams then fetch what they missed.
 */
import {
  asyncScheduler,
  Observable,
  retry,
  repeat,
  type SchedulerLike,
  Subject,
  type Subscription,
  throwError,
  timer,
} from 'rxjs';
import { isMcpError, McpError } from '../../protocol/errors.js';
import type { ClientCapabilities } from '../../protocol/lifecycle.js';
import { MetaKey, type SubscriptionFilter } from '../../protocol/modern.js';
import { TASKS_EXTENSION, withExtension } from '../../protocol/tasks-extension.js';
import type { Session } from '../../session/session-api.js';
import type { TransportHealth } from '../../transport/transport.js';

/** How long to wait before listening again after the stream ended or failed, in milliseconds. */
export const RELISTEN_DELAY_MS = 1_000;

/**
 * The listen stream of one connection.
 *
 * ```
 * tools$:      ^-----------!
 * resource$(u):     ^----------!
 * listen:      L-----x L---x L--x      (filters {tools}, {tools,[u]}, {[u]}; x = cancelled)
 * ```
 *
 * @example
 * const listens = new Listens(session, scheduler);
 * listens.want({ toolsListChanged: true }).subscribe(); // opens subscriptions/listen
 */
export class Listens {
  readonly #wants = new Map<object, SubscriptionFilter>();
  #active: string | undefined;
  #stream: Subscription | undefined;
  #pending = false;
  /** Listen streams that failed in a row; 0 while healthy. */
  #failures = 0;
  readonly #health = new Subject<TransportHealth>();
  readonly #acknowledged: Subscription;

  /**
   * Hot: `reconnecting` each time the listen stream fails other than by a refusal, `connected` at
   * the first acknowledgement after that.
   */
  readonly health$: Observable<TransportHealth> = this.#health.asObservable();

  constructor(
    private readonly session: Session,
    private readonly scheduler: SchedulerLike = asyncScheduler,
    /** The connection's capabilities (a filter with `taskIds` declares the tasks extension on top). */
    private readonly capabilities: ClientCapabilities = {},
  ) {
    this.#acknowledged = session.notifications$.subscribe((notification) => {
      if (notification.method !== 'notifications/subscriptions/acknowledged' || this.#failures === 0) return;
      this.#failures = 0;
      this.#health.next({ status: 'connected' });
    });
  }

  /** Wants `filter` while subscribed (never emits); the stream's filter follows. */
  want(filter: SubscriptionFilter): Observable<never> {
    return new Observable<never>(() => {
      const token = {};
      this.#wants.set(token, filter);
      this.#update();
      return () => {
        this.#wants.delete(token);
        this.#update();
      };
    });
  }

  /** Stops listening (the connection ends). */
  close(): void {
    this.#acknowledged.unsubscribe();
    this.#health.complete();
    this.#wants.clear();
    this.#stream?.unsubscribe();
    this.#stream = undefined;
    this.#active = undefined;
  }

  /** The filter every want together asks for. */
  filter(): SubscriptionFilter {
    const merged: SubscriptionFilter = {};
    const uris = new Set<string>();
    const taskIds = new Set<string>();
    for (const want of this.#wants.values()) {
      for (const taskId of want.taskIds ?? []) taskIds.add(taskId);
      if (want.toolsListChanged) merged.toolsListChanged = true;
      if (want.promptsListChanged) merged.promptsListChanged = true;
      if (want.resourcesListChanged) merged.resourcesListChanged = true;
      for (const uri of want.resourceSubscriptions ?? []) uris.add(uri);
    }
    if (uris.size > 0) merged.resourceSubscriptions = [...uris].sort();
    if (taskIds.size > 0) merged.taskIds = [...taskIds].sort();
    return merged;
  }

  /** A listen for tasks declares the tasks extension (the server refuses it otherwise). */
  #params(filter: SubscriptionFilter): Record<string, unknown> {
    if (!filter.taskIds) return { notifications: filter };
    return {
      notifications: filter,
      _meta: { [MetaKey.clientCapabilities]: withExtension(this.capabilities, TASKS_EXTENSION) },
    };
  }

  /** Re-listens once per tick at most, and only when the filter changed. */
  #update(): void {
    if (this.#pending) return;
    this.#pending = true;
    this.scheduler.schedule(() => {
      this.#pending = false;
      const filter = this.filter();
      const key = Object.keys(filter).length === 0 ? undefined : JSON.stringify(filter);
      if (key === this.#active) return;
      this.#stream?.unsubscribe();
      this.#stream = undefined;
      this.#active = key;
      if (key === undefined) return;
      const later = () => timer(RELISTEN_DELAY_MS, this.scheduler);
      // A refusal (a protocol error) ends listening; a dropped or ended stream is listened again.
      const unlessRefused = (error: unknown) => {
        if (isMcpError(error) && error.kind === 'protocol') return throwError(() => error);
        const lost = isMcpError(error)
          ? error
          : new McpError('transport', 'The listen stream failed', { cause: error });
        this.#health.next({ status: 'reconnecting', attempt: this.#failures++, error: lost });
        return later();
      };
      this.#stream = this.session
        .request('subscriptions/listen', this.#params(filter), { timeout: Infinity })
        .pipe(repeat({ delay: later }), retry({ delay: unlessRefused }))
        .subscribe({ error: () => undefined });
    });
  }
}
