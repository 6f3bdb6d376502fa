/**
 * @module
 * The sessions an `McpServer` serves right now: connecting a transport, forgetting a session
 * when its connection ends, and the notifications sent to all of them.
 */
import type { Subscription } from 'rxjs';
import type { LoggingLevel } from '../protocol/logging.js';
import { createServerSession, type ServerSessionOptions } from '../session/server-session.js';
import type { Session } from '../session/session.js';
import type { Transport } from '../transport/transport.js';
import type { ConnectOptions } from './connectable.js';
import type { ListKind } from './list-changed.js';
import { notifySafely, SessionState, shouldLog } from './session-state.js';

/**
 * The live sessions of one server and their connections.
 *
 * @example
 * const sessions = new ServedSessions(() => notifier.cancel());
 * const connection = sessions.connect(transport, sessionOptions);
 * sessions.resourceUpdated('test://static-text');
 */
export class ServedSessions {
  readonly #sessions = new Set<SessionState>();
  readonly #connections = new Set<Subscription>();
  readonly #states = new WeakMap<Session, SessionState>();
  readonly #emptied: () => void;

  /** `emptied` runs whenever the last session ends. */
  constructor(emptied: () => void) {
    this.#emptied = emptied;
  }

  /** The state of a session this set connected (handlers find theirs by their context's session). */
  readonly stateOf = (session: Session): SessionState => this.#states.get(session)!;

  /** How many sessions are connected. */
  get size(): number {
    return this.#sessions.size;
  }

  /**
   * Serves `transport` with a new session (carrying on from `restore`, reporting its changes to
   * `onStateChange`); it leaves the set when its connection ends, whichever side ends it.
   */
  connect(
    transport: Transport,
    options: ServerSessionOptions,
    { restore, onStateChange }: Pick<ConnectOptions, 'restore' | 'onStateChange'> = {},
  ): Subscription {
    let state!: SessionState;
    const hooks = restore || onStateChange ? { restore, changed: () => state.changed() } : undefined;
    const session = createServerSession(transport, options, hooks);
    state = new SessionState(session, transport, options.capabilities!);
    if (hooks) state.track(restore, onStateChange);
    this.#states.set(session, state);
    this.#sessions.add(state);
    const connection = session.connect();
    this.#connections.add(connection);
    // A teardown costs less per session than a subscription to `closed$`. (Added after
    // `connect`, it runs after the session has closed, or at once if the transport had already ended.)
    connection.add(() => {
      this.#sessions.delete(state);
      this.#connections.delete(connection);
      if (this.#sessions.size === 0) this.#emptied();
    });
    return connection;
  }

  /** Closes every session, as if each connection were unsubscribed. */
  closeAll(): void {
    for (const connection of [...this.#connections]) connection.unsubscribe();
  }

  /** `notifications/resources/updated` to every session subscribed to `uri`. */
  resourceUpdated(uri: string): void {
    for (const state of this.#sessions)
      if (state.isSubscribed(uri)) notifySafely(state, 'notifications/resources/updated', { uri });
  }

  /** `notifications/<kind>/list_changed` to every initialized session that announced `listChanged` for it. */
  listChanged(kind: ListKind): void {
    for (const state of this.#sessions) {
      if (state.initialized && state.capabilities[kind]?.listChanged)
        notifySafely(state, `notifications/${kind}/list_changed`);
    }
  }

  /** `notifications/message` to every session whose level (else `fallback`) lets `level` through. */
  log(level: LoggingLevel, params: Record<string, unknown>, fallback: LoggingLevel): void {
    for (const state of this.#sessions)
      if (shouldLog(state, level, fallback)) notifySafely(state, 'notifications/message', params);
  }
}
