import { finalize, map, NEVER, Observable, timer } from 'rxjs';
import * as z from 'zod';
import { McpError } from '../../lib/protocol/errors.js';
import { createSession, handlerEntry } from '../../lib/session/session.js';
import { ofMethod } from '../../lib/session/of-method.js';
import type { HandlerEvent } from '../../lib/session/session-api.js';
import {
  createFakeTransport,
  createMcpTestScheduler,
  errorResponse,
  notification,
  request,
  result,
} from '../../lib/testing/index.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

function connected() {
  const fake = createFakeTransport();
  const session = createSession(fake.transport);
  const connection = session.connect();
  return { fake, session, connection };
}

describe('incoming requests', () => {
  it('answers ping with an empty result', () => {
    const { fake } = connected();
    fake.receive(request(7, 'ping'));
    expect(fake.sent).toEqual([result(7, {})]);
  });

  it('answers each kind of bad message with the JSON-RPC error the spec names, and carries on', () => {
    const { fake, session } = connected();
    session.setRequestHandler(
      'sum',
      (p: { a: number; b: number }) => ({ sum: p.a + p.b }),
      z.object({ a: z.number(), b: z.number() }),
    );
    fake.receive({ kind: 'invalid-frame', reason: 'parse', message: 'Parse error', id: null });
    fake.receive({ kind: 'invalid-frame', reason: 'invalid', message: 'Invalid Request', id: 4 });
    fake.receive({ kind: 'invalid-frame', reason: 'too-large', message: 'Too large', id: null });
    fake.receive(request(5, 'nope'));
    fake.receive(request(6, 'sum', { a: 1, b: 'two' }));
    fake.receive(request(8, 'sum', { a: 1, b: 2 }));
    expect(fake.sent.map((m) => ['id' in m ? m.id : undefined, 'error' in m ? m.error.code : 'ok'])).toEqual([
      [null, -32700],
      [4, -32600],
      [null, -32600],
      [5, -32601],
      [6, -32602],
      [8, 'ok'],
    ]);
    expect(fake.sent[5]).toEqual(result(8, { sum: 3 }));
  });

  it('answers a thrown error with -32603, and an McpError with its own code', async () => {
    const { fake, session } = connected();
    session.setRequestHandler('boom', () => {
      throw new Error('kaput');
    });
    session.setRequestHandler('gone', async () => {
      throw McpError.protocol(-32002, 'Resource not found', { uri: 'x://y' });
    });
    fake.receive(request(1, 'boom'));
    fake.receive(request(2, 'gone'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.sent).toEqual([
      errorResponse(1, -32603, 'kaput'),
      errorResponse(2, -32002, 'Resource not found', { uri: 'x://y' }),
    ]);
  });

  it('answers a Promise handler when it resolves', async () => {
    const { fake, session } = connected();
    session.setRequestHandler('later', async (p?: { x?: number }) => ({ x: p?.x }));
    fake.receive(request('abc', 'later', { x: 2 }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.sent).toEqual([result('abc', { x: 2 })]);
  });

  it('sends an Observable handler’s progress and notifications before its result', () => {
    scheduler().run(({ flush }) => {
      const { fake, session } = connected();
      session.setRequestHandler(
        'work',
        () =>
          new Observable<HandlerEvent<{ ok: boolean }>>((subscriber) => {
            subscriber.next({ type: 'progress', progress: 1, total: 2 });
            subscriber.next({
              type: 'notification',
              method: 'notifications/message',
              params: { level: 'info', data: 'half' },
            });
            timer(5).subscribe(() => {
              subscriber.next({ type: 'progress', progress: 2, total: 2 });
              subscriber.next({ type: 'result', result: { ok: true } });
            });
          }),
      );
      fake.receive(request(1, 'work', { _meta: { progressToken: 'tok' } }));
      flush();
      expect(fake.sent).toEqual([
        notification('notifications/progress', { progressToken: 'tok', progress: 1, total: 2 }),
        notification('notifications/message', { level: 'info', data: 'half' }),
        notification('notifications/progress', { progressToken: 'tok', progress: 2, total: 2 }),
        result(1, { ok: true }),
      ]);
    });
  });

  it('sends no progress when the caller sent no progress token', () => {
    const { fake, session } = connected();
    session.setRequestHandler('work', (_p, ctx) => {
      ctx.progress(1, 2);
      return {};
    });
    fake.receive(request(1, 'work'));
    expect(fake.sent).toEqual([result(1, {})]);
  });

  it('unsubscribes the handler on notifications/cancelled and sends no response', () => {
    scheduler().run(({ cold, flush }) => {
      const { fake, session } = connected();
      let tornDown = false;
      let aborted = false;
      session.setRequestHandler('slow', (_p, ctx) => {
        ctx.signal.addEventListener('abort', () => (aborted = true));
        return timer(10).pipe(
          map((): HandlerEvent<object> => ({ type: 'result', result: {} })),
          finalize(() => (tornDown = true)),
        );
      });
      fake.receive(request(1, 'slow'));
      cold('---c').subscribe(() =>
        fake.receive(notification('notifications/cancelled', { requestId: 1, reason: 'user' })),
      );
      flush();
      expect(tornDown).toBe(true);
      expect(aborted).toBe(true);
      expect(fake.sent).toEqual([]);
    });
  });

  it('answers an Observable handler that completes without a result with -32603', () => {
    const { fake, session } = connected();
    session.setRequestHandler('empty', () => new Observable<HandlerEvent<object>>((s) => s.complete()));
    fake.receive(request(1, 'empty'));
    expect(fake.sent).toEqual([errorResponse(1, -32603, 'Handler completed without a result')]);
  });

  it('tears down running handlers when the transport closes', () => {
    const { fake, session } = connected();
    let tornDown = false;
    session.setRequestHandler('forever', () => NEVER.pipe(finalize(() => (tornDown = true))));
    fake.receive(request(1, 'forever'));
    fake.close();
    expect(tornDown).toBe(true);
  });

  it('sends requests related to the incoming request from the handler context', () => {
    scheduler().run(({ flush }) => {
      const { fake, session } = connected();
      session.setRequestHandler('ask', (_p, ctx) =>
        ctx
          .request<{ answer: string }>('sampling/createMessage', { q: 1 })
          .pipe(map((answer): HandlerEvent<object> => ({ type: 'result', result: { got: answer.answer } }))),
      );
      fake.receive(request('r1', 'ask'));
      expect(fake.sent).toEqual([request(1, 'sampling/createMessage', { q: 1 })]);
      fake.receive(result(1, { answer: 'yes' }));
      flush();
      expect(fake.sent[1]).toEqual(result('r1', { got: 'yes' }));
    });
  });
});

describe('notifications', () => {
  it('are filtered by method with ofMethod', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport);
      const changed = notification('notifications/tools/list_changed');
      expectObservable(session.notifications$.pipe(ofMethod('notifications/tools/list_changed'))).toBe('-a--a|', {
        a: changed,
      });
      session.connect();
      cold('-a-ba|', { a: changed, b: notification('notifications/message', { level: 'info', data: 1 }) }).subscribe({
        next: (m) => fake.receive(m),
        complete: () => fake.close(),
      });
    });
  });
});

describe('handlers shared by sessions', () => {
  it('answers from the shared table when the session has no handler of its own, telling sessions apart', () => {
    const shared = new Map([['whoami', handlerEntry((_params, context) => ({ me: names.get(context.session) }))]]);
    const names = new WeakMap<object, string>();
    const first = createFakeTransport();
    const second = createFakeTransport();
    const a = createSession(first.transport, { handlers: shared });
    const b = createSession(second.transport, { handlers: shared });
    names.set(a, 'a');
    names.set(b, 'b');
    b.setRequestHandler('whoami', () => ({ me: 'own' }));
    a.connect();
    b.connect();
    first.receive(request(1, 'whoami'));
    second.receive(request(1, 'whoami'));
    expect(first.sent).toEqual([result(1, { me: 'a' })]);
    expect(second.sent).toEqual([result(1, { me: 'own' })]);
  });
});
