/**
 * @module
 * An {@link EventStore} on Redis Streams: the SSE events of every process in one place, so a
 * stream can be resumed on any process, even after the one that wrote it died.
 */
import type { Redis } from 'ioredis';
import type { JSONRPCMessage, RequestId } from '../protocol/jsonrpc.js';
import type { EventStore } from '../server/http/event-store.js';

/** Options of {@link createRedisEventStore}. */
export interface RedisEventStoreOptions {
  /** The prefix of each SSE stream's Redis key. @defaultValue `'rxmcp:sse:'` */
  prefix?: string;
  /**
   * The most events kept per stream (`XADD MAXLEN ~`: Redis trims whole blocks, so a few more may
   * stay). A client resuming after a trimmed event is refused rather than missing events.
   *
   * @defaultValue 1000
   */
  maxEventsPerStream?: number;
  /** Milliseconds a stream is kept after its last event. @defaultValue 3 600 000 (an hour) */
  ttl?: number;
}

/** Entry ids of Redis Streams: `<milliseconds>-<sequence>`. */
const ENTRY_ID = /^\d+-\d+$/;
type Entry = [id: string, fields: string[]];

/** The value of field `name` of an entry (fields and values alternate). */
const fieldOf = (fields: string[], name: string): string | undefined => {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
};

/**
 * Creates a store keeping each SSE stream in a Redis Stream `<prefix><streamId>`: one entry per
 * event (`XADD`, bounded by `MAXLEN`, the key's expiry pushed back by `ttl` each time), the
 * priming event an entry without a message (for a request's stream, field `q` names the
 * requests it answers). Event ids are `<streamId>_<entryId>`; a replay reads
 * the entries after it (`XRANGE`) and is refused when the entry it names is gone (trimmed or
 * expired), since events after it may be gone too. Every call answers with a promise: an event is
 * written to its stream once Redis holds it.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * await serveMcp(server, { eventStore: createRedisEventStore(redis, { ttl: 10 * 60_000 }) });
 */
export function createRedisEventStore(redis: Redis, options: RedisEventStoreOptions = {}): EventStore {
  const prefix = options.prefix ?? 'rxmcp:sse:';
  const maxLength = Math.max(1, options.maxEventsPerStream ?? 1000);
  const ttl = Math.max(1, options.ttl ?? 3_600_000);

  return {
    async storeEvent(streamId, message, requests) {
      const key = prefix + streamId;
      const fields = ['m', message ? JSON.stringify(message) : ''];
      if (!message && requests) fields.push('q', JSON.stringify(requests));
      const results = await redis
        .multi()
        .xadd(key, 'MAXLEN', '~', maxLength, '*', ...fields)
        .pexpire(key, ttl)
        .exec();
      const [error, entryId] = results?.[0] ?? [new Error('the transaction was discarded'), null];
      if (error || typeof entryId !== 'string') throw error ?? new Error('XADD gave no id');
      return `${streamId}_${entryId}`;
    },

    async replayEventsAfter(lastEventId, send) {
      const separator = lastEventId.lastIndexOf('_');
      const streamId = lastEventId.slice(0, separator);
      const entryId = lastEventId.slice(separator + 1);
      if (separator <= 0 || !ENTRY_ID.test(entryId)) return undefined;
      const entries = (await redis.xrange(prefix + streamId, entryId, '+')) as Entry[];
      if (entries[0]?.[0] !== entryId) return undefined;
      for (const [id, fields] of entries.slice(1)) {
        const text = fields[fields.indexOf('m') + 1];
        if (!text) continue; // a priming event
        send(`${streamId}_${id}`, JSON.parse(text) as JSONRPCMessage);
      }
      return streamId;
    },

    async unansweredRequests(streamId) {
      const entries = (await redis.xrange(prefix + streamId, '-', '+')) as Entry[];
      // The priming entry comes first, unless trimmed away (then the requests are unknown).
      const named = entries[0] && fieldOf(entries[0][1], 'q');
      if (!named) return undefined;
      let unanswered = JSON.parse(named) as RequestId[];
      for (const [, fields] of entries) {
        const text = fieldOf(fields, 'm');
        const message = text ? (JSON.parse(text) as JSONRPCMessage) : undefined;
        if (message && !('method' in message)) unanswered = unanswered.filter((id) => id !== message.id);
      }
      return unanswered;
    },

    async deleteStream(streamId) {
      await redis.del(prefix + streamId);
    },
  };
}
