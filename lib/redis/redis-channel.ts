/**
 * @module
 * A Redis pub/sub channel between processes: JSON messages tagged with their process of origin,
 * so each process hears only the others'.
 */
import type { Redis } from 'ioredis';
import { Observable, share } from 'rxjs';

/** What a {@link RedisChannel} hears. */
export type ChannelNews =
  /** A message another process published (parsed JSON). */
  | { readonly type: 'message'; readonly payload: unknown }
  /** The listening connection is back after a drop: messages published meanwhile were missed. */
  | { readonly type: 'reconnected' };

/** A pub/sub channel, its listening connection opened by the first subscriber of `news$`. */
export interface RedisChannel {
  /** What other processes published, and reconnections; hot, never errors. */
  readonly news$: Observable<ChannelNews>;
  /** Publishes `payload` (JSON) to the other processes; rejects when Redis did not take it. */
  publish(payload: unknown): Promise<void>;
  /** Holds the listening connection open; resolves once Redis confirmed the subscription. */
  open(): Promise<() => void>;
}

/**
 * Opens `channel` on `redis` (publishing) and a duplicate of it (listening, while `news$` has
 * subscribers); `report` is told of every error of the listening connection.
 *
 * @example
 * const channel = redisChannel(redis, 'rxmcp:tasks', console.error);
 * const release = await channel.open();
 * await channel.publish({ type: 'cancel', taskId });
 */
export function redisChannel(redis: Redis, channel: string, report: (error: Error) => void): RedisChannel {
  const origin = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(12)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  let subscribed: Promise<void> = Promise.resolve();

  const news$ = new Observable<ChannelNews>((subscriber) => {
    const connection = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true });
    let readyBefore = false;
    connection.on('error', (error: Error) => report(error));
    connection.on('ready', () => {
      if (readyBefore) subscriber.next({ type: 'reconnected' });
      readyBefore = true;
    });
    connection.on('message', (from: string, text: string) => {
      if (from !== channel) return;
      let envelope: { origin?: unknown; payload?: unknown };
      try {
        envelope = JSON.parse(text) as typeof envelope;
      } catch {
        return;
      }
      if (envelope.origin !== origin) subscriber.next({ type: 'message', payload: envelope.payload });
    });
    subscribed = connection.subscribe(channel).then(
      () => undefined,
      (error: Error) => report(error),
    );
    return () => connection.disconnect();
  }).pipe(share());

  return {
    news$,
    async publish(payload) {
      await redis.publish(channel, JSON.stringify({ origin, payload }));
    },
    async open() {
      const held = news$.subscribe();
      await subscribed;
      return () => held.unsubscribe();
    },
  };
}
