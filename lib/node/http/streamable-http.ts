/**
 * @module
 * The Streamable HTTP transport of MCP (revision 2025-11-25) as a Node request handler:
 * sessions, POST / GET / DELETE on one endpoint, protocol-version and `Accept` checks,
 * resumable SSE streams, idle eviction and a stateless mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import { DEFAULT_NEGOTIATED_PROTOCOL_VERSION, negotiateProtocolVersion, SUPPORTED_PROTOCOL_VERSIONS } from '../../protocol/versions.js';
import type { ConnectableServer } from '../../server/connectable.js';
import type { EventStore } from './event-store.js';
import {
  accepts,
  header,
  readMessage,
  requireJsonBody,
  sendJsonRpcError,
  sendSessionNotFound,
  serveAsync,
  TRANSPORT_ERROR,
} from './http-utils.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';
import { hostLimits, refuseSessionOverLimit, type HostLimitOptions } from './host-limits.js';
import { newSessionId as randomSessionId, SessionTable } from './session-ids.js';
import { isModernMessage } from '../../protocol/modern.js';
import { serveModernPost } from './modern-post.js';
import { requestFactsOf } from './request-facts.js';
import { createStreamableSession, type StreamableSession } from './streamable-session.js';

/** Options of {@link createStreamableHttpHandler}. */
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
   * @defaultValue a {@link createInMemoryEventStore} per handler (stateful mode only)
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
}

/** A Streamable HTTP endpoint. Create with {@link createStreamableHttpHandler}. */
export interface StreamableHttpHandler {
  /** Serves one HTTP request to the endpoint (any method). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The number of open sessions. */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams and not yet sent (each stream is cut off past `limits.maxQueuedBytes`). */
  readonly queuedBytes: number;
  /** Closes every session and stream; later requests for them get 404. */
  close(): void;
}

const SESSION_HEADER = 'mcp-session-id';

/**
 * Creates a Streamable HTTP endpoint serving `server`. Mount {@link StreamableHttpHandler.handle}
 * on one path (see `createMcpRouter`), or call it from a plain `node:http` server.
 *
 * - **POST** one JSON-RPC message. `initialize` without `Mcp-Session-Id` opens a session (its
 *   random id comes back in `Mcp-Session-Id`). A request is answered with `application/json`,
 *   or with `text/event-stream` as soon as the server sends something related to it before its
 *   response (progress, logs, server→client requests); with `responseMode: 'sse'` always with
 *   `text/event-stream`. Notifications and responses get 202.
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
 * const mcp = createStreamableHttpHandler(server, { sessionIdleTimeout: 60_000 });
 * http.createServer((req, res) => (req.url === '/mcp' ? mcp.handle(req, res) : res.writeHead(404).end())).listen(3000);
 */
