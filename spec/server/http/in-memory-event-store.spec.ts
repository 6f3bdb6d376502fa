import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { createInMemoryEventStore } from '../../../lib/server/http/index.js';

const message = (n: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { level: 'info', data: n },
});

function replay(store: ReturnType<typeof createInMemoryEventStore>, lastEventId: string) {
  const sent: [string, JSONRPCMessage][] = [];
  const streamId = store.replayEventsAfter(lastEventId, (id, m) => sent.push([id, m]));
  return { streamId, sent };
}

describe('createInMemoryEventStore', () => {
  it('replays only the events of the same stream after the given id, skipping priming events', () => {
    const store = createInMemoryEventStore();
    const priming = store.storeEvent('a');
    const a1 = store.storeEvent('a', message(1));
    store.storeEvent('b', message(100));
    const a2 = store.storeEvent('a', message(2));
    expect(replay(store, priming)).toEqual({
      streamId: 'a',
      sent: [
        [a1, message(1)],
        [a2, message(2)],
      ],
    });
    expect(replay(store, a1)).toEqual({ streamId: 'a', sent: [[a2, message(2)]] });
    expect(replay(store, a2)).toEqual({ streamId: 'a', sent: [] });
  });

  it('encodes the stream in the id, even for stream ids containing underscores', () => {
    const store = createInMemoryEventStore();
    const id = store.storeEvent('x_y.1', message(1));
    store.storeEvent('x_y.1', message(2));
    expect(replay(store, id).streamId).toBe('x_y.1');
  });

  it('refuses unknown ids and resumption across evicted events, and stays bounded', () => {
    const store = createInMemoryEventStore({ maxEvents: 3 });
    const ids = [1, 2, 3, 4, 5].map((n) => store.storeEvent('s', message(n)));
    expect(replay(store, 'nope').streamId).toBeUndefined();
    expect(replay(store, 's_99').streamId).toBeUndefined();
    expect(replay(store, ids[0]!)).toEqual({ streamId: undefined, sent: [] }); // event 2 is gone
    expect(replay(store, ids[1]!).sent.map(([, m]) => m)).toEqual([message(3), message(4), message(5)]);
  });

  it('forgets deleted streams and frees their room', () => {
    const store = createInMemoryEventStore({ maxEvents: 2 });
    const a = store.storeEvent('a', message(1));
    store.deleteStream!('a');
    expect(replay(store, a).streamId).toBeUndefined();
    const b1 = store.storeEvent('b', message(1));
    store.storeEvent('b', message(2));
    expect(replay(store, b1).sent).toHaveLength(1);
    for (let i = 0; i < 50; i++) {
      store.storeEvent(`t${i}`, message(i));
      store.deleteStream!(`t${i}`);
    }
    expect(replay(store, b1).sent).toHaveLength(1);
  });

  it('gives priming events an id but no room: they never push a message out', () => {
    const store = createInMemoryEventStore({ maxEvents: 1 });
    const priming = store.storeEvent('a');
    const a1 = store.storeEvent('a', message(1));
    store.storeEvent('b');
    store.storeEvent('c');
    expect(replay(store, priming)).toEqual({ streamId: 'a', sent: [[a1, message(1)]] });
    const a2 = store.storeEvent('a', message(2)); // evicts a1
    expect(replay(store, priming).streamId).toBeUndefined();
    expect(replay(store, a1)).toEqual({ streamId: 'a', sent: [[a2, message(2)]] });
  });
});
