/**
 * @module
 * What a session hands its transport's `outbound`: a message, or a message together with the
 * incoming request it belongs to ({@link RelatedMessage}), so a transport can route it
 * (Streamable HTTP sends it on that request's stream). Relatedness travels as data, so two
 * copies of rxmcp in one process (a CLI loading a user's module) agree on it.
 */
import type { JSONRPCMessage, RequestId } from '../protocol/jsonrpc.js';

/** A message that belongs to the incoming request `requestId` (its progress, logs, requests). */
export interface RelatedMessage {
  readonly kind: 'related';
  readonly message: JSONRPCMessage;
  readonly requestId: RequestId;
}

/** What a transport's `outbound` receives. */
export type OutboundMessage = JSONRPCMessage | RelatedMessage;

/**
 * Wraps `message` as related to the incoming request `requestId` (unwrapped when there is none).
 *
 * @example
 * transport.outbound.next(relateToRequest({ jsonrpc: '2.0', method: 'notifications/progress', params }, 7));
 */
export function relateToRequest(message: JSONRPCMessage, requestId: RequestId | undefined): OutboundMessage {
  return requestId === undefined ? message : { kind: 'related', message, requestId };
}

/** Tells a {@link RelatedMessage} from a plain message. */
export function isRelatedMessage(value: OutboundMessage): value is RelatedMessage {
  return (value as RelatedMessage).kind === 'related' && !('jsonrpc' in value);
}

/** The JSON-RPC message to write, whether `value` is wrapped or not. */
export function messageOf(value: OutboundMessage): JSONRPCMessage {
  return isRelatedMessage(value) ? value.message : value;
}

/** The incoming request an outgoing message belongs to: a response's own id, or its wrapper's. */
export function relatedRequestId(value: OutboundMessage): RequestId | undefined {
  if (isRelatedMessage(value)) return value.requestId;
  if (!('method' in value) && 'id' in value && value.id !== null && value.id !== undefined) return value.id;
  return undefined;
}
