/**
 * @module
 * `McpServer`: one definition of tools, resources and prompts that serves any number of sessions,
 * over any transport, at once.
 */
import { asyncScheduler, type Observable, type SchedulerLike, Subject, type Subscription } from 'rxjs';
import type { JSONRPCMessage, JSONRPCRequest } from '../protocol/jsonrpc.js';
import { MODERN_PROTOCOL_VERSIONS, type CacheHints } from '../protocol/modern.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../protocol/versions.js';
import { DEFAULT_CACHE_HINTS } from './modern/cache-hints.js';
import type { RequestFacts } from './modern/envelope.js';
import { createInMemoryEventBus, type EventBus, type ServerEvent } from './modern/event-bus.js';
import { headerParamsOf } from './modern/http-headers.js';
import { createRequestStateSealer, type RequestStateOptions } from './modern/request-state.js';
import { serveModernRequest, type ModernReply, type ModernServerParts } from './modern/serve-modern-request.js';
import type { Implementation } from '../protocol/common.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { LoggingLevel } from '../protocol/logging.js';
import { createServerSession, type ServerSessionOptions } from '../session/server-session.js';
import type { HandlerEntry } from '../session/incoming-request.js';
import type { Session } from '../session/session.js';
import type { Transport } from '../transport/transport.js';
import type { ConnectableServer, ConnectOptions } from './connectable.js';
import type { Limits } from './limits.js';
import type { ToolOutputSchemaLike, ToolSchemaLike } from './json-schema.js';
import { createListChangedNotifier, type ListChangedNotifier, type ListKind } from './list-changed.js';
import { createPromptEntry, updatePromptEntry, type PromptArgumentsLike, type PromptConfig, type PromptEntry, type PromptHandler, type RegisteredPrompt } from './prompts.js';
import { Registry } from './registry.js';
import { createFeatureHandlers, createRequestHandlers, type FeatureHandler, type ServerFeatures } from './request-handlers.js';
import {
  createResourceEntry,
  createResourceTemplateEntry,
  updateResourceEntry,
  updateResourceTemplateEntry,
  type RegisteredResource,
  type RegisteredResourceTemplate,
  type ResourceConfig,
  type ResourceEntry,
  type ResourceHandler,
  type ResourceTemplateConfig,
  type ResourceTemplateEntry,
  type ResourceTemplateHandler,
} from './resources.js';
import { notifySafely, SessionState, shouldLog } from './session-state.js';
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import { createInMemoryTaskStore } from './tasks/in-memory-task-store.js';
import { TaskRunner, type TaskRunnerOptions } from './tasks/task-runner.js';
import { TASKS_EXTENSION } from '../protocol/tasks-extension.js';
import { SKILLS_EXTENSION } from '../protocol/skills.js';
import { SkillCatalog, type SkillFiles } from './skills/skill-catalog.js';
import { createToolEntry, updateToolEntry, type RegisteredTool, type ToolConfig, type ToolEntry, type ToolHandler } from './tools.js';

