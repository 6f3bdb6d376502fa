/**
 * @module
 * What serving one 2026-07-28 request emits: its messages, the last (the response) with its HTTP status.
 */
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';

/** One outbound message of a modern request; the last one (the response) has `status`. */
export interface ModernReply {
  readonly message: JSONRPCMessage;
  /** The HTTP status of the answer, on the response only. */
  readonly status?: number;
}
