/**
 * @module
 * The Streamable HTTP transport of MCP (revisions 2025-11-25 and 2026-07-28) on web
 * `Request` / `Response`: sessions, POST / GET / DELETE on one endpoint, protocol-version and
 * `Accept` checks, resumable SSE streams, idle eviction, a stateless mode, and the sessionless
 * requests of 2026-07-28.
 */
import { asyncScheduler } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import { isModernMessage } from '../../protocol/modern.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../protocol/versions.js';
import type { ConnectableServer } from '../connectable.js';
import { isAnswer, type HttpAnswer } from './http-answer.js';
import {
  accepts,
  emptyAnswer,
  answerOrInternalError,
  jsonRpcError,
  refuseNonJson,
  TRANSPORT_ERROR,
} from './http-utils.js';
import { hostLimits, refuseSessionOverLimit } from './host-limits.js';
import { EndpointSessions, type NamedSession } from './endpoint-sessions.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';
import { serveModernPost } from './modern-post.js';
import { bodyReadOptions, readMessageThen } from './read-message.js';
import { requestFactsOf } from './request-facts.js';
import { initializeVersion, requestVersion } from './request-version.js';
import { newSessionId as randomSessionId } from './session-ids.js';
import type { WaitUntil } from './streamable-session.js';
import { thenOrNow } from './session-stream.js';
import type { StreamableHttpEndpoint, StreamableHttpOptions } from './streamable-http-api.js';

export type { StreamableHttpEndpoint, StreamableHttpOptions } from './streamable-http-api.js';

const SESSION_HEADER = 'mcp-session-id';

/**
 * Creates a Streamable HTTP endpoint serving `server`, whatever the request's path (see
 * `createMcpFetchHandler` for the routed handler).
 *
 * - **POST** one JSON-RPC message. `initialize` without `Mcp-Session-Id` opens a session (its
 *   random id comes back in `Mcp-Session-Id`). A request is answered with `application/json`,
 *   or with `text/event-stream` as soon as the server sends something related to it before its
 *   response (progress, logs, server→client requests); with `responseMode: 'sse'` always with
 *   `text/event-stream`. Notifications and responses get 202. A 2026-07-28 request (its `_meta`
 *   envelope) is served without a session.
 * - **GET** (`Accept: text/event-stream`) opens the session's one standalone stream (409 for a
 *   second), for messages related to no request; with `Last-Event-ID` it resumes whichever
 *   stream of the session that event belongs to: the missed events, then the live ones.
 * - **DELETE** ends the session, as idle eviction does; its id answers 404 from then on.
 * - With an event store, each SSE stream to a client whose negotiated revision is 2025-11-25 or
 *   later opens with a priming event (an id, `retry`, empty data) and every event has an id.
 * - Refusals carry a JSON-RPC error body with `id: null`: 400 (no session id, unsupported
 *   `MCP-Protocol-Version`, batch, not JSON-RPC, invalid JSON with -32700), 404 (unknown or
 *   ended session), 405, 406 (`Accept`), 409 (second GET stream, duplicate in-flight id), 413
 *   (body over `limits.maxMessageBytes`), 415 (`Content-Type`), 408 (body slower than
 *   `limits.bodyTimeout`), 503 (`initialize` past `limits.maxSessions`).
 *
 * @example
 * const mcp = createStreamableHttpEndpoint(server, { sessionIdleTimeout: 60_000 });
 * Deno.serve(async (request) => toResponse(await mcp.handle(request)));
 */
