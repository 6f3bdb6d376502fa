/**
 * @module
 * A transport whose `inbound$` outlives the peer's end until the requests in flight are
 * answered: a server that reads its last request and then sees its input end (stdio at EOF)
 * still sends the responses, within a bounded time.
 */
import { cancelledRequestId } from '../protocol/cancellation.js';
import { asyncScheduler, Observable, type Observer, type SchedulerLike, Subscription } from 'rxjs';
import type { JSONRPCMessage, RequestId } from '../protocol/jsonrpc.js';
import { messageOf, type OutboundMessage } from './related-request.js';
import { isMessage, type InvalidFrame, type RequestFailure, type Transport } from './transport.js';

/** How long {@link drainOnEnd} waits by default, in milliseconds. */
export const DEFAULT_DRAIN_TIMEOUT = 5000;

/** Options of {@link drainOnEnd}. */
export interface DrainOptions {
  /**
   * The longest wait, in milliseconds, after the peer's end for the requests still in flight; 0
   * completes at once.
   *
   * @defaultValue {@link DEFAULT_DRAIN_TIMEOUT} (5 s)
   */
  timeout?: number;
  /**
   * Runs the drain timer.
   *
   * @defaultValue `asyncScheduler`
   */
  scheduler?: SchedulerLike;
}

/**
 * `transport`, with its `inbound$` completion held back while requests it delivered wait for a
 * response: it completes once the last one is answered (or cancelled by the peer), or when
 * `timeout` has passed, whichever comes first. Closing `outbound` ends the wait.
 *
 * @example
 * server.connect(drainOnEnd(createStdioServerTransport(), { timeout: 2000 }));
 */
export function drainOnEnd(transport: Transport, options: DrainOptions = {}): Transport {
  const timeout = options.timeout ?? DEFAULT_DRAIN_TIMEOUT;
  const scheduler = options.scheduler ?? asyncScheduler;
  const inflight = new Set<RequestId>();
  let closed = false;
  let finish: (() => void) | undefined;

  const settle = (id: unknown) => {
    if (inflight.delete(id as RequestId) && inflight.size === 0) finish?.();
  };

  const inbound$ = new Observable<JSONRPCMessage | InvalidFrame | RequestFailure>((subscriber) => {
    const waiting = new Subscription();
    const reading = transport.inbound$.subscribe({
      next: (message) => {
        if (isMessage(message) && 'method' in message) {
          if ('id' in message && message.id !== undefined && message.id !== null) inflight.add(message.id);
          else settle(cancelledRequestId(message));
        }
        subscriber.next(message);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        if (closed || inflight.size === 0 || timeout <= 0) return subscriber.complete();
        finish = () => subscriber.complete();
        waiting.add(scheduler.schedule(() => subscriber.complete(), timeout));
      },
    });
    return () => {
      finish = undefined;
      reading.unsubscribe();
      waiting.unsubscribe();
    };
  });

  const outbound: Observer<OutboundMessage> = {
    next: (value) => {
      transport.outbound.next(value);
      const message = messageOf(value);
      if (!('method' in message)) settle(message.id);
    },
    error: (error: unknown) => {
      closed = true;
      transport.outbound.error(error);
    },
    complete: () => {
      closed = true;
      transport.outbound.complete();
    },
  };

  return { ...transport, inbound$, outbound };
}
