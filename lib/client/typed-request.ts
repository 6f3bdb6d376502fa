/**
 * @module
 * A session request typed by MCP method, with the result validated by the method's schema.
 */
import { map, type Observable } from 'rxjs';
import { isPlainCallToolResult, withFastPath } from '../protocol/fast-path.js';
import { ClientRequestMethods, isTaskAugmented, type ClientRequestMethod, type ParamsOf, type ResultOf } from '../protocol/methods.js';
import { CreateTaskResultSchema, type CreateTaskResult } from '../protocol/tasks.js';
import type { Session } from '../session/session.js';
import type { RequestEvent } from '../session/session-api.js';
import { parseResult, type ResultValidator } from './parse-result.js';
import type { CallOptions } from './client-api.js';

/** Result validators with a structural fast path, for the hottest methods. */
const FAST_RESULTS: Partial<Record<ClientRequestMethod, ResultValidator<unknown>>> = {
  'tools/call': withFastPath(ClientRequestMethods['tools/call'].result, isPlainCallToolResult),
};

/**
 * The validator of `method`'s result: its protocol schema, behind a structural fast path for
 * the hottest methods.
 *
 * @example
 * parseResult(resultValidator('tools/call'), raw, 'tools/call');
 */
export function resultValidator<M extends ClientRequestMethod>(method: M): ResultValidator<ResultOf<M>> {
  return (FAST_RESULTS[method] ?? ClientRequestMethods[method].result) as ResultValidator<ResultOf<M>>;
}

/** Methods a client may send itself (`initialize` belongs to the connection). */
export type ClientMethod = Exclude<ClientRequestMethod, 'initialize'>;

/** Options of a typed request: the timeout options, and `observe`. */
export type RequestCallOptions = CallOptions & { observe?: 'result' | 'events' };

/** `[params, options]`, where params may be left out when every field of them is optional. */
export type RequestArgs<M extends ClientMethod, O extends RequestCallOptions, P extends ParamsOf<M> = ParamsOf<M>> = {} extends ParamsOf<M>
  ? [params?: P, options?: O]
  : [params: P, options?: O];

/**
 * The result of request `M` sent with params `P`: a `CreateTaskResult` when `P` sets `task`
 * (a task-augmented request), else the method's result.
 */
export type ResultFor<M extends ClientMethod, P> = [P] extends [{ task: object }] ? CreateTaskResult : ResultOf<M>;

/** What a typed request emits for options `O` (and params `P`). */
export type TypedResponse<M extends ClientMethod, O extends RequestCallOptions, P = ParamsOf<M>> = O extends { observe: 'events' }
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
export function typedRequest<M extends ClientMethod, O extends RequestCallOptions = {}, P extends ParamsOf<M> = ParamsOf<M>>(
  session: Session,
  method: M,
  ...[params, options]: RequestArgs<M, O, P>
): Observable<TypedResponse<M, O, P>> {
  const schema: ResultValidator<unknown> = isTaskAugmented(method, params) ? CreateTaskResultSchema : resultValidator(method);
  const raw = params as Record<string, unknown> | undefined;
  if (options?.observe === 'events') {
    return session.request<unknown>(method, raw, options as CallOptions & { observe: 'events' }).pipe(
      map((event) => (event.type === 'result' ? { type: 'result', result: parseResult(schema, event.result, method) } : event)),
    ) as Observable<TypedResponse<M, O, P>>;
  }
  // `observe` is `'result'` or absent here, which the session treats alike.
  return session.request<unknown>(method, raw, options as CallOptions | undefined).pipe(map((result) => parseResult(schema, result, method))) as Observable<TypedResponse<M, O, P>>;
}
