/**
 * @module
 * Taking over a 2025 session whose node died: the request that finds the node gone claims the
 * session in Redis (one node wins), and is served where the session now lives, the winner being
 * this node or another. For that the request must still be there to serve: a POST's body is
 * read before it is forwarded, so it can be sent again or served here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../protocol/errors.js';
import type { HttpAnswer } from '../server/http/http-answer.js';
import { jsonRpcError, TRANSPORT_ERROR } from '../server/http/http-utils.js';
import { sendAnswer } from '../node/http/web-exchange.js';
import type { RedisSessionStore } from './redis-session-store.js';

/** Serves the request on this node (the endpoints behind the forwarding). */
export type ServeHere = () => void;

/** A request on its way to a session's node: its body read, so it can be served anywhere. */
export interface Routed {
  readonly sessionId: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The POST body; `undefined` for a GET or DELETE. */
  readonly body: Buffer | undefined;
  readonly here: ServeHere | undefined;
  /** Claims made for this request so far (a bound on chasing owners that keep dying). */
  claims: number;
}

/** Errors of a connection that never reached a listening node: nothing was sent, the node is gone. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EADDRNOTAVAIL']);

/** Whether `error` says the node could not be reached at all. */
export const unreachable = (error: Error): boolean => UNREACHABLE.has((error as NodeJS.ErrnoException).code ?? '');

/** What the client gets when Redis cannot be asked. */
export const redisUnavailable = (what: string, error: Error): HttpAnswer =>
  jsonRpcError(503, TRANSPORT_ERROR, `Service Unavailable: cannot ${what} (Redis: ${error.message}); retry`);

/**
 * Reads a request's body whole, up to `maxBytes` (beyond, a 413 answer); `undefined` when the
 * client went away first.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | HttpAnswer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve(jsonRpcError(413, TRANSPORT_ERROR, `Payload Too Large: the body exceeds ${maxBytes} bytes`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve(undefined));
    req.once('close', () => {
      if (!req.readableEnded) resolve(undefined);
    });
  });
}

/** A bounded map, the oldest entry dropped first. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    this.delete(key);
    if (this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/**
 * The adoption of one node: `claim` takes `routed`'s session over from `from` (found dead) and
 * hands the request to `route` with the owner that won; `serveHere` serves it on this node.
 *
 * @example
 * const adoption = createAdoption(store, owners, route, orphaned);
 * adoption.claim(routed, deadNode);
 */
export function createAdoption(
  store: RedisSessionStore,
  owners: Map<string, string>,
  route: (routed: Routed, owner: string) => void,
  orphaned: (routed: Routed) => void,
) {
  return {
    claim(routed: Routed, from: string): void {
      // Two claims: the dead owner, then, if the winner died too, the winner.
      if (routed.claims++ >= 2) return orphaned(routed);
      store.claim(routed.sessionId, from).then(
        (owner) => {
          if (owner === undefined) return orphaned(routed);
          owners.set(routed.sessionId, owner);
          route(routed, owner);
        },
        (error: Error) => sendAnswer(redisUnavailable('take this session over', error), routed.res),
      );
    },

    /** Serves `routed` on this node, its body as if read by a body parser. */
    serveHere({ req, res, body, here }: Routed): void {
      if (!here)
        return sendAnswer(
          jsonRpcError(503, TRANSPORT_ERROR, 'Service Unavailable: this session moved here; retry', {
            headers: { 'retry-after': '0' },
          }),
          res,
        );
      if (body !== undefined) {
        try {
          (req as IncomingMessage & { body?: unknown }).body = JSON.parse(body.toString('utf8'));
        } catch (error) {
          return sendAnswer(jsonRpcError(400, ErrorCode.ParseError, `Parse error: ${(error as Error).message}`), res);
        }
      }
      here();
    },
  };
}
