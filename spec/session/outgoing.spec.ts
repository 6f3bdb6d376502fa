import { switchMap } from 'rxjs';
import { McpError } from '../../lib/protocol/errors.js';
import { createSession } from '../../lib/session/session.js';
import { createFakeTransport, createMcpTestScheduler, notification, request, result } from '../../lib/testing/index.js';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
const timeoutError = new McpError('timeout', 'timed out', { code: -32001 });
const closedError = new McpError('closed', 'closed', { code: -32000 });

/** Plays the peer: delivers `messages[k]` at the virtual frame of each marble letter. */
function peerAt(
  cold: (marbles: string, values: Record<string, JSONRPCMessage>) => any,
  marbles: string,
  values: Record<string, JSONRPCMessage>,
  fake: ReturnType<typeof createFakeTransport>,
) {
  cold(marbles, values).subscribe((message: JSONRPCMessage) => fake.receive(message));
}

describe('outgoing requests', () => {
  it('correlates out-of-order responses by id', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      const first = session.request('a');
      const second = session.request('b');
      expectObservable(first).toBe('----(x|)', { x: { n: 1 } });
      expectObservable(second).toBe('--(y|)', { y: { n: 2 } });
      peerAt(cold, '--b-a', { a: result(1, { n: 1 }), b: result(2, { n: 2 }) }, fake);
    });
  });

  it('fails just the request a transport reports as failed (RequestFailure), with its error; the others carry on', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      const dropped = new McpError('transport', 'POST http://x/mcp failed: socket hang up');
      const first = session.request('a');
      const second = session.request('b');
      expectObservable(first).toBe('--#', undefined, dropped);
      expectObservable(second).toBe('----(y|)', { y: { n: 2 } });
      cold('--f').subscribe(() => fake.receive({ kind: 'request-failed', id: 1, error: dropped }));
      peerAt(cold, '----b', { b: result(2, { n: 2 }) }, fake);
    });
  });

  it('listens before it sends, so a synchronous reply is not lost', () => {
    const fake = createFakeTransport();
    const session = createSession(fake.transport);
    session.connect();
    const seen: unknown[] = [];
    const original = fake.transport.outbound.next.bind(fake.transport.outbound);
    (fake.transport.outbound as { next: (m: JSONRPCMessage) => void }).next = (message) => {
      original(message);
      if ('id' in message) fake.receive(result(message.id as number, { sync: true }));
    };
    session.request('x').subscribe((value) => seen.push(value));
    expect(seen).toEqual([{ sync: true }]);
  });

  it('mints a new id for every subscription (a retry is a new request)', () => {
    const fake = createFakeTransport();
    const session = createSession(fake.transport);
    session.connect();
    const call = session.request('a');
    const subscriptions = [call.subscribe(), call.subscribe()];
    expect(fake.sent.map((m) => (m as { id: number }).id)).toEqual([1, 2]);
    subscriptions.forEach((s) => s.unsubscribe());
  });

  it("emits progress events, then the result, with observe: 'events'", () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      expectObservable(session.request('slow', {}, { observe: 'events' })).toBe('-a-b-(r|)', {
        a: { type: 'progress', progress: 1, total: 3 },
        b: { type: 'progress', progress: 2, total: 3, message: 'half' },
        r: { type: 'result', result: { done: true } },
      });
      peerAt(
        cold,
        '-a-b-r',
        {
          a: notification('notifications/progress', { progressToken: 1, progress: 1, total: 3 }),
          b: notification('notifications/progress', { progressToken: 1, progress: 2, total: 3, message: 'half' }),
          r: result(1, { done: true }),
        },
        fake,
      );
    });
  });

  it("sends its id as the progress token and keeps the caller's _meta", () => {
    const fake = createFakeTransport();
    const session = createSession(fake.transport);
    session.connect();
    session
      .request('slow', { a: 1, _meta: { trace: 'x' } }, { observe: 'events' })
      .subscribe()
      .unsubscribe();
    expect(fake.sent[0]).toEqual(request(1, 'slow', { a: 1, _meta: { trace: 'x', progressToken: 1 } }));
  });

  it('times out after the idle timeout and cancels the request', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { timeout: 10 });
      session.connect();
      expectObservable(session.request('never')).toBe('----------#', undefined, timeoutError);
      flush();
      expect(fake.sent[1]).toMatchObject({ method: 'notifications/cancelled', params: { requestId: 1 } });
      expect(fake.sent).toHaveLength(2);
    });
  });

  it('restarts the idle timeout on progress when asked, within maxTotalTimeout', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { timeout: 10 });
      session.connect();
      const progress = (n: number) => notification('notifications/progress', { progressToken: 1, progress: n });
      expectObservable(session.request('slow', {}, { resetTimeoutOnProgress: true })).toBe('-----------------(r|)', {
        r: {},
      });
      peerAt(cold, '--------a--------r', { a: progress(1), r: result(1) }, fake);
    });
  });

  it('fails at maxTotalTimeout however much progress arrives', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { timeout: 10 });
      session.connect();
      const progress = notification('notifications/progress', { progressToken: 1, progress: 1 });
      const call = session.request('slow', {}, { resetTimeoutOnProgress: true, maxTotalTimeout: 15 });
      expectObservable(call).toBe('---------------#', undefined, timeoutError);
      peerAt(cold, '-----a-----a-----a', { a: progress }, fake);
    });
  });

  it('sends notifications/cancelled once on unsubscribe and ignores the late response', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      expectObservable(session.request('slow'), '^--!').toBe('----');
      peerAt(cold, '-----r', { r: result(1) }, fake);
      flush();
      expect(fake.sent).toEqual([
        request(1, 'slow'),
        notification('notifications/cancelled', { requestId: 1, reason: 'Request cancelled by the caller' }),
      ]);
    });
  });

  it('never cancels a request marked not cancellable, on unsubscribe or timeout', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { timeout: 5 });
      session.connect();
      expectObservable(session.request('initialize', {}, { cancellable: false }), '^-!').toBe('---');
      expectObservable(session.request('initialize', {}, { cancellable: false })).toBe(
        '-----#',
        undefined,
        timeoutError,
      );
      flush();
      expect(fake.sent.map((m) => ('method' in m ? m.method : 'response'))).toEqual(['initialize', 'initialize']);
    });
  });

  it('knows no method names: any request is cancellable unless marked', () => {
    scheduler().run(({ expectObservable, flush }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { timeout: 5 });
      session.connect();
      expectObservable(session.request('initialize', {}), '^-!').toBe('---');
      flush();
      expect(fake.sent.map((m) => ('method' in m ? m.method : 'response'))).toEqual([
        'initialize',
        'notifications/cancelled',
      ]);
    });
  });

  it('settles every pending request with kind closed when the transport completes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      expectObservable(session.request('a')).toBe('---#', undefined, closedError);
      expectObservable(session.request('b', {}, { observe: 'events' })).toBe('---#', undefined, closedError);
      expectObservable(session.closed$).toBe('---(u|)', { u: undefined });
      cold('---x').subscribe(() => fake.close());
      expectObservable(cold('-----x').pipe(switchMap(() => session.request('late')))).toBe(
        '-----#',
        undefined,
        closedError,
      );
    });
  });

  it('settles every pending request with kind transport when the transport fails', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      const failure = new McpError('transport', 'socket reset');
      expectObservable(session.request('a')).toBe('--#', undefined, failure);
      cold('--x').subscribe(() => fake.fail(new Error('socket reset')));
    });
  });

  it('closes the transport and settles pending requests when the connection is unsubscribed', () => {
    const fake = createFakeTransport();
    const session = createSession(fake.transport);
    const connection = session.connect();
    const errors: McpError[] = [];
    session.request('a').subscribe({ error: (e) => errors.push(e) });
    connection.unsubscribe();
    expect(errors.map((e) => e.kind)).toEqual(['closed']);
    expect(fake.closed).toBe(true);
  });

  it('turns error responses into protocol McpErrors with code and data', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      expectObservable(session.request('a')).toBe('-#', undefined, McpError.protocol(-32602, 'bad', { why: 1 }));
      peerAt(
        cold,
        '-e',
        { e: { jsonrpc: '2.0', id: 1, error: { code: -32602, message: 'bad', data: { why: 1 } } } },
        fake,
      );
    });
  });

  it('ignores responses with unknown ids and carries on', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      session.connect();
      expectObservable(session.request('a')).toBe('--(r|)', { r: { ok: 1 } });
      peerAt(cold, '-xr', { x: result(99), r: result(1, { ok: 1 }) }, fake);
    });
  });
});

describe('connection lifetime', () => {
  it('closes its Subscription and releases the transport when the peer closes', () => {
    const fake = createFakeTransport();
    const session = createSession(fake.transport);
    const connection = session.connect();
    fake.close();
    expect(connection.closed).toBe(true);
    expect(fake.closed).toBe(true);
  });

  it('closes its Subscription and releases the transport when the transport fails', () => {
    const fake = createFakeTransport();
    const session = createSession(fake.transport);
    const connection = session.connect();
    fake.fail(new Error('reset'));
    expect(connection.closed).toBe(true);
    expect(fake.closed).toBe(true);
  });
});
