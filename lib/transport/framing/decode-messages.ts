/**
 * @module
 * Turning lines of text into JSON-RPC messages (or {@link InvalidFrame} markers).
 */
import { map, type OperatorFunction } from 'rxjs';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { parseMessage } from '../parse-message.js';
import type { InvalidFrame } from '../transport.js';

/**
 * Parses each line as one JSON-RPC message. Invalid JSON becomes an `InvalidFrame` with reason
 * `'parse'`, JSON that is not a JSON-RPC message one with reason `'invalid'`; markers already in
 * the stream (such as `'too-large'` from {@link splitLines}) pass through. Never errors on input.
 *
 * ```
 * source:           -a---b---c|     a = '{"jsonrpc":"2.0","method":"x"}'   b = '{oops'   c = '[1]'
 * decodeMessages(): -m---p---i|     m = the notification   p = parse marker   i = invalid marker
 * ```
 *
 * @example
 * lines$.pipe(decodeMessages()).subscribe((message) => isInvalidFrame(message) ? answer(message) : handle(message));
 */
export function decodeMessages(): OperatorFunction<string | InvalidFrame, JSONRPCMessage | InvalidFrame> {
  return map((frame) => (typeof frame === 'string' ? parseMessage(frame) : frame));
}
