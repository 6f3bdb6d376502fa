/**
 * @module
 * The client side of the legacy HTTP+SSE transport (MCP 2024-11-05): one long GET stream brings
 * the server's messages, and an `endpoint` event names where to POST ours.
 */
import { catchError, filter, map, mergeMap, Observable, type Observer, of, type Subscriber, Subscription, throwError } from 'rxjs';
import { asMcpError, isMcpError, McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import type { Transport, TransportInfo } from '../transport.js';
import { bodyText, discardBody, fetchExchange, type FetchLike, globalFetch } from './fetch-exchange.js';
import { authorizedFetch, type HttpAuthProvider } from './http-auth.js';
import { httpFailure, httpStatusError, networkError, requireHttpUrl } from './http-failures.js';
import { type Inbound, mediaType, parseMessages, requestIdOf } from './http-messages.js';
import { sseEvents } from './sse-events.js';
import { messageOf, type OutboundMessage } from '../related-request.js';

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
}

/** What {@link createSseClientTransport} returns. */
export interface SseClientTransport extends Transport {
  readonly info: TransportInfo & {
    /** The `sessionId` query parameter of the endpoint, once the server has named it. */
    readonly sessionId: string | undefined;
    /** Where messages are POSTed, once the server has named it. */
    readonly endpoint: URL | undefined;
  };
}

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
 * - **End.** `inbound$` completes when the server ends the stream (this transport has no
 *   resumption) and errors, kind `'transport'` with the cause, when the GET fails or drops, or
 *   the POST of a notification or response cannot reach the server. `outbound.complete()` or
 *   unsubscribing aborts the stream and every POST. A URL that is not `http:`/`https:` is
 *   refused at once (an `McpError` is thrown).
 *
 * @example
 * const transport = createSseClientTransport('http://localhost:3000/sse');
 * const session = createClientSession(transport, { clientInfo: { name: 'app', version: '1.0.0' } });
 */
export function createSseClientTransport(url: string | URL, options: SseClientTransportOptions = {}): SseClientTransport {
  const fetch = options.auth ? authorizedFetch(options.fetch ?? globalFetch, options.auth) : (options.fetch ?? globalFetch);
  const base = requireHttpUrl(url, 'createSseClientTransport');
  let state: 'idle' | 'open' | 'closed' = 'idle';
  let receiver: Subscriber<Inbound> | undefined;
  let queued: JSONRPCMessage[] = [];
  let endpoint: URL | undefined;
  let protocolVersion: string | undefined;
  const work = new Subscription();

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
    const subscriber = receiver;
    receiver = undefined;
    if (error === undefined) subscriber?.complete();
    else subscriber?.error(asMcpError(error, 'SSE transport failed'));
  };

  const post = (message: JSONRPCMessage, to: URL) => {
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
        return requestId === undefined ? throwError(() => failure) : of({ kind: 'request-failed' as const, id: requestId, error: failure });
      }),
    );
    const subscription = exchange.subscribe({ next: (item) => receiver?.next(item), error: shutdown });
    if (subscription.closed) return;
    work.add(subscription);
    subscription.add(() => work.remove(subscription));
  };

  const onEndpoint = (data: string) => {
    let resolved: URL;
    try {
      resolved = new URL(data, base);
    } catch {
      throw new McpError('transport', `Invalid endpoint from the SSE server: ${data}`);
    }
    if (resolved.origin !== base.origin) {
      throw new McpError('transport', `The SSE server named an endpoint of another origin: ${resolved.origin} (expected ${base.origin})`);
    }
    endpoint = resolved;
    const pending = queued;
    queued = [];
    for (const message of pending) post(message, resolved);
  };

  const getName = { method: 'GET', url: base };
  const stream$ = fetchExchange(fetch, base, { method: 'GET', headers: headers({ accept: 'text/event-stream' }) }, (response) => {
    const type = mediaType(response);
    if (!response.ok) {
      const { status, statusText } = response;
      return bodyText(response).pipe(mergeMap((body) => throwError(() => httpStatusError(getName, status, statusText, body))));
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
  }).pipe(
    catchError((error: unknown) => throwError(() => (isMcpError(error) ? error : networkError(getName, error)))),
    filter((item) => item.type === 'event'),
    mergeMap((item) => {
      if (item.event === 'endpoint') {
        onEndpoint(item.data);
        return [];
      }
      return (item.event === undefined || item.event === 'message') && item.data ? parseMessages(item.data) : [];
    }),
  );

  const inbound$ = new Observable<Inbound>((subscriber) => {
    if (state === 'closed') {
      subscriber.complete();
      return;
    }
    if (receiver) {
      subscriber.error(new McpError('transport', 'An SSE transport has one reader at a time'));
      return;
    }
    receiver = subscriber;
    state = 'open';
    work.add(stream$.subscribe({ next: (item) => receiver?.next(item), error: shutdown, complete: () => shutdown() }));
    return () => {
      if (receiver !== subscriber) return;
      receiver = undefined;
      shutdown();
    };
  });

  const outbound: Observer<OutboundMessage> = {
    next: (value) => {
      const message = messageOf(value);
      if (state === 'closed') return;
      if (endpoint) post(message, endpoint);
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

  return { inbound$, outbound, info };
}
