/**
 * @module
 * What {@link createSseClientTransport} takes and returns: its options and the transport with
 * its session id, endpoint and stream health.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import type { Transport, TransportHealth, TransportInfo } from '../transport.js';
import type { FetchLike } from './fetch-exchange.js';
import type { HttpAuthProvider } from './http-auth.js';
import type { ReconnectOptions } from './reconnect.js';

/** Options of {@link createSseClientTransport}. */
export interface SseClientTransportOptions {
  /**
   * The `fetch` of the GET stream and of every POST. The stream is read from the response body
   * with `eventsource-parser`, so no `EventSource` is needed (and custom headers work).
   * @defaultValue `globalThis.fetch`
   */
  fetch?: FetchLike;
  /** Extra headers on every request; a function is called per request. @defaultValue none */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Authorizes every request and answers a 401 / 403 `insufficient_scope` once. @defaultValue none */
  auth?: HttpAuthProvider;
  /**
   * Re-opening a dropped stream: each attempt GETs the stream again and waits for its `endpoint`
   * event (a new server session, initialized again with the original `initialize` params before
   * anything queued meanwhile is sent). `false`: the transport ends with its stream.
   *
   * @defaultValue `DEFAULT_RECONNECT_OPTIONS` (first retry after 1 s, ×1.5, at most 2 failed attempts in a row)
   */
  reconnect?: ReconnectOptions | false;
  /** Where reconnection delays run. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
}

/** What {@link createSseClientTransport} returns. */
export interface SseClientTransport extends Transport {
  readonly info: TransportInfo & {
    /** The `sessionId` query parameter of the endpoint, once the server has named it. */
    readonly sessionId: string | undefined;
    /** Where messages are POSTed, once the server has named it. */
    readonly endpoint: URL | undefined;
  };
  /** The stream's health: `reconnecting` while it is lost, `connected` once re-opened. Hot. */
  readonly health$: Observable<TransportHealth>;
}
