/**
 * @module
 * Failing the requests in flight when an authorized WebSocket reconnects after an expired token
 * closed it: the server dropped them, so their answers will not come.
 */
import { Observable, type Observer } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { RequestId } from '../../protocol/jsonrpc.js';
import { messageOf } from '../../transport/related-request.js';
import type { Transport, TransportHealth } from '../../transport/transport.js';

/**
 * `transport` with `health$`, where the requests in flight when an expired token closed the
 * socket fail (kind `'transport'`) instead of waiting for answers that will not come: the server
 * dropped them, and whether they ran is unknown, so they are not sent again.
 *
 * @example
 * const transport = failInFlightOnReconnect(createWebSocketClientTransport(url, { WebSocket }), health$);
 */
export function failInFlightOnReconnect(transport: Transport, health$: Observable<TransportHealth>): Transport {
  const inFlight = new Set<RequestId>();
  const inbound$ = new Observable<Transport['inbound$'] extends Observable<infer T> ? T : never>((subscriber) => {
    const health = health$.subscribe((state) => {
      if (state.status !== 'reconnecting') return;
      const lost = [...inFlight];
      inFlight.clear();
      for (const id of lost)
        subscriber.next({
          kind: 'request-failed',
          id,
          error: new McpError('transport', `${state.error.message}; the request was not answered`, {
            cause: state.error,
          }),
        });
    });
    const messages = transport.inbound$.subscribe({
      next: (message) => {
        if ('id' in message && !('method' in message) && message.id !== null && message.id !== undefined)
          inFlight.delete(message.id);
        subscriber.next(message);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    return () => {
      health.unsubscribe();
      messages.unsubscribe();
    };
  });
  const outbound: Observer<Parameters<Transport['outbound']['next']>[0]> = {
    next: (message) => {
      const sent = messageOf(message);
      if ('method' in sent && 'id' in sent) inFlight.add(sent.id);
      transport.outbound.next(message);
    },
    error: (error: unknown) => transport.outbound.error(error),
    complete: () => transport.outbound.complete(),
  };
  return { ...transport, inbound$, outbound, health$ };
}
