/**
 * @module
 * `McpClient`: one shared, lazily opened connection to an MCP server; cold typed calls;
 * live lists; a `state$` that never errors; handlers for the server's requests.
 */
import {
  asyncScheduler,
  filter,
  map,
  type Observable,
  of,
  type SchedulerLike,
  type Subscription,
  switchMap,
  tap,
} from 'rxjs';
import { hasCapability } from '../protocol/capabilities.js';
import type {
  CallToolResult,
  ClientCapabilities,
  CompleteResult,
  GetPromptResult,
  InitializeResult,
  LoggingLevel,
  Prompt,
  PromptReference,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  ResourceTemplateReference,
  Tool,
} from '../protocol/index.js';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import type { ParamsOf } from '../protocol/methods.js';
import type { Transport } from '../transport/transport.js';
import { callToolEvents, type CallToolParams, toLogEvent } from './call-tool.js';
import { clientHandlerEntries, deriveCapabilities, registerClientHandlers } from './client-handlers.js';
import {
  type Connection,
  createSharedConnection,
  holdConnection,
  type SharedConnection,
  withConnection,
} from './connection.js';
import { listAllPrompts, listAllResources, listAllResourceTemplates, listAllTools } from './list-all.js';
import { liveList } from './live-list.js';
import { OutputSchemaValidator } from './output-schema.js';
import { parseResult, type ResultValidator } from './parse-result.js';
import {
  type ClientMethod,
  type RequestArgs,
  type RequestCallOptions,
  typedRequest,
  type TypedResponse,
} from './typed-request.js';
import { ToolCatalog } from './tool-catalog.js';
import type { CallOptions, CallToolEvent, ClientState, LogEvent, McpClientOptions } from './client-api.js';
import { ResourceWatches } from './watch-resource.js';
import { toolHeaderParams, withoutInvalidHeaderTools } from './modern/header-tools.js';
import { eraOf } from './modern/negotiate.js';
import { callToolTask, type CheckToolResult, resumeTask, type TaskCallOptions } from './tasks/call-tool-task.js';
import type { ToolTaskEvent } from './tasks/task-state.js';
import { resultValidator } from './typed-request.js';

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
export class McpClient {
  /**
   * The server's `initialize` result, once the shared connection is ready; holds the
   * connection while subscribed. Errors (an `McpError`) if it ends without being released.
   */
  readonly connection$: Observable<InitializeResult>;
  /** The connection's {@link ClientState}: replays the latest synchronously, never errors. */
  readonly state$: Observable<ClientState>;
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
  /** The server's log messages (`notifications/message`); holds the connection while subscribed. */
  readonly logs$: Observable<LogEvent>;
  /** Every notification the server sends; holds the connection while subscribed. */
  readonly notifications$: Observable<JSONRPCNotification>;
  /** The capabilities announced in `initialize`. */
  readonly capabilities: ClientCapabilities;

  private readonly shared: SharedConnection;
  private readonly catalogs = new WeakMap<object, ToolCatalog>();
  private readonly validator: OutputSchemaValidator;
  private readonly watches: ResourceWatches;
  private readonly scheduler: SchedulerLike;

