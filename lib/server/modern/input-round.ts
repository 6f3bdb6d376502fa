/**
 * @module
 * One run of a handler under multi-round-trip requests (MRTR, 2026-07-28): what the client has
 * already answered, and what the handler asked for that it has not.
 */
import { Observable, type SchedulerLike } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { ClientCapabilities } from '../../protocol/lifecycle.js';
import { ServerRequestMethods, type ResultOf, type ServerRequestMethod } from '../../protocol/methods.js';
import type { InputRequest } from '../../protocol/modern.js';

/** The client capability each embedded request needs. */
const CAPABILITY: Record<InputRequest['method'], keyof ClientCapabilities> = {
  'elicitation/create': 'elicitation',
  'sampling/createMessage': 'sampling',
  'roots/list': 'roots',
};

/** The prefix of the keys the server mints for each embedded request. */
export const INPUT_KEY_PREFIX: Record<InputRequest['method'], string> = {
  'elicitation/create': 'elicitation',
  'sampling/createMessage': 'sampling',
  'roots/list': 'roots',
};

/**
 * The -32021 error of an embedded request the client's capabilities do not allow, or `undefined`.
 *
 * @example
 * inputCapabilityError('elicitation/create', {}); // McpError -32021, data.requiredCapabilities.elicitation
 */
export function inputCapabilityError(
  method: InputRequest['method'],
  capabilities: ClientCapabilities,
): McpError | undefined {
  const capability = CAPABILITY[method];
  if (capabilities[capability] !== undefined) return undefined;
  return McpError.protocol(
    ErrorCode.MissingRequiredClientCapability,
    `The client did not declare the ${capability} capability needed for ${method}`,
    {
      requiredCapabilities: { [capability]: {} },
    },
  );
}

/**
 * The inputs of one handler run. A request the client answered (in this retry's
 * `inputResponses` or in the sealed state of earlier rounds) emits the validated answer; one it
 * has not answered is recorded in {@link InputRound.pending} and errors (on the scheduler, so
 * that requests made together are all recorded) — the server then answers `InputRequiredResult`.
 *
 * ```
 * ctx.elicit(…) answered      (a|)
 * ctx.elicit(…) not answered  #      (recorded in pending)
 * ```
 *
 * @example
 * const round = new InputRound({ user_name: { action: 'accept', content: { name: 'Ada' } } }, { elicitation: {} }, scheduler);
 * round.request('elicitation/create', params, 'user_name').subscribe((answer) => …);
 */
export class InputRound {
  /** Requests the handler made that the client has not answered, by key. */
  readonly pending = new Map<string, InputRequest>();
  /** The answers the handler used, by key (sealed into the next `requestState`). */
  readonly used: Record<string, unknown> = {};
  #count = 0;

  constructor(
    private readonly answers: Readonly<Record<string, unknown>>,
    private readonly capabilities: ClientCapabilities,
    private readonly scheduler: SchedulerLike,
  ) {}

  /** The answer to `method`, as a cold Observable (see the class). */
  request<M extends InputRequest['method'] & ServerRequestMethod>(
    method: M,
    params: Record<string, unknown> | undefined,
    inputKey?: string,
  ): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      const key = inputKey ?? `${INPUT_KEY_PREFIX[method]}_${++this.#count}`;
      const missing = inputCapabilityError(method, this.capabilities);
      if (missing) {
        subscriber.error(missing);
        return;
      }
      if (Object.hasOwn(this.answers, key)) {
        const parsed = ServerRequestMethods[method].result.safeParse(this.answers[key]);
        if (!parsed.success) {
          subscriber.error(
            McpError.protocol(
              ErrorCode.InvalidParams,
              `Invalid input response ${key} to ${method}: ${parsed.error.message}`,
              { key },
            ),
          );
          return;
        }
        this.used[key] = this.answers[key];
        subscriber.next(parsed.data as ResultOf<M>);
        subscriber.complete();
        return;
      }
      this.pending.set(key, params === undefined ? { method } : { method, params });
      return this.scheduler.schedule(() =>
        subscriber.error(McpError.protocol(ErrorCode.InternalError, `Input required: ${key}`, { inputRequired: key })),
      );
    });
  }
}
