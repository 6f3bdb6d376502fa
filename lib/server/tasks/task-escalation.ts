/**
 * @module
 * The mark of a tool result that asks the server to continue as a task (made by `runAsTask`).
 * A registered symbol, so two copies of rxmcp in one process agree on it.
 */
const ESCALATION = Symbol.for('rxmcp.runAsTask');

/** The `_meta` key a task's handler context carries (its `taskId`), as in 2025-11-25. */
export const RELATED_TASK_META = 'io.modelcontextprotocol/related-task';

/** A tool result that asks the server to run `continuation` as a task. */
export interface TaskEscalation<W = unknown> {
  readonly content: [];
  readonly [ESCALATION]: W;
}

/**
 * The result that hands `work` over to run as a task.
 *
 * @example
 * escalation(() => 'done'); // { content: [] } carrying the work
 */
export function escalation<W>(work: W): TaskEscalation<W> {
  return { content: [], [ESCALATION]: work };
}

/**
 * The continuation a result asks to run as a task, if it is one `runAsTask` made.
 *
 * @example
 * taskContinuationOf({ content: [] }); // undefined: an ordinary result
 */
export function taskContinuationOf<W = unknown>(result: unknown): W | undefined {
  return typeof result === 'object' && result !== null ? (result as Partial<TaskEscalation<W>>)[ESCALATION] : undefined;
}
