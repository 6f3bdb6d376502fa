/**
 * @module
 * How an `McpServer` announces what changed: coalesced `list_changed` notifications and
 * `notifications/resources/updated` to its 2025 sessions, the same events on its event bus for
 * 2026-07-28 `subscriptions/listen` streams, and what other processes published to its sessions.
 */
import { asyncScheduler, type Observable, type Subscription } from 'rxjs';
import { createListChangedNotifier, type ListChangedNotifier, type ListKind } from './list-changed.js';
import type { McpServerOptions } from './mcp-server-options.js';
import { createInMemoryEventBus, type EventBus, type ServerEvent } from './modern/event-bus.js';
import type { ServedSessions } from './served-sessions.js';

/**
 * The change announcements of one server's sessions and bus.
 *
 * @example
 * const changes = new ServerChanges(sessions, { listChangedDelay: 10 });
 * changes.listChanged('tools');
 * changes.resourceUpdated('test://static-text');
 */
export class ServerChanges {
  /** Where list changes and resource updates meet the `subscriptions/listen` streams. */
  bus: EventBus;
  readonly #sessions: ServedSessions;
  readonly #notifier: ListChangedNotifier;
  #remote: Subscription | undefined;

  constructor(sessions: ServedSessions, options: McpServerOptions) {
    this.#sessions = sessions;
    this.#notifier = createListChangedNotifier({
      scheduler: options.scheduler ?? asyncScheduler,
      delay: options.listChangedDelay ?? 10,
      hasListeners: () => this.#sessions.size > 0,
      broadcast: (kind) => this.#sessions.listChanged(kind),
    });
    this.bus = options.eventBus ?? createInMemoryEventBus();
  }

  /** Drops the pending `list_changed` notifications (when the last session has ended). */
  cancel(): void {
    this.#notifier.cancel();
  }

  /** Announces a change of the `kind` list: coalesced to the sessions, on the bus at once. */
  listChanged(kind: ListKind): void {
    this.#notifier.changed(kind);
    this.bus.publish({ type: 'list_changed', kind });
  }

  /** Announces an update of `uri`: on the bus, and to every session subscribed to it. */
  resourceUpdated(uri: string): void {
    this.bus.publish({ type: 'resource_updated', uri });
    this.#sessions.resourceUpdated(uri);
  }

  /**
   * Tells the sessions what other processes published on `remoteEvents$` (not published again),
   * instead of the stream heard before.
   */
  hear(remoteEvents$: Observable<ServerEvent> | undefined): void {
    this.#remote?.unsubscribe();
    this.#remote = remoteEvents$?.subscribe((event) => {
      if (event.type === 'list_changed') this.#notifier.changed(event.kind);
      else this.#sessions.resourceUpdated(event.uri);
    });
  }
}
