/**
 * @module
 * `McpServer`: one definition of tools, resources and prompts that serves any number of sessions,
 * over any transport, at once.
 */
import { type Observable, Subject, type Subscription } from 'rxjs';
import type { Implementation } from '../protocol/common.js';
import type { JSONRPCMessage, JSONRPCRequest } from '../protocol/jsonrpc.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { LoggingLevel } from '../protocol/logging.js';
import type { Transport } from '../transport/transport.js';
import type { ConnectableServer, ConnectOptions } from './connectable.js';
import type { Limits } from './limits.js';
import type { ToolOutputSchemaLike, ToolSchemaLike } from './json-schema.js';
import type { ListKind } from './list-changed.js';
import type { McpServerOptions, SharedServerState } from './mcp-server-options.js';
import type { RequestFacts } from './modern/envelope.js';
import { createModernParts } from './modern/modern-parts.js';
import { serveModernRequest, type ModernReply, type ModernServerParts } from './modern/serve-modern-request.js';
import type { PromptArgumentsLike, PromptConfig, PromptHandler, RegisteredPrompt } from './prompts.js';
import { addPrompt, addResource, addResourceTemplate, addTool } from './registrations.js';
import type { ServerFeatures } from './request-handlers.js';
import type {
  RegisteredResource,
  RegisteredResourceTemplate,
  ResourceConfig,
  ResourceHandler,
  ResourceTemplateConfig,
  ResourceTemplateHandler,
} from './resources.js';
import { deriveCapabilities } from './server-capabilities.js';
import { ServedSessions } from './served-sessions.js';
import { ServerChanges } from './server-changes.js';
import { createServerFeatures, createTaskRunner } from './server-features.js';
import { SharedSessionOptions } from './shared-session-options.js';
import type { SkillFiles } from './skills/skill-catalog.js';
import { skillFileResource } from './skills/skill-resource.js';
import { resumeLegacyTaskStatus } from './tasks/adopted-task-status.js';
import type { TaskRunner } from './tasks/task-runner.js';
import type { RegisteredTool, ToolConfig, ToolHandler } from './tools.js';

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
  readonly #sessions: ServedSessions;
  readonly #changes: ServerChanges;
  readonly #features: ServerFeatures;
  /** {@link McpServer.capabilities}, shared by the sessions that connect until a registration changes. */
  #capabilities: ServerCapabilities | undefined;
  readonly #sessionOptions: SharedSessionOptions;
  readonly #closing = new Subject<void>();
  #modern: ModernServerParts | undefined;
  #tasks: TaskRunner | undefined;

  constructor(info: Implementation, options: McpServerOptions = {}) {
    this.info = info;
    this.#options = options;
    this.#sessions = new ServedSessions(() => this.#changes.cancel());
    this.#changes = new ServerChanges(this.#sessions, options);
    const changed = (kind: ListKind) => () => {
      this.#capabilities = undefined;
      this.#changes.listChanged(kind);
    };
    this.#features = createServerFeatures(options, changed, this.tasks);
    this.#sessionOptions = new SharedSessionOptions(info, this.#features, this.#sessions.stateOf);
  }

  /** The capabilities a session connecting now is announced (one object until a registration changes). */
  get capabilities(): ServerCapabilities {
    return (this.#capabilities ??= deriveCapabilities(this.#features, this.#options.capabilities));
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
    const sessionOptions = this.#sessionOptions.get(this.#options, this.capabilities, options.requireInitialize);
    // A session taken over from another process hears its earlier tasks' status changes again.
    return this.#sessions.connect(transport, sessionOptions, options, (state) =>
      resumeLegacyTaskStatus(this.#features.tasks, state, this.#features.pageSize),
    );
  }

  /**
   * Puts the server on shared state before it serves: the event bus, the `requestState`
   * sealing of its 2026-07-28 requests and its tasks (what `rxmcp run --redis` does to a loaded
   * module's server, see `shareOnRedis` in `rxmcp/redis`). Listen streams opened earlier stay on
   * the old bus. The tasks' store replaces the default in-memory one, not one given in the
   * `tasks` option; once a task has been started the server's tasks cannot move (this throws,
   * changing nothing).
   *
   * @example
   * server.useSharedState({ eventBus: createRedisEventBus(redis), requestState: { keys: await sharedRequestStateKeys(redis) } });
   */
  useSharedState(state: SharedServerState): void {
    if (state.tasks) {
      const { store, bus } = state.tasks;
      this.tasks.share({ ...(this.#options.tasks?.store || !store ? {} : { store }), ...(bus ? { bus } : {}) });
    }
    if (state.eventBus) this.#changes.bus = state.eventBus;
    if (state.requestState) this.#options = { ...this.#options, requestState: state.requestState };
    this.#modern = undefined;
    // What other processes changed reaches this one's 2025 sessions too (not published again).
    this.#changes.hear(state.remoteEvents$);
  }

  /**
   * Closes every session (as if each connection were unsubscribed). Registrations stay: the
   * server can serve new transports afterwards.
   */
  close(): void {
    this.#closing.next();
    this.#sessions.closeAll();
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
    return addTool(this.#features, name, config, handler, this.#options.jsonSchemaValidator);
  }

  /**
   * Registers a static resource, read by exact URI.
   *
   * @example
   * server.resource('test://static-text', { name: 'static', mimeType: 'text/plain' }, () => 'Hello');
   */
  resource(uri: string, config: ResourceConfig, handler: ResourceHandler): RegisteredResource {
    return addResource(this.#features, uri, config, handler);
  }

  /**
   * Registers a resource template (RFC 6570); its variables are typed from the template string.
   * Templates are tried in registration order, after static resources.
   *
   * @example
   * server.resourceTemplate('test://users/{id}', { name: 'user', complete: { id: (v) => ids.filter((i) => i.startsWith(v)) } },
   *   (uri, { id }) => JSON.stringify(users[id]));
   */
  resourceTemplate<T extends string>(
    uriTemplate: T,
    config: ResourceTemplateConfig<T>,
    handler: ResourceTemplateHandler<T>,
  ): RegisteredResourceTemplate<T> {
    return addResourceTemplate(this.#features, uriTemplate, config, handler);
  }

  /**
   * Registers a prompt.
   *
   * @example
   * server.prompt('review', { arguments: z.object({ code: z.string().describe('The code') }) }, ({ code }) => `Review:\n${code}`);
   */
  prompt<const A extends PromptArgumentsLike | undefined = undefined>(
    name: string,
    config: PromptConfig<A>,
    handler: PromptHandler<A>,
  ): RegisteredPrompt<A> {
    return addPrompt(this.#features, name, config, handler);
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
      const { config, handler } = skillFileResource(file);
      this.resource(file.uri, config, handler);
    }
  }

  /**
   * Sends `notifications/resources/updated` to every session subscribed to `uri`.
   *
   * @example
   * server.notifyResourceUpdated('test://static-text');
   */
  notifyResourceUpdated(uri: string): void {
    this.#changes.resourceUpdated(uri);
  }

  /**
   * Announces that a list changed without a registration change (e.g. what a template's `list`
   * returns); coalesced like registration changes.
   */
  notifyListChanged(kind: ListKind): void {
    this.#changes.listChanged(kind);
  }

  /**
   * Sends a log message (not related to any request) to every session whose level lets it through.
   *
   * @example
   * server.log('warning', { disk: 'almost full' }, 'storage');
   */
  log(level: LoggingLevel, data: unknown, logger?: string): void {
    const params = logger === undefined ? { level, data } : { level, logger, data };
    this.#sessions.log(level, params, this.#features.logLevel);
  }

  /**
   * Serves one 2026-07-28 request statelessly (no session), with the same handlers as 2025
   * sessions; see {@link ConnectableServer.serveModern}.
   *
   * @example
   * server.serveModern(request, { header: (name) => headers.get(name) ?? undefined }).subscribe(({ message }) => send(message));
   */
  serveModern(request: JSONRPCRequest, facts: RequestFacts): Observable<ModernReply> {
    this.#modern ??= createModernParts({
      info: this.info,
      options: this.#options,
      features: this.#features,
      bus: this.#changes.bus,
      closing$: this.#closing,
      capabilities: () => this.capabilities,
    });
    return serveModernRequest(this.#modern, request, facts);
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
    return (this.#tasks ??= createTaskRunner(this.#options));
  }
}
