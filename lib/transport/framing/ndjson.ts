/**
 * @module
 * Newline-delimited JSON-RPC: bytes in, messages out.
 */
import { pipe, type OperatorFunction } from 'rxjs';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import type { InvalidFrame } from '../transport.js';
import { decodeMessages } from './decode-messages.js';
import { DEFAULT_MAX_LINE_BYTES, splitLines } from './split-lines.js';

/** Options of {@link ndjson}. */
export interface NdjsonOptions {
  /**
   * The largest message accepted, in UTF-8 bytes; a larger one becomes an `InvalidFrame` with
   * reason `'too-large'` and the stream carries on with the next line.
   *
   * @defaultValue {@link DEFAULT_MAX_LINE_BYTES} (16 MiB)
   */
  maxMessageBytes?: number;
}

/**
 * Decodes a stream of byte (or text) chunks carrying newline-delimited JSON-RPC messages:
 * {@link splitLines} followed by {@link decodeMessages}.
 *
 * ```
 * source:   -a------b|      a = '{"jsonrpc":"2.0",'   b = '"method":"x"}\n{oops\n'
 * ndjson(): --------(mp)|   m = the notification      p = parse marker
 * ```
 *
 * @example
 * chunks$.pipe(ndjson({ maxMessageBytes: 4 * 1024 * 1024 })).subscribe(inbound);
 */
export function ndjson(
  options: NdjsonOptions = {},
): OperatorFunction<Uint8Array | string, JSONRPCMessage | InvalidFrame> {
  return pipe(splitLines({ maxLineBytes: options.maxMessageBytes ?? DEFAULT_MAX_LINE_BYTES }), decodeMessages());
}
