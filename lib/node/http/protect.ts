/**
 * @module
 * The resource guard in front of the Node MCP endpoints: Protected Resource Metadata at its
 * well-known URLs, and each request's token checked — with the scopes its message needs (a
 * tool's) when it is a POSTed JSON-RPC message — before the endpoint serves it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createResourceGuard, type GuardDenial, type GuardOutcome, type ResourceGuard, type ResourceGuardOptions } from '../../auth/server/resource-guard.js';
import { PROTECTED_RESOURCE_WELL_KNOWN } from '../../auth/server/protected-resource-metadata.js';
import type { ConnectableServer } from '../../server/connectable.js';
import { DEFAULT_MAX_BODY_BYTES, header, isJsonContentType, readJsonBody, sendJson, sendJsonRpcError, type BodyResult } from './http-utils.js';
import { toInboundMessage } from '../../transport/parse-message.js';
import { isInvalidFrame } from '../../transport/transport.js';
import { toHeaders, type AuthenticatedRequest } from './request-facts.js';

/** The `auth` option of the Node hosts: a guard, or the options to make one. */
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
 * The absolute URL of a Node request (from `Host`; `https` when the socket is TLS or
 * `x-forwarded-proto` says so).
 *
 * @example
 * absoluteUrl(req); // 'http://127.0.0.1:3000/mcp'
 */
export function absoluteUrl(req: IncomingMessage, path = req.url ?? '/'): string {
  const forwarded = header(req, 'x-forwarded-proto')?.split(',')[0]?.trim();
  const secure = forwarded === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${secure ? 'https' : 'http'}://${header(req, 'host') ?? 'localhost'}${path}`;
}

/**
 * Checks `req`'s token; for a POSTed JSON body (given `res` to answer a bad body on), reads it
 * first (left in `req.body` for the endpoint) and requires the scopes `server.scopesFor` names for
 * its message. Resolves the outcome, or `undefined` when a let-through body was unreadable (answered).
 *
 * @example
 * const outcome = await checkNodeRequest(guard, server, req, res, req.originalUrl);
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
  // The token is checked before the body is judged; the scopes come from the body when it is a message.
  let body: BodyResult | undefined;
  let scopes: readonly string[] | undefined;
  if (req.method === 'POST' && res && server.scopesFor && isJsonContentType(header(req, 'content-type'))) {
    body = await readJsonBody(req, maxBodyBytes);
    const message = body.ok && !Array.isArray(body.value) ? toInboundMessage(body.value) : undefined;
    if (message && !isInvalidFrame(message)) scopes = server.scopesFor(message);
  }
  const outcome = await guard.check({ method: req.method ?? 'GET', url: absoluteUrl(req, path), headers: toHeaders(req.headers) }, scopes);
  if (outcome.type === 'allow' && body) {
    if (!body.ok) {
      sendJsonRpcError(res!, body.status, body.code, body.message, body.status === 413 ? { headers: { connection: 'close' } } : {});
      return undefined;
    }
    // Left for the endpoint, which reads a parsed body as is.
    (req as IncomingMessage & { body?: unknown }).body = body.value;
  }
  if (outcome.type === 'allow') (req as AuthenticatedRequest).auth = outcome.auth;
  return outcome;
}

/**
 * Answers a refusal: its status, `WWW-Authenticate` and JSON OAuth error body.
 *
 * @example
 * if (outcome?.type === 'deny') sendDenial(res, outcome);
 */
export function sendDenial(res: ServerResponse, denial: GuardDenial): void {
  const body = JSON.stringify(denial.body);
  res.writeHead(denial.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...denial.headers }).end(body);
}

/**
 * Serves the metadata document if `req` asks for it, returning `true`; `false` otherwise.
 *
 * @example
 * if (serveResourceMetadata(guard, req, res)) return;
 */
export function serveResourceMetadata(guard: ResourceGuard, req: IncomingMessage, res: ServerResponse, path = req.url ?? '/'): boolean {
  if (!path.startsWith(PROTECTED_RESOURCE_WELL_KNOWN)) return false;
  const metadata = guard.metadataFor({ method: req.method ?? 'GET', url: absoluteUrl(req, path) });
  if (!metadata) return false;
  sendJson(res, metadata, { 'access-control-allow-origin': '*', 'cache-control': 'max-age=3600' });
  return true;
}
