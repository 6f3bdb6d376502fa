// A Streamable HTTP session on an event store that answers with promises (as the Redis one
// does), in virtual time: the store's answers come after scripted delays on the scheduler, and
// the store holds each event from the moment it is asked (as Redis does with the command), so
// a replay sees every event asked for before it. Writes wait for their ids and keep their order
// however the store answers; a resume queued behind pending stores gets each event once.
import { VirtualTimeScheduler } from 'rxjs';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import type { EventStore } from '../../../lib/server/http/event-store.js';
import type { HttpAnswer } from '../../../lib/server/http/http-answer.js';
import { createInMemoryEventStore } from '../../../lib/server/http/in-memory-event-store.js';
import { createStreamableSession, type StreamableSession } from '../../../lib/server/http/streamable-session.js';
import { relateToRequest } from '../../../lib/transport/related-request.js';
import { advanceTo } from '../../transport/http/fake-fetch.js';

const log = (data: string): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/message',
  params: { level: 'info', data },
});
const VERSION = '2025-11-25';

/** What a client read on one SSE answer: `[frame, id, data]` per event, and whether it ended. */
interface Reading {
  events: [number, string | undefined, string][];
  ended: boolean;
  answer: HttpAnswer;
}

function setup() {
  const scheduler = new VirtualTimeScheduler();
  const memory = createInMemoryEventStore();
  /** Frames each next answer takes (0 when none is scripted), and failures to give. */
  const delays: number[] = [];
  let failNext = 0;
  const later = <T>(value: T): Promise<T> =>
    new Promise((resolve, reject) => {
      const failing = failNext > 0 && failNext-- > 0;
      scheduler.schedule(() => (failing ? reject(new Error('store down')) : resolve(value)), delays.shift() ?? 0);
    });
  const store: EventStore = {
    storeEvent: (streamId, message) => later(memory.storeEvent(streamId, message)),
    replayEventsAfter: (lastEventId, send) => {
      const sent: [string, JSONRPCMessage][] = [];
      const streamId = memory.replayEventsAfter(lastEventId, (id, message) => sent.push([id, message]));
      return later(streamId).then((id) => {
        for (const [eventId, message] of sent) send(eventId, message);
        return id;
      });
    },
  };
  const session: StreamableSession = createStreamableSession({
    id: 'sess',
    eventStore: store,
    retryInterval: 1000,
    keepAliveInterval: 0,
    idleTimeout: 0,
    scheduler,
  });
  session.transport.inbound$.subscribe();
  const read = (answer: HttpAnswer): Reading => {
    const reading: Reading = { events: [], ended: false, answer };
    answer.stream?.attach({
      write: (chunk) => {
        for (const block of chunk.split('\n\n').filter(Boolean)) {
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          reading.events.push([scheduler.now(), id, data]);
        }
      },
      end: () => (reading.ended = true),
    });
    return reading;
  };
  const at = (frame: number, work: () => void) => scheduler.schedule(work, frame);
  return { scheduler, session, read, delays, at, fail: (n: number) => (failNext = n), memory };
}

/** Runs virtual time frame by frame up to `frame`, promises settling after each (so `now()` is each answer's frame). */
async function stepTo(scheduler: VirtualTimeScheduler, frame: number): Promise<void> {
  for (let f = Math.max(0, scheduler.frame); f <= frame; f++) await advanceTo(scheduler, f);
}

const dataOf = (reading: Reading) => reading.events.map(([, , data]) => data).filter((data) => data !== '');

describe('a session on an event store that answers with promises', () => {
  it('writes each event once its id is known, in the order sent, however the store answers', async () => {
    const { scheduler, session, read, delays } = setup();
    delays.push(1, 5, 1); // priming, A, B: B's id comes before A's
    const stream = read(session.openStandaloneStream(VERSION)!);
    session.transport.outbound.next(log('A'));
    session.transport.outbound.next(log('B'));
    await stepTo(scheduler, 10);
    expect(stream.events).toEqual([
      [1, 'sess~' + stream.events[0]![1]!.slice(5), ''],
      [5, expect.stringMatching(/_2$/), JSON.stringify(log('A'))],
      [5, expect.stringMatching(/_3$/), JSON.stringify(log('B'))],
    ]);
    expect(stream.events[0]![1]).toMatch(/^sess~[\w-]+\.0_1$/);
  });

  it("ends a request's stream with its response only after the events before it are written", async () => {
    const { scheduler, session, read, delays } = setup();
    delays.push(0, 4, 2); // priming, progress, response
    const answered = session.handleRequest(
      { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'x' } },
      VERSION,
    )!;
    session.transport.outbound.next(relateToRequest(log('working'), 7));
    session.transport.outbound.next(relateToRequest({ jsonrpc: '2.0', id: 7, result: { content: [] } }, 7));
    const stream = read(await answered);
    await stepTo(scheduler, 10);
    expect(stream.events.map(([frame, , data]) => [frame, data])).toEqual([
      [0, ''],
      [4, JSON.stringify(log('working'))],
      [4, JSON.stringify({ jsonrpc: '2.0', id: 7, result: { content: [] } })],
    ]);
    expect(stream.ended).toBe(true);
  });

  it('resumes behind pending stores: what they stored comes once in the replay, what follows once live', async () => {
    const { scheduler, session, read, delays, at } = setup();
    const first = read(session.openStandaloneStream(VERSION)!);
    session.transport.outbound.next(log('A'));
    await stepTo(scheduler, 1);
    const lastSeen = first.events.at(-1)![1]!;
    first.answer.stream!.cancel(); // the client lost the stream
    let second: Reading | undefined;
    at(2, () => {
      delays.push(10, 10); // B and C are stored now; their ids come at 12
      session.transport.outbound.next(log('B'));
      session.transport.outbound.next(log('C'));
    });
    at(3, () => {
      delays.push(2); // the replay, read now (B and C in it), answers at 5: it waits for B and C
      void Promise.resolve(session.resumeStream(lastSeen, VERSION)).then((answer) => (second = read(answer!)));
    });
    at(4, () => session.transport.outbound.next(log('D'))); // asked after the replay was read
    at(13, () => session.transport.outbound.next(log('E')));
    await stepTo(scheduler, 20);
    expect(dataOf(first)).toEqual([JSON.stringify(log('A'))]);
    expect(second!.events.map(([frame, , data]) => [frame, data])).toEqual([
      [12, JSON.stringify(log('B'))],
      [12, JSON.stringify(log('C'))],
      [12, JSON.stringify(log('D'))],
      [13, JSON.stringify(log('E'))],
    ]);
    const ids = second!.events.map(([, id]) => id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => id !== undefined)).toBe(true);
  });

  it('writes an event the store failed to keep without an id, and answers 503 when a replay fails', async () => {
    const { scheduler, session, read, fail } = setup();
    const stream = read(session.openStandaloneStream(VERSION)!);
    await stepTo(scheduler, 0);
    fail(1);
    session.transport.outbound.next(log('A'));
    session.transport.outbound.next(log('B'));
    await stepTo(scheduler, 1);
    expect(stream.events.slice(1).map(([, id, data]) => [id === undefined, data])).toEqual([
      [true, JSON.stringify(log('A'))],
      [false, JSON.stringify(log('B'))],
    ]);
    fail(1);
    const resumed = session.resumeStream(stream.events[0]![1]!, VERSION);
    await stepTo(scheduler, 2);
    expect((await resumed)?.status).toBe(503);
    // Another session's (or a malformed) id is refused without asking the store.
    expect(session.resumeStream('other~x.0_1', VERSION)).toBeUndefined();
  });
});
