import { TestScheduler } from 'rxjs/testing';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { drainOnEnd } from '../../lib/transport/drain-on-end.js';
import type { OutboundMessage } from '../../lib/transport/related-request.js';
import type { Transport } from '../../lib/transport/transport.js';

const req = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'slow' } });
const res = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: {} });
const cancelled = (id: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/cancelled',
  params: { requestId: id },
});

describe('drainOnEnd', () => {
  const run = (
    inbound: string,
    replies: Record<string, OutboundMessage>,
    replyMarbles: string,
    expected: string,
    timeout = 5,
  ) => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, hot, expectObservable }) => {
      const sent: JSONRPCMessage[] = [];
      const values = {
        a: req(1),
        b: req(2),
        c: cancelled(2),
        n: { jsonrpc: '2.0', method: 'notifications/initialized' } as JSONRPCMessage,
      };
      const inner: Transport = {
        inbound$: hot(inbound, values),
        outbound: {
          next: (message) => sent.push(message as JSONRPCMessage),
          error: () => undefined,
          complete: () => undefined,
        },
      };
      const drained = drainOnEnd(inner, { timeout });
      cold(replyMarbles, replies).subscribe((message) => drained.outbound.next(message));
      expectObservable(drained.inbound$).toBe(expected, values);
    });
  };

  it('completes at once when nothing is in flight', () => {
    run('-n-|', {}, '', '-n-|');
  });

  it('waits for the requests in flight at the end, then completes right after the last response', () => {
    run('-ab|', { x: res(1), y: res(2) }, '-----x--y', '-ab-----|');
  });

  it('completes after the timeout when a request is still unanswered', () => {
    run('-ab|', { x: res(1) }, '----x', '-ab------|', 6);
  });

  it('does not wait for a request the client cancelled, nor for notifications', () => {
    run('-abnc|', { x: res(1) }, '-------x', '-abnc--|');
  });

  it('counts a wrapped (related) response too, and does not drain with a timeout of 0', () => {
    run('-a|', { x: { kind: 'related', message: res(1), requestId: 1 } }, '----x', '-a|', 0);
    run(
      '-a|',
      {
        x: {
          kind: 'related',
          message: { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } },
          requestId: 1,
        },
      },
      '---x',
      '-a-----|',
      5,
    );
  });

  it('completes at once when the transport is closed from our side', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ hot, expectObservable, cold }) => {
      const inner: Transport = {
        inbound$: hot('-a---|', { a: req(1) }),
        outbound: { next: () => undefined, error: () => undefined, complete: () => undefined },
      };
      const drained = drainOnEnd(inner, { timeout: 100 });
      cold('---x').subscribe(() => drained.outbound.complete());
      expectObservable(drained.inbound$).toBe('-a---|', { a: req(1) });
    });
  });
});
