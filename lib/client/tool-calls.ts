/**
 * @module
 * How `McpClient` calls tools: one {@link ToolCatalog} per session (fed by every full tool
 * list, emptied by `notifications/tools/list_changed`), a tool looked up before its first call
 * on a modern connection, results checked against the catalog, calls as tasks.
 */
import { map, type Observable, of, type SchedulerLike, type Subscription, switchMap, tap } from 'rxjs';
import type { CallToolResult, Tool } from '../protocol/index.js';
import type { ClientSession } from '../session/client-session.js';
import type { Transport } from '../transport/transport.js';
import { callToolEvents, type CallToolParams } from './call-tool.js';
import type { CallOptions, CallToolEvent } from './client-api.js';
import type { Connection } from './connection.js';
import { listAllTools } from './list-all.js';
import { toolHeaderParams, withoutInvalidHeaderTools } from './modern/header-tools.js';
import { eraOf } from './modern/negotiate.js';
import type { LazyOutputSchemaChecks } from './lazy-output-schema.js';
import { parseResult } from './parse-result.js';
import { callToolTask, type CheckToolResult, resumeTask, type TaskCallOptions } from './tasks/call-tool-task.js';
import type { ToolTaskEvent } from './tasks/task-state.js';
import { ToolCatalog } from './tool-catalog.js';
import { resultValidator } from './typed-request.js';

/** What one tool call runs on the connection it holds. */
export type ToolCall<T> = (connection: Connection) => Observable<T>;

/**
 * The tool calls of one client, over whichever session is current.
 *
 * @example
 * const tools = new ToolCalls(new LazyOutputSchemaChecks(), asyncScheduler);
 * // in the shared connection's setup: tools.attach(session, transport)
 * withConnection(connection$, tools.call({ name: 'add', arguments: { a: 1, b: 2 } }, {}));
 */
export class ToolCalls {
  private readonly catalogs = new WeakMap<object, ToolCatalog>();

  constructor(
    private readonly validator: LazyOutputSchemaChecks,
    private readonly scheduler: SchedulerLike,
  ) {}

  /**
   * Gives a new session its catalog, and its transport the `x-mcp-header` arguments of the tools
   * it knows; the Subscription (released with the connection) empties it on `list_changed`.
   */
  attach(session: ClientSession, transport: Transport): Subscription {
    const catalog = new ToolCatalog(
      () => listAllTools(session, undefined, eraOf(session.server)).pipe(map(withoutInvalidHeaderTools)),
      this.validator,
      () => eraOf(session.server),
    );
    this.catalogs.set(session, catalog);
    transport.info?.setHeaderParams?.((name) => toolHeaderParams(catalog.known(name)));
    return session.notifications$.subscribe(
      (n) => n.method === 'notifications/tools/list_changed' && catalog.invalidate(),
    );
  }

  /** Every tool of the connection (all pages), stored in its catalog. */
  list(connection: Connection, options?: CallOptions): Observable<Tool[]> {
    return listAllTools(connection.calls, options, connection.era).pipe(
      map(withoutInvalidHeaderTools),
      tap((tools) => this.catalog(connection).store(tools)),
    );
  }

  /** What `McpClient.callTool` runs: as a task, as events, or (the hot path) for its result. */
  call(
    params: CallToolParams,
    options: (CallOptions & { observe?: 'result' | 'events' }) | { task: TaskCallOptions },
  ): ToolCall<CallToolResult | CallToolEvent | ToolTaskEvent> {
    if ('task' in options) {
      const task = options.task;
      return (c) =>
        this.toolKnown(c, params.name, () =>
          callToolTask(c, params, task, this.checker(c, params.name), this.scheduler),
        );
    }
    if (options.observe === 'events') {
      const { observe: _observe, ...callOptions } = options;
      return (c) =>
        this.toolKnown(c, params.name, () => callToolEvents(c.session, c.calls, this.catalog(c), params, callOptions));
    }
    // The hot path: the raw request, validated by one operator (options carry no 'events').
    return (c) =>
      this.toolKnown(c, params.name, () =>
        c.calls
          .request('tools/call', params as unknown as Record<string, unknown>, options as CallOptions)
          .pipe(this.catalog(c).checkResults(params.name)),
      );
  }

  /** What `McpClient.task$` runs: the task `taskId` followed again. */
  resume(taskId: string, options: Omit<TaskCallOptions, 'ttl'>): ToolCall<ToolTaskEvent> {
    return (c) => resumeTask(c, taskId, options, this.checker(c), this.scheduler);
  }

  /**
   * On a modern connection, the tool is looked up before it is called when the catalog does not
   * know it yet, so its `x-mcp-header` arguments go out as headers; on a 2025 one, `call` at once.
   */
  private toolKnown<T>(connection: Connection, name: string, call: () => Observable<T>): Observable<T> {
    const catalog = this.catalog(connection);
    if (connection.era === 'legacy' || catalog.settled(name)) return call();
    return catalog.lookup(name).pipe(switchMap(call));
  }

  /** Validates a raw `tools/call` result: the protocol schema, then (a known tool) its `outputSchema`. */
  private checker(connection: Connection, name?: string): CheckToolResult {
    return (raw) => {
      const result = parseResult(resultValidator('tools/call'), raw, 'tools/call');
      return name === undefined ? of(result) : this.catalog(connection).checkResult(name, result);
    };
  }

  private catalog(connection: Connection): ToolCatalog {
    return this.catalogs.get(connection.session)!;
  }
}
