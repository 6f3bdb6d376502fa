import { type Observable } from 'rxjs';
import { McpError } from '../../../lib/protocol/errors.js';
import { createMcpTestScheduler } from '../../../lib/testing/index.js';
import {
  keepConnected,
  type KeepConnectedOptions,
  type ConnectionEvent,
} from '../../../lib/transport/http/keep-connected.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const refused = new Error('connect ECONNREFUSED');
const noStream = new Error('HTTP 405');

/** Links of a connection: o opens, a/b are messages. */
const links = {
  o: { type: 'open' },
  a: { type: 'message', message: 'a' },
  b: { type: 'message', message: 'b' },
} as const;
/** What the kept stream emits: a/b messages, r/s reconnecting after 0/1 failed attempts, c connected. */
const transportError = (error: unknown) => new McpError('transport', String((error as Error).message));
const kept = {
  a: { type: 'message', message: 'a' },
  b: { type: 'message', message: 'b' },
  r: { type: 'health', health: { status: 'reconnecting', attempt: 0, error: transportError(refused) } },
  s: { type: 'health', health: { status: 'reconnecting', attempt: 1, error: transportError(refused) } },
  c: { type: 'health', health: { status: 'connected' } },
};

function options(
  overrides: Partial<KeepConnectedOptions> & { scheduler: KeepConnectedOptions['scheduler'] },
): KeepConnectedOptions {
  return {
    policy: { initialDelay: 10, growFactor: 2, maxDelay: 100, maxRetries: 2 },
    serverRetry: () => undefined,
    retryable: (error) => error !== noStream,
    lost: (error, attempts) => new McpError('closed', `gave up after ${attempts}: ${(error as Error).message}`),
    describe: transportError,
    ...overrides,
  };
}

/** connect() subscribes to the next of `attempts` each time. */
function attempts(list: Observable<ConnectionEvent<string>>[]) {
  let n = 0;
  const connect = () => list[Math.min(n++, list.length - 1)]!;
  return { connect, count: () => n };
}

const lost = new McpError('closed', 'gave up');

describe('keepConnected', () => {
  it('reconnects a connection that ends cleanly after the backoff delay, quietly', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { connect } = attempts([cold('o-a|', links), cold('o-b-', links)]);
      expectObservable(keepConnected(connect, options({ scheduler: ts }))).toBe('--a------------b', kept);
    });
  });

  it('reports reconnecting on a drop and on each failed attempt, and gives up after maxRetries', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { connect, count } = attempts([cold('o-a#', links, refused), cold('#', links, refused)]);
      // Dropped at 3; attempts at 3 + 10 and 13 + 20 (backoff 10 × 2^failures) both refused.
      expectObservable(keepConnected(connect, options({ scheduler: ts }))).toBe(
        '--ar---------s-------------------#',
        kept,
        lost,
      );
      ts.flush();
      expect(count()).toBe(3);
    });
  });

  it('is connected again once a connection opens, and carries on', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { connect } = attempts([cold('o-a#', links, refused), cold('#', links, refused), cold('o-b-', links)]);
      expectObservable(keepConnected(connect, options({ scheduler: ts }))).toBe(
        '--ar---------s-------------------c-b',
        kept,
      );
    });
  });

  it("waits exactly the server's retry value when it sent one", () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { connect } = attempts([cold('o-a#', links, refused), cold('#', links, refused), cold('o-b-', links)]);
      expectObservable(keepConnected(connect, options({ scheduler: ts, serverRetry: () => 5 }))).toBe(
        '--ar----s----c-b',
        kept,
      );
    });
  });

  it('rethrows an error that is not worth retrying, connected first when it was reconnecting (the server answered)', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable }) => {
      const { connect } = attempts([cold('o-a#', links, refused), cold('#', links, noStream)]);
      expectObservable(keepConnected(connect, options({ scheduler: ts }))).toBe('--ar---------(c#)', kept, noStream);
    });
  });

  it('with maxRetries 0, gives up on a drop at once and completes on a clean end', () => {
    const ts = scheduler();
    const policy = { initialDelay: 10, growFactor: 2, maxDelay: 100, maxRetries: 0 };
    ts.run(({ cold, expectObservable }) => {
      const dropped = attempts([cold('o-a#', links, refused)]);
      expectObservable(keepConnected(dropped.connect, options({ scheduler: ts, policy }))).toBe('--a#', kept, lost);
      const ended = attempts([cold('o-a|', links)]);
      expectObservable(keepConnected(ended.connect, options({ scheduler: ts, policy }))).toBe('--a|', kept);
    });
  });

  it('unsubscribing cancels the pending delay and the open connection', () => {
    const ts = scheduler();
    ts.run(({ cold, expectObservable, expectSubscriptions }) => {
      const second = cold('o-b-', links);
      const { connect, count } = attempts([cold('o-a#', links, refused), second]);
      expectObservable(keepConnected(connect, options({ scheduler: ts })), '^-------------------!').toBe(
        '--ar---------c-b',
        kept,
      );
      expectSubscriptions(second.subscriptions).toBe('-------------^------!');
      ts.flush();
      expect(count()).toBe(2);
    });
  });
});
