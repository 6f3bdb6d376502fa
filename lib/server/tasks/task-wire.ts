/**
 * @module
 * Task records on the wire: the flat `Task` of the 2026-07-28 extension (SEP-2663), its detailed
 * form for `tasks/get`, and the `Task` of 2025-11-25's experimental tasks.
 */
import type { DetailedTask, ExtensionTask } from '../../protocol/tasks-extension.js';
import type { Task } from '../../protocol/tasks.js';
import type { TaskRecord } from './task-store.js';

const iso = (time: number) => new Date(time).toISOString();

/**
 * The extension's `Task` of a record (what `CreateTaskResult` carries next to `resultType: "task"`).
 *
 * @example
 * extensionTask(record); // { taskId, status: 'working', createdAt: '…', lastUpdatedAt: '…', ttlMs: 3600000, pollIntervalMs: 500 }
 */
export function extensionTask(record: TaskRecord): ExtensionTask {
  const task: ExtensionTask = {
    taskId: record.taskId,
    status: record.status,
    createdAt: iso(record.createdAt),
    lastUpdatedAt: iso(record.lastUpdatedAt),
    ttlMs: record.ttlMs,
  };
  if (record.statusMessage !== undefined) task.statusMessage = record.statusMessage;
  if (record.pollIntervalMs !== undefined) task.pollIntervalMs = record.pollIntervalMs;
  return task;
}

/**
 * `tasks/get`'s answer: the task, with its result (`completed`), error (`failed`) or outstanding
 * input requests (`input_required`).
 *
 * @example
 * detailedTask(record).result; // the CallToolResult, once completed
 */
export function detailedTask(record: TaskRecord): DetailedTask {
  const task: DetailedTask = extensionTask(record);
  if (record.status === 'completed' && record.result) task.result = record.result;
  if (record.status === 'failed' && record.error) task.error = record.error;
  if (record.status === 'input_required') task.inputRequests = { ...record.inputRequests };
  return task;
}

/**
 * The 2025-11-25 experimental `Task` of a record (`ttl`, `pollInterval`).
 *
 * @example
 * legacyTask(record); // { taskId, status, createdAt, lastUpdatedAt, ttl: 3600000, pollInterval: 500 }
 */
export function legacyTask(record: TaskRecord): Task {
  const task: Task = {
    taskId: record.taskId,
    status: record.status,
    createdAt: iso(record.createdAt),
    lastUpdatedAt: iso(record.lastUpdatedAt),
    ttl: record.ttlMs,
  };
  if (record.statusMessage !== undefined) task.statusMessage = record.statusMessage;
  if (record.pollIntervalMs !== undefined) task.pollInterval = record.pollIntervalMs;
  return task;
}
