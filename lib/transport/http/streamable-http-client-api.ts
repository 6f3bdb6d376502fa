/**
 * @module
 * What {@link createStreamableHttpClientTransport} takes and returns: its options and the
 * transport with its session id, standalone-stream health and out-of-band errors.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import type { McpError } from '../../protocol/errors.js';
import type { Transport, TransportHealth, TransportInfo } from '../transport.js';
import type { FetchLike } from './fetch-exchange.js';
import type { HttpAuthProvider } from './http-auth.js';
import type { ReconnectOptions } from './reconnect.js';
import type { CustomHeaders } from './session-headers.js';

/** Options of {@link createStreamableHttpClientTransport}. */
export interface StreamableHttpClientTransportOptions {
  /** The `fetch` every request goes through. @defaultValue `globalThis.fetch` */
  fetch?: FetchLike;
  /**
   * Extra headers on every request (`Authorization`, …); a function is called per request, so
   * a refreshed token is picked up. @defaultValue none
   */
  headers?: CustomHeaders;
  /**
   * Authorizes every request, and answers a 401 or 403 `insufficient_scope` by obtaining
   * credentials and sending the request once more (`createOAuthClient` of `rxmcp`).
   * @defaultValue none
   */
  auth?: HttpAuthProvider;
  /** Where reconnection delays and the idle watch of streams run. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /**
   * Milliseconds a request's SSE stream (a `subscriptions/listen` stream above all) may stay
   * silent — no event and no keep-alive comment — before it counts as dropped, as a dead
   * connection that never closes would; a listen stream is then opened again. Set it above the
   * server's keep-alive period (rxmcp servers send one every 15 s). @defaultValue 0 (never)
   */
  streamIdleTimeout?: number;
  /**
   * Reconnection of dropped SSE streams, the standalone one included (the server's `retry`
   * value, when it sent one, replaces the backoff). @defaultValue {@link DEFAULT_RECONNECT_OPTIONS}
   */
  reconnect?: ReconnectOptions;
  /**
   * Re-initialize transparently when the server answers 404 to a request carrying the session
   * id (the session expired): replay the original `initialize`, then resend. @defaultValue true
   */
  reinitialize?: boolean;
  /**
   * How long messages sent after `notifications/initialized` wait, at most, for the server to
   * answer the standalone GET stream before they are POSTed anyway, in milliseconds.
   * @defaultValue 2000
   */
  standaloneWait?: number;
}

/** What {@link createStreamableHttpClientTransport} returns. */
export interface StreamableHttpClientTransport extends Transport {
  readonly info: TransportInfo & {
    /** The `Mcp-Session-Id` the server assigned, if any. */
    readonly sessionId: string | undefined;
    /** The `MCP-Protocol-Version` sent on every request after `initialize`. */
    readonly protocolVersion: string | undefined;
  };
  /**
   * Errors that concern no single request and do not end the transport: a failed POST of a
   * notification or response, a first standalone GET answered with an unexpected status. Hot;
   * completes on close.
   */
  readonly errors$: Observable<McpError>;
  /** The standalone stream's health: `reconnecting` while it is lost, `connected` once back. Hot. */
  readonly health$: Observable<TransportHealth>;
}
