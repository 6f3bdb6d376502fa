/**
 * @module
 * The contract of the Streamable HTTP endpoint: its options and what it offers (see
 * `createStreamableHttpEndpoint` in streamable-http.ts).
 */
import type { SchedulerLike } from 'rxjs';
import type { SessionStore } from '../session-snapshot.js';
import type { EventStore } from './event-store.js';
import type { HttpAnswer } from './http-answer.js';
import type { HostLimitOptions } from './host-limits.js';
import type { WaitUntil } from './streamable-session.js';

/** Options of `createStreamableHttpEndpoint`. */
export interface StreamableHttpOptions extends HostLimitOptions {
  /**
   * Keep sessions (`Mcp-Session-Id`). With `false`, every POST is served by a fresh session
   * connected with `requireInitialize: false` and closed after the response; GET and DELETE
   * answer 405.
   *
   * @defaultValue true
   */
  stateful?: boolean;
  /**
   * Mints session ids; they must be unguessable (at least 128 random bits).
   *
   * @defaultValue 32 random bytes from the CSPRNG, base64url (256 bits)
   */
  sessionIdGenerator?: () => string;
  /** Serve the standalone GET SSE stream (405 when off). @defaultValue true */
  enableGetStream?: boolean;
  /**
   * Where SSE events are stored for resumption; `false` turns resumability (and priming events)
   * off.
   *
   * @defaultValue a `createInMemoryEventStore` per handler (stateful mode only)
   */
  eventStore?: EventStore | false;
  /** The `retry` field, in milliseconds, sent with each stream's priming event. @defaultValue 1000 */
  retryInterval?: number;
  /** Milliseconds between `: keep-alive` comments on SSE streams; 0 disables. @defaultValue 15 000 */
  keepAliveInterval?: number;
  /**
   * Milliseconds a session may go without any open HTTP request or stream before it is closed,
   * as if deleted; 0 keeps sessions forever.
   *
   * @defaultValue 1 800 000 (30 minutes)
   */
  sessionIdleTimeout?: number;
  /**
   * The largest request body in bytes (larger → 413).
   *
   * @deprecated use `limits.maxMessageBytes`
   * @defaultValue 4 MiB
   */
  maxBodyBytes?: number;
  /** `MCP-Protocol-Version` values accepted. @defaultValue `SUPPORTED_PROTOCOL_VERSIONS` */
  protocolVersions?: readonly string[];
  /**
   * How a POSTed request is answered: `'lazy'` with `application/json` unless something related
   * to it is sent before its response (then the answer becomes `text/event-stream`); `'sse'`
   * always with `text/event-stream`, opened at once (as the official SDK does by default).
   *
   * @defaultValue 'lazy'
   */
  responseMode?: 'lazy' | 'sse';
  /**
   * Where the state of each session is kept (see {@link SessionStore}), so that a request naming
   * a session this endpoint does not hold is served, without a new `initialize`, when the store
   * has it: a session outlives its process (`createRedisSessionStore` of `rxmcp/redis`).
   * Resuming its streams needs a shared `eventStore` too.
   */
  sessionStore?: SessionStore;
  /**
   * Where idle eviction and keep-alive comments are timed (a `TestScheduler` in specs).
   *
   * @defaultValue `asyncScheduler`
   */
  scheduler?: SchedulerLike;
}

/** A Streamable HTTP endpoint. Create with `createStreamableHttpEndpoint`. */
export interface StreamableHttpEndpoint {
  /**
   * Serves one HTTP request to the endpoint (any method); `toResponse` makes its `Response`.
   * `waitUntil` is a Worker's `ctx.waitUntil`, for requests that outlive their response.
   */
  handle(request: Request, waitUntil?: WaitUntil): Promise<HttpAnswer>;
  /**
   * {@link handle} for host adapters: the answer itself when it is ready at once (no promise), and
   * an unexpected failure thrown or rejected rather than answered with 500.
   *
   * @example
   * const answer = endpoint.answer(request);
   * send(isAnswer(answer) ? answer : await answer);
   */
  answer(request: Request, waitUntil?: WaitUntil): HttpAnswer | Promise<HttpAnswer>;
  /** The number of open sessions. */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams and not yet sent (each stream is cut off past `limits.maxQueuedBytes`). */
  readonly queuedBytes: number;
  /** Closes every session and stream; later requests for them get 404. */
  close(): void;
}
