/**
 * @module
 * One stream connection (stdio, WebSocket, memory), either era: the first message decides. A
 * first request carrying the 2026-07-28 `_meta` envelope makes the whole connection stateless
 * (each request served by `serveModern`); anything else (`initialize` first) gets a 2025 session.
 */
import { Observable, Subject, Subscription } from 'rxjs';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import { isModernMessage } from '../protocol/modern.js';
import { isMessage, type InvalidFrame, type RequestFailure, type Transport } from '../transport/transport.js';
import type { ConnectableServer, ConnectOptions } from './connectable.js';
import { serveModernStream } from './modern/serve-modern-stream.js';

/**
 * Serves `transport` in the era its first message picks. A server without `serveModern` always
 * gets sessions. Unsubscribing ends the connection, whichever era it serves.
 *
 * @example
 * const connection = serveEitherEra(server, createStdioServerTransport());
 */
export function serveEitherEra(
  server: ConnectableServer,
  transport: Transport,
  options?: ConnectOptions,
): Subscription {
  const connection = new Subscription(() => {
    if (!decided) transport.outbound.complete();
  });
  const rest = new Subject<JSONRPCMessage | InvalidFrame | RequestFailure>();
  let decided = false;
  const decide = (first: JSONRPCMessage | InvalidFrame | RequestFailure | undefined) => {
    decided = true;
    // Listen to the rest before the first is served: a synchronous peer (memory) may answer its
    // response with the next request from inside the first's handling.
    const inbound$: Observable<JSONRPCMessage | InvalidFrame | RequestFailure> =
      first === undefined
        ? rest
        : new Observable((subscriber) => {
            const later = rest.subscribe(subscriber);
            subscriber.next(first);
            return later;
          });
    const chosen = { ...transport, inbound$ };
    const modern =
      first !== undefined && isMessage(first) && server.serveModern !== undefined && isModernMessage(first);
    const served = modern
      ? serveModernStream(chosen, (request) => server.serveModern!(request, {}))
      : server.connect(chosen, options);
    connection.add(served);
    served.add(() => connection.unsubscribe());
  };
  connection.add(
    transport.inbound$.subscribe({
      next: (message) => (decided ? rest.next(message) : decide(message)),
      error: (error: unknown) => {
        if (!decided) decide(undefined);
        rest.error(error);
      },
      complete: () => {
        if (!decided) decide(undefined);
        rest.complete();
      },
    }),
  );
  return connection;
}