export function createStreamableHttpHandler(server: ConnectableServer, options: StreamableHttpOptions = {}): StreamableHttpHandler {
  const stateful = options.stateful ?? true;
  const versions = options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
  const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxBodyBytes });
  const maxBodyBytes = limits.maxMessageBytes;
  const newSessionId = options.sessionIdGenerator ?? randomSessionId;
  const eventStore =
    options.eventStore === false || !stateful ? undefined : (options.eventStore ?? createInMemoryEventStore({ maxEventsPerStream: limits.maxEventsPerStream }));
  const sessions = new SessionTable<StreamableSession>();
  /** Stateless sessions serving a request right now. */
  const transient = new Set<StreamableSession>();
  let closed = false;

  const open = (id: string | undefined) => {
    const session = createStreamableSession({
      id,
      eventStore,
      retryInterval: options.retryInterval ?? 1000,
      keepAliveInterval: options.keepAliveInterval ?? 15_000,
      idleTimeout: id === undefined ? 0 : (options.sessionIdleTimeout ?? 30 * 60_000),
      sseResponses: options.responseMode === 'sse',
      maxQueuedBytes: limits.maxQueuedBytes,
    });
    const connection = server.connect(session.transport, { requireInitialize: stateful });
    session.onClose(() => {
      connection.unsubscribe();
      if (id !== undefined && sessions.get(id) === session) {
        sessions.delete(id);
        budget.release();
      }
    });
    if (id !== undefined) sessions.set(id, session);
    return session;
  };

  /** The version a request speaks, or `undefined` after answering 400 for an unsupported one. */
  const protocolVersionOf = (req: IncomingMessage, res: ServerResponse): string | undefined => {
    const version = header(req, 'mcp-protocol-version');
    if (version === undefined) return DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
    if (versions.includes(version)) return version;
    sendJsonRpcError(res, 400, TRANSPORT_ERROR, `Bad Request: Unsupported protocol version: ${version} (supported versions: ${versions.join(', ')})`);
    return undefined;
  };

  /** The session a request names, or `undefined` after answering 400 or 404. */
  const sessionOf = (req: IncomingMessage, res: ServerResponse): StreamableSession | undefined => {
    const id = header(req, SESSION_HEADER);
    if (!id) {
      sendJsonRpcError(res, 400, TRANSPORT_ERROR, 'Bad Request: Mcp-Session-Id header is required');
      return undefined;
    }
    const session = sessions.get(id);
    if (!session || session.closed) {
      sendSessionNotFound(res);
      return undefined;
    }
    session.track(res);
    return session;
  };

  const handlePost = async (req: IncomingMessage, res: ServerResponse) => {
    const accept = header(req, 'accept');
    if (!accepts(accept, 'application/json') || !accepts(accept, 'text/event-stream')) {
      sendJsonRpcError(res, 406, TRANSPORT_ERROR, 'Not Acceptable: Client must accept both application/json and text/event-stream');
      return;
    }
    if (!requireJsonBody(req, res)) return;
    const message = await readMessage(req, res, maxBodyBytes, limits.bodyTimeout);
    if (!message) return;
    if (closed) {
      sendJsonRpcError(res, 503, TRANSPORT_ERROR, 'Server is shutting down');
      return;
    }
    if (server.serveModern && isModernMessage(message, header(req, 'mcp-protocol-version'))) {
      serveModernPost(server as Required<Pick<ConnectableServer, 'serveModern'>>, message, req, res);
      return;
    }
    const isRequest = 'method' in message && 'id' in message && message.id !== undefined;
    const isInitialize = isRequest && message.method === 'initialize';

    if (!stateful) {
      const version = isInitialize ? initializeVersion(message, versions) : protocolVersionOf(req, res);
      if (version === undefined) return;
      const session = open(undefined);
      transient.add(session);
      session.onClose(() => transient.delete(session));
      res.on('close', () => session.close());
      if (isRequest) session.handleRequest(message as JSONRPCRequest, res, version, requestFactsOf(req));
      else {
        session.receive(message);
        res.writeHead(202).end();
      }
      return;
    }

    if (isInitialize) {
      const existing = header(req, SESSION_HEADER);
      if (existing !== undefined && sessions.has(existing)) {
        sendJsonRpcError(res, 400, ErrorCode.InvalidRequest, 'Invalid Request: Server already initialized');
        return;
      }
      if (!budget.tryAcquire()) {
        refuseSessionOverLimit(res, budget, (message as JSONRPCRequest).id);
        return;
      }
      const session = open(newSessionId());
      session.track(res);
      session.handleRequest(message as JSONRPCRequest, res, initializeVersion(message, versions), requestFactsOf(req));
      return;
    }
    const session = sessionOf(req, res);
    if (!session) return;
    const version = protocolVersionOf(req, res);
    if (version === undefined) return;
    if (!isRequest) {
      session.receive(message);
      res.writeHead(202).end();
    } else if (!session.handleRequest(message as JSONRPCRequest, res, version, requestFactsOf(req))) {
      sendJsonRpcError(res, 409, ErrorCode.InvalidRequest, `Conflict: request id ${JSON.stringify((message as JSONRPCRequest).id)} is already in flight`, {
        id: (message as JSONRPCRequest).id,
      });
    }
  };

  const handleGet = (req: IncomingMessage, res: ServerResponse) => {
    if (!accepts(header(req, 'accept'), 'text/event-stream')) {
      sendJsonRpcError(res, 406, TRANSPORT_ERROR, 'Not Acceptable: Client must accept text/event-stream');
      return;
    }
    if (!stateful || options.enableGetStream === false) {
      sendJsonRpcError(res, 405, TRANSPORT_ERROR, 'Method Not Allowed: no standalone SSE stream', {
        headers: { allow: stateful ? 'POST, DELETE' : 'POST' },
      });
      return;
    }
    const session = sessionOf(req, res);
    if (!session) return;
    const version = protocolVersionOf(req, res);
    if (version === undefined) return;
    const lastEventId = header(req, 'last-event-id');
    if (lastEventId && eventStore) {
      if (!session.resumeStream(lastEventId, res, version)) {
        sendJsonRpcError(res, 400, TRANSPORT_ERROR, 'Bad Request: unknown or expired Last-Event-ID');
      }
      return;
    }
    if (!session.openStandaloneStream(res, version)) {
      sendJsonRpcError(res, 409, TRANSPORT_ERROR, 'Conflict: Only one SSE stream is allowed per session');
    }
  };

  const handleDelete = (req: IncomingMessage, res: ServerResponse) => {
    if (!stateful) {
      sendJsonRpcError(res, 405, TRANSPORT_ERROR, 'Method Not Allowed: stateless server', { headers: { allow: 'POST' } });
      return;
    }
    const session = sessionOf(req, res);
    if (!session) return;
    if (protocolVersionOf(req, res) === undefined) return;
    session.close();
    res.writeHead(200).end();
  };

  return {
    handle(req, res) {
      switch (req.method) {
        case 'POST':
          serveAsync(res, handlePost(req, res));
          return;
        case 'GET':
          return handleGet(req, res);
        case 'DELETE':
          return handleDelete(req, res);
        default:
          sendJsonRpcError(res, 405, TRANSPORT_ERROR, 'Method Not Allowed', { headers: { allow: stateful ? 'GET, POST, DELETE' : 'POST' } });
      }
    },
    get sessionCount() {
      return sessions.size;
    },
    get queuedBytes() {
      let bytes = 0;
      for (const session of sessions.values()) bytes += session.queuedBytes;
      return bytes;
    },
    close() {
      closed = true;
      for (const session of [...sessions.values(), ...transient]) session.close();
      sessions.clear();
      transient.clear();
    },
  };
}

/** The version an `initialize` request will negotiate. */
function initializeVersion(message: JSONRPCMessage, versions: readonly string[]): string {
  const version = (message as JSONRPCRequest).params?.['protocolVersion'];
  return typeof version === 'string' ? negotiateProtocolVersion(version, versions) : DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
}
