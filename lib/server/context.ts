/**
 * @module
 * The context every tool, resource, prompt and completion handler gets: cancellation, progress,
 * logging, and server→client requests (sampling, elicitation, roots) related to the request.
 */
import { catchError, map, type Observable } from 'rxjs';
import { McpError } from '../protocol/errors.js';
import type { RequestId } from '../protocol/jsonrpc.js';
import type { ClientCapabilities } from '../protocol/lifecycle.js';
import type { Implementation } from '../protocol/common.js';
import type { LoggingLevel } from '../protocol/logging.js';
import {
  ServerRequestMethods,
  type NotificationParamsArgs,
  type ParamsOf,
  type ResultOf,
  type ServerNotificationMethod,
  type ServerRequestMethod,
} from '../protocol/methods.js';
import type { HandlerContext, RequestOptions } from '../session/session-api.js';
import type { AuthInfo } from '../auth/server/auth-info.js';
import type { HttpRequestDetails } from './modern/envelope.js';

export type { HttpRequestDetails };
import { notifySafely, shouldLog, type SessionState } from './session-state.js';

/** Options of the server→client requests a handler makes (timeouts, as in the official SDKs). */
export type ContextRequestOptions = Omit<RequestOptions, 'observe' | 'relatedRequestId'> & {
  /**
   * The key of this request in an `InputRequiredResult` when the client speaks 2026-07-28 (MRTR);
   * ignored on a 2025 session. @defaultValue `elicitation_1`, `sampling_2`… in call order
   */
  inputKey?: string;
};

/** Who is calling: what the client sent in `initialize`. */
export interface ClientDetails {
  /** The client's name, version and presentation. */
  readonly info: Implementation;
  /** The capabilities the client announced. */
  readonly capabilities: ClientCapabilities;
  /** The negotiated protocol revision. */
  readonly protocolVersion: string;
}

/**
 * What a handler gets besides its arguments. Everything it sends travels related to the
 * current request (so Streamable HTTP routes it on the request's stream).
 *
 * @example
 * server.tool('summarize', { inputSchema }, ({ text }, ctx) => {
 *   ctx.log('info', 'summarizing');
 *   return ctx.sample({ messages: [{ role: 'user', content: { type: 'text', text } }], maxTokens: 200 })
 *     .pipe(map((answer) => JSON.stringify(answer.content)));
 * });
 */
export interface ServerContext {
  /** Aborted when the client cancels the request or the session closes. */
  readonly signal: AbortSignal;
  /** The id of the request being handled. */
  readonly requestId: RequestId;
  /** The transport's session id (Streamable HTTP), if it has one. */
  readonly sessionId: string | undefined;
  /** The client, once it has initialized (stateless HTTP may serve requests without it). */
  readonly client: ClientDetails | undefined;
  /** The request's `_meta` as sent. */
  readonly meta: Record<string, unknown> | undefined;
  /**
   * The identity verified from the request's access token, when the host protects the server
   * (`auth` option of `serveMcp`); `undefined` otherwise.
   */
  readonly auth?: AuthInfo;
  /** The HTTP request that carried this message; `undefined` on stdio and in memory. */
  readonly http?: HttpRequestDetails;
  /** Sends `notifications/progress` when the caller asked for progress; otherwise does nothing. */
  progress(progress: number, total?: number, message?: string): void;
  /**
   * Sends `notifications/message` if `level` passes the session's `logging/setLevel` threshold
   * (before the client sets one, the server's `logLevel` option decides: everything by default).
   */
  log(level: LoggingLevel, data: unknown, logger?: string): void;
  /** Asks the client's LLM for a message (`sampling/createMessage`). Cold; validated result. */
  sample(
    params: ParamsOf<'sampling/createMessage'>,
    options?: ContextRequestOptions,
  ): Observable<ResultOf<'sampling/createMessage'>>;
  /** Asks the user for input (`elicitation/create`, form or `mode: 'url'`). Cold; validated result. */
  elicit(
    params: ParamsOf<'elicitation/create'>,
    options?: ContextRequestOptions,
  ): Observable<ResultOf<'elicitation/create'>>;
  /** Asks the client for its roots (`roots/list`). Cold; validated result. */
  listRoots(options?: ContextRequestOptions): Observable<ResultOf<'roots/list'>>;
  /** Sends a server notification related to this request. */
  sendNotification<M extends ServerNotificationMethod>(method: M, ...params: NotificationParamsArgs<M>): void;
  /**
   * Asks the transport to close the stream carrying this request's messages (Streamable HTTP
   * SSE polling, SEP-1699): the handler keeps running and the client resumes to get the rest.
   * Returns `false` when the transport has no such stream (stdio, memory, WebSocket).
   */
  closeStream(): boolean;
}

/** The mark a failed server→client request carries: a registered Symbol, so every copy of rxmcp reads it. */
const PEER_ERROR = Symbol.for('rxmcp.peerRequestError');

/**
 * Whether `error` is the failure of a server→client request made through a {@link ServerContext}
 * (so a tool that lets it through reports it as a tool error, not as its own JSON-RPC error).
 */
export function isPeerRequestError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { [PEER_ERROR]?: true })[PEER_ERROR] === true;
}

