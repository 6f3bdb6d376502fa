/**
 * @module
 * The resource guard of `rxmcp` (lib/server/http/protect.ts) for Node requests: the token check,
 * the metadata document and `ctx.http` / `ctx.auth` facts of an `IncomingMessage`, for hosts that
 * route Node requests themselves (the WebSocket upgrade, a hand-written `node:http` server).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '../../auth/server/auth-info.js';
import type { GuardOutcome, ResourceGuard } from '../../auth/server/resource-guard.js';
import type { ConnectableServer } from '../../server/connectable.js';
import { checkRequest, resourceMetadataAnswer } from '../../server/http/protect.js';
import { DEFAULT_MAX_BODY_BYTES, hasKeptBody, keptBody } from '../../server/http/read-message.js';
import { authOf, requestFactsOf as webRequestFactsOf } from '../../server/http/request-facts.js';
import type { RequestFacts } from '../../server/modern/envelope.js';
import { toWebRequest } from './node-request.js';
import { sendAnswer } from './web-exchange.js';

/** A request the guard let through carries its identity here (as in the official SDK: `req.auth`). */
export type AuthenticatedRequest = IncomingMessage & { auth?: AuthInfo };

/** The web `Request` of a Node request, made once. */
const webRequests = new WeakMap<IncomingMessage, Request>();

function webRequestOf(req: IncomingMessage, res?: ServerResponse, path?: string): Request {
  let request = webRequests.get(req);
  if (!request) webRequests.set(req, (request = toWebRequest(req, res, path)));
  return request;
}

/**
 * Checks `req`'s token; for a POSTed JSON body (`res` answers a bad one), reads it
 * first (left in `req.body` for the endpoint) and requires the scopes `server.scopesFor` names
 * for its message. Resolves the outcome, or `undefined` when a let-through body was unreadable
 * (answered on `res`).
 *
 * @example
 * const outcome = await checkNodeRequest(guard, server, req, res);
 * if (outcome?.type === 'allow') next();
 */
export async function checkNodeRequest(
  guard: ResourceGuard,
  server: ConnectableServer,
  req: IncomingMessage,
  res: ServerResponse | undefined,
  path = req.url,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<GuardOutcome | undefined> {
  const request = webRequestOf(req, res, path);
  const outcome = await checkRequest(guard, server, request, { maxBytes: maxBodyBytes });
  if (!('type' in outcome)) {
    sendAnswer(outcome, res!);
    return undefined;
  }
  if (outcome.type === 'allow') {
    (req as AuthenticatedRequest).auth = outcome.auth;
    // Left for an endpoint that reads a parsed body as is.
    if (hasKeptBody(request)) (req as IncomingMessage & { body?: unknown }).body = keptBody(request);
  }
  return outcome;
}

/**
 * Serves the metadata document if `req` asks for it, returning `true`; `false` otherwise.
 *
 * @example
 * if (serveResourceMetadata(guard, req, res)) return;
 */
export function serveResourceMetadata(
  guard: ResourceGuard,
  req: IncomingMessage,
  res: ServerResponse,
  path = req.url ?? '/',
): boolean {
  const answer = resourceMetadataAnswer(guard, webRequestOf(req, res, path));
  if (!answer) return false;
  sendAnswer(answer, res);
  return true;
}

/**
 * The facts of `req` for `ctx.http` and `ctx.auth` (the identity `checkNodeRequest` verified).
 *
 * @example
 * const facts = requestFactsOf(req);
 */
export function requestFactsOf(req: IncomingMessage): RequestFacts {
  const request = webRequestOf(req);
  const facts = webRequestFactsOf(request);
  const auth = (req as AuthenticatedRequest).auth ?? authOf(request);
  return auth === undefined || facts.auth ? facts : { ...facts, auth };
}
