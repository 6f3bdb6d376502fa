/**
 * @module
 * `McpClient`: one shared, lazily opened connection to an MCP server; cold typed calls;
 * live lists; a `state$` that never errors; handlers for the server's requests.
 */
import { asyncScheduler, type Observable } from 'rxjs';
import type {
  CallToolResult,
  CompleteResult,
  GetPromptResult,
  Prompt,
  PromptReference,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  ResourceTemplateReference,
  Tool,
} from '../protocol/index.js';
import type { Transport } from '../transport/transport.js';
import type { CallToolParams } from './call-tool.js';
import { clientHandlerEntries, deriveCapabilities, registerClientHandlers } from './client-handlers.js';
import { type Connection, createSharedConnection, withConnection } from './connection.js';
import { listAllPrompts, listAllResources, listAllResourceTemplates } from './list-all.js';
import { liveList } from './live-list.js';
import { McpClientCore } from './mcp-client-core.js';
import { LazyOutputSchemaChecks } from './lazy-output-schema.js';
import { typedRequest } from './typed-request.js';
import type { CallOptions, CallToolEvent, McpClientOptions } from './client-api.js';
import { ToolCalls } from './tool-calls.js';
import { ResourceWatches } from './watch-resource.js';
import type { TaskCallOptions } from './tasks/call-tool-task.js';
import type { ToolTaskEvent } from './tasks/task-state.js';

/** The `clientInfo` sent when none is given. */
export const DEFAULT_CLIENT_INFO = { name: 'rxmcp', version: '0.1.0' } as const;

/**
 * An MCP client. Nothing happens at construction: the first subscriber of anything that needs
 * the server creates a transport with `transportFactory`, connects and initializes; later
 * subscribers share that connection; when the last one leaves the transport is closed, and
 * the next subscriber connects again with a fresh transport.
 *
 * Every call holds the connection while it runs, so `client.callTool(...)` on its own
 * connects, calls and disconnects. Keep the connection open by subscribing to
 * {@link McpClient.connection$} (or {@link McpClient.connect}) or to a live stream.
 *
 * @example
 * const client = new McpClient(() => createStdioClientTransport({ command: 'my-server' }), { // from 'rxmcp/node'
 *   handlers: { roots: () => [{ uri: 'file:///home/me/project' }] },
 * });
 * const connection = client.connect();                 // optional: keep it open
 * client.tools$.subscribe((tools) => render(tools));   // live list
 * client.callTool({ name: 'greet', arguments: { name: 'Ada' } }).subscribe((result) => show(result));
 * connection.unsubscribe();
 */
export class McpClient extends McpClientCore {
  /**
   * Every tool of the server (all pages), re-fetched on `notifications/tools/list_changed`.
   *
   * Live lists (`tools$`, `prompts$`, `resources$`) are shared by their observers, replay the
   * latest list, hold the connection while observed, emit `[]` when the server lacks the
   * capability, and error (an `McpError`) when the connection ends or a fetch fails; `retry()`
   * reconnects with a fresh transport.
   *
   * @example
   * client.tools$.pipe(retry({ delay: 1_000 })).subscribe((tools) => render(tools));
   */
  readonly tools$: Observable<Tool[]>;
  /** Every prompt of the server, re-fetched on `notifications/prompts/list_changed`. */
  readonly prompts$: Observable<Prompt[]>;
  /** Every resource of the server, re-fetched on `notifications/resources/list_changed`. */
  readonly resources$: Observable<Resource[]>;

  private readonly shared$: Observable<Connection>;
  private readonly toolCalls: ToolCalls;
  private readonly watches: ResourceWatches;

