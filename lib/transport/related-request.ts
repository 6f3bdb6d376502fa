/**
 * @module
 * Tags outgoing messages with the incoming request they belong to, without changing their shape,
 * so a transport can route them (Streamable HTTP sends them on that request's stream).
 */
import type { JSONRPCMessage, RequestId } from '../protocol/jsonrpc.js';

const related = new WeakMap<JSONRPCMessage, RequestId>();

/**
 * Marks `message` as related to the incoming request `requestId` and returns it.
 *
 * @example
 * transport.outbound.next(relateToRequest({ jsonrpc: '2.0', method: 'notifications/progress', params }, 7));
 */
export function relateToRequest<T extends JSONRPCMessage>(message: T, requestId: RequestId | undefined): T {
  if (requestId !== undefined) related.set(message, requestId);
  return message;
}

/** The incoming request an outgoing message belongs to: a response's own id, or its tag. */
export function relatedRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!('method' in message) && 'id' in message && message.id !== null && message.id !== undefined) return message.id;
  return related.get(message);
}
