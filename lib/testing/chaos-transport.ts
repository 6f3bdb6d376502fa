/**
 * @module
 * A transport wrapper that injects network faults both ways: lost, duplicated, reordered and
 * delayed messages, and a cut connection. Reproducible for a given seed.
 */
import {
  asyncScheduler,
  identity,
  type MonoTypeOperatorFunction,
  Observable,
  type Observer,
  Subject,
  type Subscription,
} from 'rxjs';
import { McpError } from '../protocol/errors.js';
import type { JSONRPCMessage } from '../protocol/jsonrpc.js';
import type { OutboundMessage } from '../transport/related-request.js';
import type { InvalidFrame, RequestFailure, Transport } from '../transport/transport.js';
import { chaos, type ChaosFault, type ChaosOptions } from './chaos.js';

/** A fault {@link createChaosTransport} injected. */
export type ChaosTransportFault =
  | (ChaosFault<JSONRPCMessage | InvalidFrame | RequestFailure | OutboundMessage> & {
      direction: 'inbound' | 'outbound';
    })
  | { kind: 'cut'; error: McpError };

/** Options of {@link createChaosTransport}: {@link ChaosOptions} for each faulty direction, plus cuts. */
export interface ChaosTransportOptions extends Omit<ChaosOptions, 'onFault'> {
  /** Which directions get drops, duplicates, reorders and delays. @defaultValue 'both' */
  direction?: 'both' | 'inbound' | 'outbound';
  /** Cut the connection once this many messages (both directions) have got through. @defaultValue never */
  cutAfter?: number;
  /** Cut the connection this many milliseconds after `inbound$` is subscribed. @defaultValue never */
  cutAt?: number;
  /** Called with each fault as it is injected. */
  onFault?: (fault: ChaosTransportFault) => void;
}

/**
 * Wraps `transport` so that messages in either direction are dropped, duplicated, reordered and
 * delayed with the given probabilities, on `scheduler`, and the connection may be cut. The
 * inbound direction draws from `seed`, the outbound one from a seed derived from it, so the
 * faults of each direction depend only on the seed and the messages' order in that direction.
 *
 * A cut is what a reset connection looks like: `inbound$` errors with an `McpError` of kind
 * `'transport'`, the wrapped transport's `outbound.error` is called with it (its peer sees the
 * failure), and whatever is sent afterwards, or was still delayed, is lost.
 *
 * @example
 * createMcpTestScheduler().run(() => {
 *   const [clientSide, serverSide] = createMemoryTransportPair();
 *   server.connect(serverSide);
 *   const client = new McpClient(() => createChaosTransport(clientSide, { seed: 3, drop: 0.2, delay: { min: 0, max: 50 } }), { timeout: 1_000 });
 *   // every call settles: a result, or an McpError of kind 'timeout', 'closed' or 'transport'
 * });
 */
export function createChaosTransport(transport: Transport, options: ChaosTransportOptions = {}): Transport {
  const { direction = 'both', cutAfter, cutAt, onFault, ...faults } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const seed = options.seed ?? 1;
  const faultsOf = <T extends JSONRPCMessage | InvalidFrame | RequestFailure | OutboundMessage>(
    side: 'inbound' | 'outbound',
  ): MonoTypeOperatorFunction<T> =>
    direction !== 'both' && direction !== side
      ? identity
      : chaos<T>({
          ...faults,
          scheduler,
          seed: side === 'inbound' ? seed : (seed ^ 0x9e3779b9) >>> 0,
          onFault: (fault) => onFault?.({ ...fault, direction: side }),
        });

  let cutError: McpError | undefined;
  const cutListeners = new Set<(error: McpError) => void>();
  let passed = 0;
  let outbound: Subject<OutboundMessage> | undefined;
  let outboundSubscription: Subscription | undefined;

  const cut = () => {
    if (cutError) return;
    const error = new McpError('transport', 'Connection cut (chaos)');
    cutError = error;
    onFault?.({ kind: 'cut', error });
    outboundSubscription?.unsubscribe();
    try {
      transport.outbound.error(error);
    } catch {
      // Already closed.
    }
    for (const listener of [...cutListeners]) listener(error);
  };
  const counted = () => {
    passed++;
    if (cutAfter !== undefined && passed >= cutAfter) cut();
  };
  const outboundSide = (): Subject<OutboundMessage> => {
    if (!outbound) {
      outbound = new Subject<OutboundMessage>();
      outboundSubscription = outbound.pipe(faultsOf<OutboundMessage>('outbound')).subscribe({
        next: (message) => {
          transport.outbound.next(message);
          counted();
        },
        error: (error: unknown) => transport.outbound.error(error),
        complete: () => transport.outbound.complete(),
      });
    }
    return outbound;
  };

  const inbound$ = new Observable<JSONRPCMessage | InvalidFrame | RequestFailure>((subscriber) => {
    if (cutError) {
      subscriber.error(cutError);
      return;
    }
    const onCut = (error: McpError) => subscriber.error(error);
    cutListeners.add(onCut);
    const timer = cutAt === undefined ? undefined : scheduler.schedule(cut, cutAt);
    const subscription = transport.inbound$
      .pipe(faultsOf<JSONRPCMessage | InvalidFrame | RequestFailure>('inbound'))
      .subscribe({
        next: (message) => {
          subscriber.next(message);
          counted();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    return () => {
      cutListeners.delete(onCut);
      timer?.unsubscribe();
      subscription.unsubscribe();
    };
  });

  const sink: Observer<OutboundMessage> = {
    next: (message) => {
      if (!cutError) outboundSide().next(message);
    },
    error: (error: unknown) => {
      if (!cutError) outboundSide().error(error);
    },
    complete: () => {
      if (!cutError) outboundSide().complete();
    },
  };
  return transport.info ? { inbound$, outbound: sink, info: transport.info } : { inbound$, outbound: sink };
}
