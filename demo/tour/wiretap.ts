/**
 * A transport wrapper for the tour: passes every message through unchanged and reports it on
 * `wire$`, so the tour can show what actually crossed the wire (→ sent, ← received).
 */
import { Subject, tap } from 'rxjs';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { messageOf } from '../../lib/transport/related-request.js';
import { isMessage, type Transport } from '../../lib/transport/transport.js';

export interface WireEvent {
  direction: '→' | '←';
  /** The method of a request or notification; `undefined` for a response. */
  method: string | undefined;
  message: JSONRPCMessage;
}

/** Every message the wrapped transports send or receive. */
export const wire$ = new Subject<WireEvent>();

const methodOf = (message: object) =>
  'method' in message && typeof message.method === 'string' ? message.method : undefined;

/** `transport`, with its traffic reported on {@link wire$}. */
export function wiretap(transport: Transport): Transport {
  const { inbound$, outbound } = transport;
  return {
    ...transport,
    inbound$: inbound$.pipe(
      tap((message) => {
        if (isMessage(message)) wire$.next({ direction: '←', method: methodOf(message), message });
      }),
    ),
    outbound: {
      next: (value) => {
        const message = messageOf(value);
        wire$.next({ direction: '→', method: methodOf(message), message });
        outbound.next(value);
      },
      error: (error) => outbound.error(error),
      complete: () => outbound.complete(),
    },
  };
}
