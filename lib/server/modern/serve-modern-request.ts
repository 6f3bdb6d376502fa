/**
 * @module
 * Serving one 2026-07-28 request, with no session: envelope and header checks, `server/discover`,
 * `subscriptions/listen`, the feature handlers (the same ones 2025 sessions run) with MRTR
 * rounds, `resultType`, `serverInfo` and caching hints on results, and the revision's error codes.
 * Transport-agnostic: it returns the outbound messages as an Observable, each final answer with
 * the HTTP status an HTTP host should use.
 */
import {
  catchError,
  defer,
  map,
  merge,
  Observable,
  of,
  type SchedulerLike,
  shareReplay,
  switchMap,
  throwError,
} from 'rxjs';
import type { Implementation } from '../../protocol/common.js';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import type { ServerCapabilities } from '../../protocol/lifecycle.js';
import {
  InputResponsesSchema,
  ListenParamsSchema,
  MetaKey,
  MODERN_PROTOCOL_VERSIONS,
  MRTR_METHODS,
  REMOVED_METHODS,
  type CacheHints,
} from '../../protocol/modern.js';
import type { FeatureHandler, ServerFeatures } from '../request-handlers.js';
import { CACHEABLE_METHODS, withCacheHints } from './cache-hints.js';
import { readEnvelope, type RequestFacts } from './envelope.js';
import { runHandler } from './run-handler.js';
import { asProtocol, bindingOf } from './state-binding.js';
import type { EventBus } from './event-bus.js';
import { checkRequestHeaders, type HeaderParams } from './http-headers.js';
import { InputRound } from './input-round.js';
import { agreedFilter, listenStream } from './listen-stream.js';
import { createModernContext } from './modern-context.js';
import type { ModernReply } from './modern-reply.js';
import type { RequestStateSealer } from './request-state.js';
import { declaresExtension, TASK_EXTENSION_METHODS, TASKS_EXTENSION } from '../../protocol/tasks-extension.js';
import { finishToolOutcome } from '../tools.js';
import { missingTasksExtension, serveTaskMethod, startModernTask, taskModeOf } from '../tasks/modern-tasks.js';
import { taskStatusEvents } from '../tasks/task-status-notifications.js';
import type { TaskContinuation } from '../tasks/run-as-task.js';
import { taskContinuationOf } from '../tasks/task-escalation.js';
import type { TaskRunner } from '../tasks/task-runner.js';

export type { ModernReply } from './modern-reply.js';

/** What serving a modern request needs from its server. */
export interface ModernServerParts {
  readonly info: Implementation;
  readonly instructions?: string;
  readonly scheduler: SchedulerLike;
  readonly features: ServerFeatures;
  capabilities(): ServerCapabilities;
  handlers(): ReadonlyMap<string, FeatureHandler>;
  /** The `x-mcp-header` parameters of a tool. */
  toolHeaderParams(name: string): HeaderParams | undefined;
  /** Caching hints of a method's results (and of one resource for `resources/read`). */
  cacheHints(method: string, uri?: string): CacheHints;
  /** Every revision the server speaks (both eras), for `server/discover`. */
  readonly supportedVersions: readonly string[];
  readonly sealer: RequestStateSealer;
  readonly bus: EventBus;
  /** Emits when the server closes (listen streams end gracefully). */
  readonly closing$: Observable<unknown>;
  /** Runs the tasks of the tasks extension (`tasks/*` answer -32601 without one). */
  readonly tasks?: TaskRunner;
}

/** The HTTP status of a JSON-RPC error of the 2026-07-28 revision. */
function statusOf(code: number | undefined, beforeHandler: boolean): number {
  if (code === ErrorCode.MethodNotFound) return 404;
  if (
    code === ErrorCode.HeaderMismatch ||
    code === ErrorCode.MissingRequiredClientCapability ||
    code === ErrorCode.UnsupportedProtocolVersion
  )
    return 400;
  return beforeHandler ? 400 : 200;
}

