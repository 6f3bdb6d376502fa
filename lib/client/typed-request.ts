/**
 * @module
 * A session request typed by MCP method, with the result validated by the method's schema.
 */
import { map, type Observable } from 'rxjs';
import { isPlainCallToolResult, withFastPath } from '../protocol/fast-path.js';
import { toolResultSchemas, type ToolEra } from '../protocol/modern-tools.js';
import {
  ClientRequestMethods,
  isTaskAugmented,
  type ClientRequestMethod,
  type ParamsOf,
  type ResultOf,
} from '../protocol/methods.js';
import { CreateTaskResultSchema, type CreateTaskResult } from '../protocol/tasks.js';
import type { Session } from '../session/session.js';
import type { RequestEvent } from '../session/session-api.js';
import { parseResult, type ResultValidator } from './parse-result.js';
import type { CallOptions } from './client-api.js';

/** The tool results of one era, `tools/call` behind a structural fast path (the hottest method). */
const toolResults = (era: ToolEra): Partial<Record<ClientRequestMethod, ResultValidator<unknown>>> => ({
  'tools/call': withFastPath(toolResultSchemas(era).call, isPlainCallToolResult),
  'tools/list': toolResultSchemas(era).list,
});

/** 2025 sessions keep the object rule; 2026-07-28 connections accept any JSON value and schema. */
const ERA_RESULTS = { legacy: toolResults('legacy'), modern: toolResults('modern') } as const;

/**
 * The validator of `method`'s result in `era`: its protocol schema, behind a structural fast
 * path for the hottest methods. A 2025 session keeps the object rule for `structuredContent`
 * and `outputSchema`; a 2026-07-28 connection accepts any JSON value there.
 *
 * @example
 * parseResult(resultValidator('tools/call'), raw, 'tools/call');
 * parseResult(resultValidator('tools/call', 'modern'), { content: [], structuredContent: [1] }, 'tools/call');
 */
export function resultValidator<M extends ClientRequestMethod>(
  method: M,
  era: ToolEra = 'legacy',
): ResultValidator<ResultOf<M>> {
  return (ERA_RESULTS[era][method] ?? ClientRequestMethods[method].result) as ResultValidator<ResultOf<M>>;
}

/** Methods a client may send itself (`initialize` belongs to the connection). */
export type ClientMethod = Exclude<ClientRequestMethod, 'initialize'>;

/** Options of a typed request: the timeout options, `observe`, and the era whose result schemas apply (default `'legacy'`). */
export type RequestCallOptions = CallOptions & { observe?: 'result' | 'events'; era?: ToolEra };

/** `[params, options]`, where params may be left out when every field of them is optional. */
export type RequestArgs<M extends ClientMethod, O extends RequestCallOptions, P extends ParamsOf<M> = ParamsOf<M>> =
  {} extends ParamsOf<M> ? [params?: P, options?: O] : [params: P, options?: O];

/**
 * The result of request `M` sent with params `P`: a `CreateTaskResult` when `P` sets `task`
 * (a task-augmented request), else the method's result.
 */
export type ResultFor<M extends ClientMethod, P> = [P] extends [{ task: object }] ? CreateTaskResult : ResultOf<M>;

/** What a typed request emits for options `O` (and params `P`). */
export type TypedResponse<M extends ClientMethod, O extends RequestCallOptions, P = ParamsOf<M>> = O extends {
  observe: 'events';
}
  ? RequestEvent<ResultFor<M, P>>
  : ResultFor<M, P>;

/**
 * Sends `method` on `session` and validates the result with the protocol schema (kind
 * `'validation'` when it does not match): the method's result, or a `CreateTaskResult` for a
 * task-augmented request (`params.task` set, see {@link isTaskAugmented}). With
 * `observe: 'events'`, progress events pass through and the result event carries the
 * validated result.
 *
 * @example
 * typedRequest(session, 'prompts/get', { name: 'greet' }).subscribe((prompt) => prompt.messages);
 */
export function typedRequest<
  M extends ClientMethod,
  O extends RequestCallOptions = {},
  P extends ParamsOf<M> = ParamsOf<M>,
>(session: Session, method: M, ...[params, options]: RequestArgs<M, O, P>): Observable<TypedResponse<M, O, P>> {
  const { era, ...requestOptions } = (options ?? {}) as RequestCallOptions;
  const schema: ResultValidator<unknown> = isTaskAugmented(method, params)
    ? CreateTaskResultSchema
    : resultValidator(method, era);
  const raw = params as Record<string, unknown> | undefined;
  if (requestOptions.observe === 'events') {
    return session
      .request<unknown>(method, raw, requestOptions as CallOptions & { observe: 'events' })
      .pipe(
        map((event) =>
          event.type === 'result' ? { type: 'result', result: parseResult(schema, event.result, method) } : event,
        ),
      ) as Observable<TypedResponse<M, O, P>>;
  }
  // `observe` is `'result'` or absent here, which the session treats alike.
  return session
    .request<unknown>(method, raw, options === undefined ? undefined : (requestOptions as CallOptions))
    .pipe(map((result) => parseResult(schema, result, method))) as Observable<TypedResponse<M, O, P>>;
}
