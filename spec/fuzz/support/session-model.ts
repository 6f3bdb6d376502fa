/**
 * A scenario for the session engine property and what the spec says happens in it.
 *
 * Times are virtual frames chosen so that no two events that could race share a frame: requests
 * start at frames ≡ 0 (mod 4), scripted peer and caller actions happen at distinct frames ≡ 1,
 * and every timeout and handler duration is ≡ 2, so deadlines fall on frames ≡ 2 (armed at a
 * start) or ≡ 3 (re-armed by progress) and answers on frames ≡ 3.
 */
import * as fc from 'fast-check';

/** One outgoing request the caller makes. */
export interface Outgoing {
  start: number;
  timeout: number;
  maxTotalTimeout: number | undefined;
  observe: 'result' | 'events';
  resetTimeoutOnProgress: boolean;
}

export type Action =
  | { at: number; type: 'respond'; request: number; errorCode: number | undefined }
  | { at: number; type: 'progress'; request: number }
  | { at: number; type: 'unsubscribe'; request: number }
  | { at: number; type: 'stray' }
  | { at: number; type: 'call'; duration: number }
  | { at: number; type: 'cancel'; call: number }
  | { at: number; type: 'close'; how: 'peer-close' | 'peer-fail' | 'local' };

export interface Scenario {
  requests: Outgoing[];
  /** Sorted by time; call actions are numbered by their index among calls. */
  actions: Action[];
}

const ms = (max: number, rest: number) => fc.integer({ min: 0, max }).map((k) => 4 * k + rest);

export const scenario: fc.Arbitrary<Scenario> = fc
  .integer({ min: 1, max: 6 })
  .chain((count) =>
    fc.record({
      requests: fc.array(
        fc.record({
          start: ms(12, 0),
          timeout: ms(6, 2),
          maxTotalTimeout: fc.option(ms(10, 2), { nil: undefined }),
          observe: fc.constantFrom('result' as const, 'events' as const),
          resetTimeoutOnProgress: fc.boolean(),
        }),
        { minLength: count, maxLength: count },
      ),
      actions: fc.uniqueArray(
        fc.tuple(
          fc.integer({ min: 0, max: 40 }).map((k) => 4 * k + 1),
          fc.oneof(
            {
              weight: 4,
              arbitrary: fc.record({
                type: fc.constant('respond' as const),
                request: fc.nat(count - 1),
                errorCode: fc.option(fc.constantFrom(-32601, -32602, -32603, 7), { nil: undefined }),
              }),
            },
            { weight: 4, arbitrary: fc.record({ type: fc.constant('progress' as const), request: fc.nat(count - 1) }) },
            {
              weight: 2,
              arbitrary: fc.record({ type: fc.constant('unsubscribe' as const), request: fc.nat(count - 1) }),
            },
            { weight: 1, arbitrary: fc.record({ type: fc.constant('stray' as const) }) },
            { weight: 2, arbitrary: fc.record({ type: fc.constant('call' as const), duration: ms(8, 2) }) },
            { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel' as const), call: fc.nat(3) }) },
            {
              weight: 1,
              arbitrary: fc.record({
                type: fc.constant('close' as const),
                how: fc.constantFrom('peer-close' as const, 'peer-fail' as const, 'local' as const),
              }),
            },
          ),
        ),
        { selector: ([at]) => at, maxLength: 20 },
      ),
    }),
  )
  .map(({ requests, actions }) => ({
    requests,
    actions: actions.map(([at, action]) => ({ at, ...action }) as Action).sort((a, b) => a.at - b.at),
  }));

/** What the spec says: the caller's events per request and what the session sends, as lines `"<frame> <what>"`. */
export interface Expected {
  events: string[][];
  sent: string[];
}

export function expectedOf({ requests, actions }: Scenario): Expected {
  const close = actions.find((action) => action.type === 'close');
  const closedAt = close?.at ?? Infinity;
  const closedKind = close?.how === 'peer-fail' ? 'transport' : 'closed';
  const sent: string[] = [];
  const events = requests.map((request, index) => {
    const log: string[] = [];
    const method = `m${index}`;
    const start = request.start;
    if (closedAt < start) return [`${start} error ${closedKind}`];
    const wantsProgress = request.observe === 'events' || request.resetTimeoutOnProgress;
    sent.push(`${start} request ${method} progress=${wantsProgress}`);
    let idle = start + request.timeout;
    const total = request.maxTotalTimeout === undefined ? Infinity : start + request.maxTotalTimeout;
    const timeOut = (at: number) => {
      log.push(`${at} error timeout -32001`);
      sent.push(`${at} cancel ${method}`);
    };
    const relevant = actions.filter(
      (action) =>
        action.at > start &&
        (action === close ||
          ('request' in action && action.request === index && (action.type !== 'progress' || wantsProgress))),
    );
    for (const action of relevant) {
      const deadline = Math.min(idle, total);
      if (deadline < action.at) {
        timeOut(deadline);
        return log;
      }
      if (action.type === 'respond') {
        const value = { r: action.at };
        if (action.errorCode !== undefined) log.push(`${action.at} error protocol ${action.errorCode}`);
        else
          log.push(
            `${action.at} next ${JSON.stringify(request.observe === 'events' ? { type: 'result', result: value } : value)}`,
            `${action.at} complete`,
          );
        return log;
      }
      if (action.type === 'progress') {
        if (request.observe === 'events')
          log.push(`${action.at} next ${JSON.stringify({ type: 'progress', progress: action.at })}`);
        if (request.resetTimeoutOnProgress) idle = action.at + request.timeout;
      } else if (action.type === 'unsubscribe') {
        sent.push(`${action.at} cancel ${method}`);
        return log;
      } else {
        log.push(`${closedAt} error ${closedKind}`);
        return log;
      }
    }
    timeOut(Math.min(idle, total));
    return log;
  });
  const calls = actions.filter((action) => action.type === 'call');
  calls.forEach((call, index) => {
    if (call.at > closedAt) return;
    const done = call.at + call.duration;
    const cancelled = actions.some(
      (action) => action.type === 'cancel' && action.call === index && action.at > call.at && action.at < done,
    );
    if (!cancelled && done < closedAt) sent.push(`${done} answer p${index}`);
  });
  return { events, sent: sent.sort() };
}
