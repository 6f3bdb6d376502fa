/**
 * @module
 * An {@link EventBus} on Redis pub/sub: what one process publishes reaches the
 * `subscriptions/listen` streams of every process on the same channel.
 */
import type { Redis } from 'ioredis';
import { merge, mergeMap, type Observable, Subject } from 'rxjs';
import type { EventBus, ServerEvent } from '../server/modern/event-bus.js';
import { redisChannel } from './redis-channel.js';

/** Options of {@link createRedisEventBus}. */
export interface RedisEventBusOptions {
  /** The pub/sub channel; processes of one logical server share it. @defaultValue `'rxmcp:events'` */
  channel?: string;
  /** Told of every failed publish or subscription (the event did not reach other processes). @defaultValue `console.error` */
  onError?: (error: Error) => void;
}

/** A Redis {@link EventBus}, whose listening connection can be held open. */
export interface RedisEventBus extends EventBus {
  /**
   * Holds the listening connection open (otherwise it opens with the first listen stream, and an
   * event published before its subscription is confirmed is not heard); resolves once Redis has
   * confirmed the subscription, with a function that lets go of it.
   */
  open(): Promise<() => void>;
  /** Only what other processes published (and the re-list announcements after a reconnect). Hot, never errors. */
  readonly remote$: Observable<ServerEvent>;
}

const KINDS = new Set(['tools', 'resources', 'prompts']);

/** The event in a message of the channel, or `undefined` if it is not one. */
function parseEvent(event: unknown): ServerEvent | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { type, kind, uri } = event as Record<string, unknown>;
  if (type === 'list_changed' && typeof kind === 'string' && KINDS.has(kind)) return { type, kind: kind as 'tools' };
  if (type === 'resource_updated' && typeof uri === 'string') return { type, uri };
  return undefined;
}

/**
 * Creates a bus that publishes on `redis` and listens on a duplicate of it, opened when the first
 * subscriber comes and closed when the last leaves. Local subscribers hear a local publish at
 * once (even while Redis is down); other processes hear it through the channel. After the
 * listening connection comes back from a drop, it announces every list as changed, since events
 * published meanwhile were not heard (clients re-list; missed resource updates are reported
 * by the publishing process's `onError`).
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * const server = new McpServer(info, { eventBus: createRedisEventBus(redis) });
 */
export function createRedisEventBus(redis: Redis, options: RedisEventBusOptions = {}): RedisEventBus {
  const report = options.onError ?? ((error: Error) => console.error(`rxmcp/redis event bus: ${error.message}`));
  const channel = redisChannel(redis, options.channel ?? 'rxmcp:events', report);
  const local = new Subject<ServerEvent>();
  const remote$ = channel.news$.pipe(
    mergeMap((news): ServerEvent[] => {
      if (news.type === 'reconnected')
        return [...KINDS].map((kind) => ({ type: 'list_changed', kind: kind as 'tools' }));
      const event = parseEvent(news.payload);
      return event ? [event] : [];
    }),
  );
  return {
    events$: merge(local, remote$),
    remote$,
    open: () => channel.open(),
    publish(event) {
      local.next(event);
      channel
        .publish(event)
        .catch((error: Error) => report(new Error(`publish of ${JSON.stringify(event)} failed: ${error.message}`)));
    },
  };
}
