/**
 * @module
 * The public types of `McpClient`: its options, connection state, handlers of server→client
 * requests, and the events of a tool call.
 */
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import type { Observable, SchedulerLike } from 'rxjs';
import type { McpError } from '../protocol/errors.js';
import type {
  CallToolResult,
  ClientCapabilities,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  Implementation,
  InitializeResult,
  LoggingLevel,
  Root,
} from '../protocol/index.js';
import type { HandlerContext, ProgressEvent, RequestOptions } from '../session/session-api.js';
import type { Era, VersionNegotiation } from './modern/negotiate.js';
import type { InputRoundEvent } from './modern/input-rounds.js';
import type { ResultCache } from './modern/result-cache.js';

export type { InputRoundEvent } from './modern/input-rounds.js';

/**
 * Where the client's shared connection is. Emitted by `McpClient.state$`, which replays the
 * latest state synchronously and never errors.
 *
 * - `idle`: nothing has connected yet.
 * - `connecting`: a transport was created and `initialize` is under way.
 * - `ready`: the era is agreed: `era: 'legacy'` after `initialize` (`server` is its result), or
 *   `era: 'modern'` after `server/discover` (`server` describes the discovered server the same
 *   way: `protocolVersion` is the agreed 2026-07-28 revision).
 * - `reconnecting`: initialized, but the transport lost its connection and is trying to get it
 *   back (the standalone stream of Streamable HTTP): `attempt` counts the failed attempts so
 *   far, `error` says what was lost or failed last. Calls may still be made (they fail if the
 *   server is gone). Back to `ready` once reconnected, else `closed` with the error.
 * - `closed`: the connection ended. Without `error` the client released it (its last holder
 *   unsubscribed); with `error` it ended on its own: the transport failed (kind `'transport'`),
 *   the server closed it (kind `'closed'`), or `initialize` failed.
 *
 * @example
 * client.state$.subscribe((state) => {
 *   if (state.status === 'reconnecting') banner(`Reconnecting (attempt ${state.attempt + 1}): ${state.error.message}`);
 * });
 */
export type ClientState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting' }
  | { readonly status: 'ready'; readonly server: InitializeResult; readonly era: Era }
  | {
      readonly status: 'reconnecting';
      readonly server: InitializeResult;
      readonly era: Era;
      readonly attempt: number;
      readonly error: McpError;
    }
  | { readonly status: 'closed'; readonly error?: McpError };

/** What a client handler may return: the value, a Promise of it, or an Observable emitting it. */
export type HandlerOutcome<T> = T | PromiseLike<T> | Observable<T>;

/** Answers `sampling/createMessage`: sample the user's LLM. */
export type SamplingHandler = (
  params: CreateMessageRequestParams,
  context: HandlerContext,
) => HandlerOutcome<CreateMessageResult>;

/**
 * Answers `elicitation/create` in form or URL mode. In form mode, the `default` of every field
 * of `requestedSchema` missing from accepted `content` is filled in before the answer is sent.
 */
export type ElicitationHandler = (params: ElicitRequestParams, context: HandlerContext) => HandlerOutcome<ElicitResult>;

/** Answers `roots/list` with the client's current roots. */
export type RootsHandler = (context: HandlerContext) => HandlerOutcome<readonly Root[]>;

/** Handlers of requests the server sends; a missing handler is answered with `-32601`. */
export interface ClientHandlers {
  /** Enables `sampling/createMessage` and announces the `sampling` capability. */
  sampling?: SamplingHandler;
  /** Enables `elicitation/create` and announces `elicitation: { form: {}, url: {} }`. */
  elicitation?: ElicitationHandler;
  /** Enables `roots/list` and announces `roots: { listChanged: true }`. */
  roots?: RootsHandler;
}

