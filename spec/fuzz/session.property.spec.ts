// Property: the session engine in virtual time. Random interleavings of responses, progress,
// caller and peer cancellations, timeouts, stray responses, peer requests and closes (either
// side, gracefully or failing), on a TestScheduler over the fake transport: every request
// settles exactly once with the outcome the spec names, nothing is emitted late, the session
// sends exactly the requests, cancellations and answers it should, and at the end no timer is
// pending and no subscription (to the transport or a handler) is left.
import { messageOf } from '../../lib/transport/related-request.js';
import * as fc from 'fast-check';
import { defer, finalize, map, type Observable, type Subscription, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { isMcpError } from '../../lib/protocol/errors.js';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { createSession } from '../../lib/session/session.js';
import type { HandlerEvent, RequestOptions } from '../../lib/session/session-api.js';
import {
  createFakeTransport,
  notification,
  request as requestMessage,
  result,
  errorResponse,
} from '../../lib/testing/index.js';
import type { Transport } from '../../lib/transport/transport.js';
import { checkProperty, propertyTimeout } from './support/fuzz-runs.js';
import { expectedOf, scenario, type Scenario } from './support/session-model.js';

function run({ requests, actions }: Scenario) {
  const scheduler = new TestScheduler(() => undefined);
  const fake = createFakeTransport();
  const sentAt: Array<{ at: number; message: JSONRPCMessage }> = [];
  let inboundSubscriptions = 0;
  let activeHandlers = 0;
  const transport: Transport = {
    inbound$: defer(() => {
      inboundSubscriptions++;
      return fake.transport.inbound$;
    }).pipe(finalize(() => inboundSubscriptions--)),
    outbound: {
      next: (message) => {
        sentAt.push({ at: scheduler.now(), message: messageOf(message) });
        fake.transport.outbound.next(message);
      },
      error: (error) => fake.transport.outbound.error(error),
      complete: () => fake.transport.outbound.complete(),
    },
  };
  const session = createSession(transport, { scheduler });
  session.setRequestHandler('work', (params): Observable<HandlerEvent<unknown>> => {
    const { duration, call } = params as { duration: number; call: number };
    activeHandlers++;
    return timer(duration, scheduler).pipe(
      map(() => ({ type: 'result' as const, result: { call } })),
      finalize(() => activeHandlers--),
    );
  });
  const connection = session.connect();

  const events = requests.map((): string[] => []);
  const subscriptions: Array<Subscription | undefined> = [];
  const idOf = (index: number) =>
    sentAt.find(({ message }) => 'method' in message && message.method === `m${index}`)?.message as
      { id: number } | undefined;
  const describeError = (error: unknown) =>
    isMcpError(error)
      ? `${error.kind}${error.kind === 'protocol' || error.kind === 'timeout' ? ` ${error.code}` : ''}`
      : `not an McpError: ${String(error)}`;

  /** Actions this script scheduled; any other pending action after a close is a leaked timer. */
  const scripted = new Set<unknown>();
  requests.forEach((options, index) => {
    const scheduled = scheduler.schedule(() => {
      const { start: _start, ...requestOptions } = options;
      subscriptions[index] = (
        session.request(
          `m${index}`,
          undefined,
          requestOptions as RequestOptions & { observe: 'events' },
        ) as Observable<unknown>
      ).subscribe({
        next: (value) => events[index]!.push(`${scheduler.now()} next ${JSON.stringify(value)}`),
        error: (error: unknown) => events[index]!.push(`${scheduler.now()} error ${describeError(error)}`),
        complete: () => events[index]!.push(`${scheduler.now()} complete`),
      });
    }, options.start);
    scripted.add(scheduled);
  });

  let leakedAfterClose = 0;
  const closeNow = (close: () => void) => {
    close();
    leakedAfterClose += scheduler.actions.filter((action) => !scripted.has(action)).length;
  };
  let calls = 0;
  for (const action of actions) {
    const call = action.type === 'call' ? calls++ : -1;
    const scheduled = scheduler.schedule(() => {
      switch (action.type) {
        case 'respond': {
          const id = idOf(action.request)?.id;
          if (id !== undefined)
            fake.receive(
              action.errorCode === undefined
                ? result(id, { r: action.at })
                : errorResponse(id, action.errorCode, 'failed'),
            );
          return;
        }
        case 'progress': {
          const id = idOf(action.request)?.id;
          if (id !== undefined)
            fake.receive(notification('notifications/progress', { progressToken: id, progress: action.at }));
          return;
        }
        case 'unsubscribe':
          return subscriptions[action.request]?.unsubscribe();
        case 'stray':
          return fake.receive(result(987_654, {}));
        case 'call':
          return fake.receive(requestMessage(`p${call}`, 'work', { duration: action.duration, call }));
        case 'cancel':
          return fake.receive(notification('notifications/cancelled', { requestId: `p${action.call}` }));
        case 'close':
          if (action.how === 'local') return closeNow(() => connection.unsubscribe());
          return closeNow(() =>
            action.how === 'peer-close' ? fake.close() : fake.fail(new Error('connection reset')),
          );
      }
    }, action.at);
    scripted.add(scheduled);
  }

  const lastTime = Math.max(0, ...requests.map((r) => r.start), ...actions.map((a) => a.at));
  const longest = Math.max(...requests.map((r) => Math.max(r.timeout, r.maxTotalTimeout ?? 0)), 0);
  let pendingAtEnd = -1;
  let pendingAfterClose = -1;
  const end = scheduler.schedule(
    () => {
      pendingAtEnd = scheduler.actions.length;
      connection.unsubscribe();
      pendingAfterClose = scheduler.actions.length;
    },
    lastTime + longest + 40,
  );
  scripted.add(end);
  scheduler.flush();

  const methodOfId = new Map(
    sentAt.flatMap(({ message }) =>
      'method' in message && 'id' in message ? [[message.id, message.method] as const] : [],
    ),
  );
  const sent = sentAt
    .map(({ at, message }) => {
      if ('method' in message && 'id' in message) {
        const token = (message.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;
        if (token !== undefined && token !== message.id) return `${at} wrong progress token ${JSON.stringify(message)}`;
        return `${at} request ${message.method} progress=${token !== undefined}`;
      }
      if ('method' in message && message.method === 'notifications/cancelled')
        return `${at} cancel ${methodOfId.get(message.params?.['requestId'] as number)}`;
      if ('result' in message && String(message.id).startsWith('p')) return `${at} answer ${String(message.id)}`;
      return `${at} unexpected ${JSON.stringify(message)}`;
    })
    .sort();
  return {
    events,
    sent,
    pendingAtEnd,
    pendingAfterClose,
    leakedAfterClose,
    inboundSubscriptions,
    activeHandlers,
    closed: fake.closed,
  };
}

describe('session engine in virtual time (property)', () => {
  it(
    'settles every request exactly once as the spec says, and leaves nothing behind',
    () => {
      checkProperty(
        'session engine interleavings',
        fc.property(scenario, (generated) => {
          const outcome = run(generated);
          const expected = expectedOf(generated);
          expect(outcome.events).toEqual(expected.events);
          expect(outcome.sent).toEqual(expected.sent);
          expect(outcome.pendingAtEnd).toBe(0);
          expect(outcome.pendingAfterClose).toBe(0);
          expect(outcome.leakedAfterClose).toBe(0);
          expect(outcome.inboundSubscriptions).toBe(0);
          expect(outcome.activeHandlers).toBe(0);
          expect(outcome.closed).toBe(true);
        }),
        800,
      );
    },
    propertyTimeout(),
  );
});
