/**
 * @module
 * What a handler learns of the Node HTTP request that carried its message: `ctx.http.headers`
 * (a web `Headers`, made on first read) and `ctx.auth` (what the resource guard verified).
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AuthInfo } from '../../auth/server/auth-info.js';
import type { HttpRequestDetails, RequestFacts } from '../../server/modern/envelope.js';

/** A request the guard let through carries its identity here (as in the official SDK: `req.auth`). */
export type AuthenticatedRequest = IncomingMessage & { auth?: AuthInfo };

/**
 * The facts of `req` for `ctx.http` and `ctx.auth`.
 *
 * @example
 * session.handleRequest(message, res, version, requestFactsOf(req));
 */
export function requestFactsOf(req: IncomingMessage): RequestFacts {
  const auth = (req as AuthenticatedRequest).auth;
  const http = new NodeHttpDetails(req.headers);
  return auth === undefined ? { http } : { http, auth };
}

/**
 * A web `Headers` of Node's headers (repeated ones appended, as fetch does).
 *
 * @example
 * toHeaders(req.headers).get('authorization');
 */
export function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/** `headers` made on first read: most handlers never look. */
class NodeHttpDetails implements HttpRequestDetails {
  readonly #raw: IncomingHttpHeaders;
  #headers: Headers | undefined;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  get headers(): Headers {
    return (this.#headers ??= toHeaders(this.#raw));
  }
}
