/**
 * @module
 * 2025 Streamable HTTP sessions behind a load balancer with no affinity: a session lives on the
 * node that initialized it, its id names that node, and any other node that receives one of its
 * requests (a call, a response to a server→client request, a GET or resumed stream, a DELETE)
 * forwards it over HTTP to that node, streaming the answer back. The nodes' addresses are kept
 * in Redis. When that node is gone, a stream it was carrying can still be resumed from a shared
 * event store (the events it stored before it died).
 */
import { randomUUID } from 'node:crypto';
import { Agent, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { asyncScheduler } from 'rxjs';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import type { EventStore } from '../server/http/event-store.js';
import { jsonRpcError, sessionNotFound, TRANSPORT_ERROR } from '../server/http/http-utils.js';
import { sessionStreamPrefix } from '../server/http/session-stream.js';
import { openSseConnection } from '../server/http/sse-connection.js';
import { sendAnswer } from '../node/http/web-exchange.js';

/** Options of {@link createSessionForwarding}. */
export interface SessionForwardingOptions {
  /** The Redis hash of node ids to addresses. @defaultValue `'rxmcp:nodes'` */
  nodesKey?: string;
  /** Upstream sockets per owner node (long-lived SSE streams hold one each). @defaultValue `Infinity` */
  maxSockets?: number;
  /**
   * The event store the nodes share (see `createRedisEventStore`): a `GET` with `Last-Event-ID`
   * for a session whose node is gone replays the events stored after that id, then ends (a 404
   * when there are none, so the client starts a new session).
   */
  eventStore?: EventStore;
}

/** Routes each session's requests to the node that holds it; see {@link createSessionForwarding}. */
export interface SessionForwarding {
  /** This node's id: the prefix of the session ids it makes. */
  readonly nodeId: string;
  /** Makes session ids that name this node (give it to the Streamable HTTP handler). */
  readonly sessionIdGenerator: () => string;
  /** Records where this node answers (once it listens), so other nodes can forward to it. */
  register(url: string): Promise<void>;
  /** Forwards `req` when it belongs to another node's session and returns `true`; `false` leaves it to this node. */
  forward(req: IncomingMessage, res: ServerResponse): boolean;
  /** Removes this node's address and closes the upstream sockets. */
  close(): Promise<void>;
}

const FORWARDED = 'x-rxmcp-forwarded-by';
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** The headers of a message minus the hop-by-hop ones. */
function endToEnd(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/**
 * Creates the forwarding of one node. Session ids are `<nodeId>.<uuid>`. A session whose node is
 * gone (its address unknown or refusing connections) gets 404, so the client starts a new one,
 * as the spec says; while Redis is unreachable and the address is not cached, 503.
 *
 * @example
 * const forwarding = createSessionForwarding(redis);
 * const running = await serveMcp(server, { sessionIdGenerator: forwarding.sessionIdGenerator, intercept: forwarding.forward });
 * await forwarding.register(running.url);
 */
export function createSessionForwarding(redis: Redis, options: SessionForwardingOptions = {}): SessionForwarding {
  const nodesKey = options.nodesKey ?? 'rxmcp:nodes';
  const nodeId = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? Infinity });
  /** Node addresses (they never change for an id: a restarted node has a new id). */
  const addresses = new Map<string, string>();

  const addressOf = async (owner: string): Promise<string | undefined> => {
    const cached = addresses.get(owner);
    if (cached) return cached;
    const url = await redis.hget(nodesKey, owner);
    if (url) addresses.set(owner, url);
    return url ?? undefined;
  };

  /** What a request for a session whose node is gone gets: the rest of a stream, or 404. */
  const orphaned = (sessionId: string, req: IncomingMessage, res: ServerResponse) => {
    const lastEventId = req.headers['last-event-id'];
    const store = options.eventStore;
    if (
      !store ||
      req.method !== 'GET' ||
      typeof lastEventId !== 'string' ||
      !lastEventId.startsWith(sessionStreamPrefix(sessionId))
    )
      return sendAnswer(sessionNotFound(), res);
    const events: [string, JSONRPCMessage][] = [];
    Promise.resolve(store.replayEventsAfter(lastEventId, (id, message) => events.push([id, message]))).then(
      (streamId) => {
        if (streamId === undefined || events.length === 0) return sendAnswer(sessionNotFound(), res);
        const connection = openSseConnection({
          headers: { 'mcp-session-id': sessionId },
          keepAliveInterval: 0,
          scheduler: asyncScheduler,
        });
        for (const [id, message] of events) connection.send(JSON.stringify(message), { id, event: 'message' });
        connection.end();
        sendAnswer(connection.answer, res);
      },
      (error: Error) =>
        sendAnswer(
          jsonRpcError(
            503,
            TRANSPORT_ERROR,
            `Service Unavailable: cannot read the event store (${error.message}); retry`,
          ),
          res,
        ),
    );
  };

  const pipeTo = (base: string, sessionId: string, req: IncomingMessage, res: ServerResponse) => {
    const upstream = httpRequest(
      new URL(req.url ?? '/', base),
      { method: req.method, headers: { ...endToEnd(req.headers), [FORWARDED]: nodeId }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        res.flushHeaders();
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) orphaned(sessionId, req, res);
      else res.destroy();
    });
    // The client went away: so does the owner's response (a disconnect, which is not a cancellation).
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  return {
    nodeId,
    sessionIdGenerator: () => `${nodeId}.${randomUUID()}`,
    async register(url) {
      await redis.hset(nodesKey, nodeId, url);
      addresses.set(nodeId, url);
    },
    forward(req, res) {
      const sessionId = req.headers['mcp-session-id'];
      if (typeof sessionId !== 'string' || req.headers[FORWARDED] !== undefined) return false;
      const dot = sessionId.indexOf('.');
      const owner = dot > 0 ? sessionId.slice(0, dot) : undefined;
      if (owner === undefined || owner === nodeId) return false;
      addressOf(owner).then(
        (url) => (url ? pipeTo(url, sessionId, req, res) : orphaned(sessionId, req, res)),
        (error: Error) =>
          sendAnswer(
            jsonRpcError(
              503,
              TRANSPORT_ERROR,
              `Service Unavailable: cannot find the node of this session (Redis: ${error.message}); retry`,
            ),
            res,
          ),
      );
      return true;
    },
    async close() {
      agent.destroy();
      await redis.hdel(nodesKey, nodeId).catch(() => undefined);
    },
  };
}
