/**
 * @module
 * The POST of one message of a Streamable HTTP client: its request (session and mirrored headers,
 * the JSON body), held while a re-initialization or the standalone GET is pending, and what its
 * answer yields, a 404 to a lost session re-initializing it and sending the message again.
 */
import { catchError, concatWith, defer, EMPTY, type Observable } from 'rxjs';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { discardBody, fetchExchange } from './fetch-exchange.js';
import type { StreamContext } from './follow-stream.js';
import { type Inbound, isInitialize, isInitialized } from './http-messages.js';
import type { LostSession } from './lost-session.js';
import { type HeaderParamsLookup, messageHeaders } from './message-headers.js';
import { postAnswer$, postFailure$, postUnreachable$ } from './post-answer.js';
import type { SessionHeaders } from './session-headers.js';
import type { StandaloneStream } from './standalone-stream.js';

/** What POSTing a message needs from its transport. */
export interface PostContext {
  /** How answers' SSE streams are followed; its `fetch` and `url` are the POST's. */
  readonly streams: StreamContext;
  readonly session: SessionHeaders;
  readonly standalone: StandaloneStream;
  readonly lostSession: LostSession;
  /** Whether a 404 to a request carrying the session id re-initializes the session. */
  readonly reinitialize: boolean;
  /** The `x-mcp-header` parameters of tools, once the client set them. */
  headerParams(): HeaderParamsLookup | undefined;
  /** Whether the transport is open (only then does an accepted `notifications/initialized` open the standalone stream). */
  isOpen(): boolean;
}

const POST_ACCEPT = 'application/json, text/event-stream';

/**
 * The `RequestInit` of the POST of `message`: without session headers for `initialize`.
 *
 * @example
 * fetch(url, postInit(context, { jsonrpc: '2.0', method: 'notifications/initialized' }, false));
 */
export function postInit(
  context: Pick<PostContext, 'session' | 'headerParams'>,
  message: JSONRPCMessage,
  initialize: boolean,
): RequestInit {
  const headers = context.session.headers({ 'content-type': 'application/json', accept: POST_ACCEPT }, initialize);
  for (const [name, value] of Object.entries(messageHeaders(message, context.headerParams()))) headers.set(name, value);
  return { method: 'POST', headers, body: JSON.stringify(message) };
}

/**
 * POSTs `message` on subscription (after a re-initialization under way, and after the standalone
 * GET when the stream is held) and emits what its answer yields. A 404 to a request carrying the
 * session id (unless `resent`) re-initializes the session and POSTs the message once more.
 *
 * @example
 * post$(context, message, false).subscribe({ next: deliver, error: fail });
 */
export function post$(context: PostContext, message: JSONRPCMessage, resent: boolean): Observable<Inbound> {
  const { streams, session, standalone, lostSession } = context;
  return defer(() => {
    const recovering = lostSession.pending;
    if (recovering) return recovering.pipe(concatWith(post$(context, message, resent)));
    const initialized = isInitialized(message);
    const gate = standalone.gate;
    if (gate && !initialized) return gate.pipe(concatWith(post$(context, message, resent)));
    const sentSession = session.sessionId;
    const initialize = isInitialize(message);
    let lost = false;
    return fetchExchange(streams.fetch, streams.url, postInit(context, message, initialize), (response) => {
      if (initialize) session.capture(response);
      if (response.status === 404 && sentSession !== undefined && !initialize && !resent && context.reinitialize) {
        discardBody(response);
        lost = true;
        return EMPTY;
      }
      if (!response.ok) {
        if (initialized) standalone.release();
        return postFailure$(streams, message, response);
      }
      if (initialized && context.isOpen()) standalone.open();
      return postAnswer$(streams, message, response);
    }).pipe(
      catchError((error: unknown) => {
        if (initialized) standalone.release();
        return postUnreachable$(streams, message, error);
      }),
      concatWith(
        defer(() =>
          lost ? lostSession.recover$(sentSession!).pipe(concatWith(post$(context, message, true))) : EMPTY,
        ),
      ),
    );
  });
}
