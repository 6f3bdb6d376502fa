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
  /** The threshold set by `logging/setLevel`; `undefined` until the client sets one. */
  logLevel: LoggingLevel | undefined = undefined;
  /** URIs the client subscribed to with `resources/subscribe`, once it has subscribed to any. */
  #subscriptions: Set<string> | undefined = undefined;

  constructor(
    /** The session engine. */
    readonly session: ServerSession,
    readonly transport: Transport,
    /** The capabilities announced to this session (fixed when it connected). */
    readonly capabilities: ServerCapabilities,
  ) {}

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
    (this.#subscriptions ??= new Set()).add(uri);
  }

  /** Records a `resources/unsubscribe`. */
  unsubscribe(uri: string): void {
    this.#subscriptions?.delete(uri);
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