/** Options of {@link McpServer}. */
export interface McpServerOptions {
  /** Instructions for the model, sent in the `initialize` result. */
  instructions?: string;
  /** Where the list_changed window and every session's request timeouts run. @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Coalescing window of `notifications/…/list_changed`, in milliseconds. @defaultValue 10 */
  listChangedDelay?: number;
  /** Items per page of `tools/list`, `resources/list`, `resources/templates/list` and `prompts/list`. @defaultValue 100 */
  pageSize?: number;
  /**
   * Log threshold of a session before its client sends `logging/setLevel` (the spec leaves it to
   * the server). @defaultValue `'debug'` (everything, as the official SDKs do)
   */
  logLevel?: LoggingLevel;
  /** Timeout of server→client requests (`ctx.sample` & co.), in milliseconds. @defaultValue 60 000 */
  timeout?: number;
  /** Capabilities announced on top of those derived from what is registered. */
  capabilities?: ServerCapabilities;
  /** Protocol revisions accepted, newest first. @defaultValue every supported revision */
  protocolVersions?: readonly string[];
  /** Sealing of MRTR `requestState` on 2026-07-28 requests (keys, TTL, audience). */
  requestState?: RequestStateOptions;
  /**
   * Where list changes and resource updates meet the `subscriptions/listen` streams; share one
   * between processes to serve one logical server from many. @defaultValue an in-memory bus
   */
  eventBus?: EventBus;
  /** Caching hints of cacheable results when an entry sets none. @defaultValue `{ ttlMs: 60 000, cacheScope: 'public' }` */
  cacheHints?: Partial<CacheHints>;
  /**
   * The engine that validates tools' raw JSON Schemas (zod schemas validate themselves).
   * `ajvJsonSchemaValidator()` is faster where code generation is allowed.
   * @defaultValue `defaultJsonSchemaValidator` (interprets schemas; runs on Workers and under a CSP)
   */
  jsonSchemaValidator?: JsonSchemaValidator;
  /**
   * Resource limits: in-flight requests per session here; sessions, message sizes, queues and
   * read timeouts in every host serving this server (`serveMcp`, the routers, WebSocket, stdio).
   *
   * @defaultValue `DEFAULT_LIMITS`
   */
  limits?: Limits;
  /**
   * Tasks of task-supporting tools (`execution.taskSupport`): where they are stored, how long they
   * are kept and the polling interval suggested. @defaultValue an in-memory store, one hour, 500 ms
   */
  tasks?: Partial<Omit<TaskRunnerOptions, 'scheduler'>>;
}

/** What {@link McpServer.useSharedState} takes: the parts of the options that processes share. */
export interface SharedServerState extends Pick<McpServerOptions, 'eventBus' | 'requestState'> {
  /** The events published by other processes (and only those), for this process's 2025 sessions. */
  remoteEvents$?: Observable<ServerEvent>;
}

/**
 * An MCP server. Register tools, resources and prompts, then `connect` each transport; every
 * registration change is announced (coalesced) to the initialized sessions.
 *
 * Capabilities are derived from what is registered when a session connects (`logging` always,
 * `completions` with any prompt or resource template), so register before serving or declare
 * features with the `capabilities` option.
 *
 * @example
 * const server = new McpServer({ name: 'everything', version: '1.0.0' }, { instructions: 'Be brief.' });
 * server.tool('echo', { description: 'Echoes', inputSchema: z.object({ text: z.string() }) }, ({ text }) => text);
 * const connection = server.connect(createStdioServerTransport());
 */
export class McpServer implements ConnectableServer {
  /** The `serverInfo` sent in `initialize`. */
  readonly info: Implementation;
  #options: McpServerOptions;
  readonly #sessions = new Set<SessionState>();
  readonly #connections = new Set<Subscription>();
  readonly #notifier: ListChangedNotifier;
  readonly #features: ServerFeatures;
  /** {@link McpServer.capabilities}, shared by the sessions that connect until a registration changes. */
  #capabilities: ServerCapabilities | undefined;
  readonly #sharedSessionOptions = new Map<boolean | undefined, ServerSessionOptions>();
  /** The request handlers of the current capability set, shared by all its sessions. */
  #handlers: { capabilities: ServerCapabilities; table: ReadonlyMap<string, HandlerEntry> } | undefined;
  readonly #states = new WeakMap<Session, SessionState>();
  readonly #stateOf = (session: Session): SessionState => this.#states.get(session)!;
  #bus: EventBus;
  readonly #closing = new Subject<void>();
  #modern: ModernServerParts | undefined;
  #remote: Subscription | undefined;
  #tasks: TaskRunner | undefined;
  #modernCapabilities: { legacy: ServerCapabilities; modern: ServerCapabilities } | undefined;
  #featureHandlers: { capabilities: ServerCapabilities; table: ReadonlyMap<string, FeatureHandler> } | undefined;