  constructor(transportFactory: () => Transport, options: McpClientOptions = {}) {
    const capabilities = deriveCapabilities(options.handlers, options.capabilities);
    const toolCalls = new ToolCalls(
      new LazyOutputSchemaChecks(options.jsonSchemaValidator),
      options.scheduler ?? asyncScheduler,
    );
    const shared = createSharedConnection(transportFactory, {
      clientInfo: options.clientInfo ?? { ...DEFAULT_CLIENT_INFO },
      capabilities,
      ...(options.timeout !== undefined && { timeout: options.timeout }),
      ...(options.scheduler !== undefined && { scheduler: options.scheduler }),
      ...(options.protocolVersions !== undefined && { protocolVersions: options.protocolVersions }),
      ...(options.versionNegotiation !== undefined && { negotiation: options.versionNegotiation }),
      ...(options.resultCache !== undefined && { resultCache: options.resultCache }),
      ...(options.authContext !== undefined && { authContext: options.authContext }),
      ...(options.cacheServerKey !== undefined && { cacheServerKey: options.cacheServerKey }),
      handlerEntries: clientHandlerEntries(options.handlers, capabilities),
      setup: (session, transport) => {
        registerClientHandlers(session, options.handlers, capabilities);
        return toolCalls.attach(session, transport);
      },
    });
    super(shared, capabilities);
    const connection$ = shared.connection$;
    this.shared$ = connection$;
    this.toolCalls = toolCalls;
    this.tools$ = liveList(connection$, {
      capability: 'tools',
      changed: 'notifications/tools/list_changed',
      listen: { toolsListChanged: true },
      fetch: (c) => toolCalls.list(c),
    });
    this.prompts$ = liveList(connection$, {
      capability: 'prompts',
      changed: 'notifications/prompts/list_changed',
      listen: { promptsListChanged: true },
      fetch: (c) => listAllPrompts(c.calls),
    });
    this.resources$ = liveList(connection$, {
      capability: 'resources',
      changed: 'notifications/resources/list_changed',
      listen: { resourcesListChanged: true },
      fetch: (c) => listAllResources(c.calls),
    });
    this.watches = new ResourceWatches(connection$, (c, uri) => typedRequest(c.calls, 'resources/read', { uri }));
  }

  /**
   * Lists every tool, following `nextCursor` through all pages; emits the full array once.
   * The list also feeds the cache `callTool` validates `structuredContent` with.
   *
   * @example
   * client.listTools().subscribe((tools) => console.log(tools.map((tool) => tool.name)));
   */
  listTools(options?: CallOptions): Observable<Tool[]> {
    return this.run((c) => this.toolCalls.list(c, options));
  }

  /**
   * Calls a tool. Emits its result (tool failures are results with `isError: true`, not
   * errors), or with `observe: 'events'` progress and log events, then the result; see
   * `callToolEvents` for how log messages are attributed. A result whose `structuredContent`
   * does not match the tool's `outputSchema` fails with kind `'validation'` (the tool list is
   * fetched if the tool is not known yet).
   *
   * @example
   * client.callTool({ name: 'add', arguments: { a: 1, b: 2 } }).subscribe((r) => r.structuredContent);
   * client.callTool({ name: 'build' }, { observe: 'events', resetTimeoutOnProgress: true })
   *   .subscribe((e) => e.type === 'progress' ? bar(e.progress, e.total) : e.type === 'log' ? print(e.data) : done(e.result));
   */
  callTool(params: CallToolParams, options?: CallOptions & { observe?: 'result' }): Observable<CallToolResult>;
  callTool(params: CallToolParams, options: CallOptions & { observe: 'events' }): Observable<CallToolEvent>;
  /**
   * Calls a tool as a task: one cold Observable of the task's states as they change
   * (`{ type: 'status', task }`), then `{ type: 'result', result }`. On a 2026-07-28 connection
   * the call declares the tasks extension (SEP-2663): `tasks/get` is polled at the task's
   * `pollIntervalMs` on the client's scheduler, `notifications/tasks` (listened for by task id)
   * shorten the wait, input requests are answered by the client's handlers through
   * `tasks/update` (input asked before the task exists is an MRTR round). On a 2025 session it is
   * the experimental form (SEP-1686): `CreateTaskResult`, `tasks/get`, `notifications/tasks/status`,
   * `tasks/result`. A server that runs the call at once yields just the result. A failed task
   * errors with its JSON-RPC error, a cancelled one with kind `'closed'`, a forgotten (expired)
   * one with the server's -32602. Unsubscribing before the end cancels the task (`tasks/cancel`);
   * {@link McpClient.task$} follows a task again by its id.
   *
   * @example
   * client.callTool({ name: 'build', arguments: { target: 'web' } }, { task: { ttl: 600_000 } }).subscribe((event) =>
   *   event.type === 'status' ? show(event.task.status, event.task.statusMessage) : done(event.result),
   * );
   */
  callTool(params: CallToolParams, options: { task: TaskCallOptions }): Observable<ToolTaskEvent>;
  callTool(
    params: CallToolParams,
    options: (CallOptions & { observe?: 'result' | 'events' }) | { task: TaskCallOptions } = {},
  ): Observable<CallToolResult | CallToolEvent | ToolTaskEvent> {
    return this.run(this.toolCalls.call(params, options));
  }

