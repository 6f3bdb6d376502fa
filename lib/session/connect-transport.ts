/**
 * @module
 * The connection of a session to its transport, which either side may end.
 */
import { Subscription } from 'rxjs';
import { asMcpError, type McpError } from '../protocol/errors.js';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import type { InvalidFrame, RequestFailure, Transport } from '../transport/transport.js';

/**
 * Gives every inbound message of `transport` to `dispatch`. Either side may end it:
 * unsubscribing closes the transport; the transport ending (peer closed, or failed) calls
 * `close` and releases the transport too. `close` runs on every end, and may run twice.
 *
 * @example
 * const connection = connectTransport(transport, (message) => route(message), (error) => settle(error));
 * connection.unsubscribe(); // closes the transport
 */
export function connectTransport(
  transport: Transport,
  dispatch: (message: JSONRPCMessage | InvalidFrame | RequestFailure) => void,
  close: (error: McpError | undefined) => void,
): Subscription {
  const connection = new Subscription();
  const end = (error: McpError | undefined) => {
    close(error);
    connection.unsubscribe();
  };
  connection.add(
    transport.inbound$.subscribe({
      next: dispatch,
      error: (error: unknown) => end(asMcpError(error, 'Transport failed')),
      complete: () => end(undefined),
    }),
  );
  connection.add(() => {
    close(undefined);
    try {
      transport.outbound.complete();
    } catch {
      // Already closed.
    }
  });
  return connection;
}
