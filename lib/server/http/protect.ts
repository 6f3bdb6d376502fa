/**
 * @module
 * The resource guard in front of the MCP endpoints, on web `Request`s: Protected Resource Metadata
 * at its well-known URLs, and each request's token checked — with the scopes its message needs (a
 * tool's) when it is a POSTed JSON-RPC message — before the endpoint serves it.
 */
import {
  createResourceGuard,
  type GuardDenial,
  type GuardOutcome,
  type ResourceGuard,
  type ResourceGuardOptions,
} from '../../auth/server/resource-guard.js';
import { PROTECTED_RESOURCE_WELL_KNOWN } from '../../auth/server/protected-resource-metadata.js';
import { toInboundMessage } from '../../transport/parse-message.js';
import { isInvalidFrame } from '../../transport/transport.js';
import type { ConnectableServer } from '../connectable.js';
import type { HttpAnswer } from './http-answer.js';
import { isJsonContentType, jsonAnswer } from './http-utils.js';
import { bodyError, keepReadBody, readJsonBody, type BodyReadOptions } from './read-message.js';
import { setAuthOf } from './request-facts.js';

/** The `auth` option of the hosts: a guard, or the options to make one. */
export type McpAuthOption = ResourceGuard | ResourceGuardOptions;

/**
 * The guard of an `auth` option.
 *
 * @example
 * const guard = guardOf({ authorizationServers: [issuer], verify: jwtVerifier({ issuer }) });
 */
export function guardOf(auth: McpAuthOption): ResourceGuard {
  return 'check' in auth ? auth : createResourceGuard(auth);
}

/**
 * Checks `request`'s token; for a POSTed JSON body, reads it first (kept for the endpoint's
 * `readMessage`) and requires the scopes `server.scopesFor` names for its message. The token is
 * checked before the body is judged: a let-through request with an unreadable body gets that
 * body's error answer. A request let through carries its identity (`authOf`, `ctx.auth`).
 *
 * @example
 * const outcome = await checkRequest(guard, server, request, { maxBytes });
 * if (!('type' in outcome)) return outcome; // an unreadable body's answer
 * if (outcome.type === 'deny') return denialAnswer(outcome);
 */
export async function checkRequest(
  guard: ResourceGuard,
  server: ConnectableServer,
  request: Request,
  body: BodyReadOptions,
): Promise<GuardOutcome | HttpAnswer> {
  let read: Awaited<ReturnType<typeof readJsonBody>> | undefined;
  let scopes: readonly string[] | undefined;
  if (request.method === 'POST' && server.scopesFor && isJsonContentType(request.headers.get('content-type'))) {
    read = await readJsonBody(request, body);
    const message = read.ok && !Array.isArray(read.value) ? toInboundMessage(read.value) : undefined;
    if (message && !isInvalidFrame(message)) scopes = server.scopesFor(message);
  }
  const outcome = await guard.check({ method: request.method, url: request.url, headers: request.headers }, scopes);
  if (outcome.type !== 'allow') return outcome;
  if (read) {
    if (!read.ok) return bodyError(read);
    keepReadBody(request, read.value);
  }
  setAuthOf(request, outcome.auth);
  return outcome;
}

/**
 * The answer of a refusal: its status, `WWW-Authenticate` and JSON OAuth error body.
 *
 * @example
 * if (outcome.type === 'deny') return denialAnswer(outcome);
 */
export function denialAnswer(denial: GuardDenial): HttpAnswer {
  return jsonAnswer(denial.body, denial.status, { ...denial.headers });
}

/**
 * The metadata document's answer if `request` asks for it.
 *
 * @example
 * const metadata = resourceMetadataAnswer(guard, request);
 * if (metadata) return metadata;
 */
export function resourceMetadataAnswer(guard: ResourceGuard, request: Request): HttpAnswer | undefined {
  if (!new URL(request.url).pathname.startsWith(PROTECTED_RESOURCE_WELL_KNOWN)) return undefined;
  const metadata = guard.metadataFor({ method: request.method, url: request.url });
  if (!metadata) return undefined;
  return jsonAnswer(metadata, 200, { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
}
