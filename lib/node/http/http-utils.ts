/**
 * @module
 * Small HTTP helpers shared by the Streamable HTTP and legacy SSE handlers: JSON-RPC error
 * answers, header reading, `Accept` matching and the request body reader.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import { toInboundMessage } from '../../transport/parse-message.js';
import { isInvalidFrame } from '../../transport/transport.js';

/** Default largest request body: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** MCP's SDK convention for transport-level errors without a better JSON-RPC code. */
export const TRANSPORT_ERROR = -32000;

/**
 * Answers with a JSON-RPC error response body and the given HTTP status.
 *
 * @example
 * sendJsonRpcError(res, 404, -32001, 'Session not found');
 */
export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  options: { id?: RequestId | null; headers?: Record<string, string>; data?: unknown } = {},
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const error = options.data === undefined ? { code, message } : { code, message, data: options.data };
  const body = JSON.stringify({ jsonrpc: '2.0', id: options.id ?? null, error });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...options.headers });
  res.end(body);
}

/** Answers 404 with JSON-RPC error -32001: the request names a session this server does not have. */
export function sendSessionNotFound(res: ServerResponse): void {
  sendJsonRpcError(res, 404, -32001, 'Session not found');
}

/**
 * Runs an async request handler, answering 500 (JSON-RPC -32603) if it fails unexpectedly.
 *
 * @example
 * serveAsync(res, handlePost(req, res));
 */
export function serveAsync(res: ServerResponse, handling: Promise<void>): void {
  handling.catch((error: unknown) => sendJsonRpcError(res, 500, ErrorCode.InternalError, `Internal error: ${(error as Error)?.message ?? String(error)}`));
}

/** Answers with a JSON body and status 200. */
export function sendJson(res: ServerResponse, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** The first value of a request header, if present. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Whether an `Accept` header accepts `mediaType` (`type/subtype`), honouring `type/*`, `*\/*`
 * and `q=0`. A missing header accepts nothing.
 *
 * @example
 * accepts('application/json, text/event-stream', 'text/event-stream') // true
 * accepts('text/html', 'application/json') // false
 */
export function accepts(acceptHeader: string | undefined, mediaType: string): boolean {
  if (!acceptHeader) return false;
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
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Whether a POST declares a JSON body; if not, drops the body, answers 415 with a JSON-RPC error
 * and returns `false`.
 *
 * @example
 * if (!requireJsonBody(req, res)) return;
 */
export function requireJsonBody(req: IncomingMessage, res: ServerResponse): boolean {
  if (isJsonContentType(header(req, 'content-type'))) return true;
  req.resume();
  sendJsonRpcError(res, 415, TRANSPORT_ERROR, 'Unsupported Media Type: Content-Type must be application/json');
  return false;
}

/** The outcome of {@link readJsonBody}. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; code: number; message: string };

/**
 * How much of an oversized upload is read (and dropped) before the 413 is sent. A client such as
 * Node's `fetch` that is still writing when the server closes the connection reports a write
 * error (EPIPE) instead of the answer, so the server reads the rest first; past this many bytes
 * it stops reading, answers and closes.
 */
export const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Reads and parses a JSON request body of at most `maxBytes` bytes. An oversized body (declared
 * or streamed) is refused with 413 without buffering it, once the upload has been read and
 * dropped (up to {@link DISCARD_LIMIT_BYTES}), so the client is done sending and sees the answer;
 * unparsable JSON yields 400 with -32700; a body not complete within `timeoutMs` (slowloris)
 * yields 408, after which the connection is closed. A body that a body-parser middleware already
 * read (`req.body`) is used as is.
 *
 * @example
 * const body = await readJsonBody(req, DEFAULT_MAX_BODY_BYTES);
 * if (!body.ok) return sendJsonRpcError(res, body.status, body.code, body.message);
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number, timeoutMs = 0): Promise<BodyResult> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && req.readableEnded) return Promise.resolve({ ok: true, value: parsed });
  const tooLarge: BodyResult = { ok: false, status: 413, code: TRANSPORT_ERROR, message: `Payload Too Large: the body exceeds ${maxBytes} bytes` };
  const timedOut: BodyResult = { ok: false, status: 408, code: TRANSPORT_ERROR, message: `Request Timeout: the body did not arrive within ${timeoutMs} ms` };
  const declared = Number(header(req, 'content-length'));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let oversized = Number.isFinite(declared) && declared > maxBytes;
    let settled = false;
    const timer = timeoutMs > 0 ? setTimeout(() => settle(timedOut), timeoutMs) : undefined;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (result === timedOut) req.pause();
      else if (!result.ok) req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes && !oversized) {
        oversized = true;
        chunks.length = 0;
      }
      if (!oversized) chunks.push(chunk);
      else if (received > DISCARD_LIMIT_BYTES) settle(tooLarge);
    };
    const onEnd = () => {
      if (oversized) return settle(tooLarge);
      try {
        settle({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch (error) {
        settle({ ok: false, status: 400, code: ErrorCode.ParseError, message: `Parse error: ${(error as Error).message}` });
      }
    };
    const onError = (error: Error) => settle(oversized ? tooLarge : { ok: false, status: 400, code: TRANSPORT_ERROR, message: `Bad request body: ${error.message}` });
    // A client that gives up mid-upload: nobody reads the answer, but the caller still gets one.
    const onClose = () => onError(new Error('the request closed before its body ended'));
    if (oversized && declared > DISCARD_LIMIT_BYTES) return settle(tooLarge);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Reads one JSON-RPC message from a POST body, or answers the request with the HTTP and JSON-RPC
 * error the spec names (413 over the limit, 400 with -32700 for invalid JSON, 400 with -32600 for
 * a batch or a non-message, 408 for a body slower than `timeoutMs`) and returns `undefined`.
 *
 * @example
 * const message = await readMessage(req, res, DEFAULT_MAX_BODY_BYTES);
 * if (message) session.receive(message);
 */
export async function readMessage(req: IncomingMessage, res: ServerResponse, maxBytes: number, timeoutMs = 0): Promise<JSONRPCMessage | undefined> {
  const body = await readJsonBody(req, maxBytes, timeoutMs);
  if (!body.ok) {
    sendJsonRpcError(res, body.status, body.code, body.message, body.status === 413 || body.status === 408 ? { headers: { connection: 'close' } } : {});
    if (body.status === 408) res.once('finish', () => req.socket.destroy());
    return undefined;
  }
  if (Array.isArray(body.value)) {
    sendJsonRpcError(res, 400, ErrorCode.InvalidRequest, 'Invalid Request: JSON-RPC batches are not supported');
    return undefined;
  }
  const message = toInboundMessage(body.value);
  if (isInvalidFrame(message)) {
    sendJsonRpcError(res, 400, ErrorCode.InvalidRequest, message.message, { id: message.id ?? null });
    return undefined;
  }
  return message;
}
