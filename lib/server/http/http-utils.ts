/**
 * @module
 * Small web-standard HTTP helpers shared by the Streamable HTTP and legacy SSE endpoints: JSON-RPC
 * error answers, header reading, `Accept` and `Content-Type` matching.
 */
import { ErrorCode } from '../../protocol/errors.js';
import type { RequestId } from '../../protocol/jsonrpc.js';
import type { HttpAnswer } from './http-answer.js';

/** MCP's SDK convention for transport-level errors without a better JSON-RPC code. */
export const TRANSPORT_ERROR = -32000;

/**
 * Request headers as either a web `Headers` or a plain record of lower-case names (such as a
 * Node `IncomingHttpHeaders`).
 */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The first value of header `name` (lower case), if present.
 *
 * @example
 * headerOf(request.headers, 'mcp-session-id')
 * headerOf({ host: 'localhost:3000' }, 'host') // 'localhost:3000'
 */
export function headerOf(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | readonly string[] | undefined>)[name];
  return typeof value === 'string' || value === undefined ? value : value[0];
}

/**
 * A JSON body answer.
 *
 * @example
 * jsonAnswer({ jsonrpc: '2.0', id: 1, result: {} }, 200, { 'mcp-session-id': id })
 */
export function jsonAnswer(value: unknown, status = 200, headers?: Readonly<Record<string, string>>): HttpAnswer {
  return { status, headers: headers ? withJsonHeaders(headers) : JSON_HEADERS, body: JSON.stringify(value) };
}

const JSON_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/** The JSON headers with `extra`, made once per `extra` object (a session passes the same one to each answer). */
const jsonHeaders = new WeakMap<Readonly<Record<string, string>>, Readonly<Record<string, string>>>();
function withJsonHeaders(extra: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let headers = jsonHeaders.get(extra);
  if (!headers) jsonHeaders.set(extra, (headers = { ...JSON_HEADERS, ...extra }));
  return headers;
}

/**
 * A JSON-RPC error answer with the given HTTP status (`id: null` unless given).
 *
 * @example
 * jsonRpcError(404, -32001, 'Session not found')
 */
export function jsonRpcError(
  status: number,
  code: number,
  message: string,
  options: { id?: RequestId | null; headers?: Record<string, string>; data?: unknown } = {},
): HttpAnswer {
  const error = options.data === undefined ? { code, message } : { code, message, data: options.data };
  return jsonAnswer({ jsonrpc: '2.0', id: options.id ?? null, error }, status, options.headers);
}

/** 404 with JSON-RPC error -32001: the request names a session this server does not have. */
export function sessionNotFound(): HttpAnswer {
  return jsonRpcError(404, -32001, 'Session not found');
}

/** 500 with JSON-RPC error -32603, for a handler that failed unexpectedly. */
export function internalError(error: unknown): HttpAnswer {
  return jsonRpcError(500, ErrorCode.InternalError, `Internal error: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * The answer `run` makes, as a promise; 500 ({@link internalError}) if it throws or rejects.
 *
 * @example
 * handle: (request) => answerOrInternalError(() => endpoint.answer(request)),
 */
export function answerOrInternalError(run: () => HttpAnswer | Promise<HttpAnswer>): Promise<HttpAnswer> {
  try {
    return Promise.resolve(run()).catch(internalError);
  } catch (error) {
    return Promise.resolve(internalError(error));
  }
}

/** An empty answer (202 Accepted for notifications, 200 for DELETE). */
export function emptyAnswer(status: number, headers: Readonly<Record<string, string>> = NO_HEADERS): HttpAnswer {
  return { status, headers };
}

const NO_HEADERS: Readonly<Record<string, string>> = {};

/**
 * Whether an `Accept` header accepts `mediaType` (`type/subtype`), honouring `type/*`, `*\/*`
 * and `q=0`. A missing header accepts nothing.
 *
 * @example
 * accepts('application/json, text/event-stream', 'text/event-stream') // true
 * accepts('text/html', 'application/json') // false
 */
export function accepts(acceptHeader: string | undefined | null, mediaType: string): boolean {
  if (!acceptHeader) return false;
  // Clients send the same header with every request: the last answers per media type are kept.
  const last = lastAccepts.get(mediaType);
  if (last?.header === acceptHeader) return last.accepted;
  const accepted = parseAccepts(acceptHeader, mediaType);
  if (lastAccepts.size < 8 || last) lastAccepts.set(mediaType, { header: acceptHeader, accepted });
  return accepted;
}

/** The last `Accept` header seen per media type asked about, and its answer. */
const lastAccepts = new Map<string, { readonly header: string; readonly accepted: boolean }>();

function parseAccepts(acceptHeader: string, mediaType: string): boolean {
  const [type] = mediaType.toLowerCase().split('/');
  return acceptHeader.split(',').some((range) => {
    const [name = '', ...params] = range.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    const essence = name.trim();
    return essence === mediaType || essence === '*/*' || essence === `${type}/*`;
  });
}

/** Whether a `Content-Type` header names JSON (`application/json`, any parameters). */
export function isJsonContentType(contentType: string | undefined | null): boolean {
  if (contentType === 'application/json') return true; // the usual header, without parsing it
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** 415 unless the request declares a JSON body. */
export function refuseNonJson(request: Request): HttpAnswer | undefined {
  if (isJsonContentType(request.headers.get('content-type'))) return undefined;
  return jsonRpcError(415, TRANSPORT_ERROR, 'Unsupported Media Type: Content-Type must be application/json');
}
