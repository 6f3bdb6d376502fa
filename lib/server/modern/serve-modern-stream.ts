/**
 * @module
 * The 2026-07-28 revision on a message stream (stdio, or any transport with one shared channel):
 * every request is served on its own through `serveModern` (no session, no headers), its
 * notifications and response written to the one outbound channel; `notifications/cancelled`
 * is how the client cancels a request (a listen stream included), as there is no per-request
 * stream to close. The stream ending cancels whatever is still running.
 */
import { cancelledRequestId } from '../../protocol/cancellation.js';
import { Subscription, type Observable } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import { errorResponse, type JSONRPCMessage, type JSONRPCRequest, type RequestId } from '../../protocol/jsonrpc.js';
import { isInvalidFrame, isMessage, type Transport } from '../../transport/transport.js';
import type { ModernReply } from './serve-modern-request.js';

/** Serves one modern request: what `McpServer.serveModern` does with no HTTP facts. */
export type ServeModern = (request: JSONRPCRequest) => Observable<ModernReply>;

/**
 * Serves every request of `transport` by the 2026-07-28 rules. Unsubscribing cancels the
 * requests in flight and closes the transport.
 *
 * ```
 * inbound   -a--b---c|        (a, b requests; c cancels b)
 * outbound  --A---p--|        (A answers a; p, b's progress; nothing more for b)
 * ```
 *
 * @example
 * const connection = serveModernStream(transport, (request) => server.serveModern(request, {}));
 */
export function serveModernStream(transport: Transport, serve: ServeModern): Subscription {
  const inflight = new Map<RequestId, Subscription>();
  const send = (message: JSONRPCMessage) => {
    try {
      transport.outbound.next(message);
    } catch {
      // Closed: nobody to tell.
    }
  };
  const connection = new Subscription(() => {
    for (const running of inflight.values()) running.unsubscribe();
    inflight.clear();
    transport.outbound.complete();
  });
  const start = (request: JSONRPCRequest) => {
    const id = request.id;
    inflight.get(id)?.unsubscribe();
    let running: Subscription | undefined;
    // eslint-disable-next-line prefer-const -- `complete` reads it, and may run inside subscribe()
    running = serve(request).subscribe({
      next: ({ message }) => send(message),
      complete: () => {
        if (running && inflight.get(id) === running) inflight.delete(id);
      },
    });
    if (!running.closed) inflight.set(id, running);
  };
  connection.add(
    transport.inbound$.subscribe({
      next: (message) => {
        if (isInvalidFrame(message)) {
          const parse = message.reason === 'parse';
          send(
            errorResponse(
              parse ? null : (message.id ?? null),
              parse ? ErrorCode.ParseError : ErrorCode.InvalidRequest,
              message.message,
            ),
          );
        } else if ('method' in message && 'id' in message && message.id !== undefined) {
          start(message as JSONRPCRequest);
        } else if (isMessage(message)) {
          const requestId = cancelledRequestId(message);
          if (requestId === undefined) return;
          inflight.get(requestId)?.unsubscribe();
          inflight.delete(requestId);
        }
        // Other notifications mean nothing here, and a client does not send responses.
      },
      error: () => connection.unsubscribe(),
      complete: () => connection.unsubscribe(),
    }),
  );
  return connection;
}