  constructor(transportFactory: () => Transport, options: McpClientOptions = {}) {
    this.capabilities = deriveCapabilities(options.handlers, options.capabilities);
    this.validator = new OutputSchemaValidator(options.jsonSchemaValidator);
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.shared = createSharedConnection(transportFactory, {
      clientInfo: options.clientInfo ?? { ...DEFAULT_CLIENT_INFO },
      capabilities: this.capabilities,
      ...(options.timeout !== undefined && { timeout: options.timeout }),
      ...(options.scheduler !== undefined && { scheduler: options.scheduler }),
      ...(options.protocolVersions !== undefined && { protocolVersions: options.protocolVersions }),
      ...(options.versionNegotiation !== undefined && { negotiation: options.versionNegotiation }),
      ...(options.resultCache !== undefined && { resultCache: options.resultCache }),
      ...(options.authContext !== undefined && { authContext: options.authContext }),
      ...(options.cacheServerKey !== undefined && { cacheServerKey: options.cacheServerKey }),
      handlerEntries: clientHandlerEntries(options.handlers, this.capabilities),
      setup: (session, transport) => {
        registerClientHandlers(session, options.handlers, this.capabilities);
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
      },
    });
    const connection$ = this.shared.connection$;
    this.connection$ = connection$.pipe(map((connection) => connection.server));
    this.state$ = this.shared.state$;
    this.tools$ = liveList(connection$, {
      capability: 'tools',
      changed: 'notifications/tools/list_changed',
      listen: { toolsListChanged: true },
      fetch: (c) => this.allTools(c),
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
    this.notifications$ = holdConnection(connection$, (connection) => connection.session.notifications$);
    this.logs$ = this.notifications$.pipe(
      map(toLogEvent),
      filter((event): event is LogEvent => event !== undefined),
    );
  }

  /**
   * The current {@link ClientState}, synchronously.
   * @example
   * if (client.state.status === 'ready') show(client.state.server.serverInfo.name);
   */
  get state(): ClientState {
    return this.shared.state;
  }

  /**
   * The server's `initialize` result while connected, else `undefined`.
   * @example
   * const instructions = client.server?.instructions;
   */
  get server(): InitializeResult | undefined {
    return this.shared.current?.server;
  }

  /**
   * Opens (or joins) the shared connection and holds it until the Subscription is
   * unsubscribed. Failures are not thrown: watch {@link McpClient.state$}.
   *
   * @example
   * const connection = client.connect();
   * // … later
   * connection.unsubscribe(); // closes the transport if nothing else holds it
   */
  connect(): Subscription {
    return this.connection$.subscribe({ error: () => undefined });
  }

  /**
   * Sends any client request, typed by method and validated by the protocol's result schema
   * (kind `'validation'` on a bad result). With `observe: 'events'` it emits progress events,
   * then `{ type: 'result', result }`.
   *
   * @example
   * client.request('tools/list', { cursor: 'next' }).subscribe((page) => page.tools);
   * client.request('ping').subscribe();
   * client.request('tools/call', { name: 'build', task: { ttl: 60_000 } }).subscribe(({ task }) => task.taskId); // a CreateTaskResult
   */
  request<M extends ClientMethod, O extends RequestCallOptions = {}, P extends ParamsOf<M> = ParamsOf<M>>(
    method: M,
    ...args: RequestArgs<M, O, P>
  ): Observable<TypedResponse<M, O, P>> {
    return this.use((c) => typedRequest<M, O, P>(c.calls, method, ...args));
  }

  /**
   * Sends a request of an extension (a method outside the core protocol, e.g. `skills/list`),
   * its result validated by `schema` (kind `'validation'` on a bad result).
   *
   * @example
   * client.extensionRequest('skills/list', {}, ListSkillsResultSchema).subscribe(({ skills }) => skills);
   */
  extensionRequest<T>(
    method: string,
    params: Record<string, unknown> | undefined,
    schema: ResultValidator<T>,
    options?: CallOptions,
  ): Observable<T> {
    return this.use((c) =>
      c.session.request<unknown>(method, params, options).pipe(map((result) => parseResult(schema, result, method))),
    );
  }

  /**
   * Checks the server is alive; emits once (`undefined`) and completes.
   * @example
   * client.ping({ timeout: 5_000 }).subscribe({ error: () => markUnhealthy() });
   */
  ping(options?: CallOptions): Observable<void> {
    // The 2026-07-28 revision has no ping: asking server/discover proves the server alive.
    return this.use((c) =>
      c.era === 'modern'
        ? c.session.request('server/discover', undefined, options)
        : typedRequest(c.session, 'ping', undefined, options),
    ).pipe(map(() => undefined));
  }

  /**
   * Lists every tool, following `nextCursor` through all pages; emits the full array once.
   * The list also feeds the cache `callTool` validates `structuredContent` with.
   *
   * @example
   * client.listTools().subscribe((tools) => console.log(tools.map((tool) => tool.name)));
   */
  listTools(options?: CallOptions): Observable<Tool[]> {
    return this.use((c) => this.allTools(c, options));
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
    if ('task' in options) {
      const task = options.task;
      return this.use<ToolTaskEvent>((c) =>
        this.toolKnown(c, params.name, () =>
          callToolTask(c, params, task, this.checker(c, params.name), this.scheduler),
        ),
      );
    }
    if (options.observe === 'events') {
      const { observe: _observe, ...callOptions } = options;
      return this.use<CallToolEvent>((c) =>
        this.toolKnown(c, params.name, () => callToolEvents(c.session, c.calls, this.catalog(c), params, callOptions)),
      );
    }
    // The hot path: the raw request, validated by one operator (options carry no 'events').
    return this.use<CallToolResult>((c) =>
      this.toolKnown(c, params.name, () =>
        c.calls
          .request('tools/call', params as unknown as Record<string, unknown>, options as CallOptions)
          .pipe(this.catalog(c).checkResults(params.name)),
      ),
    );
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
    return this.use((c) => resumeTask(c, taskId, options, this.checker(c), this.scheduler));
  }

  /**
   * Lists every resource (all pages).
   * @example
   * client.listResources().subscribe((resources) => resources.map((r) => r.uri));
   */
  listResources(options?: CallOptions): Observable<Resource[]> {
    return this.use((c) => listAllResources(c.calls, options));
  }

  /**
   * Lists every resource template (all pages).
   * @example
   * client.listResourceTemplates().subscribe((templates) => templates.map((t) => t.uriTemplate));
   */
  listResourceTemplates(options?: CallOptions): Observable<ResourceTemplate[]> {
    return this.use((c) => listAllResourceTemplates(c.calls, options));
  }

  /**
   * Reads a resource once (see {@link McpClient.resource$} for a live view).
   * @example
   * client.readResource('file:///notes.md').subscribe(({ contents }) => render(contents));
   */
  readResource(uri: string, options?: CallOptions): Observable<ReadResourceResult> {
    return this.use((c) => typedRequest(c.calls, 'resources/read', { uri }, options));
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
    return this.use((c) => listAllPrompts(c.calls, options));
  }

  /**
   * Gets a prompt filled in with `args`.
   * @example
   * client.getPrompt('review', { language: 'ts' }).subscribe(({ messages }) => send(messages));
   */
  getPrompt(name: string, args?: Record<string, string>, options?: CallOptions): Observable<GetPromptResult> {
    return this.use((c) =>
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
    return this.use((c) =>
      typedRequest(
        c.calls,
        'completion/complete',
        context === undefined ? { ref, argument } : { ref, argument, context },
        options,
      ),
    );
  }

  /**
   * Sets the least severe level the server sends log messages at; emits once and completes.
   * The level belongs to the current connection: a new connection starts at the server's default.
   *
   * @example
   * const held = client.connect();
   * client.setLoggingLevel('debug').subscribe();
   * client.logs$.subscribe((log) => console.log(log.level, log.data));
   */
  setLoggingLevel(level: LoggingLevel, options?: CallOptions): Observable<void> {
    return this.use((c) => {
      if (c.era === 'legacy') return typedRequest(c.session, 'logging/setLevel', { level }, options);
      // The 2026-07-28 revision asks for a level on every request, in its envelope.
      c.envelope.logLevel = level;
      return of(undefined);
    }).pipe(map(() => undefined));
  }

  /**
   * Tells the server the roots changed (`notifications/roots/list_changed`) so it asks for
   * them again. Does nothing unless connected with the `roots.listChanged` capability: a new
   * connection asks for the roots anyway.
   *
   * @example
   * workspace.onDidChangeFolders(() => client.rootsChanged());
   */
  rootsChanged(): void {
    const current = this.shared.current;
    if (!current || !hasCapability(this.capabilities, ['roots', 'listChanged'])) return;
    try {
      current.session.notify('notifications/roots/list_changed');
    } catch {
      // The connection closed meanwhile: the next one starts afresh.
    }
  }

  private use<T>(project: (connection: Connection) => Observable<T>): Observable<T> {
    return withConnection(this.shared.connection$, project);
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

  private allTools(connection: Connection, options?: CallOptions): Observable<Tool[]> {
    return listAllTools(connection.calls, options, connection.era).pipe(
      map(withoutInvalidHeaderTools),
      tap((tools) => this.catalog(connection).store(tools)),
    );
  }
}
