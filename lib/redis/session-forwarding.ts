/**
 * @module
 * 2025 Streamable HTTP sessions behind a load balancer with no affinity: a session lives on the
 * node that initialized it, its id names that node, and any other node that receives one of its
 * requests (a call, a response to a server→client request, a GET or resumed stream, a DELETE)
 * forwards it over HTTP to that node, streaming the answer back. The nodes' addresses are kept
 * in Redis. With a session store (`createRedisSessionStore`), a session outlives its node: the
 * first node to find the node gone takes the session over (see session-adoption.ts) and serves it
 * from then on, the others forwarding to it. Without one, a stream the dead node was carrying
 * can still be resumed from a shared event store (the events it stored before it died).
 */
import { randomUUID } from 'node:crypto';
import { Agent, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { asyncScheduler } from 'rxjs';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import { isAnswer } from '../server/http/http-answer.js';
import type { EventStore } from '../server/http/event-store.js';
import { jsonRpcError, sessionNotFound, TRANSPORT_ERROR } from '../server/http/http-utils.js';
import { endWithErrors, lostResponses } from '../server/http/lost-requests.js';
import { sessionStreamPrefix } from '../server/http/session-stream.js';
import { openSseConnection } from '../server/http/sse-connection.js';
import { sendAnswer } from '../node/http/web-exchange.js';
import { randomNodeId, type RedisSessionStore } from './redis-session-store.js';
import {
  BoundedMap,
  createAdoption,
  readBody,
  redisUnavailable,
  type Routed,
  type ServeHere,
  unreachable,
} from './session-adoption.js';

/** Options of {@link createSessionForwarding}. */
export interface SessionForwardingOptions {
  /** The Redis hash of node ids to addresses. @defaultValue `'rxmcp:nodes'` */
  nodesKey?: string;
  /** Upstream sockets per owner node (long-lived SSE streams hold one each). @defaultValue `Infinity` */
  maxSockets?: number;
  /**
   * The event store the nodes share (see `createRedisEventStore`): a `GET` with `Last-Event-ID`
   * for a session whose node is gone replays the events stored after that id, then ends, with an
   * error for the stream's request if it never got its response (a 404 when there is nothing to
   * send, so the client starts a new session).
   */
  eventStore?: EventStore;
  /**
   * Where the sessions' state and owners are kept (give the same store to the endpoint, as
   * `serveMcp`'s `sessionStore`): a session whose node is gone is taken over by the node that
   * finds out, without a new `initialize`. This node's id is the store's.
   */
  sessionStore?: RedisSessionStore;
  /** The largest POST body forwarded (it is read whole first, to be served elsewhere if need be). @defaultValue 4 MiB */
  maxBodyBytes?: number;
  /** Sessions whose current owner is remembered (beyond, it is found again). @defaultValue 10 000 */
  maxCachedOwners?: number;
}

/** Routes each session's requests to the node that holds it; see {@link createSessionForwarding}. */
export interface SessionForwarding {
  /** This node's id: the prefix of the session ids it makes. */
  readonly nodeId: string;
  /** Makes session ids that name this node (give it to the Streamable HTTP handler). */
  readonly sessionIdGenerator: () => string;
  /** Records where this node answers (once it listens), so other nodes can forward to it. */
  register(url: string): Promise<void>;
  /**
   * Forwards `req` when it belongs to another node's session and returns `true`; `false` leaves
   * it to this node. `here` serves it on this node after all (the session was taken over here).
   */
  forward(req: IncomingMessage, res: ServerResponse, here?: ServeHere): boolean;
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

/** The answer to a request its owner failed while it was being sent (it may have been served). */
const badGateway = (error: Error) =>
  jsonRpcError(502, TRANSPORT_ERROR, `Bad Gateway: the node of this session failed (${error.message}); retry`);

/** The headers of a message minus the hop-by-hop ones. */
function endToEnd(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/**
 * Creates the forwarding of one node. Session ids are `<nodeId>.<uuid>`, naming the node that
 * made them: its owner until it dies. A session whose node is gone (its address unknown or
 * refusing connections) is taken over with a `sessionStore`; without one, or when the store no
 * longer has it, it gets 404, so the client starts a new one, as the spec says. While Redis is
 * unreachable and the address is not cached, 503.
 *
 * @example
 * const sessionStore = createRedisSessionStore(redis);
 * const forwarding = createSessionForwarding(redis, { sessionStore });
 * const running = await serveMcp(server, { sessionIdGenerator: forwarding.sessionIdGenerator, intercept: forwarding.forward, sessionStore });
 * await forwarding.register(running.url);
 */
export function createSessionForwarding(redis: Redis, options: SessionForwardingOptions = {}): SessionForwarding {
  const nodesKey = options.nodesKey ?? 'rxmcp:nodes';
  const store = options.sessionStore;
  const nodeId = store?.nodeId ?? randomNodeId();
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? Infinity });
  /** Node addresses (they never change for an id: a restarted node has a new id). */
  const addresses = new Map<string, string>();
  /** The owners of sessions taken over (by this node or another), where the id names a dead node. */
  const owners = new BoundedMap<string, string>(options.maxCachedOwners ?? 10_000);
  /** Nodes found dead (refusing connections). */
  const dead = new BoundedMap<string, true>(1000);

  const addressOf = async (owner: string): Promise<string | undefined> => {
    const cached = addresses.get(owner);
    if (cached) return cached;
    const url = await redis.hget(nodesKey, owner);
    if (url) addresses.set(owner, url);
    return url ?? undefined;
  };

  /** What a request for a session whose node is gone gets: the rest of a stream, or 404. */
  const orphaned = ({ sessionId, req, res }: Routed) => {
    const lastEventId = req.headers['last-event-id'];
    const { eventStore } = options;
    if (
      !eventStore ||
      req.method !== 'GET' ||
      typeof lastEventId !== 'string' ||
      !lastEventId.startsWith(sessionStreamPrefix(sessionId))
    )
      return sendAnswer(sessionNotFound(), res);
    const events: [string, JSONRPCMessage][] = [];
    const replayed = Promise.resolve(
      eventStore.replayEventsAfter(lastEventId, (id, message) => events.push([id, message])),
    );
    // With the errors of the stream's requests that never got their response.
    const withLost = replayed.then(async (streamId) =>
      streamId === undefined ? undefined : { streamId, lost: await lostResponses(eventStore, streamId) },
    );
    withLost.then(
      (replay) => {
        if (replay === undefined || events.length + replay.lost.length === 0) return sendAnswer(sessionNotFound(), res);
        const connection = openSseConnection({
          headers: { 'mcp-session-id': sessionId },
          keepAliveInterval: 0,
          scheduler: asyncScheduler,
        });
        for (const [id, message] of events) connection.send(JSON.stringify(message), { id, event: 'message' });
        endWithErrors(connection, replay.streamId, replay.lost);
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

  /** The owner is gone: take the session over, or (no store) what is left of it. */
  const gone = (routed: Routed, owner: string) => (adoption ? adoption.claim(routed, owner) : orphaned(routed));

  /** Sends `routed` to `owner`, wherever it is (here, too). */
  const route = (routed: Routed, owner: string) => {
    if (owner === nodeId) return adoption!.serveHere(routed);
    if (dead.has(owner)) return gone(routed, owner);
    addressOf(owner).then(
      (url) => (url ? pipeTo(url, routed, owner, false) : gone(routed, owner)),
      (error: Error) => sendAnswer(redisUnavailable('find the node of this session', error), routed.res),
    );
  };

  const pipeTo = (base: string, routed: Routed, owner: string, fresh: boolean) => {
    const { req, res, body } = routed;
    const headers: Record<string, string | string[]> = { ...endToEnd(req.headers), [FORWARDED]: nodeId };
    if (body) headers['content-length'] = String(body.length);
    const upstream = httpRequest(
      new URL(req.url ?? '/', base),
      { method: req.method, headers, agent: fresh ? false : agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        res.flushHeaders();
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) return res.destroy();
      // A kept-alive socket the owner had closed: try once on a new connection.
      if (!fresh && upstream.reusedSocket) return pipeTo(base, routed, owner, true);
      if (!unreachable(error)) return sendAnswer(badGateway(error), res);
      dead.set(owner, true);
      gone(routed, owner);
    });
    // The client went away: so does the owner's response (a disconnect, which is not a cancellation).
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  };

  const adoption = store && createAdoption(store, owners, route, orphaned);

  return {
    nodeId,
    sessionIdGenerator: () => `${nodeId}.${randomUUID()}`,
    async register(url) {
      await redis.hset(nodesKey, nodeId, url);
      addresses.set(nodeId, url);
    },
    forward(req, res, here) {
      const sessionId = req.headers['mcp-session-id'];
      if (typeof sessionId !== 'string' || req.headers[FORWARDED] !== undefined) return false;
      const dot = sessionId.indexOf('.');
      const owner = owners.get(sessionId) ?? (dot > 0 ? sessionId.slice(0, dot) : undefined);
      if (owner === undefined || owner === nodeId) return false;
      const read = req.method === 'POST' ? readBody(req, maxBodyBytes) : Promise.resolve(undefined);
      void read.then((body) => {
        if (body === undefined && req.method === 'POST') return res.destroy();
        if (isAnswer(body)) return sendAnswer(body, res);
        route({ sessionId, req, res, body, here, claims: 0 }, owner);
      });
      return true;
    },
    async close() {
      agent.destroy();
      await redis.hdel(nodesKey, nodeId).catch(() => undefined);
    },
  };
}
