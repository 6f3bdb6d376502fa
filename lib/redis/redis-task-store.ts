/**
 * @module
 * A {@link TaskStore} in Redis: a task created on one process is found, polled and listed on
 * every other.
 */
import type { Redis } from 'ioredis';
import { defer, from, map, type SchedulerLike } from 'rxjs';
import { TERMINAL_TASK_STATUSES } from '../protocol/tasks-extension.js';
import { taskPage, type TaskPage, type TaskRecord, type TaskStore } from '../server/tasks/task-store.js';

const TERMINAL = [...TERMINAL_TASK_STATUSES];

/**
 * Replaces the record at KEYS[1] with ARGV[1], keeping its expiry, only if it exists and its
 * status is none of ARGV[2..] (the terminal ones): atomic, so racing processes end a task once.
 */
const PUT_UNLESS_ENDED = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local status = cjson.decode(current)['status']
for i = 2, #ARGV do
  if status == ARGV[i] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return 1
`;

/** Options of {@link createRedisTaskStore}. */
export interface RedisTaskStoreOptions {
  /** The prefix of the store's Redis keys. @defaultValue `'rxmcp:tasks:'` */
  prefix?: string;
}

/**
 * Creates a task store keeping each record as JSON under `<prefix>task:<taskId>`, expiring with
 * its `ttlMs` (`PX`, so Redis drops it; a terminal record is never replaced), and its id in sorted sets by creation time — one for all
 * tasks, one per owner — for `list`. Times come from `scheduler` (give every process the same
 * clock: `asyncScheduler`, wall time). An expired record is never returned; ids of records Redis
 * has dropped leave the sorted sets when a listing meets them.
 *
 * @example
 * const redis = await connectRedis('redis://127.0.0.1:6379');
 * const server = new McpServer(info, { tasks: { store: createRedisTaskStore(redis, asyncScheduler) } });
 */
export function createRedisTaskStore(
  redis: Redis,
  scheduler: SchedulerLike,
  options: RedisTaskStoreOptions = {},
): TaskStore {
  const prefix = options.prefix ?? 'rxmcp:tasks:';
  const recordKey = (taskId: string) => `${prefix}task:${taskId}`;
  const indexKey = (owner: string | undefined) => (owner === undefined ? `${prefix}all` : `${prefix}owner:${owner}`);
  /** Milliseconds `record` has left; `undefined` for no expiry. */
  const left = (record: TaskRecord) =>
    record.ttlMs === null ? undefined : record.createdAt + record.ttlMs - scheduler.now();
  const parse = (text: string | null): TaskRecord | undefined => {
    if (text === null) return undefined;
    const record = JSON.parse(text) as TaskRecord;
    const remaining = left(record);
    return remaining === undefined || remaining > 0 ? record : undefined;
  };

  return {
    create: (record) =>
      defer(async () => {
        const remaining = left(record);
        if (remaining !== undefined && remaining <= 0) return; // expired already: never to be found
        const transaction = redis.multi();
        if (remaining === undefined) transaction.set(recordKey(record.taskId), JSON.stringify(record));
        else transaction.set(recordKey(record.taskId), JSON.stringify(record), 'PX', Math.ceil(remaining));
        transaction.zadd(indexKey(undefined), String(record.createdAt), record.taskId);
        if (record.owner !== undefined)
          transaction.zadd(indexKey(record.owner), String(record.createdAt), record.taskId);
        const results = await transaction.exec();
        const failed = results?.find(([error]) => error)?.[0];
        if (!results || failed) throw failed ?? new Error('the task was not stored (transaction discarded)');
      }),

    get: (taskId) => from(redis.get(recordKey(taskId))).pipe(map(parse)),

    put: (record) =>
      defer(async () => {
        await redis.eval(PUT_UNLESS_ENDED, 1, recordKey(record.taskId), JSON.stringify(record), ...TERMINAL);
      }),

    list: (owner, cursor, pageSize) =>
      defer(async (): Promise<TaskPage> => {
        const index = indexKey(owner);
        const ids = await redis.zrange(index, '0', '-1');
        const texts = ids.length === 0 ? [] : await redis.mget(ids.map(recordKey));
        const gone = ids.filter((_, i) => texts[i] === null);
        if (gone.length > 0) await redis.zrem(index, ...gone);
        return taskPage(texts.map(parse), owner, cursor, pageSize);
      }),
  };
}
