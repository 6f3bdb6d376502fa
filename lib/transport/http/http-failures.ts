/**
 * @module
 * Errors of the HTTP client transports that say what happened: the root cause of a failed
 * `fetch` (not "fetch failed"), the URL and status of an HTTP error with a hint, a refused URL.
 */
import { McpError } from '../../protocol/errors.js';
import { errorResponse, type JSONRPCErrorResponse, type RequestId } from '../../protocol/jsonrpc.js';
import type { RequestFailure } from '../transport.js';

/** What an error of an HTTP exchange names: the method and the URL. */
export interface ExchangeName {
  readonly method: string;
  readonly url: string | URL;
}

/**
 * The innermost cause of `error` as text: follows the `cause` chain (`fetch` wraps the socket
 * error in a `TypeError: fetch failed`) and lists the errors of an `AggregateError` (one per
 * address tried), adding a Node error `code` the message lacks.
 *
 * @example
 * rootCause(new TypeError('fetch failed', { cause: connectError })) // 'connect ECONNREFUSED 127.0.0.1:3999'
 */
export function rootCause(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 10 && isErrorLike(current) && isErrorLike(current.cause); depth++)
    current = current.cause;
  if (!isErrorLike(current)) return String(current);
  const inner = (current as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0) return [...new Set(inner.map(rootCause))].join('; ');
  const code = (current as { code?: unknown }).code;
  const message = current.message || (typeof code === 'string' ? code : current.name);
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * The error of an exchange that got no (complete) answer: the connection was refused or dropped.
 *
 * @example
 * networkError({ method: 'POST', url }, error) // McpError 'POST http://127.0.0.1:3999/mcp failed: connect ECONNREFUSED 127.0.0.1:3999'
 */
export function networkError(name: ExchangeName, error: unknown): McpError {
  return new McpError('transport', `${name.method} ${String(name.url)} failed: ${rootCause(error)}`, {
    cause: error,
    data: { url: String(name.url) },
  });
}

/**
 * The error of an exchange answered with an HTTP error status (kind `'transport'`): the URL,
 * the status, a hint, and the start of the body; `data` has `status`, `url` and `body`.
 *
 * @example
 * httpStatusError({ method: 'POST', url }, 401, 'Unauthorized', '') // 'POST … answered HTTP 401 Unauthorized: the server wants credentials …'
 */
export function httpStatusError(name: ExchangeName, status: number, statusText: string, body: string): McpError {
  const url = String(name.url);
  const said = body.trim().replace(/\s+/g, ' ');
  const detail = said && said.length <= 200 ? ` (the server said: ${said})` : '';
  const message = `${name.method} ${url} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}: ${statusHint(status, name.method)}${detail}`;
  const data: Record<string, unknown> = { status, url };
  if (body) data['body'] = body.length > 2000 ? `${body.slice(0, 2000)}…` : body;
  return new McpError('transport', message, { data });
}

/**
 * What answers request `id` when its exchange got HTTP error `status`: the JSON-RPC error the
 * server put in the body, when there is one (a protocol error with its code; `data.status` is
 * the status), else a {@link RequestFailure} with {@link httpStatusError}.
 */
export function httpFailure(
  id: RequestId,
  name: ExchangeName,
  status: number,
  statusText: string,
  body: string,
): JSONRPCErrorResponse | RequestFailure {
  const fromBody = readErrorObject(body);
  if (!fromBody) return { kind: 'request-failed', id, error: httpStatusError(name, status, statusText, body) };
  const data: Record<string, unknown> = { status };
  if (fromBody.data !== undefined) data['data'] = fromBody.data;
  return errorResponse(id, fromBody.code, fromBody.message, data);
}

/**
 * `url` parsed, when it is an `http:` or `https:` URL; else an `McpError` naming `transport`
 * (the factory refusing it) is thrown.
 *
 * @example
 * const endpoint = requireHttpUrl(url, 'createStreamableHttpClientTransport');
 */
export function requireHttpUrl(url: string | URL, transport: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new McpError(
      'transport',
      `${transport}: ${JSON.stringify(String(url))} is not an absolute URL (expected http://… or https://…)`,
    );
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed;
  const hint =
    parsed.protocol === 'ws:' || parsed.protocol === 'wss:'
      ? '; for a WebSocket endpoint use createWebSocketClientTransport'
      : '';
  throw new McpError(
    'transport',
    `${transport} needs an http: or https: URL, not ${parsed.protocol} (${parsed.href})${hint}`,
  );
}

function statusHint(status: number, method: string): string {
  switch (status) {
    case 400:
      return 'the server refused the request as malformed (a missing or invalid session id or protocol version?)';
    case 401:
      return 'the server wants credentials (pass an Authorization header or an auth provider)';
    case 403:
      return 'the credentials do not grant access to this endpoint';
    case 404:
      return 'nothing here: check the URL path, or the session has expired';
    case 405:
      return `the endpoint does not take ${method}: check that the URL is an MCP endpoint of this transport (Streamable HTTP or legacy HTTP+SSE)`;
    case 406:
    case 415:
      return 'the server refused the media types (Accept / Content-Type): is this an MCP endpoint?';
    case 408:
    case 429:
      return 'the server is busy or throttling: try again later';
    case 413:
      return 'the message is larger than the server accepts';
    case 502:
    case 503:
    case 504:
      return 'the server, or a proxy in front of it, is unavailable';
    default:
      return status >= 500 ? 'the server failed (see its logs)' : 'unexpected status';
  }
}

function readErrorObject(body: string): { code: number; message: string; data?: unknown } | undefined {
  try {
    const value = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; data?: unknown } };
    const error = value?.error;
    if (error && typeof error.code === 'number' && typeof error.message === 'string') {
      return { code: error.code, message: error.message, data: error.data };
    }
  } catch {
    // Not JSON: the status speaks for itself.
  }
  return undefined;
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string';
}
