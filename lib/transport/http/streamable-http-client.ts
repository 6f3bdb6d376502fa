/**
 * @module
 * The client side of MCP's Streamable HTTP transport: every message is a POST, answers come back
 * as JSON or as an SSE stream, and a standalone GET stream carries what the server sends on its own.
 */
import { asyncScheduler, type Observer, Subject, Subscription } from 'rxjs';
import { asMcpError, McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import type { TransportHealth } from '../transport.js';
import { discardBody, globalFetch } from './fetch-exchange.js';
import { authorizedFetch } from './http-auth.js';
import type { StreamContext } from './follow-stream.js';
import { requireHttpUrl } from './http-failures.js';
import { cancelledRequestId, type Inbound, isInitialized, requestIdOf, responseIdOf } from './http-messages.js';
import { post$, postInit, type PostContext } from './post-message.js';
import { DEFAULT_RECONNECT_OPTIONS, type ReconnectOptions } from './reconnect.js';
import { LostSession } from './lost-session.js';
import { SessionHeaders } from './session-headers.js';
import { StandaloneStream } from './standalone-stream.js';
import { messageOf, type OutboundMessage } from '../related-request.js';
import { SingleReader } from '../single-reader.js';
import { isModernMessage } from '../../protocol/modern.js';
import type { HeaderParamsLookup } from './message-headers.js';

export type {
  StreamableHttpClientTransport,
  StreamableHttpClientTransportOptions,
} from './streamable-http-client-api.js';
import type {
  StreamableHttpClientTransport,
  StreamableHttpClientTransportOptions,
} from './streamable-http-client-api.js';

/**
 * Creates a Streamable HTTP client transport (MCP 2025-03-26 and later) for the endpoint `url`.
 *
 * - **Start.** Nothing is sent until `inbound$` is subscribed; messages sent before are queued.
 * - **Sending.** Each message is POSTed. The `Mcp-Session-Id` of the `initialize` response is
 *   sent on every later request, and so is `MCP-Protocol-Version` once the session calls
 *   `info.setProtocolVersion`. Bodies may be JSON (one message or an array) or SSE; every
 *   message of every stream is emitted on `inbound$`, where the session correlates responses.
 * - **Standalone stream.** After `notifications/initialized` is accepted, a GET opens the
 *   server's own SSE stream; 405, 404 and 400 mean there is none. Messages sent after
 *   `notifications/initialized` are held until that GET is answered (at most `standaloneWait`
 *   ms), and so are resent ones after a re-initialization: a server may send what relates to no
 *   request only on that stream and drop it while the stream is not open, as the official SDK
 *   server does with requests (`elicitation/create`, `sampling/createMessage`) issued during a
 *   tool call without a related request id.
 * - **Resumption.** When an SSE stream drops before its request was answered, it is resumed with
 *   a GET carrying `Last-Event-ID`, after the server's `retry` value exactly or else exponential
 *   backoff ({@link ReconnectOptions}). A request whose stream cannot be resumed fails alone.
 * - **A dead server.** When the standalone stream drops, or cannot be re-opened, `health$`
 *   emits `reconnecting` and it is retried with the same backoff; `connected` follows once it
 *   is back. After `maxRetries` failed attempts in a row `inbound$` errors (kind `'transport'`).
 *   A 404 to a re-opened stream re-initializes the lost session.
 * - **Lost session.** A 404 to a request carrying the session id re-runs the handshake out of
 *   sight (the original `initialize` params under a private id, then
 *   `notifications/initialized`) and resends; the session above sees only the resent answer.
 * - **Cancellation.** Sending `notifications/cancelled` for request X aborts X's fetch and
 *   streams, then POSTs the notification.
 * - **Errors.** A request whose POST fails fails alone: a connection refused or dropped, or an
 *   HTTP error status, fails it with kind `'transport'` (the root cause, or the URL, status and
 *   a hint; `data.status`), unless the body holds a JSON-RPC error, which the request gets as
 *   is (`data.status` added). `inbound$` errors with kind `'transport'` only when the standalone
 *   stream is lost for good or re-initialization fails. A URL that is not `http:`/`https:` is
 *   refused at once (an `McpError` is thrown).
 * - **Close.** `outbound.complete()`, `outbound.error()` or unsubscribing aborts everything,
 *   sends DELETE with the session id (its answer, 405 included, is ignored) and completes
 *   `inbound$`. One connection per transport.
 *
 * @example
 * const transport = createStreamableHttpClientTransport('https://example.com/mcp', {
 *   headers: () => ({ Authorization: `Bearer ${token()}` }),
 * });
 * const session = createClientSession(transport, { clientInfo: { name: 'app', version: '1.0.0' } });
 */
export function createStreamableHttpClientTransport(
  url: string | URL,
  options: StreamableHttpClientTransportOptions = {},
): StreamableHttpClientTransport {
  const endpoint = requireHttpUrl(url, 'createStreamableHttpClientTransport');
  const fetch = options.auth
    ? authorizedFetch(options.fetch ?? globalFetch, options.auth)
    : (options.fetch ?? globalFetch);
  const scheduler = options.scheduler ?? asyncScheduler;
  const policy: Required<ReconnectOptions> = { ...DEFAULT_RECONNECT_OPTIONS, ...options.reconnect };
  const session = new SessionHeaders(options.headers);
  const errors = new Subject<McpError>();
  const health = new Subject<TransportHealth>();
  let state: 'idle' | 'open' | 'closed' = 'idle';
  let queued: JSONRPCMessage[] = [];
  const work = new Subscription();
  /** The POST (and its streams) of each request still in flight, for cancellation. */
  const inflight = new Map<RequestId, Subscription>();
  /** Requests sent and not yet answered on any stream. */
  const awaiting = new Set<RequestId>();
  /** 2026-07-28 requests in flight: closing their stream is their cancellation. */
  const modern = new Set<RequestId>();
  let headerParams: HeaderParamsLookup | undefined;

  const deliver = (item: Inbound) => {
    const id = responseIdOf(item);
    if (id !== undefined) awaiting.delete(id);
    inbound.current?.next(item);
  };

  const report = (error: McpError) => {
    if (state !== 'closed') errors.next(error);
  };

  const track = (subscription: Subscription, requestId?: RequestId) => {
    if (subscription.closed) return;
    work.add(subscription);
    if (requestId !== undefined) inflight.set(requestId, subscription);
    subscription.add(() => {
      work.remove(subscription);
      if (requestId !== undefined && inflight.get(requestId) === subscription) inflight.delete(requestId);
    });
  };

  const streams: StreamContext = {
    fetch,
    url: endpoint,
    scheduler,
    policy,
    idleTimeout: options.streamIdleTimeout ?? 0,
    headers: (extra) => session.headers(extra),
    closed: () => state === 'closed',
    awaiting: (id) => awaiting.has(id),
    report,
  };

  const standalone = new StandaloneStream({
    fetch,
    url: endpoint,
    scheduler,
    policy,
    session,
    standaloneWait: options.standaloneWait ?? 2000,
    health,
    deliver,
    report,
    sessionLost: (stale) => {
      if (options.reinitialize !== false) track(lostSession.recover$(stale).subscribe({ error: fail }));
    },
    fail: (error) => fail(error),
  });

  const lostSession = new LostSession({
    fetch,
    url: endpoint,
    session,
    standalone,
    post: (message, initialize) => postInit(posting, message, initialize),
    deliver,
    track: (subscription) => track(subscription),
    isOpen: () => state === 'open',
  });

  const posting: PostContext = {
    streams,
    session,
    standalone,
    lostSession,
    reinitialize: options.reinitialize !== false,
    headerParams: () => headerParams,
    isOpen: () => state === 'open',
  };

  // ── Lifecycle ───────────────────────────────────────────────────────────────────────────

  const send = (message: JSONRPCMessage) => {
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) {
      // A 2026-07-28 request is cancelled by closing its stream: there is nothing to POST.
      const closeOnly = modern.delete(cancelled);
      awaiting.delete(cancelled);
      inflight.get(cancelled)?.unsubscribe();
      if (closeOnly) return;
    }
    lostSession.remember(message);
    const requestId = requestIdOf(message);
    if (requestId !== undefined) awaiting.add(requestId);
    if (requestId !== undefined && isModernMessage(message)) modern.add(requestId);
    if (isInitialized(message)) standalone.hold();
    const posted = post$(posting, message, false).subscribe({ next: deliver, error: fail });
    if (requestId !== undefined) posted.add(() => modern.delete(requestId));
    track(posted, requestId);
  };

  const shutdown = (error?: McpError) => {
    if (state === 'closed') return;
    const started = state === 'open';
    state = 'closed';
    queued = [];
    work.unsubscribe();
    standalone.close();
    inflight.clear();
    awaiting.clear();
    if (started && session.sessionId !== undefined) {
      fetch(endpoint, { method: 'DELETE', headers: session.headers({}) }).then(discardBody, () => undefined);
    }
    const subscriber = inbound.take();
    if (error) subscriber?.error(error);
    else subscriber?.complete();
    errors.complete();
    health.complete();
  };

  const fail = (error: unknown) => shutdown(asMcpError(error, 'Streamable HTTP transport failed'));

  const inbound = new SingleReader<Inbound>(
    'A Streamable HTTP transport',
    () => {
      state = 'open';
      const pending = queued;
      queued = [];
      for (const message of pending) if (state === 'open') send(message);
      return (wasReader) => {
        if (wasReader) shutdown();
      };
    },
    () => state === 'closed',
  );

  const outbound: Observer<OutboundMessage> = {
    next: (value) => {
      const message = messageOf(value);
      if (state === 'idle') queued.push(message);
      else if (state === 'open') send(message);
    },
    error: () => shutdown(),
    complete: () => shutdown(),
  };

  const info = {
    serverEndpoint: endpoint.href,
    get sessionId() {
      return session.sessionId;
    },
    get protocolVersion() {
      return session.protocolVersion;
    },
    setProtocolVersion: (version: string) => {
      session.protocolVersion = version;
    },
    setHeaderParams: (lookup: HeaderParamsLookup) => {
      headerParams = lookup;
    },
  };

  return { inbound$: inbound.inbound$, outbound, info, errors$: errors.asObservable(), health$: health.asObservable() };
}
