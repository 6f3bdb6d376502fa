/**
 * @module
 * JSON-RPC helpers shared by the HTTP client transports: reading bodies, and turning an HTTP
 * failure into the error response of the one request it concerns.
 */
import { ErrorCode } from '../../protocol/errors.js';
import { errorResponse, type JSONRPCErrorResponse, type JSONRPCMessage, type RequestId } from '../../protocol/jsonrpc.js';
import { toInboundMessage } from '../parse-message.js';
import { type InvalidFrame, isInvalidFrame } from '../transport.js';

/** What an HTTP client transport emits. */
export type Inbound = JSONRPCMessage | InvalidFrame;

/** The id of a request, or `undefined` for notifications and responses. */
export function requestIdOf(message: JSONRPCMessage): RequestId | undefined {
  return 'method' in message && 'id' in message && message.id !== undefined ? message.id : undefined;
}

/** The id a response answers, or `undefined` for anything else. */
export function responseIdOf(message: Inbound): RequestId | undefined {
  if (isInvalidFrame(message)) return undefined;
  const m = message;
  return !('method' in m) && 'id' in m && m.id !== null && m.id !== undefined ? m.id : undefined;
}

/**
 * Parses the text of a JSON body or an SSE `data` field: one message, or (defensively) an array
 * of them. Text that is not JSON becomes one `InvalidFrame` of reason `'parse'`.
 *
 * @example
 * parseMessages('[{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","method":"b"}]') // two notifications
 */
export function parseMessages(text: string): Inbound[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ kind: 'invalid-frame', reason: 'parse', message: `Parse error: ${(error as Error).message}`, id: null }];
  }
  return Array.isArray(value) ? value.map(toInboundMessage) : [toInboundMessage(value)];
}


/**
 * The error response standing for a failed HTTP exchange of request `id`: the JSON-RPC error
 * the server put in the body when there is one (SDK servers do), else code -32000 with the
 * status. `data.status` carries the HTTP status either way.
 *
 * @example
 * httpErrorResponse(7, 403, 'Forbidden', '') // { id: 7, error: { code: -32000, message: 'HTTP 403 Forbidden', data: { status: 403 } } }
 */
export function httpErrorResponse(id: RequestId, status: number, statusText: string, body: string): JSONRPCErrorResponse {
  const fromBody = readErrorObject(body);
  const data: Record<string, unknown> = { status };
  if (fromBody) {
    if (fromBody.data !== undefined) data['data'] = fromBody.data;
    return errorResponse(id, fromBody.code, fromBody.message, data);
  }
  if (body) data['body'] = body.length > 2000 ? `${body.slice(0, 2000)}…` : body;
  return errorResponse(id, ErrorCode.ConnectionClosed, `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, data);
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

/** The media type of a response without parameters, lower-cased (`'text/event-stream'`). */
export function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}
