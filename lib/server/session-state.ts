/**
 * @module
 * What the server remembers about each connected session: whether it is initialized, the
 * capabilities it was announced, its log level and its resource subscriptions.
 */
import { isLoggingLevelEnabled, type LoggingLevel } from '../protocol/logging.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { RequestId } from '../protocol/jsonrpc.js';
import type { ServerSession } from '../session/server-session.js';

/** One live session of an `McpServer`. */
export interface SessionState {
  /** The session engine. */
  readonly session: ServerSession;
  /** The transport's session id (Streamable HTTP), if any. */
  readonly sessionId: string | undefined;
  /** The capabilities announced to this session (fixed when it connected). */
  readonly capabilities: ServerCapabilities;
  /** Set when the client sent `notifications/initialized`. */
  initialized: boolean;
  /** The threshold set by `logging/setLevel`; `undefined` until the client sets one. */
  logLevel: LoggingLevel | undefined;
  /** URIs the client subscribed to with `resources/subscribe`. */
  readonly subscriptions: Set<string>;
  /** Asks the transport to close one request's stream; `false` if it cannot. */
  closeStream(requestId: RequestId): boolean;
}

/**
 * Whether a log message at `level` goes to this session: it passes the session's threshold, or
 * `fallback` before the client has sent `logging/setLevel`.
 *
 * @example
 * shouldLog({ ...state, logLevel: 'warning' }, 'info', 'debug') // false
 */
export function shouldLog(state: SessionState, level: LoggingLevel, fallback: LoggingLevel): boolean {
  return isLoggingLevelEnabled(level, state.logLevel ?? fallback);
}

/** Sends a notification on a session, ignoring a session that has just closed. */
export function notifySafely(state: SessionState, method: string, params?: Record<string, unknown>, relatedRequestId?: string | number): void {
  try {
    state.session.notify(method, params, relatedRequestId === undefined ? undefined : { relatedRequestId });
  } catch {
    // The session closed; nobody is listening any more.
  }
}
