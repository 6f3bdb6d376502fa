/**
 * @module
 * JSON-RPC helpers shared by the HTTP transports: reading bodies, telling messages apart.
 */
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import { toInboundMessage } from '../parse-message.js';
import { type InvalidFrame, isMessage, type RequestFailure } from '../transport.js';

/** What an HTTP client transport emits. */
export type Inbound = JSONRPCMessage | InvalidFrame | RequestFailure;

/** The id of a request, or `undefined` for notifications and responses. */
export function requestIdOf(message: JSONRPCMessage): RequestId | undefined {
  return 'method' in message && 'id' in message && message.id !== undefined ? message.id : undefined;
}

/** The id a response (or a {@link RequestFailure}) answers, or `undefined` for anything else. */
export function responseIdOf(message: Inbound): RequestId | undefined {
  if (!isMessage(message)) return message.kind === 'request-failed' ? message.id : undefined;
  return !('method' in message) && 'id' in message && message.id !== null && message.id !== undefined
    ? message.id
    : undefined;
}

/** Whether `message` is an `initialize` request. */
export function isInitialize(message: JSONRPCMessage): boolean {
  return 'method' in message && message.method === 'initialize' && requestIdOf(message) !== undefined;
}

/** Whether `message` is `notifications/initialized`. */
export function isInitialized(message: JSONRPCMessage): boolean {
  return 'method' in message && message.method === 'notifications/initialized';
}

export { cancelledRequestId } from '../../protocol/cancellation.js';

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

/** The media type of a response without parameters, lower-cased (`'text/event-stream'`). */
export function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}