export function createStreamableHttpEndpoint(
  server: ConnectableServer,
  options: StreamableHttpOptions = {},
): StreamableHttpEndpoint {
  const stateful = options.stateful ?? true;
  const versions = options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
  const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxBodyBytes });
  const newSessionId = options.sessionIdGenerator ?? randomSessionId;
  const scheduler = options.scheduler ?? asyncScheduler;
  const body = bodyReadOptions(limits.maxMessageBytes, limits.bodyTimeout, scheduler);
  const eventStore =
    options.eventStore === false || !stateful
      ? undefined
      : (options.eventStore ?? createInMemoryEventStore({ maxEventsPerStream: limits.maxEventsPerStream }));
  const sessions = new EndpointSessions({
    server,
    stateful,
    budget,
    versions,
    sessionStore: options.sessionStore,
    settings: {
      eventStore,
      retryInterval: options.retryInterval ?? 1000,
      keepAliveInterval: options.keepAliveInterval ?? 15_000,
      idleTimeout: options.sessionIdleTimeout ?? 30 * 60_000,
      sseResponses: options.responseMode === 'sse',
      maxQueuedBytes: limits.maxQueuedBytes,
      scheduler,
    },
  });

  const handlePost = (request: Request, waitUntil: WaitUntil | undefined): HttpAnswer | Promise<HttpAnswer> => {
    const accept = request.headers.get('accept');
    if (!accepts(accept, 'application/json') || !accepts(accept, 'text/event-stream')) {
      void request.body?.cancel().catch(() => undefined);
      return jsonRpcError(
        406,
        TRANSPORT_ERROR,
        'Not Acceptable: Client must accept both application/json and text/event-stream',
      );
    }
    const notJson = refuseNonJson(request);
    if (notJson) {
      void request.body?.cancel().catch(() => undefined);
      return notJson;
    }
    return readMessageThen(request, body, (message) => answerMessage(request, message, waitUntil));
  };

  /** The answer to the message of a POST (or the refusal its body got). */
  const answerMessage = (
    request: Request,
    message: JSONRPCMessage | HttpAnswer,
    waitUntil: WaitUntil | undefined,
  ): HttpAnswer | Promise<HttpAnswer> => {
    if (isAnswer(message)) return message;
    if (sessions.closed) return jsonRpcError(503, TRANSPORT_ERROR, 'Server is shutting down');
    if (server.serveModern && isModernMessage(message, request.headers.get('mcp-protocol-version') ?? undefined)) {
      return serveModernPost(
        server as Required<Pick<ConnectableServer, 'serveModern'>>,
        message,
        request,
        scheduler,
        options.keepAliveInterval ?? 15_000,
      );
    }
    const isRequest = 'method' in message && 'id' in message && message.id !== undefined;
    const isInitialize = isRequest && message.method === 'initialize';

    if (!stateful) {
      const version = isInitialize ? initializeVersion(message, versions) : requestVersion(request, versions);
      if (typeof version !== 'string') return version;
      const session = sessions.openTransient();
      if (!isRequest) {
        session.receive(message);
        session.close();
        return emptyAnswer(202);
      }
      return session.handleRequest(
        message as JSONRPCRequest,
        version,
        () => request.signal,
        waitUntil,
        requestFactsOf(request),
      )!;
    }

    if (isInitialize) {
      const existing = request.headers.get(SESSION_HEADER);
      if (existing !== null && sessions.has(existing))
        return jsonRpcError(400, ErrorCode.InvalidRequest, 'Invalid Request: Server already initialized');
      if (!budget.tryAcquire()) return refuseSessionOverLimit(budget, (message as JSONRPCRequest).id);
      const session = sessions.open(newSessionId());
      return session.handleRequest(
        message as JSONRPCRequest,
        initializeVersion(message, versions),
        () => request.signal,
        waitUntil,
        requestFactsOf(request),
      )!;
    }
    return thenOrNow(sessions.named(request), (named) => answerInSession(request, message, named, waitUntil));
  };

  /** The answer to a message (not `initialize`) of the session its request names, or the refusal. */
  const answerInSession = (
    request: Request,
    message: JSONRPCMessage,
    named: NamedSession,
    waitUntil: WaitUntil | undefined,
  ): HttpAnswer | Promise<HttpAnswer> => {
    if (isAnswer(named)) return named;
    const { session, version } = named;
    const isRequest = 'method' in message && 'id' in message && message.id !== undefined;
    if (!isRequest) {
      session.receive(message);
      session.touch();
      return emptyAnswer(202);
    }
    // The signal only for an answer still pending (making it costs an AbortController and a listener).
    const answered = session.handleRequest(
      message as JSONRPCRequest,
      version,
      () => request.signal,
      waitUntil,
      requestFactsOf(request),
    );
    if (answered) return answered;
    session.touch();
    const { id } = message as JSONRPCRequest;
    return jsonRpcError(
      409,
      ErrorCode.InvalidRequest,
      `Conflict: request id ${JSON.stringify(id)} is already in flight`,
      { id },
    );
  };

  const handleGet = (request: Request): HttpAnswer | Promise<HttpAnswer> => {
    if (!accepts(request.headers.get('accept'), 'text/event-stream')) {
      return jsonRpcError(406, TRANSPORT_ERROR, 'Not Acceptable: Client must accept text/event-stream');
    }
    if (!stateful || options.enableGetStream === false) {
      return jsonRpcError(405, TRANSPORT_ERROR, 'Method Not Allowed: no standalone SSE stream', {
        headers: { allow: stateful ? 'POST, DELETE' : 'POST' },
      });
    }
    return thenOrNow(sessions.named(request), (named) => getFor(request, named));
  };

  const getFor = (request: Request, named: NamedSession): HttpAnswer | Promise<HttpAnswer> => {
    if (isAnswer(named)) return named;
    const { session, version } = named;
    const lastEventId = request.headers.get('last-event-id');
    if (lastEventId && eventStore) {
      const resumed = session.resumeStream(lastEventId, version);
      session.touch();
      const orRefusal = (answer: HttpAnswer | undefined) =>
        answer ?? jsonRpcError(400, TRANSPORT_ERROR, 'Bad Request: unknown or expired Last-Event-ID');
      return thenOrNow(resumed, orRefusal);
    }
    const answer =
      session.openStandaloneStream(version) ??
      jsonRpcError(409, TRANSPORT_ERROR, 'Conflict: Only one SSE stream is allowed per session');
    session.touch();
    return answer;
  };

  const handleDelete = async (request: Request): Promise<HttpAnswer> => {
    if (!stateful)
      return jsonRpcError(405, TRANSPORT_ERROR, 'Method Not Allowed: stateless server', { headers: { allow: 'POST' } });
    const named = await sessions.named(request);
    if (isAnswer(named)) return named;
    named.session.close();
    return emptyAnswer(200);
  };

  const answer = (request: Request, waitUntil?: WaitUntil): HttpAnswer | Promise<HttpAnswer> => {
    switch (request.method) {
      case 'POST':
        return handlePost(request, waitUntil);
      case 'GET':
        return handleGet(request);
      case 'DELETE':
        return handleDelete(request);
      default:
        return jsonRpcError(405, TRANSPORT_ERROR, 'Method Not Allowed', {
          headers: { allow: stateful ? 'GET, POST, DELETE' : 'POST' },
        });
    }
  };

  return {
    answer,
    handle(request, waitUntil) {
      return answerOrInternalError(() => answer(request, waitUntil));
    },
    get sessionCount() {
      return sessions.size;
    },
    get queuedBytes() {
      return sessions.queuedBytes;
    },
    close() {
      sessions.close();
      body.deadlines?.close();
    },
  };
}