/** Options of {@link createServerContext}. */
export interface ServerContextOptions {
  /** Log level that applies before the client sends `logging/setLevel`. */
  logLevel: LoggingLevel;
}

/**
 * Builds the {@link ServerContext} of one incoming request from the engine's handler context.
 *
 * @example
 * session.setRequestHandler('tools/call', (params, handlerContext) => run(params, createServerContext(state, handlerContext, options)));
 */
export function createServerContext(
  state: SessionState,
  context: HandlerContext,
  options: ServerContextOptions,
): ServerContext {
  return new RequestServerContext(state, context, options);
}

/**
 * A class rather than an object literal: V8 builds literals with getters slowly, and this runs
 * once per request. `signal` and `client` are read lazily; each method is a closure made on
 * first access (most handlers use none), so handlers may destructure them.
 */
class RequestServerContext implements ServerContext {
  readonly requestId: RequestId;
  readonly sessionId: string | undefined;
  readonly meta: Record<string, unknown> | undefined;
  readonly #state: SessionState;
  readonly #context: HandlerContext;
  readonly #options: ServerContextOptions;
  #client: ClientDetails | undefined | null = null;
  // The methods, each made on first access (most handlers use none).
  #progress: ServerContext['progress'] | undefined;
  #log: ServerContext['log'] | undefined;
  #sample: ServerContext['sample'] | undefined;
  #elicit: ServerContext['elicit'] | undefined;
  #listRoots: ServerContext['listRoots'] | undefined;
  #sendNotification: ServerContext['sendNotification'] | undefined;
  #closeStream: ServerContext['closeStream'] | undefined;

  constructor(state: SessionState, context: HandlerContext, options: ServerContextOptions) {
    this.#state = state;
    this.#context = context;
    this.#options = options;
    this.requestId = context.requestId;
    this.sessionId = state.sessionId;
    this.meta = context.incoming.params?._meta as Record<string, unknown> | undefined;
  }

  get progress(): ServerContext['progress'] {
    const context = this.#context;
    return (this.#progress ??= (progress, total, message) => {
      try {
        context.progress(progress, total, message);
      } catch {
        // The session closed.
      }
    });
  }

  get log(): ServerContext['log'] {
    const state = this.#state;
    const { logLevel } = this.#options;
    const requestId = this.requestId;
    return (this.#log ??= (level, data, logger) => {
      if (!shouldLog(state, level, logLevel)) return;
      notifySafely(
        state,
        'notifications/message',
        logger === undefined ? { level, data } : { level, logger, data },
        requestId,
      );
    });
  }

  get sample(): ServerContext['sample'] {
    const context = this.#context;
    return (this.#sample ??= (params, requestOptions) =>
      peerRequest(context, 'sampling/createMessage', params as Record<string, unknown>, requestOptions));
  }

  get elicit(): ServerContext['elicit'] {
    const context = this.#context;
    return (this.#elicit ??= (params, requestOptions) =>
      peerRequest(context, 'elicitation/create', params as Record<string, unknown>, requestOptions));
  }

  get listRoots(): ServerContext['listRoots'] {
    const context = this.#context;
    return (this.#listRoots ??= (requestOptions) => peerRequest(context, 'roots/list', undefined, requestOptions));
  }

  get sendNotification(): ServerContext['sendNotification'] {
    const state = this.#state;
    const requestId = this.requestId;
    return (this.#sendNotification ??= ((method: ServerNotificationMethod, ...params: unknown[]) =>
      notifySafely(
        state,
        method,
        params[0] as Record<string, unknown> | undefined,
        requestId,
      )) as ServerContext['sendNotification']);
  }

  get closeStream(): ServerContext['closeStream'] {
    const state = this.#state;
    const requestId = this.requestId;
    return (this.#closeStream ??= () => state.closeStream(requestId));
  }

  get signal(): AbortSignal {
    return this.#context.signal;
  }

  get auth(): AuthInfo | undefined {
    return this.#state.requestFacts(this.requestId)?.auth;
  }

  get http(): HttpRequestDetails | undefined {
    return this.#state.requestFacts(this.requestId)?.http;
  }

  get client(): ClientDetails | undefined {
    if (this.#client === null) {
      const session = this.#state.session;
      const details = session.client;
      this.#client = details && {
        info: details.clientInfo,
        capabilities: details.capabilities,
        protocolVersion: session.protocolVersion ?? details.protocolVersion,
      };
    }
    return this.#client;
  }
}

/** A server→client request related to the current one, its result validated. */
function peerRequest<M extends ServerRequestMethod>(
  context: HandlerContext,
  method: M,
  params: Record<string, unknown> | undefined,
  requestOptions: ContextRequestOptions | undefined,
): Observable<ResultOf<M>> {
  return context.request(method, params, requestOptions).pipe(
    map((raw) => {
      const parsed = ServerRequestMethods[method].result.safeParse(raw);
      if (!parsed.success)
        throw new McpError('validation', `Invalid ${method} result: ${parsed.error.message}`, { data: raw });
      return parsed.data as ResultOf<M>;
    }),
    catchError((error: unknown) => {
      if (typeof error === 'object' && error !== null && Object.isExtensible(error))
        Object.defineProperty(error, PEER_ERROR, { value: true });
      throw error;
    }),
  );
}
