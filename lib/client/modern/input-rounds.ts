/**
 * @module
 * Multi-round-trip requests (MRTR, 2026-07-28) from the client's side: a result of
 * `resultType: 'input_required'` is answered with the client's own handlers and the request is
 * sent again (a new id) with `inputResponses` and the echoed `requestState`, as many rounds as
 * the server asks; the caller sees one request.
 */
import { concat, concatMap, defer, from, map, type Observable, of, toArray } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { InputRequest } from '../../protocol/modern.js';
import type { RequestEvent } from '../../session/session-api.js';

/** Answers one input request (`elicitation/create`, `sampling/createMessage`, `roots/list`) with its result. */
export type InputAnswerer = (request: InputRequest, key: string) => Observable<unknown>;

/**
 * What `observe: 'events'` shows of a round that asked for input, before it is answered: the
 * round's number (1 for the first answer), its `inputRequests`, and whether state came with it.
 */
export interface InputRoundEvent {
  type: 'input';
  round: number;
  inputRequests: Record<string, InputRequest>;
  hasRequestState: boolean;
}

/** Sends one round of the request with `params`; emits its result, or its events. */
export type SendRound = (params: Record<string, unknown> | undefined) => Observable<unknown>;

/** Whether a result asks for input (a missing `resultType` means `complete`). */
export function isInputRequired(
  result: unknown,
): result is { resultType: 'input_required'; inputRequests?: Record<string, InputRequest>; requestState?: string } {
  return (
    typeof result === 'object' &&
    result !== null &&
    (result as { resultType?: unknown }).resultType === 'input_required'
  );
}

/**
 * Runs a request to completion through its input rounds. With `events`, `send` emits request
 * events and progress passes through; the result event of a round that asks for input does not,
 * an {@link InputRoundEvent} takes its place (then the answers are sought).
 *
 * ```
 * send(p):        ──(input_required {a}, state s)|
 * answer(a):                  ──x|
 * send(p+{a:x},s):                ──(complete r)|
 * rounds:         ───────────────────r|
 * with events:    ──i────────────────r|   (i = { type: 'input', round: 1, inputRequests: {a} })
 * ```
 *
 * @example
 * inputRounds((params) => session.request('tools/call', params), { name: 'deploy' }, answer, false).subscribe(show);
 */
export function inputRounds(
  send: SendRound,
  params: Record<string, unknown> | undefined,
  answer: InputAnswerer,
  events: boolean,
): Observable<unknown> {
  const round = (roundParams: Record<string, unknown> | undefined, number: number): Observable<unknown> =>
    send(roundParams).pipe(
      concatMap((item) => {
        const result = events
          ? (item as RequestEvent<unknown>).type === 'result'
            ? (item as { result: unknown }).result
            : undefined
          : item;
        if (!isInputRequired(result)) return of(item);
        const inputRequests = result.inputRequests ?? {};
        const answered = answerAll(inputRequests, answer).pipe(
          concatMap((inputResponses) => {
            const next: Record<string, unknown> = { ...params, inputResponses };
            if (typeof result.requestState === 'string') next['requestState'] = result.requestState;
            return round(next, number + 1);
          }),
        );
        if (!events) return answered;
        const shown: InputRoundEvent = {
          type: 'input',
          round: number,
          inputRequests,
          hasRequestState: typeof result.requestState === 'string',
        };
        return concat(of(shown), answered);
      }),
    );
  return defer(() => round(params, 1));
}

/** Every input request answered, one after the other (a user is asked one thing at a time). */
function answerAll(requests: Record<string, InputRequest>, answer: InputAnswerer): Observable<Record<string, unknown>> {
  const entries = Object.entries(requests);
  if (entries.length === 0) return throwNoRequests();
  return from(entries).pipe(
    concatMap(([key, request]) => answer(request, key).pipe(map((response) => [key, response] as const))),
    toArray(),
    map((answered) => Object.fromEntries(answered)),
  );
}

function throwNoRequests(): Observable<never> {
  return defer(() => {
    throw McpError.protocol(ErrorCode.InvalidParams, 'The server asked for input but sent no inputRequests');
  });
}
