/**
 * @module
 * A bounded in-memory event store, answering at once.
 */
import type { JSONRPCMessage, RequestId } from '../../protocol/jsonrpc.js';
import { DEFAULT_LIMITS } from '../../server/limits.js';
import type { SynchronousEventStore } from './event-store.js';

/** Options of {@link createInMemoryEventStore}. */
export interface InMemoryEventStoreOptions {
  /**
   * The most events kept over all streams; the oldest are evicted first. A client resuming
   * after an evicted event is refused rather than silently missing events.
   *
   * @defaultValue 1000
   */
  maxEvents?: number;
  /**
   * The most events kept per stream; a stream's oldest go first, so one busy stream cannot
   * evict every other stream's events.
   *
   * @defaultValue 100 (`DEFAULT_LIMITS.maxEventsPerStream`)
   */
  maxEventsPerStream?: number;
}

interface StoredEvent {
  readonly seq: number;
  readonly message: JSONRPCMessage;
}

interface StoredStream {
  /** The last sequence number handed out. */
  seq: number;
  /** The last evicted sequence number: a client can resume from it or later, not before. */
  floor: number;
  /** The kept messages, oldest first; created by the first one (a priming event is only a number). */
  events: StoredEvent[] | undefined;
  /** The requests its priming event named that have no stored response yet. */
  unanswered: RequestId[] | undefined;
}

/**
 * Creates an in-memory event store. Event ids are `<streamId>_<sequence>`. Priming events take a
 * sequence number but no room: they are never replayed, so only the number is kept (and the
 * requests they name, until their responses are stored).
 *
 * @example
 * const store = createInMemoryEventStore({ maxEvents: 100 });
 * const id = store.storeEvent('s1', { jsonrpc: '2.0', method: 'notifications/message', params });
 * store.replayEventsAfter(id, (eventId, message) => write(eventId, message)); // 's1', nothing sent
 */
export function createInMemoryEventStore(options: InMemoryEventStoreOptions = {}): SynchronousEventStore {
  const maxEvents = Math.max(1, options.maxEvents ?? 1000);
  const perStream = Math.max(1, options.maxEventsPerStream ?? DEFAULT_LIMITS.maxEventsPerStream);
  const streams = new Map<string, StoredStream>();
  /** Every stored message in arrival order (entries of deleted streams are skipped lazily). */
  let order: { streamId: string; seq: number }[] = [];
  let size = 0;

  const evictOldest = () => {
    while (order.length > 0) {
      const { streamId, seq } = order.shift()!;
      const stream = streams.get(streamId);
      if (stream?.events?.[0]?.seq === seq) {
        stream.events.shift();
        stream.floor = seq;
        size--;
        return;
      }
    }
  };

  return {
    storeEvent(streamId, message, requests) {
      let stream = streams.get(streamId);
      if (!stream) streams.set(streamId, (stream = { seq: 0, floor: 0, events: undefined, unanswered: undefined }));
      const seq = ++stream.seq;
      if (!message && requests) stream.unanswered = [...requests];
      if (message) {
        if (stream.unanswered && !('method' in message))
          stream.unanswered = stream.unanswered.filter((id) => id !== message.id);
        const events = (stream.events ??= []);
        events.push({ seq, message });
        order.push({ streamId, seq });
        size++;
        if (events.length > perStream) {
          // Its entry in `order` goes stale and is skipped by evictOldest.
          stream.floor = events.shift()!.seq;
          size--;
        }
        while (size > maxEvents) evictOldest();
        if (order.length > 2 * maxEvents)
          order = order.filter(({ streamId: s, seq: q }) => q >= (streams.get(s)?.events?.[0]?.seq ?? Infinity));
      }
      return `${streamId}_${seq}`;
    },

    replayEventsAfter(lastEventId, send) {
      const separator = lastEventId.lastIndexOf('_');
      if (separator <= 0) return undefined;
      const streamId = lastEventId.slice(0, separator);
      const lastSeq = Number(lastEventId.slice(separator + 1));
      const stream = streams.get(streamId);
      if (!stream || !Number.isInteger(lastSeq)) return undefined;
      if (lastSeq < stream.floor || lastSeq > stream.seq) return undefined;
      for (const event of stream.events ?? []) {
        if (event.seq > lastSeq) send(`${streamId}_${event.seq}`, event.message);
      }
      return streamId;
    },

    unansweredRequests(streamId) {
      const unanswered = streams.get(streamId)?.unanswered;
      return unanswered && [...unanswered];
    },

    deleteStream(streamId) {
      const stream = streams.get(streamId);
      if (!stream) return;
      size -= stream.events?.length ?? 0;
      streams.delete(streamId);
    },
  };
}
