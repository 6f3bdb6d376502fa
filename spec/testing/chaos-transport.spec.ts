import { McpError } from '../../lib/protocol/errors.js';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import {
  createChaosTransport,
  createMcpTestScheduler,
  notification,
  type ChaosTransportFault,
  type ChaosTransportOptions,
} from '../../lib/testing/index.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const a = notification('a');
const b = notification('b');
const c = notification('c');
const values = { a, b, c };
const cutError = new McpError('transport', 'cut');

/** A chaos transport over a memory pair; `peer` plays the other side. */
function chaosPair(options: ChaosTransportOptions) {
  const [local, peer] = createMemoryTransportPair();
  return { transport: createChaosTransport(local, options), peer };
}

describe('createChaosTransport', () => {
  it('drops inbound messages', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const { transport, peer } = chaosPair({ drop: 1, direction: 'inbound' });
      cold('-a-b-c', values).subscribe((message) => peer.outbound.next(message));
      expectObservable(transport.inbound$).toBe('------');
    });
  });

  it('duplicates outbound messages and leaves inbound ones alone', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const { transport, peer } = chaosPair({ duplicate: 1, direction: 'outbound' });
      cold('-a----b', values).subscribe((message) => transport.outbound.next(message));
      cold('--c', values).subscribe((message) => peer.outbound.next(message));
      expectObservable(peer.inbound$).toBe('-(aa)-(bb)', values);
      expectObservable(transport.inbound$).toBe('--c', values);
    });
  });

  it('reorders messages', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const { transport, peer } = chaosPair({ reorder: 1 });
      cold('-a-b-c', values).subscribe((message) => peer.outbound.next(message));
      expectObservable(transport.inbound$).toBe('---(ba)', values);
    });
  });

  it('delays messages both ways on the scheduler', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const { transport, peer } = chaosPair({ delay: 2 });
      cold('a-b', values).subscribe((message) => peer.outbound.next(message));
      cold('-c', values).subscribe((message) => transport.outbound.next(message));
      expectObservable(transport.inbound$).toBe('--a-b', values);
      expectObservable(peer.inbound$).toBe('---c', values);
    });
  });

  it('cuts the connection after a number of messages: both sides fail, later messages are lost', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const { transport, peer } = chaosPair({ cutAfter: 2 });
      const sent: JSONRPCMessage[] = [];
      cold('-a---c', values).subscribe((message) => peer.outbound.next(message));
      cold('--b--c', values).subscribe((message) => transport.outbound.next(message));
      peer.inbound$.subscribe({
        next: (message) => sent.push(message as JSONRPCMessage),
        error: () => sent.push(notification('peer failed')),
      });
      expectObservable(transport.inbound$).toBe('-a#', values, cutError);
      cold('------|').subscribe({ complete: () => expect(sent).toEqual([b, notification('peer failed')]) });
    });
  });

  it('cuts the connection at a time after it is opened', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const { transport, peer } = chaosPair({ cutAt: 3 });
      cold('-a---b', values).subscribe((message) => peer.outbound.next(message));
      expectObservable(transport.inbound$).toBe('-a-#', values, cutError);
      expectObservable(transport.inbound$, '-----^').toBe('-----#', undefined, cutError);
    });
  });

  it('injects the same faults for the same seed, each direction from its own stream', () => {
    const faultsOf = (seed: number, direction: ChaosTransportOptions['direction']) => {
      const faults: string[] = [];
      scheduler().run(({ flush }) => {
        const { transport, peer } = chaosPair({
          seed,
          direction,
          drop: 0.3,
          duplicate: 0.3,
          reorder: 0.3,
          delay: { min: 0, max: 3 },
          onFault: (f: ChaosTransportFault) =>
            faults.push(
              f.kind === 'cut' ? 'cut' : `${f.direction} ${f.kind} ${(f.value as { method: string }).method}`,
            ),
        });
        transport.inbound$.subscribe();
        peer.inbound$.subscribe();
        for (let n = 0; n < 50; n++) {
          peer.outbound.next(notification(`in${n}`));
          transport.outbound.next(notification(`out${n}`));
        }
        flush();
      });
      return faults;
    };
    const both = faultsOf(9, 'both');
    expect(faultsOf(9, 'both')).toEqual(both);
    expect(faultsOf(10, 'both')).not.toEqual(both);
    expect(faultsOf(9, 'inbound')).toEqual(both.filter((fault) => fault.startsWith('inbound')));
    expect(both.some((fault) => fault.startsWith('outbound'))).toBe(true);
  });

  it('keeps the wrapped transport info', () => {
    const [local] = createMemoryTransportPair();
    const info = { sessionId: 'abc' };
    expect(createChaosTransport({ ...local, info }).info).toBe(info);
  });
});
