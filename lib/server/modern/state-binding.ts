/**
 * @module
 * What the sealed MRTR `requestState` of a 2026-07-28 request is bound to (its method, target and
 * a digest of its arguments), and the error a state that does not open is answered with.
 */
import { defer, from, map, type Observable } from 'rxjs';
import { ErrorCode, isMcpError, McpError } from '../../protocol/errors.js';
import type { JSONRPCRequest } from '../../protocol/jsonrpc.js';

/** The error of a `requestState` that does not open: its own when it is an MCP error, else -32602. */
export function asProtocol(error: unknown): McpError {
  return isMcpError(error) ? error : McpError.protocol(ErrorCode.InvalidParams, 'Invalid requestState');
}

/** What sealed state is bound to: the method, the target and a digest of the arguments. */
export function bindingOf(request: JSONRPCRequest): Observable<string> {
  return defer(() => {
    const params = request.params ?? {};
    const target = JSON.stringify([
      request.method,
      params['name'] ?? params['uri'] ?? null,
      params['arguments'] ?? null,
    ]);
    return from(globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(target)));
  }).pipe(
    map(
      (digest) =>
        `${request.method}:${Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')}`,
    ),
  );
}