/**
 * Serves `request` (a 2026-07-28 request: see `isModernMessage`). Cold; unsubscribing cancels
 * the handler (closing the HTTP stream is cancellation in this revision).
 *
 * @example
 * serveModernRequest(parts, request, { header: (name) => headers.get(name) ?? undefined }).subscribe(({ message, status }) => …);
 */
export function serveModernRequest(
  parts: ModernServerParts,
  request: JSONRPCRequest,
  facts: RequestFacts,
): Observable<ModernReply> {
  const fail = (error: unknown, beforeHandler: boolean): ModernReply => {
    let object = McpError.toErrorObject(error);
    // This revision reports an unknown resource as invalid params, with the URI.
    if (object.code === ErrorCode.ResourceNotFound) object = { ...object, code: ErrorCode.InvalidParams };
    return {
      message: { jsonrpc: '2.0', id: request.id, error: object } as JSONRPCMessage,
      status: statusOf(object.code, beforeHandler),
    };
  };
  const answer = (result: Record<string, unknown>, uri?: string): ModernReply => {
    // `{ ...result, resultType, _meta: { ...result._meta, [serverInfo]: info } }`, without spreading into literals with computed keys (slow in V8).
    let final: Record<string, unknown> = { ...result };
    final['resultType'] = result['resultType'] ?? 'complete';
    const resultMeta = result['_meta'] as object | undefined;
    const meta: Record<string, unknown> = resultMeta === undefined ? {} : { ...resultMeta };
    meta[MetaKey.serverInfo] = parts.info;
    final['_meta'] = meta;
    // Interim `input_required` results are not cacheable and carry no hints.
    if (final['resultType'] === 'complete' && CACHEABLE_METHODS.has(request.method))
      final = withCacheHints(final, undefined, parts.cacheHints(request.method, uri));
    return { message: { jsonrpc: '2.0', id: request.id, result: final }, status: 200 };
  };

  return defer((): Observable<ModernReply> => {
    const { envelope, meta } = readEnvelope(request, facts, MODERN_PROTOCOL_VERSIONS);
    if (facts.header) checkRequestHeaders(request, facts.header, (name) => parts.toolHeaderParams(name));
    const method = request.method;
    if (method === 'server/discover') {
      const result: Record<string, unknown> = {
        supportedVersions: [...parts.supportedVersions],
        capabilities: parts.capabilities(),
      };
      if (parts.instructions !== undefined) result['instructions'] = parts.instructions;
      return of(answer(result));
    }
    if (method === 'subscriptions/listen') {
      const parsed = ListenParamsSchema.safeParse(request.params);
      if (!parsed.success)
        throw McpError.protocol(
          ErrorCode.InvalidParams,
          `Invalid params for subscriptions/listen: ${parsed.error.message}`,
        );
      if (
        parsed.data.notifications.taskIds &&
        !declaresExtension(envelope[MetaKey.clientCapabilities], TASKS_EXTENSION)
      )
        throw missingTasksExtension('Missing required client capability: task notifications need the tasks extension');
      const agreed = agreedFilter(parsed.data.notifications, parts.capabilities());
      const events$ =
        agreed.taskIds && parts.tasks ? merge(parts.bus.events$, taskStatusEvents(parts.tasks)) : parts.bus.events$;
      return listenStream(request.id, agreed, events$, parts.closing$, { [MetaKey.serverInfo]: parts.info }).pipe(
        map((message) => ('id' in message ? { message, status: 200 } : { message })),
      );
    }
    const tasks = parts.tasks;
    const clientCapabilities = envelope[MetaKey.clientCapabilities];
    if (tasks && TASK_EXTENSION_METHODS.has(method))
      return serveTaskMethod(tasks, method, request.params, clientCapabilities).pipe(map((result) => answer(result)));
    const entry = REMOVED_METHODS.has(method) ? undefined : parts.handlers().get(method);
    if (!entry) throw McpError.protocol(ErrorCode.MethodNotFound, `Method not found: ${method}`);
    const parsed = entry.params.safeParse(request.params ?? {});
    if (!parsed.success)
      throw McpError.protocol(ErrorCode.InvalidParams, `Invalid params for ${method}: ${parsed.error.message}`);
    const raw = request.params ?? {};
    const mrtr = MRTR_METHODS.has(method);
    const responses = mrtr ? raw['inputResponses'] : undefined;
    const state = mrtr ? raw['requestState'] : undefined;
    if (responses !== undefined && !InputResponsesSchema.safeParse(responses).success) {
      throw McpError.protocol(
        ErrorCode.InvalidParams,
        'Invalid params: inputResponses must map keys to result objects',
      );
    }
    if (state !== undefined && typeof state !== 'string')
      throw McpError.protocol(ErrorCode.InvalidParams, 'Invalid params: requestState must be a string');
    const uri = typeof raw['uri'] === 'string' ? raw['uri'] : undefined;
    const tool =
      tasks && method === 'tools/call' ? parts.features.tools.get((parsed.data as { name: string }).name) : undefined;
    const mode = tool ? taskModeOf(tool, clientCapabilities) : 'sync';
    const taskRequest = { requestId: request.id, envelope, meta, ttlMs: tool?.config.task?.ttlMs };
    if (mode === 'task')
      return startModernTask(tasks!, taskRequest, (ctx) => entry.run(parsed.data, ctx, parts.features)).pipe(
        map((created) => answer(created)),
      );

    // Only a round that opens or seals state needs the binding (a digest), computed once.
    let binding$: Observable<string> | undefined;
    const bindingOnce = () => (binding$ ??= bindingOf(request).pipe(shareReplay(1)));
    const run = (opened: unknown): Observable<ModernReply> => {
      const earlier = (opened as { answers?: Record<string, unknown> } | undefined)?.answers;
      const answers =
        earlier === undefined
          ? ((responses as Record<string, unknown> | undefined) ?? NO_ANSWERS)
          : { ...earlier, ...(responses as Record<string, unknown> | undefined) };
      const round = new InputRound(answers, envelope[MetaKey.clientCapabilities], parts.scheduler);
      return runHandler(
        entry,
        parsed.data,
        (signal, notify) => createModernContext(request.id, envelope, meta, round, signal, notify, facts),
        parts.features,
      ).pipe(
        switchMap((outcome): Observable<ModernReply> => {
          if (outcome.type === 'notification') return of({ message: outcome.message });
          if (mrtr && round.pending.size > 0) {
            return bindingOnce().pipe(
              switchMap((binding) => parts.sealer.seal({ answers: round.used }, binding)),
              map((requestState) =>
                answer({
                  resultType: 'input_required',
                  inputRequests: Object.fromEntries(round.pending),
                  requestState,
                }),
              ),
            );
          }
          if (outcome.type === 'error') return of(fail(outcome.error, false));
          const continuation = mode === 'handler' ? taskContinuationOf<TaskContinuation>(outcome.result) : undefined;
          if (continuation)
            return startModernTask(tasks!, taskRequest, (ctx) =>
              finishToolOutcome(tool!, () => continuation(ctx), 'modern'),
            ).pipe(map((created) => answer(created)));
          return of(answer(outcome.result as Record<string, unknown>, uri));
        }),
      );
    };
    // No sealed state (a first round, and every request outside MRTR): the handler runs at once.
    if (state === undefined) return run(undefined);
    return bindingOnce().pipe(
      switchMap((binding) => parts.sealer.open(state, binding)),
      catchError((error: unknown) => throwError(() => asProtocol(error))),
      switchMap(run),
    );
  }).pipe(catchError((error: unknown) => of(fail(error, true))));
}

/** The answers of a round the client answered nothing in (shared: never written). */
const NO_ANSWERS: Readonly<Record<string, unknown>> = Object.freeze({});