  constructor(info: Implementation, options: McpServerOptions = {}) {
    this.info = info;
    this.#options = options;
    this.#notifier = createListChangedNotifier({
      scheduler: options.scheduler ?? asyncScheduler,
      delay: options.listChangedDelay ?? 10,
      hasListeners: () => this.#sessions.size > 0,
      broadcast: (kind) => this.#broadcastListChanged(kind),
    });
    this.#bus = options.eventBus ?? createInMemoryEventBus();
    const changed = (kind: ListKind) => () => {
      this.#capabilities = undefined;
      this.#notifier.changed(kind);
      this.#bus.publish({ type: 'list_changed', kind });
    };
    this.#features = {
      tools: new Registry<ToolEntry>('Tool', changed('tools')),
      resources: new Registry<ResourceEntry>('Resource', changed('resources')),
      templates: new Registry<ResourceTemplateEntry>('Resource template', changed('resources')),
      prompts: new Registry<PromptEntry>('Prompt', changed('prompts')),
      pageSize: options.pageSize ?? 100,
      logLevel: options.logLevel ?? 'debug',
      skills: new SkillCatalog(),
      tasks: this.tasks,
    };
  }

  /** The capabilities a session connecting now is announced (one object until a registration changes). */
  get capabilities(): ServerCapabilities {
    return (this.#capabilities ??= this.#deriveCapabilities());
  }

  #deriveCapabilities(): ServerCapabilities {
    const { tools, resources, templates, prompts } = this.#features;
    const derived: ServerCapabilities = { logging: {} };
    if (prompts.size > 0 || templates.size > 0) derived.completions = {};
    if (prompts.size > 0) derived.prompts = { listChanged: true };
    if (resources.size > 0 || templates.size > 0) derived.resources = { subscribe: true, listChanged: true };
    if (tools.size > 0) derived.tools = { listChanged: true };
    if (tools.list().some((tool) => (tool.config.execution?.taskSupport ?? 'forbidden') !== 'forbidden')) derived.tasks = { list: {}, cancel: {}, requests: { tools: { call: {} } } };
    if (this.#features.skills.size > 0) (derived as { extensions?: Record<string, unknown> }).extensions = { [SKILLS_EXTENSION]: { directoryRead: true } };
    const extra = this.#options.capabilities ?? {};
    const merged: ServerCapabilities = { ...derived, ...extra };
    for (const key of ['prompts', 'resources', 'tools'] as const) {
      if (derived[key] && extra[key]) merged[key] = { ...derived[key], ...extra[key] } as never;
    }
    return merged;
  }

  /** The limits set on this server (hosts serving it read them; see {@link Limits}). */
  get limits(): Limits | undefined {
    return this.#options.limits;
  }

  /** How many sessions are connected right now. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /**
   * Serves `transport` with a new session. Unsubscribing closes the session and the transport;
   * the session also ends (and leaves the server's set) when the transport closes.
   *
   * @example
   * const [clientTransport, serverTransport] = createMemoryTransportPair();
   * const connection = server.connect(serverTransport);
   * connection.unsubscribe(); // closes that session only
   */
  connect(transport: Transport, options: ConnectOptions = {}): Subscription {
    const sessionOptions = this.#sessionOptions(options.requireInitialize);
    const session = createServerSession(transport, sessionOptions);
    const state = new SessionState(session, transport, sessionOptions.capabilities!);
    this.#states.set(session, state);
    this.#sessions.add(state);
    const connection = session.connect();
    this.#connections.add(connection);
    // The session closes with its connection, whichever side ends it; a teardown costs less per
    // session than a subscription to `closed$`. (Added after `connect`, it runs after the session
    // has closed, or at once if the transport had already ended.)
    connection.add(() => {
      this.#sessions.delete(state);
      this.#connections.delete(connection);
      if (this.#sessions.size === 0) this.#notifier.cancel();
    });
    return connection;
  }

  /**
   * The options of new sessions, handler table included: one object per capability set and
   * `requireInitialize`, shared by its sessions.
   */
  #sessionOptions(requireInitialize: boolean | undefined): ServerSessionOptions {
    const capabilities = this.capabilities;
    const cached = this.#sharedSessionOptions.get(requireInitialize);
    if (cached?.capabilities === capabilities) return cached;
    const { instructions, scheduler, timeout, protocolVersions } = this.#options;
    if (this.#handlers?.capabilities !== capabilities) {
      this.#handlers = { capabilities, table: createRequestHandlers(capabilities, this.#features, this.#stateOf) };
    }
    const handlers = this.#handlers.table;
    const maxInflightRequests = this.#options.limits?.maxInflightRequests;
    const fresh: ServerSessionOptions = { serverInfo: this.info, capabilities, instructions, scheduler, timeout, protocolVersions, requireInitialize, handlers, maxInflightRequests };
    this.#sharedSessionOptions.set(requireInitialize, fresh);
    return fresh;
  }

  /**
   * Puts the server on shared state before it serves: the event bus and the `requestState`
   * sealing of its 2026-07-28 requests (what `rxmcp run --redis` does to a loaded module's server,
   * see `shareOnRedis` in `rxmcp/redis`). Listen streams opened earlier stay on the old bus.
   *
   * @example
   * server.useSharedState({ eventBus: createRedisEventBus(redis), requestState: { keys: await sharedRequestStateKeys(redis) } });
   */
  useSharedState(state: SharedServerState): void {
    if (state.eventBus) this.#bus = state.eventBus;
    if (state.requestState) this.#options = { ...this.#options, requestState: state.requestState };
    this.#modern = undefined;
    this.#remote?.unsubscribe();
    // What other processes changed reaches this one's 2025 sessions too (not published again).
    this.#remote = state.remoteEvents$?.subscribe((event) => {
      if (event.type === 'list_changed') this.#notifier.changed(event.kind);
      else for (const session of this.#sessions) if (session.isSubscribed(event.uri)) notifySafely(session, 'notifications/resources/updated', { uri: event.uri });
    });
  }

  /**
   * Closes every session (as if each connection were unsubscribed). Registrations stay: the
   * server can serve new transports afterwards.
   */
  close(): void {
    this.#closing.next();
    for (const connection of [...this.#connections]) connection.unsubscribe();
  }

  /**
   * Registers a tool. Its arguments are typed by `inputSchema` (zod) and validated before the
   * handler runs; see {@link ToolHandler} for results and errors.
   *
   * @example
   * server.tool('add', { inputSchema: z.object({ a: z.number(), b: z.number() }) }, ({ a, b }) => String(a + b));
   */
  tool<In extends ToolSchemaLike | undefined = undefined, Out extends ToolOutputSchemaLike | undefined = undefined>(
    name: string,
    config: ToolConfig<In, Out>,
    handler: ToolHandler<In, Out>,
  ): RegisteredTool<In, Out> {
    const engine = this.#options.jsonSchemaValidator;
    return this.#features.tools.add(name, createToolEntry(name, config, handler, engine), (entry, changes) => updateToolEntry(entry, changes, engine));
  }

  /**
   * Registers a static resource, read by exact URI.
   *
   * @example
   * server.resource('test://static-text', { name: 'static', mimeType: 'text/plain' }, () => 'Hello');
   */
  resource(uri: string, config: ResourceConfig, handler: ResourceHandler): RegisteredResource {
    return this.#features.resources.add(uri, createResourceEntry(uri, config, handler), updateResourceEntry);
  }

  /**
   * Registers a resource template (RFC 6570); its variables are typed from the template string.
   * Templates are tried in registration order, after static resources.
   *
   * @example
   * server.resourceTemplate('test://users/{id}', { name: 'user', complete: { id: (v) => ids.filter((i) => i.startsWith(v)) } },
   *   (uri, { id }) => JSON.stringify(users[id]));
   */
  resourceTemplate<T extends string>(uriTemplate: T, config: ResourceTemplateConfig<T>, handler: ResourceTemplateHandler<T>): RegisteredResourceTemplate<T> {
    return this.#features.templates.add(uriTemplate, createResourceTemplateEntry(uriTemplate, config, handler), updateResourceTemplateEntry);
  }

  /**
   * Registers a prompt.
   *
   * @example
   * server.prompt('review', { arguments: z.object({ code: z.string().describe('The code') }) }, ({ code }) => `Review:\n${code}`);
   */
  prompt<const A extends PromptArgumentsLike | undefined = undefined>(name: string, config: PromptConfig<A>, handler: PromptHandler<A>): RegisteredPrompt<A> {
    return this.#features.prompts.add(name, createPromptEntry(name, config, handler), updatePromptEntry);
  }

  /**
   * Serves a skill (SEP-2640): its files become resources under `skill://<path>/`, and it is
   * listed by `skills/list`, described by `skills/get` and browsable with
   * `resources/directory/read`. `path` ends with the skill's `name` (from `SKILL.md`'s frontmatter).
   *
   * @example
   * server.skill('git-workflow', {
   *   'SKILL.md': '---\nname: git-workflow\ndescription: Our Git conventions\n---\n# Git\nSee references/BRANCHES.md.',
   *   'references/BRANCHES.md': '# Branches\n…',
   * });
   */
  skill(path: string, files: SkillFiles): void {
    for (const file of this.#features.skills.add(path, files)) {
      const config: ResourceConfig = { name: file.name, mimeType: file.mimeType, size: file.size, ...(file.description === undefined ? {} : { description: file.description }) };
      const content = file.content;
      this.resource(file.uri, config, (uri) =>
        typeof content === 'string'
          ? [{ uri, mimeType: file.mimeType, text: content }]
          : [{ uri, mimeType: file.mimeType, blob: base64Of(content) }],
      );
    }
  }

  /**
   * Sends `notifications/resources/updated` to every session subscribed to `uri`.
   *
   * @example
   * server.notifyResourceUpdated('test://static-text');
   */
  notifyResourceUpdated(uri: string): void {
    this.#bus.publish({ type: 'resource_updated', uri });
    for (const state of this.#sessions) if (state.isSubscribed(uri)) notifySafely(state, 'notifications/resources/updated', { uri });
  }

  /**
   * Announces that a list changed without a registration change (e.g. what a template's `list`
   * returns); coalesced like registration changes.
   */
  notifyListChanged(kind: ListKind): void {
    this.#notifier.changed(kind);
    this.#bus.publish({ type: 'list_changed', kind });
  }

  /**
   * Sends a log message (not related to any request) to every session whose level lets it through.
   *
   * @example
   * server.log('warning', { disk: 'almost full' }, 'storage');
   */
  log(level: LoggingLevel, data: unknown, logger?: string): void {
    const params = logger === undefined ? { level, data } : { level, logger, data };
    for (const state of this.#sessions) if (shouldLog(state, level, this.#features.logLevel)) notifySafely(state, 'notifications/message', params);
  }

  /**
   * Serves one 2026-07-28 request statelessly (no session), with the same handlers as 2025
   * sessions; see {@link ConnectableServer.serveModern}.
   *
   * @example
   * server.serveModern(request, { header: (name) => headers.get(name) ?? undefined }).subscribe(({ message }) => send(message));
   */
  serveModern(request: JSONRPCRequest, facts: RequestFacts): Observable<ModernReply> {
    return serveModernRequest((this.#modern ??= this.#modernParts()), request, facts);
  }

  /**
   * The scopes a `tools/call` of a tool registered with `scopes` needs; see
   * {@link ConnectableServer.scopesFor}.
   *
   * @example
   * server.scopesFor({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'deploy' } }); // ['deploy:write']
   */
  scopesFor(message: JSONRPCMessage): readonly string[] | undefined {
    if (!('method' in message) || message.method !== 'tools/call') return undefined;
    const name = message.params?.['name'];
    return typeof name === 'string' ? this.#features.tools.get(name)?.config.scopes : undefined;
  }

  /** The runner of this server's tasks (made on first use). */
  get tasks(): TaskRunner {
    const scheduler = this.#options.scheduler ?? asyncScheduler;
    return (this.#tasks ??= new TaskRunner({ ...this.#options.tasks, scheduler, store: this.#options.tasks?.store ?? createInMemoryTaskStore(scheduler) }));
  }

  /** The capabilities of `server/discover`: extensions instead of 2025's `tasks`. */
  #discoverCapabilities(): ServerCapabilities {
    const legacy = this.capabilities;
    if (this.#modernCapabilities?.legacy === legacy) return this.#modernCapabilities.modern;
    const { tasks: _legacyTasks, ...modern } = legacy;
    const supportsTasks = this.#features.tools.list().some((tool) => (tool.config.execution?.taskSupport ?? 'forbidden') !== 'forbidden');
    const extensions = { ...(modern as { extensions?: Record<string, unknown> }).extensions, ...(supportsTasks ? { [TASKS_EXTENSION]: {} } : {}) };
    const shaped = Object.keys(extensions).length > 0 ? ({ ...modern, extensions } as ServerCapabilities) : modern;
    this.#modernCapabilities = { legacy, modern: shaped };
    return shaped;
  }

  #modernParts(): ModernServerParts {
    const scheduler = this.#options.scheduler ?? asyncScheduler;
    const features = this.#features;
    const defaults: CacheHints = { ...DEFAULT_CACHE_HINTS, ...this.#options.cacheHints };
    const legacy = this.#options.protocolVersions ?? SUPPORTED_PROTOCOL_VERSIONS;
    return {
      info: this.info,
      instructions: this.#options.instructions,
      scheduler,
      features,
      capabilities: () => this.#discoverCapabilities(),
      handlers: () => {
        const capabilities = this.capabilities;
        if (this.#featureHandlers?.capabilities !== capabilities) this.#featureHandlers = { capabilities, table: createFeatureHandlers(capabilities) };
        return this.#featureHandlers.table;
      },
      toolHeaderParams: (name) => {
        const entry = features.tools.get(name);
        return entry && headerParamsOf(entry.definition.inputSchema as Record<string, unknown>);
      },
      cacheHints: (method, uri) => {
        if (method === 'resources/read') return { ...defaults, ...(uri === undefined ? undefined : features.resources.get(uri)?.config.cache) };
        const entries = method === 'tools/list' ? features.tools.list() : method === 'prompts/list' ? features.prompts.list() : method.startsWith('resources/') ? features.resources.list() : [];
        return strictest(defaults, entries.map((entry) => entry.config.cache));
      },
      supportedVersions: [...MODERN_PROTOCOL_VERSIONS, ...legacy],
      sealer: createRequestStateSealer(scheduler, this.info.name, this.#options.requestState),
      bus: this.#bus,
      closing$: this.#closing,
      tasks: this.tasks,
    };
  }

  #broadcastListChanged(kind: ListKind): void {
    for (const state of this.#sessions) {
      if (state.initialized && state.capabilities[kind]?.listChanged) notifySafely(state, `notifications/${kind}/list_changed`);
    }
  }
}

/** Bytes as base64 (resource `blob`). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return globalThis.btoa(binary);
}

/** The hints of a list: the shortest TTL and the narrowest scope of its entries. */
function strictest(defaults: CacheHints, hints: ReadonlyArray<Partial<CacheHints> | undefined>): CacheHints {
  let { ttlMs, cacheScope } = defaults;
  for (const hint of hints) {
    if (hint?.ttlMs !== undefined) ttlMs = Math.min(ttlMs, hint.ttlMs);
    if (hint?.cacheScope === 'private') cacheScope = 'private';
  }
  return { ttlMs, cacheScope };
}
