/**
 * @module
 * The client side of MCP's Streamable HTTP transport: every message is a POST, answers come back
 * as JSON or as an SSE stream, and a standalone GET stream carries what the server sends on its own.
 */
import {
  asyncScheduler,
  concatWith,
  defer,
  EMPTY,
  Observable,
  type Observer,
  ReplaySubject,
  type SchedulerLike,
  Subject,
  type Subscriber,
  Subscription,
  throwError,
  timer,
} from 'rxjs';
import { asMcpError, McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../../protocol/jsonrpc.js';
import type { Transport, TransportInfo } from '../transport.js';
import { discardBody, fetchExchange, type FetchLike, globalFetch } from './fetch-exchange.js';
import { followStream, type StreamContext } from './follow-stream.js';
import { type Inbound, requestIdOf, responseIdOf } from './http-messages.js';
import { DEFAULT_RECONNECT_OPTIONS, type ReconnectOptions } from './reconnect.js';
import { postAnswer$, postFailure$ } from './post-answer.js';
import { replayHandshake } from './replay-handshake.js';
import { messageOf, type OutboundMessage } from '../related-request.js';

/** Options of {@link createStreamableHttpClientTransport}. */
export interface StreamableHttpClientTransportOptions {
  /** The `fetch` every request goes through. @defaultValue `globalThis.fetch` */
  fetch?: FetchLike;
  /**
   * Extra headers on every request (`Authorization`, …); a function is called per request, so
   * a refreshed token is picked up. @defaultValue none
   */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Where reconnection delays run. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Reconnection of dropped SSE streams. @defaultValue {@link DEFAULT_RECONNECT_OPTIONS} */
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
   * notification or response, a standalone GET stream given up. Hot; completes on close.
   */
  readonly errors$: Observable<McpError>;
}

const POST_ACCEPT = 'application/json, text/event-stream';

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
 *   backoff ({@link ReconnectOptions}). A request whose stream cannot be resumed gets an error
 *   response (code -32000).
 * - **Lost session.** A 404 to a request carrying the session id re-runs the handshake out of
 *   sight (the original `initialize` params under a private id, then
 *   `notifications/initialized`) and resends; the session above sees only the resent answer.
 * - **Cancellation.** Sending `notifications/cancelled` for request X aborts X's fetch and
 *   streams, then POSTs the notification.
 * - **Errors.** An HTTP error answering a request becomes a JSON-RPC error response for that id
 *   (the server's JSON-RPC error when the body holds one, else -32000; `data.status` is the
 *   status), so only that request fails. `inbound$` errors with kind `'transport'` only when the
 *   server cannot be reached (a POST's `fetch` rejects) or re-initialization fails.
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
  const fetch = options.fetch ?? globalFetch;
  const scheduler = options.scheduler ?? asyncScheduler;
  const policy: Required<ReconnectOptions> = { ...DEFAULT_RECONNECT_OPTIONS, ...options.reconnect };
  const errors = new Subject<McpError>();
  let state: 'idle' | 'open' | 'closed' = 'idle';
  let receiver: Subscriber<Inbound> | undefined;
  let queued: JSONRPCMessage[] = [];
  let sessionId: string | undefined;
  let protocolVersion: string | undefined;
  let initializeParams: JSONRPCRequest['params'];
  let reinitializing: Observable<never> | undefined;
  let reinitializations = 0;
  let standalone: Subscription | undefined;
  /** Completes when the standalone GET stream is answered: what is sent meanwhile waits for it. */
  let opening: ReplaySubject<never> | undefined;
  /** The cap on that wait. */
  let holding = Subscription.EMPTY;
  const work = new Subscription();
  /** The POST (and its streams) of each request still in flight, for cancellation. */
  const inflight = new Map<RequestId, Subscription>();
  /** Requests sent and not yet answered on any stream. */
  const awaiting = new Set<RequestId>();

  const headers = (extra: Record<string, string>, initialize = false): Headers => {
    const result = new Headers(typeof options.headers === 'function' ? options.headers() : options.headers);
    for (const [name, value] of Object.entries(extra)) result.set(name, value);
    if (!initialize && sessionId !== undefined) result.set('mcp-session-id', sessionId);
    if (!initialize && protocolVersion !== undefined) result.set('mcp-protocol-version', protocolVersion);
    return result;
  };

  const deliver = (item: Inbound) => {
    const id = responseIdOf(item);
    if (id !== undefined) awaiting.delete(id);
    receiver?.next(item);
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
    url,
    scheduler,
    policy,
    headers: (extra) => headers(extra),
    closed: () => state === 'closed',
    awaiting: (id) => awaiting.has(id),
    report,
  };

  /** Lets the messages held by {@link holdUntilStandalone} go. */
  const release = () => {
    const held = opening;
    opening = undefined;
    holding.unsubscribe();
    held?.complete();
  };

  /** Holds every POST but that of `notifications/initialized` until the standalone stream is answered. */
  const holdUntilStandalone = () => {
    if (opening) return;
    opening = new ReplaySubject<never>();
    holding = timer(options.standaloneWait ?? 2000, scheduler).subscribe(release);
    track(holding);
  };

  const openStandalone = () => {
    if (state !== 'open' || (standalone && !standalone.closed)) {
      release();
      return;
    }
    standalone = followStream(streams, {}, false, release).subscribe({ next: deliver });
    track(standalone);
    standalone.add(release);
  };

  const closeStandalone = () => {
    standalone?.unsubscribe();
    standalone = undefined;
  };

  // ── POSTing ─────────────────────────────────────────────────────────────────────────────

  const captureSession = (response: Response) => {
    const assigned = response.headers.get('mcp-session-id');
    if (assigned) sessionId = assigned;
  };

  const postInit = (message: JSONRPCMessage, initialize: boolean): RequestInit => ({
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', accept: POST_ACCEPT }, initialize),
    body: JSON.stringify(message),
  });

  const post$ = (message: JSONRPCMessage, resent: boolean): Observable<Inbound> =>
    defer(() => {
      if (reinitializing) return reinitializing.pipe(concatWith(post$(message, resent)));
      const initialized = isInitialized(message);
      if (opening && !initialized) return opening.pipe(concatWith(post$(message, resent)));
      const sentSession = sessionId;
      const initialize = isInitialize(message);
      return fetchExchange(fetch, url, postInit(message, initialize), (response) => {
        if (initialize) captureSession(response);
        if (response.status === 404 && sentSession !== undefined && !initialize && !resent && options.reinitialize !== false) {
          discardBody(response);
          return reinitialize$(sentSession).pipe(concatWith(post$(message, true)));
        }
        if (!response.ok) {
          if (initialized) release();
          return postFailure$(streams, message, response);
        }
        if (initialized) openStandalone();
        return postAnswer$(streams, message, response);
      });
    });

  // ── Re-initialization after a lost session ──────────────────────────────────────────────

  const reinitialize$ = (staleSession: string): Observable<never> => {
    if (reinitializing) return reinitializing;
    if (sessionId !== staleSession) return EMPTY;
    if (!initializeParams) {
      return throwError(() => new McpError('transport', 'The server lost the session (HTTP 404) and there is no initialize request to replay'));
    }
    const done = new ReplaySubject<never>();
    reinitializing = done.asObservable();
    sessionId = undefined;
    closeStandalone();
    const handshake$ = replayHandshake({ fetch, url, post: postInit, captureSession }, initializeParams, `rxmcp-reinitialize-${++reinitializations}`);
    track(
      handshake$.subscribe({
        next: deliver,
        error: (error: unknown) => {
          reinitializing = undefined;
          done.error(error);
        },
        complete: () => {
          reinitializing = undefined;
          holdUntilStandalone();
          done.complete();
          openStandalone();
        },
      }),
    );
    return reinitializing ?? done.asObservable();
  };

  // ── Lifecycle ───────────────────────────────────────────────────────────────────────────

  const send = (message: JSONRPCMessage) => {
    const cancelled = cancelledRequestId(message);
    if (cancelled !== undefined) {
      awaiting.delete(cancelled);
      inflight.get(cancelled)?.unsubscribe();
    }
    if (isInitialize(message)) initializeParams = (message as JSONRPCRequest).params;
    const requestId = requestIdOf(message);
    if (requestId !== undefined) awaiting.add(requestId);
    if (isInitialized(message)) holdUntilStandalone();
    track(post$(message, false).subscribe({ next: deliver, error: fail }), requestId);
  };

  const shutdown = (error?: McpError) => {
    if (state === 'closed') return;
    const started = state === 'open';
    state = 'closed';
    queued = [];
    work.unsubscribe();
    inflight.clear();
    awaiting.clear();
    standalone = undefined;
    opening = undefined;
    if (started && sessionId !== undefined) {
      fetch(url, { method: 'DELETE', headers: headers({}) }).then(discardBody, () => undefined);
    }
    const subscriber = receiver;
    receiver = undefined;
    if (error) subscriber?.error(error);
    else subscriber?.complete();
    errors.complete();
  };

  const fail = (error: unknown) => shutdown(asMcpError(error, 'Streamable HTTP request failed'));

  const inbound$ = new Observable<Inbound>((subscriber) => {
    if (state === 'closed') {
      subscriber.complete();
      return;
    }
    if (receiver) {
      subscriber.error(new McpError('transport', 'A Streamable HTTP transport has one reader at a time'));
      return;
    }
    receiver = subscriber;
    state = 'open';
    const pending = queued;
    queued = [];
    for (const message of pending) if (state === 'open') send(message);
    return () => {
      if (receiver !== subscriber) return;
      receiver = undefined;
      shutdown();
    };
  });

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
    get sessionId() {
      return sessionId;
    },
    get protocolVersion() {
      return protocolVersion;
    },
    setProtocolVersion: (version: string) => {
      protocolVersion = version;
    },
  };

  return { inbound$, outbound, info, errors$: errors.asObservable() };
}

function isInitialize(message: JSONRPCMessage): boolean {
  return 'method' in message && message.method === 'initialize' && requestIdOf(message) !== undefined;
}

function isInitialized(message: JSONRPCMessage): boolean {
  return 'method' in message && message.method === 'notifications/initialized';
}

function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!('method' in message) || message.method !== 'notifications/cancelled' || requestIdOf(message) !== undefined) return undefined;
  const id = message.params?.['requestId'];
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}
