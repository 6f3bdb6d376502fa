/**
 * @module
 * `McpClientCore`, what `McpClient` stands on: the shared connection held while subscribed, its
 * state, the server's notifications and log messages, and the requests that are not a server
 * feature (any method, ping, the logging level, roots changes).
 */
import { filter, map, type Observable, of, type Subscription } from 'rxjs';
import { hasCapability } from '../protocol/capabilities.js';
import type { ClientCapabilities, InitializeResult, LoggingLevel } from '../protocol/index.js';
import type { JSONRPCNotification } from '../protocol/jsonrpc.js';
import type { ParamsOf } from '../protocol/methods.js';
import { toLogEvent } from './call-tool.js';
import { type Connection, holdConnection, type SharedConnection, withConnection } from './connection.js';
import { parseResult, type ResultValidator } from './parse-result.js';
import {
  type ClientMethod,
  type RequestArgs,
  type RequestCallOptions,
  typedRequest,
  type TypedResponse,
} from './typed-request.js';
import type { CallOptions, ClientState, LogEvent } from './client-api.js';

/**
 * The connection side of `McpClient` (which extends it with the server's features): nothing
 * happens until something is subscribed; everything holds the shared connection while it runs.
 *
 * @example
 * const client = new McpClient(() => createStdioClientTransport({ command: 'my-server' })); // from 'rxmcp/node'
 * client.state$.subscribe((state) => show(state.status));
 * client.ping().subscribe();
 */
export class McpClientCore {
  /**
   * The server's `initialize` result, once the shared connection is ready; holds the
   * connection while subscribed. Errors (an `McpError`) if it ends without being released.
   */
  readonly connection$: Observable<InitializeResult>;
  /** The connection's {@link ClientState}: replays the latest synchronously, never errors. */
  readonly state$: Observable<ClientState>;
  /** The server's log messages (`notifications/message`); holds the connection while subscribed. */
  readonly logs$: Observable<LogEvent>;
  /** Every notification the server sends; holds the connection while subscribed. */
  readonly notifications$: Observable<JSONRPCNotification>;
  /** The capabilities announced in `initialize`. */
  readonly capabilities: ClientCapabilities;

  private readonly shared: SharedConnection;

  constructor(shared: SharedConnection, capabilities: ClientCapabilities) {
    this.shared = shared;
    this.capabilities = capabilities;
    this.connection$ = shared.connection$.pipe(map((connection) => connection.server));
    this.state$ = shared.state$;
    this.notifications$ = holdConnection(shared.connection$, (connection) => connection.session.notifications$);
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
}
