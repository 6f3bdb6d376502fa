/**
 * @module
 * The client side of the legacy HTTP+SSE transport (MCP 2024-11-05): one long GET stream brings
 * the server's messages, and an `endpoint` event names where to POST ours.
 */
import {
  asyncScheduler,
  catchError,
  filter,
  finalize,
  map,
  mergeMap,
  Observable,
  type Observer,
  of,
  Subject,
  Subscription,
  throwError,
} from 'rxjs';
import { asMcpError, isMcpError, McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { isMessage, type TransportHealth } from '../transport.js';
import { keepConnected, type KeptEvent, type ConnectionEvent } from './keep-connected.js';
import { DEFAULT_RECONNECT_OPTIONS } from './reconnect.js';
import { SseRecovery } from './sse-recovery.js';
import { bodyText, discardBody, fetchExchange, globalFetch } from './fetch-exchange.js';
import { authorizedFetch } from './http-auth.js';
import { httpFailure, httpStatusError, networkError, requireHttpUrl } from './http-failures.js';
import { type Inbound, mediaType, parseMessages, requestIdOf } from './http-messages.js';
import { sseEvents } from './sse-events.js';
import { messageOf, type OutboundMessage } from '../related-request.js';
import { SingleReader } from '../single-reader.js';

export type { SseClientTransport, SseClientTransportOptions } from './sse-client-api.js';
import type { SseClientTransport, SseClientTransportOptions } from './sse-client-api.js';

/**
 * Creates a legacy HTTP+SSE client transport for the SSE endpoint `url`.
 *
 * - **Start.** Subscribing to `inbound$` GETs the SSE stream; messages sent before the server's
 *   `endpoint` event are queued. The endpoint is resolved against `url` and must have the same
 *   origin (else `inbound$` errors, kind `'transport'`).
 * - **Messages.** `message` events (and unnamed ones) are JSON-RPC messages, emitted on
 *   `inbound$`. Each outgoing message is POSTed to the endpoint. A request whose POST fails
 *   fails alone, kind `'transport'` (the root cause of a refused connection, or the URL, status
 *   and a hint of an HTTP error), unless the body holds a JSON-RPC error, which it gets as is.
 * - **Reconnect.** When the stream drops or the server ends it, the server's session is gone:
 *   each request in flight fails (kind `'transport'`, saying so), `health$` reports
 *   `reconnecting`, and the stream is re-opened with backoff on `scheduler`; its new `endpoint`
 *   is re-discovered, the original `initialize` is replayed under a private id (its answer is
 *   swallowed) with `notifications/initialized`, then what was sent meanwhile goes, and
 *   `health$` reports `connected`. After `maxRetries` failed attempts in a row, `inbound$`
 *   errors (kind `'transport'`).
 * - **End.** The first GET failing errors `inbound$` at once, kind `'transport'` with the cause,
 *   as does the POST of a notification or response that cannot reach the server; with
 *   `reconnect: false`, `inbound$` completes when the server ends the stream and errors when it
 *   drops. `outbound.complete()` or unsubscribing aborts the stream and every POST. A URL that is
 *   not `http:`/`https:` is refused at once (an `McpError` is thrown).
 *
 * @example
 * const transport = createSseClientTransport('http://localhost:3000/sse');
 * const session = createClientSession(transport, { clientInfo: { name: 'app', version: '1.0.0' } });
 */
export function createSseClientTransport(
  url: string | URL,
  options: SseClientTransportOptions = {},
): SseClientTransport {
  const fetch = options.auth
    ? authorizedFetch(options.fetch ?? globalFetch, options.auth)
    : (options.fetch ?? globalFetch);
  const base = requireHttpUrl(url, 'createSseClientTransport');
  let state: 'idle' | 'open' | 'closed' = 'idle';
  let queued: JSONRPCMessage[] = [];
  let endpoint: URL | undefined;
  /** Queued messages may go to `endpoint` (after a re-discovery, once the handshake is replayed). */
  let ready = false;
  /** Endpoints discovered so far: one per (re)opened stream. */
  let discovered = 0;
  let protocolVersion: string | undefined;
  const work = new Subscription();
  const health = new Subject<TransportHealth>();
  /** Errors that no reconnection can mend (a bad endpoint). */
  const fatal = new WeakSet<object>();
  const flush = () => {
    ready = true;
    const pending = queued;
    queued = [];
    for (const message of pending) if (endpoint) post(message, endpoint);
  };
  const recovery = new SseRecovery(base, {
    post: (message) => endpoint && post(message, endpoint),
    ready: flush,
    fail: (error) => shutdown(error),
  });

  const headers = (extra: Record<string, string>): Headers => {
    const result = new Headers(typeof options.headers === 'function' ? options.headers() : options.headers);
    for (const [name, value] of Object.entries(extra)) result.set(name, value);
    if (protocolVersion !== undefined) result.set('mcp-protocol-version', protocolVersion);
    return result;
  };

  const shutdown = (error?: unknown) => {
    if (state === 'closed') return;
    state = 'closed';
    queued = [];
    work.unsubscribe();
    health.complete();
    const subscriber = inbound.take();
    if (error === undefined) subscriber?.complete();
    else subscriber?.error(asMcpError(error, 'SSE transport failed'));
  };

  const post = (message: JSONRPCMessage, to: URL) => {
    recovery.sent(message);
    const requestId = requestIdOf(message);
    const name = { method: 'POST', url: to };
    const exchange = fetchExchange(
      fetch,
      to,
      { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(message) },
      (response) => {
        if (response.ok || requestId === undefined) {
          discardBody(response);
          return [];
        }
        const { status, statusText } = response;
        return bodyText(response).pipe(map((body) => httpFailure(requestId, name, status, statusText, body)));
      },
    ).pipe(
      catchError((error: unknown) => {
        // A request fails alone; a lost notification or response leaves the session astray.
        const failure = networkError(name, error);
        return requestId === undefined
          ? throwError(() => failure)
          : of({ kind: 'request-failed' as const, id: requestId, error: failure });
      }),
    );
    const subscription = exchange.subscribe({ next: deliver, error: shutdown });
    if (subscription.closed) return;
    work.add(subscription);
    subscription.add(() => work.remove(subscription));
  };

  /** Emits what arrived, swallowing the answer to a replayed handshake. */
  const deliver = (item: Inbound) => {
    if (isMessage(item) || item.kind === 'request-failed') {
      if (!recovery.received(item)) return;
    }
    inbound.current?.next(item);
  };

  const refuse = (message: string) => {
    const error = new McpError('transport', message);
    fatal.add(error);
    throw error;
  };

  const onEndpoint = (data: string) => {
    let resolved: URL | undefined;
    try {
      resolved = new URL(data, base);
    } catch {
      refuse(`Invalid endpoint from the SSE server: ${data}`);
    }
    if (resolved!.origin !== base.origin) {
      refuse(`The SSE server named an endpoint of another origin: ${resolved!.origin} (expected ${base.origin})`);
    }
    endpoint = resolved;
    if (++discovered === 1) flush();
    else recovery.rediscovered();
  };

  /** The old session is gone with its stream: nothing more can be sent to it. */
  const onDrop = () => {
    if (state === 'closed') return;
    endpoint = undefined;
    ready = false;
    for (const failure of recovery.dropped()) inbound.current?.next(failure);
  };

  const getName = { method: 'GET', url: base };
  const stream$ = fetchExchange(
    fetch,
    base,
    { method: 'GET', headers: headers({ accept: 'text/event-stream' }) },
    (response) => {
      const type = mediaType(response);
      if (!response.ok) {
        const { status, statusText } = response;
        return bodyText(response).pipe(
          mergeMap((body) => throwError(() => httpStatusError(getName, status, statusText, body))),
        );
      }
      if (type !== 'text/event-stream' || !response.body) {
        discardBody(response);
        throw new McpError(
          'transport',
          `GET ${base.href} answered ${type || 'no body'}, not text/event-stream: is this a legacy HTTP+SSE endpoint? (Streamable HTTP endpoints take createStreamableHttpClientTransport)`,
          { data: { status: response.status, url: base.href } },
        );
      }
      return sseEvents(response.body);
    },
  ).pipe(
    catchError((error: unknown) => throwError(() => (isMcpError(error) ? error : networkError(getName, error)))),
    filter((item) => item.type === 'event'),
    mergeMap((item): ConnectionEvent<Inbound>[] => {
      if (item.event === 'endpoint') {
        onEndpoint(item.data);
        return [OPEN];
      }
      if ((item.event !== undefined && item.event !== 'message') || !item.data) return [];
      return parseMessages(item.data).map((message) => ({ type: 'message', message }));
    }),
    finalize(onDrop),
  );

  const kept$: Observable<ConnectionEvent<Inbound> | KeptEvent<Inbound>> =
    options.reconnect === false
      ? stream$
      : keepConnected(() => stream$, {
          policy: { ...DEFAULT_RECONNECT_OPTIONS, ...options.reconnect },
          scheduler: options.scheduler ?? asyncScheduler,
          serverRetry: () => undefined,
          // The first GET failing ends the transport at once, as does an endpoint of another origin.
          retryable: (error, opened) => opened && !(typeof error === 'object' && error !== null && fatal.has(error)),
          describe: (error) => asMcpError(error, 'SSE stream failed'),
          lost: (error, attempts) =>
            new McpError(
              'transport',
              `Lost the SSE stream of ${base.href} (gave up after ${attempts} reconnection attempt(s)): ${asMcpError(error, 'SSE stream failed').message}`,
              {
                cause: error,
                data: { url: base.href, attempts },
              },
            ),
        });

  const inbound = new SingleReader<Inbound>(
    'An SSE transport',
    () => {
      state = 'open';
      work.add(
        kept$.subscribe({
          next: (item) => {
            if (item.type === 'message') deliver(item.message);
            else if (item.type === 'health') health.next(item.health);
          },
          error: shutdown,
          complete: () => shutdown(),
        }),
      );
      return (wasReader) => {
        if (wasReader) shutdown();
      };
    },
    () => state === 'closed',
  );

  const outbound: Observer<OutboundMessage> = {
    next: (value) => {
      const message = messageOf(value);
      if (state === 'closed') return;
      if (endpoint && ready) post(message, endpoint);
      else queued.push(message);
    },
    error: () => shutdown(),
    complete: () => shutdown(),
  };

  const info = {
    get sessionId() {
      return endpoint?.searchParams.get('sessionId') ?? undefined;
    },
    get endpoint() {
      return endpoint;
    },
    setProtocolVersion: (version: string) => {
      protocolVersion = version;
    },
  };

  return { inbound$: inbound.inbound$, outbound, info, health$: health.asObservable() };
}

const OPEN: ConnectionEvent<Inbound> = { type: 'open' };
