import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { createInMemoryEventStore } from '../../lib/node/http/index.js';
import { DEFAULT_LIMITS } from '../../lib/server/limits.js';

const message = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { level: 'info', data: n },
});

function replayed(store: ReturnType<typeof createInMemoryEventStore>, lastEventId: string) {
  const sent: number[] = [];
  const streamId = store.replayEventsAfter(lastEventId, (_id, m) =>
    sent.push((m as unknown as { params: { data: number } }).params.data),
  );
  return streamId === undefined ? undefined : sent;
}

describe('limits: event-store size per stream', () => {
  it('keeps at most maxEventsPerStream events of one stream (default 100), oldest out first', () => {
    expect(DEFAULT_LIMITS.maxEventsPerStream).toBe(100);
    const store = createInMemoryEventStore({ maxEventsPerStream: 3, maxEvents: 1000 });
    const ids = [1, 2, 3, 4, 5].map((n) => store.storeEvent('busy', message(n)));
    // Resuming after an evicted event is refused, not silently short.
    expect(replayed(store, ids[0]!)).toBeUndefined();
    expect(replayed(store, ids[1]!)).toEqual([3, 4, 5]);
    expect(replayed(store, ids[3]!)).toEqual([5]);
  });

  it('so one busy stream cannot evict a quiet stream’s events', () => {
    const store = createInMemoryEventStore({ maxEventsPerStream: 10, maxEvents: 20 });
    const quiet = store.storeEvent('quiet');
    store.storeEvent('quiet', message(1));
    store.storeEvent('quiet', message(2));
    for (let n = 0; n < 10_000; n++) store.storeEvent('busy', message(n));
    expect(replayed(store, quiet)).toEqual([1, 2]);
  });

  it('applies the default to a store made without options', () => {
    const store = createInMemoryEventStore();
    const first = store.storeEvent('s', message(0));
    const second = store.storeEvent('s', message(1));
    // 102 events: the two oldest go, so resuming needs the first's successor, which is gone.
    for (let n = 2; n <= 101; n++) store.storeEvent('s', message(n));
    expect(replayed(store, first)).toBeUndefined();
    expect(replayed(store, second)).toHaveLength(100);
  });
});