  /**
   * Follows a task by its id (a handle kept from a `callTool(…, { task })` status event), e.g.
   * after a reconnect or a restart: its states from now on, then the tool's result, as
   * {@link McpClient.callTool} with `task` emits them. The server must still know the task (a
   * 2025 server knows it only on the session that created it).
   *
   * @example
   * const taskId = localStorage.getItem('build-task')!;
   * client.task$(taskId).subscribe((event) => (event.type === 'result' ? done(event.result) : show(event.task.status)));
   */
  task$(taskId: string, options: Omit<TaskCallOptions, 'ttl'> = {}): Observable<ToolTaskEvent> {
    return this.run(this.toolCalls.resume(taskId, options));
  }

  /**
   * Lists every resource (all pages).
   * @example
   * client.listResources().subscribe((resources) => resources.map((r) => r.uri));
   */
  listResources(options?: CallOptions): Observable<Resource[]> {
    return this.run((c) => listAllResources(c.calls, options));
  }

  /**
   * Lists every resource template (all pages).
   * @example
   * client.listResourceTemplates().subscribe((templates) => templates.map((t) => t.uriTemplate));
   */
  listResourceTemplates(options?: CallOptions): Observable<ResourceTemplate[]> {
    return this.run((c) => listAllResourceTemplates(c.calls, options));
  }

  /**
   * Reads a resource once (see {@link McpClient.resource$} for a live view).
   * @example
   * client.readResource('file:///notes.md').subscribe(({ contents }) => render(contents));
   */
  readResource(uri: string, options?: CallOptions): Observable<ReadResourceResult> {
    return this.run((c) => typedRequest(c.calls, 'resources/read', { uri }, options));
  }

  /**
   * A live view of one resource: emits its contents when first observed and again whenever
   * the server sends `notifications/resources/updated` for it. All observers of a uri share
   * one server subscription: `resources/subscribe` is sent once (if the server supports it)
   * and `resources/unsubscribe` after the last observer leaves. Holds the connection.
   *
   * @example
   * client.resource$('file:///notes.md').subscribe((r) => render(r.contents));
   */
  resource$(uri: string): Observable<ReadResourceResult> {
    return this.watches.watch(uri);
  }

  /**
   * Lists every prompt (all pages).
   * @example
   * client.listPrompts().subscribe((prompts) => prompts.map((p) => p.name));
   */
  listPrompts(options?: CallOptions): Observable<Prompt[]> {
    return this.run((c) => listAllPrompts(c.calls, options));
  }

  /**
   * Gets a prompt filled in with `args`.
   * @example
   * client.getPrompt('review', { language: 'ts' }).subscribe(({ messages }) => send(messages));
   */
  getPrompt(name: string, args?: Record<string, string>, options?: CallOptions): Observable<GetPromptResult> {
    return this.run((c) =>
      typedRequest(c.calls, 'prompts/get', args === undefined ? { name } : { name, arguments: args }, options),
    );
  }

  /**
   * Asks for completions of a prompt or resource-template argument.
   *
   * @example
   * client.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'language', value: 'py' })
   *   .subscribe(({ completion }) => completion.values);
   */
  complete(
    ref: PromptReference | ResourceTemplateReference,
    argument: { name: string; value: string },
    context?: { arguments?: Record<string, string> },
    options?: CallOptions,
  ): Observable<CompleteResult> {
    return this.run((c) =>
      typedRequest(
        c.calls,
        'completion/complete',
        context === undefined ? { ref, argument } : { ref, argument, context },
        options,
      ),
    );
  }

  private run<T>(project: (connection: Connection) => Observable<T>): Observable<T> {
    return withConnection(this.shared$, project);
  }
}
