/**
 * @module
 * Serializing a message as one newline-delimited frame.
 */
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';

/**
 * Serializes a message as one line of newline-delimited JSON. `JSON.stringify` escapes line
 * breaks inside strings, so the frame holds exactly one newline: the terminating one.
 *
 * @example
 * stdout.write(encodeMessage({ jsonrpc: '2.0', method: 'notifications/initialized' }));
 * // '{"jsonrpc":"2.0","method":"notifications/initialized"}\n'
 */
export function encodeMessage(message: JSONRPCMessage): string {
  return JSON.stringify(message) + '\n';
}
