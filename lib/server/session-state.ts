/**
 * @module
 * What the server remembers about each connected session: whether it is initialized, the
 * capabilities it was announced, its log level and its resource subscriptions.
 */
import { isLoggingLevelEnabled, type LoggingLevel } from '../protocol/logging.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { RequestId } from '../protocol/jsonrpc.js';
import type { ServerSession } from '../session/server-session.js';
import type { Transport } from '../transport/transport.js';
import type { ServerTransportInfo } from './connectable.js';
import type { RequestFacts } from './modern/envelope.js';
import type { SessionSnapshot } from './session-snapshot.js';

/**
 * One live session of an `McpServer`. A class, so that the thousands of sessions of a busy
 * server share one shape and their methods (an object literal with a getter would be a
 * dictionary of its own), and the subscription set is only created by `resources/subscribe`.
 *
 * @example
 * const state = new SessionState(session, transport, server.capabilities);
 * state.subscribe('test://static-text');
 * state.isSubscribed('test://static-text'); // true
 */
export class SessionState {
  #logLevel: LoggingLevel | undefined = undefined;
  /** URIs the client subscribed to with `resources/subscribe`, once it has subscribed to any. */
  #subscriptions: Set<string> | undefined = undefined;
  /** Told of each change of the state (the session's store, if any). */
  #changed: ((snapshot: SessionSnapshot) => void) | undefined = undefined;

  constructor(
    /** The session engine. */
    readonly session: ServerSession,
    readonly transport: Transport,
    /** The capabilities announced to this session (fixed when it connected). */
    readonly capabilities: ServerCapabilities,
  ) {}

  /** Carries on from `snapshot` (the log level, the subscriptions) and reports each change to `changed`. */
  track(snapshot: SessionSnapshot | undefined, changed: ((snapshot: SessionSnapshot) => void) | undefined): void {
    this.#logLevel = snapshot?.logLevel;
    if (snapshot?.subscriptions?.length) this.#subscriptions = new Set(snapshot.subscriptions);
    this.#changed = changed;
  }

  /** The threshold set by `logging/setLevel`; `undefined` until the client sets one. */
  get logLevel(): LoggingLevel | undefined {
    return this.#logLevel;
  }

  set logLevel(level: LoggingLevel | undefined) {
    this.#logLevel = level;
    this.changed();
  }

  /** What another process needs to serve this session; `undefined` before `initialize`. */
  snapshot(): SessionSnapshot | undefined {
    const { client, protocolVersion } = this.session;
    if (!client || protocolVersion === undefined) return undefined;
    return {
      client,
      protocolVersion,
      initialized: this.session.initialized,
      ...(this.#logLevel && { logLevel: this.#logLevel }),
      ...(this.#subscriptions?.size && { subscriptions: [...this.#subscriptions] }),
    };
  }

  /** Reports the state to the listener given to {@link track}, if any. */
  changed(): void {
    if (!this.#changed) return;
    const snapshot = this.snapshot();
    if (snapshot) this.#changed(snapshot);
  }

  /** Whether the client has sent `notifications/initialized`. */
  get initialized(): boolean {
    return this.session.initialized;
  }

  /** The transport's session id (Streamable HTTP), if any. */
  get sessionId(): string | undefined {
    return this.transport.info?.sessionId;
  }

  /** Asks the transport to close one request's stream; `false` if it cannot. */
  closeStream(requestId: RequestId): boolean {
    return (this.transport.info as ServerTransportInfo | undefined)?.closeStream?.(requestId) ?? false;
  }

  /** What the transport knows of the HTTP request that carried `requestId`, if anything. */
  requestFacts(requestId: RequestId): RequestFacts | undefined {
    return (this.transport.info as ServerTransportInfo | undefined)?.requestFacts?.(requestId);
  }

  /** Records a `resources/subscribe`. */
  subscribe(uri: string): void {
    const subscriptions = (this.#subscriptions ??= new Set());
    if (subscriptions.has(uri)) return;
    subscriptions.add(uri);
    this.changed();
  }

  /** Records a `resources/unsubscribe`. */
  unsubscribe(uri: string): void {
    if (this.#subscriptions?.delete(uri)) this.changed();
  }

  /** Whether the client is subscribed to `uri`. */
  isSubscribed(uri: string): boolean {
    return this.#subscriptions?.has(uri) ?? false;
  }
}

/**
 * Whether a log message at `level` goes to this session: it passes the session's threshold, or
 * `fallback` before the client has sent `logging/setLevel`.
 *
 * @example
 * shouldLog(state, 'info', 'debug') // true until the client sets a higher level
 */
export function shouldLog(state: Pick<SessionState, 'logLevel'>, level: LoggingLevel, fallback: LoggingLevel): boolean {
  return isLoggingLevelEnabled(level, state.logLevel ?? fallback);
}

/** Sends a notification on a session, ignoring a session that has just closed. */
export function notifySafely(
  state: SessionState,
  method: string,
  params?: Record<string, unknown>,
  relatedRequestId?: string | number,
): void {
  try {
    state.session.notify(method, params, relatedRequestId === undefined ? undefined : { relatedRequestId });
  } catch {
    // The session closed; nobody is listening any more.
  }
}
