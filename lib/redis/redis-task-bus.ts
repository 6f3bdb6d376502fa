/**
 * @module
 * A {@link TaskBus} on Redis pub/sub: a cancellation or an input answer reaches the process
 * running the task, and every process hears the records it writes.
 */
import type { Redis } from 'ioredis';
import { mergeMap, type Observable } from 'rxjs';
import { parseTaskSignal, type TaskBus, type TaskSignal } from '../server/tasks/task-bus.js';
import { redisChannel } from './redis-channel.js';

/** Options of {@link createRedisTaskBus}. */
export interface RedisTaskBusOptions {
  /** The pub/sub channel; processes of one logical server share it. @defaultValue `'rxmcp:tasks'` */
  channel?: string;
  /** Told of every failed publish or subscription. @defaultValue `console.error` */
  onError?: (error: Error) => void;
}

/** A Redis {@link TaskBus}, whose listening connection can be held open. */
export interface RedisTaskBus extends TaskBus {
  /** Holds the listening connection open; resolves once Redis confirmed the subscription. */
  open(): Promise<() => void>;
}

/**
 * Creates a task bus publishing on `redis` and listening on a duplicate of it. A signal missed
 * while the listening connection is down is made up for by the runner: a cancellation nobody
 * answers is marked in the store after `cancelWaitMs`, and waiting for a task's end polls the
 * store as well.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * const bus = createRedisTaskBus(redis);
 * const release = await bus.open();
 * server.useSharedState({ tasks: { store: createRedisTaskStore(redis, asyncScheduler), bus } });
 */
export function createRedisTaskBus(redis: Redis, options: RedisTaskBusOptions = {}): RedisTaskBus {
  const report = options.onError ?? ((error: Error) => console.error(`rxmcp/redis task bus: ${error.message}`));
  const channel = redisChannel(redis, options.channel ?? 'rxmcp:tasks', report);
  const remote$: Observable<TaskSignal> = channel.news$.pipe(
    mergeMap((news) => {
      const signal = news.type === 'message' ? parseTaskSignal(news.payload) : undefined;
      return signal ? [signal] : [];
    }),
  );
  return {
    remote$,
    open: () => channel.open(),
    publish(signal) {
      channel
        .publish(signal)
        .catch((error: Error) => report(new Error(`publish of a task ${signal.type} signal failed: ${error.message}`)));
    },
  };
}
