import { asyncScheduler, finalize, map, NEVER, take, tap, timer } from 'rxjs';
import * as z from 'zod';
import { relatedRequestId } from '../../lib/transport/related-request.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { ofMethod } from '../../lib/session/of-method.js';
import { notification, request, result } from '../../lib/testing/index.js';
import { call, connectClient, fakeClient, initializedClient, marbles } from './helpers.js';

const info = { name: 'rx-server', version: '1.0.0' };

function countingServer() {
  const server = new McpServer(info);
  server.tool('count', { inputSchema: z.object({ to: z.number().int() }) }, ({ to }, ctx) =>
    timer(0, 10).pipe(
      take(to),
      tap((i) => {
        ctx.progress(i + 1, to, `step ${i + 1}`);
        ctx.log('debug', `debug ${i}`);
        ctx.log('info', `tick ${i}`, 'counter');
      }),
      map((i) => `counted ${i + 1}`),
    ),
  );
  return server;
}

describe('Observable tool handlers', () => {
  it('send progress and level-filtered log messages on the way, and answer with their last value', () => {
    marbles().run(({ expectObservable }) => {
      const { client } = connectClient(countingServer());
      client.initialize().subscribe();
      client.request('logging/setLevel', { level: 'info' }).subscribe();
      const log = (i: number) =>
        notification('notifications/message', { level: 'info', logger: 'counter', data: `tick ${i}` });
      expectObservable(client.notifications$.pipe(ofMethod('notifications/message'))).toBe('a 9ms b 9ms c', {
        a: log(0),
        b: log(1),
        c: log(2),
      });
      expectObservable(
        client.request('tools/call', { name: 'count', arguments: { to: 3 } }, { observe: 'events' }),
      ).toBe('a 9ms b 9ms (cr|)', {
        a: { type: 'progress', progress: 1, total: 3, message: 'step 1' },
        b: { type: 'progress', progress: 2, total: 3, message: 'step 2' },
        c: { type: 'progress', progress: 3, total: 3, message: 'step 3' },
        r: { type: 'result', result: { content: [{ type: 'text', text: 'counted 3' }] } },
      });
    });
  });

  it('relate their progress, logs and result to the request on the wire', () => {
    marbles().run(({ flush }) => {
      const { fake } = fakeClient(countingServer());
      fake.receive(request(1, 'tools/call', { name: 'count', arguments: { to: 2 }, _meta: { progressToken: 'p' } }));
      flush();
      expect(fake.sent).toEqual([
        notification('notifications/progress', { progressToken: 'p', progress: 1, total: 2, message: 'step 1' }),
        notification('notifications/message', { level: 'debug', data: 'debug 0' }),
        notification('notifications/message', { level: 'info', logger: 'counter', data: 'tick 0' }),
        notification('notifications/progress', { progressToken: 'p', progress: 2, total: 2, message: 'step 2' }),
        notification('notifications/message', { level: 'debug', data: 'debug 1' }),
        notification('notifications/message', { level: 'info', logger: 'counter', data: 'tick 1' }),
        result(1, { content: [{ type: 'text', text: 'counted 2' }] }),
      ]);
      expect(fake.outbound.map(relatedRequestId)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    });
  });

  it('are unsubscribed (teardown, abort) when the client cancels, and no response is sent', () => {
    marbles().run(({ cold, flush }) => {
      const server = new McpServer(info);
      const events: string[] = [];
      server.tool('slow', {}, (_args, ctx) => {
        ctx.signal.addEventListener('abort', () => events.push('aborted'));
        return timer(100).pipe(
          map(() => 'done'),
          finalize(() => events.push('teardown')),
        );
      });
      const { fake } = fakeClient(server);
      fake.receive(request(7, 'tools/call', { name: 'slow' }));
      cold('-----c').subscribe(() =>
        fake.receive(notification('notifications/cancelled', { requestId: 7, reason: 'changed my mind' })),
      );
      flush();
      expect(events.sort()).toEqual(['aborted', 'teardown']);
      expect(fake.sent).toEqual([]);
    });
  });

  it('are cancelled by a client session that unsubscribes its request', () => {
    marbles().run(({ expectObservable, flush }) => {
      const server = new McpServer(info);
      let tornDownAt: number | undefined;
      server.tool('forever', {}, () => NEVER.pipe(finalize(() => (tornDownAt = asyncScheduler.now()))));
      const { client } = connectClient(server);
      client.initialize().subscribe();
      expectObservable(client.request('tools/call', { name: 'forever' }), '^ 4ms !').toBe('-');
      flush();
      expect(tornDownAt).toBe(5);
    });
  });
});

describe('ctx.log', () => {
  it('sends everything before logging/setLevel, then only messages at or above the level, per session', async () => {
    const server = new McpServer(info);
    server.tool(
      'log',
      { inputSchema: z.object({ level: z.enum(['debug', 'info', 'warning', 'error']) }) },
      ({ level }, ctx) => {
        ctx.log(level, { level });
        return 'ok';
      },
    );
    const quiet = await initializedClient(server);
    const chatty = await initializedClient(server);
    const seen = { quiet: [] as unknown[], chatty: [] as unknown[] };
    quiet.notifications$.pipe(ofMethod('notifications/message')).subscribe((n) => seen.quiet.push(n.params?.['level']));
    chatty.notifications$
      .pipe(ofMethod('notifications/message'))
      .subscribe((n) => seen.chatty.push(n.params?.['level']));
    await call(quiet, 'tools/call', { name: 'log', arguments: { level: 'debug' } });
    await call(quiet, 'logging/setLevel', { level: 'warning' });
    for (const level of ['debug', 'info', 'warning', 'error']) {
      await call(quiet, 'tools/call', { name: 'log', arguments: { level } });
      await call(chatty, 'tools/call', { name: 'log', arguments: { level } });
    }
    expect(seen.quiet).toEqual(['debug', 'warning', 'error']);
    expect(seen.chatty).toEqual(['debug', 'info', 'warning', 'error']);
  });

  it('honours the logLevel option before setLevel, and server.log broadcasts with the same filter', async () => {
    const server = new McpServer(info, { logLevel: 'warning' });
    server.tool('noop', {}, () => '');
    const a = await initializedClient(server);
    const b = await initializedClient(server);
    await call(b, 'logging/setLevel', { level: 'debug' });
    const seen: string[] = [];
    a.notifications$.pipe(ofMethod('notifications/message')).subscribe((n) => seen.push(`a:${n.params?.['data']}`));
    b.notifications$.pipe(ofMethod('notifications/message')).subscribe((n) => seen.push(`b:${n.params?.['data']}`));
    server.log('info', 'info');
    server.log('error', 'error', 'main');
    expect(seen).toEqual(['b:info', 'a:error', 'b:error']);
  });

  it('rejects an unknown level with -32602', async () => {
    const client = await initializedClient(countingServer());
    await expect(call(client, 'logging/setLevel', { level: 'loud' })).rejects.toMatchObject({ code: -32602 });
  });
});