/** Options of `McpClient`. */
export interface McpClientOptions {
  /** Sent as `clientInfo` in `initialize`. @defaultValue `{ name: 'rxmcp', version: '0.1.0' }` */
  clientInfo?: Implementation;
  /**
   * Capabilities announced in `initialize`, merged over the ones derived from `handlers`
   * (a key given here wins). @defaultValue derived from `handlers`
   */
  capabilities?: ClientCapabilities;
  /** Handlers of server→client requests. @defaultValue none */
  handlers?: ClientHandlers;
  /** Default timeout of every request, in milliseconds. @defaultValue 60 000 */
  timeout?: number;
  /** Where every timer runs (inject a `TestScheduler` in tests). @defaultValue `asyncScheduler` */
  scheduler?: SchedulerLike;
  /** Protocol revisions the client accepts, proposed newest first. @defaultValue every supported revision */
  protocolVersions?: readonly string[];
  /**
   * The engine that checks `structuredContent` against tools' `outputSchema`.
   * `ajvJsonSchemaValidator()` is faster where code generation is allowed. Given explicitly, it
   * checks from the first result on synchronously (as virtual-time tests need).
   * @defaultValue `defaultJsonSchemaValidator` (interprets schemas; no eval), loaded by `import()`
   * on the first result that has an `outputSchema` to be checked against
   */
  jsonSchemaValidator?: JsonSchemaValidator;
  /**
   * How the era of each connection is chosen: `'auto'` asks `server/discover` first and falls
   * back to `initialize` when the server answers as a 2025 server (the verdict is remembered for
   * the client's next connections); `'legacy'` always initializes; `{ pin: '2026-07-28' }`
   * requires that modern revision. The calls, live lists and handlers work the same in both eras.
   * @defaultValue `'legacy'`
   */
  versionNegotiation?: VersionNegotiation;
  /**
   * Where the results of a 2026-07-28 server are cached by their caching hints (`ttlMs`,
   * `cacheScope`): the lists, `resources/read` and `server/discover` (a fresh discover result
   * spares the next connection its probe; `ping()` always asks the server). Give several clients
   * one {@link createResultCache} to share `'public'` results between them, and `'private'` ones
   * (or results without a scope) between clients of the same {@link McpClientOptions.authContext}.
   *
   * @example
   * const resultCache = createResultCache();
   * const a = new McpClient(factory, { versionNegotiation: 'auto', resultCache });
   * const b = new McpClient(factory, { versionNegotiation: 'auto', resultCache }); // a's public lists serve b
   * @defaultValue a cache of this client's own
   */
  resultCache?: ResultCache;
  /**
   * The authorization context (who the server sees: e.g. a hash of the access token) the
   * `'private'` results are cached under, asked at each lookup when a function. Clients sharing a
   * `resultCache` share private results only when their contexts are equal; results are never
   * served across contexts.
   *
   * @example
   * new McpClient(factory, { resultCache, authContext: () => tokenFingerprint() });
   * @defaultValue none: private results are this client's alone
   */
  authContext?: string | (() => string | undefined);
  /**
   * The server's name in the result cache: clients of one cache share results only for the same name.
   * @defaultValue the transport's `info.serverEndpoint` (the Streamable HTTP URL), else the transport factory itself
   */
  cacheServerKey?: string;
}

/** Per-call options: the session's timeout options (`observe` is chosen by the overload). */
export type CallOptions = Omit<RequestOptions, 'observe' | 'relatedRequestId'>;

/** A log message (`notifications/message`) the server sent. */
export interface LogEvent {
  type: 'log';
  level: LoggingLevel;
  logger?: string;
  data: unknown;
}

/** The final event of a tool call: the validated result (which may have `isError: true`). */
export interface ToolResultEvent {
  type: 'result';
  result: CallToolResult;
}

/**
 * What `callTool(params, { observe: 'events' })` emits: progress and log events while the call
 * runs, on a 2026-07-28 connection an `input` event for each round that asked for input (before
 * the client's handlers answer it), then exactly one result event.
 */
export type CallToolEvent = ProgressEvent | LogEvent | InputRoundEvent | ToolResultEvent;
