/**
 * @module
 * Multi-round-trip requests (MRTR, 2026-07-28) from the client's side: a result of
 * `resultType: 'input_required'` is answered with the client's own handlers and the request is
 * sent again (a new id) with `inputResponses` and the echoed `requestState`, as many rounds as
 * the server asks; the caller sees one request.
 */
import { concatMap, defer, from, map, type Observable, of, toArray } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { InputRequest } from '../../protocol/modern.js';
import type { RequestEvent } from '../../session/session-api.js';

/** Answers one input request (`elicitation/create`, `sampling/createMessage`, `roots/list`) with its result. */
export type InputAnswerer = (request: InputRequest, key: string) => Observable<unknown>;

/** Sends one round of the request with `params`; emits its result, or its events. */
export type SendRound = (params: Record<string, unknown> | undefined) => Observable<unknown>;

/** Whether a result asks for input (a missing `resultType` means `complete`). */
export function isInputRequired(result: unknown): result is { resultType: 'input_required'; inputRequests?: Record<string, InputRequest>; requestState?: string } {
  return typeof result === 'object' && result !== null && (result as { resultType?: unknown }).resultType === 'input_required';
}

/**
 * Runs a request to completion through its input rounds. With `events`, `send` emits request
 * events and progress passes through; the result event of a round that asks for input does not.
 *
 * ```
 * send(p):        ──(input_required {a}, state s)|
 * answer(a):                  ──x|
 * send(p+{a:x},s):                ──(complete r)|
 * rounds:         ───────────────────r|
 * ```
 *
 * @example
 * inputRounds((params) => session.request('tools/call', params), { name: 'deploy' }, answer, false).subscribe(show);
 */
export function inputRounds(send: SendRound, params: Record<string, unknown> | undefined, answer: InputAnswerer, events: boolean): Observable<unknown> {
  const round = (roundParams: Record<string, unknown> | undefined): Observable<unknown> =>
    send(roundParams).pipe(
      concatMap((item) => {
        const result = events ? ((item as RequestEvent<unknown>).type === 'result' ? (item as { result: unknown }).result : undefined) : item;
        if (!isInputRequired(result)) return of(item);
        return answerAll(result.inputRequests ?? {}, answer).pipe(
          concatMap((inputResponses) => {
            const next: Record<string, unknown> = { ...params, inputResponses };
            if (typeof result.requestState === 'string') next['requestState'] = result.requestState;
            return round(next);
          }),
        );
      }),
    );
  return defer(() => round(params));
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
