/**
 * @module
 * The client's side of server→client requests: the capabilities its handlers imply, and the
 * session handlers that run them (sampling, elicitation, roots).
 */
import { defaultIfEmpty, from, isObservable, map, type Observable, of, take } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import {
  type ClientCapabilities,
  type CreateMessageRequestParams,
  CreateMessageRequestParamsSchema,
  type ElicitRequestParams,
  CreateMessageResultSchema,
  ElicitRequestParamsSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
  RequestParamsSchema,
} from '../protocol/index.js';
import { isPromiseLike } from '../session/incoming-request.js';
import type { Session } from '../session/session.js';
import type { HandlerContext, HandlerEvent } from '../session/session-api.js';
import { applyElicitationDefaults } from './elicitation-defaults.js';
import type { ResultValidator } from './parse-result.js';
import type { ClientHandlers, HandlerOutcome } from './client-api.js';

/**
 * The capabilities a client announces: those its handlers imply, with `explicit` merged over
 * them (a key given explicitly wins).
 *
 * @example
 * deriveCapabilities({ sampling: handler, roots: list })
 * // { sampling: {}, roots: { listChanged: true } }
 */
export function deriveCapabilities(
  handlers: ClientHandlers = {},
  explicit: ClientCapabilities = {},
): ClientCapabilities {
  const derived: ClientCapabilities = {};
  if (handlers.sampling) derived.sampling = {};
  if (handlers.elicitation) derived.elicitation = { form: {}, url: {} };
  if (handlers.roots) derived.roots = { listChanged: true };
  return { ...derived, ...explicit };
}

/** A client handler as the session runs it: its params schema and the handler. */
export interface ClientHandlerEntry {
  readonly params: ResultValidator<unknown>;
  readonly handler: (params: any, context: HandlerContext) => Observable<HandlerEvent<unknown>>;
}

/**
 * The session handlers of `handlers`, by method. Params are validated by the protocol schemas
 * (a bad request is answered with -32602) and so are the handlers' answers (a bad answer is
 * sent as -32603, never put on the wire). An elicitation in a mode the announced `capabilities`
 * do not include is refused with -32602 before the handler sees it. The same entries answer
 * server→client requests of a 2025 session and the input requests of a 2026-07-28 result.
 *
 * @example
 * clientHandlerEntries({ roots: () => [{ uri: 'file:///src' }] }, { roots: { listChanged: true } }).get('roots/list')
 */
export function clientHandlerEntries(
  handlers: ClientHandlers = {},
  capabilities: ClientCapabilities = {},
): ReadonlyMap<string, ClientHandlerEntry> {
  const { sampling, elicitation, roots } = handlers;
  const entries = new Map<string, ClientHandlerEntry>();
  if (sampling) {
    entries.set('sampling/createMessage', {
      params: CreateMessageRequestParamsSchema,
      handler: (params: CreateMessageRequestParams, context) =>
        answer(sampling(params, context), CreateMessageResultSchema, 'sampling/createMessage'),
    });
  }
  if (elicitation) {
    entries.set('elicitation/create', {
      params: ElicitRequestParamsSchema,
      handler: (params: ElicitRequestParams, context) => {
        const mode = params.mode ?? 'form';
        if (!elicitationModes(capabilities).includes(mode)) {
          throw McpError.protocol(ErrorCode.InvalidParams, `This client does not support ${mode}-mode elicitation`);
        }
        return answer(elicitation(params, context), ElicitResultSchema, 'elicitation/create', (result) =>
          applyElicitationDefaults(params, result),
        );
      },
    });
  }
  if (roots) {
    entries.set('roots/list', {
      params: RequestParamsSchema,
      handler: (_params, context) =>
        answer(roots(context), ListRootsResultSchema, 'roots/list', undefined, (list) => ({ roots: [...list] })),
    });
  }
  return entries;
}

/**
 * Registers a session handler for each handler given (see {@link clientHandlerEntries}).
 *
 * @example
 * registerClientHandlers(session, { roots: () => [{ uri: 'file:///src' }] }, { roots: { listChanged: true } });
 */
export function registerClientHandlers(
  session: Session,
  handlers: ClientHandlers = {},
  capabilities: ClientCapabilities = {},
): void {
  for (const [method, entry] of clientHandlerEntries(handlers, capabilities))
    session.setRequestHandler(method, entry.handler, entry.params);
}

/**
 * The elicitation modes `capabilities` announce: an empty `elicitation` object means form
 * mode only (as before URL mode existed); `form` and `url` announce themselves.
 */
function elicitationModes(capabilities: ClientCapabilities): string[] {
  const elicitation = capabilities.elicitation;
  if (!elicitation) return [];
  const modes = (['form', 'url'] as const).filter((mode) => elicitation[mode] !== undefined);
  return modes.length === 0 ? ['form'] : modes;
}

/** A handler's outcome as the session's event stream: its first value, checked, as the result. */
function answer<T, R>(
  outcome: HandlerOutcome<T>,
  schema: ResultValidator<R>,
  method: string,
  finish: (result: R) => R = (result) => result,
  wrap: (value: T) => unknown = (value) => value,
): Observable<HandlerEvent<R>> {
  return toObservable(outcome).pipe(
    take(1),
    defaultIfEmpty(undefined),
    map((value): HandlerEvent<R> => {
      if (value === undefined)
        throw McpError.protocol(ErrorCode.InternalError, `The ${method} handler produced no result`);
      const parsed = schema.safeParse(wrap(value as T));
      if (!parsed.success)
        throw McpError.protocol(
          ErrorCode.InternalError,
          `The ${method} handler's result is invalid: ${parsed.error.message}`,
        );
      return { type: 'result', result: finish(parsed.data) };
    }),
  );
}

function toObservable<T>(outcome: HandlerOutcome<T>): Observable<T> {
  if (isObservable(outcome)) return outcome;
  if (isPromiseLike(outcome)) return from(outcome as PromiseLike<T>);
  return of(outcome as T);
}
