/**
 * @module
 * Turning text or parsed JSON from the wire into a message or an {@link InvalidFrame}.
 */
import { isJSONRPCMessage, type JSONRPCMessage } from '../protocol/jsonrpc.js';
import type { InvalidFrame } from './transport.js';

/**
 * Classifies an already-parsed JSON value.
 *
 * @example
 * toInboundMessage({ jsonrpc: '2.0', id: 1, method: 'ping' }) // the request
 * toInboundMessage([1, 2]) // { kind: 'invalid-frame', reason: 'invalid', … }
 */
export function toInboundMessage(value: unknown): JSONRPCMessage | InvalidFrame {
  if (isJSONRPCMessage(value)) return value;
  return {
    kind: 'invalid-frame',
    reason: 'invalid',
    message: 'Invalid Request: not a JSON-RPC 2.0 message',
    id: readableId(value),
  };
}

/**
 * Parses one frame of text (one line of stdio, one WebSocket message).
 *
 * @example
 * parseMessage('{"jsonrpc":"2.0","method":"x"}') // the notification
 * parseMessage('{oops') // { kind: 'invalid-frame', reason: 'parse', … }
 */
export function parseMessage(text: string): JSONRPCMessage | InvalidFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid-frame', reason: 'parse', message: `Parse error: ${(error as Error).message}`, id: null };
  }
  return toInboundMessage(value);
}

function readableId(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as Record<string, unknown>)['id'];
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}
