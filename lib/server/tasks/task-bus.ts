/**
 * @module
 * The task bus: what the processes serving one logical server tell each other about tasks — a
 * record written by the process running the task (for status notifications everywhere), and the
 * cancellations and input answers that must reach the process running it. Redis is one such bus
 * (`createRedisTaskBus` in `rxmcp/redis`); without a bus a server's tasks are its own.
 */
import type { Observable } from 'rxjs';
import { TaskStatusSchema } from '../../protocol/tasks.js';
import type { TaskRecord, TaskStore } from './task-store.js';

/** One message of a {@link TaskBus}. */
export type TaskSignal =
  /** The process running a task wrote this record (it is in the store too). */
  | { readonly type: 'changed'; readonly record: TaskRecord }
  /** A client cancelled `taskId` (its owner checked): the process running it stops the work. */
  | { readonly type: 'cancel'; readonly taskId: string }
  /** A client answered input requests of `taskId` (`tasks/update`): for the process running it. */
  | { readonly type: 'update'; readonly taskId: string; readonly responses: Readonly<Record<string, unknown>> };

/**
 * Publish/subscribe of {@link TaskSignal}s between processes.
 *
 * @example
 * const bus: TaskBus = createRedisTaskBus(redis);
 * bus.remote$.subscribe((signal) => console.log(signal.type));
 * bus.publish({ type: 'cancel', taskId });
 */
export interface TaskBus {
  /** Sends `signal` to every other process on the bus (not to this one). */
  publish(signal: TaskSignal): void;
  /** What other processes published, from now on; hot, never errors. */
  readonly remote$: Observable<TaskSignal>;
}

/**
 * The tasks part of a server's shared state: the store every process reads and writes, and the
 * bus between them. See `McpServer.useSharedState` for when a server takes them.
 */
export interface SharedTasks {
  readonly store?: TaskStore;
  readonly bus?: TaskBus;
}

/**
 * The signal in `value` (a parsed bus message), or `undefined` if it is not one.
 *
 * @example
 * parseTaskSignal(JSON.parse(text)); // { type: 'cancel', taskId: 't1' }
 */
export function parseTaskSignal(value: unknown): TaskSignal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, taskId, record, responses } = value as Record<string, unknown>;
  if (type === 'cancel' && typeof taskId === 'string') return { type, taskId };
  if (type === 'update' && typeof taskId === 'string' && typeof responses === 'object' && responses !== null)
    return { type, taskId, responses: responses as Record<string, unknown> };
  if (type !== 'changed' || typeof record !== 'object' || record === null) return undefined;
  const { taskId: id, status, createdAt, lastUpdatedAt } = record as Record<string, unknown>;
  const valid =
    typeof id === 'string' &&
    TaskStatusSchema.safeParse(status).success &&
    typeof createdAt === 'number' &&
    typeof lastUpdatedAt === 'number';
  return valid ? { type, record: record as TaskRecord } : undefined;
}
