import { map, timer } from 'rxjs';
import { ErrorCode } from '../../lib/protocol/errors.js';
import { McpServer } from '../../lib/server/mcp-server.js';
import { createSession } from '../../lib/session/session.js';
import { createFakeTransport, createMcpTestScheduler, request, result } from '../../lib/testing/index.js';
import { DEFAULT_LIMITS } from '../../lib/server/limits.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('limits: in-flight requests per session', () => {
  it('answers the request over maxInflightRequests with -32000 at once, and the session carries on', () => {
    scheduler().run(({ flush }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { maxInflightRequests: 2 });
      session.setRequestHandler('wait', () => timer(10).pipe(map(() => ({ type: 'result' as const, result: {} }))));
      session.connect();
      fake.receive(request(1, 'wait'));
      fake.receive(request(2, 'wait'));
      fake.receive(request(3, 'wait'));
      // A ping holds no slot and is never refused.
      fake.receive(request(4, 'ping'));
      expect(fake.sent).toEqual([
        {
          jsonrpc: '2.0',
          id: 3,
          error: {
            code: ErrorCode.LimitExceeded,
            message: 'Too many requests in flight (maxInflightRequests: 2)',
            data: { limit: 'maxInflightRequests', value: 2 },
          },
        },
        result(4, {}),
      ]);
      flush();
      expect(fake.sent.filter((m) => 'result' in m).map((m) => ('id' in m ? m.id : undefined))).toEqual([4, 1, 2]);
      // The slots are free again once the handlers have answered.
      fake.receive(request(5, 'wait'));
      fake.receive(request(6, 'wait'));
      flush();
      expect(fake.sent.slice(-2).map((m) => ('result' in m ? m.id : 'error'))).toEqual([5, 6]);
    });
  });

  it('frees a slot when the client cancels a request', () => {
    scheduler().run(({ flush }) => {
      const fake = createFakeTransport();
      const session = createSession(fake.transport, { maxInflightRequests: 1 });
      session.setRequestHandler('wait', () => timer(10).pipe(map(() => ({ type: 'result' as const, result: {} }))));
      session.connect();
      fake.receive(request(1, 'wait'));
      fake.receive({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } });
      fake.receive(request(2, 'wait'));
      flush();
      expect(fake.sent).toEqual([result(2, {})]);
    });
  });

  it('McpServer sessions take the cap from limits, defaulting to DEFAULT_LIMITS', () => {
    expect(DEFAULT_LIMITS.maxInflightRequests).toBe(1024);
    scheduler().run(({ flush }) => {
      const server = new McpServer({ name: 's', version: '1' }, { limits: { maxInflightRequests: 1 } });
      server.tool('wait', { description: 'waits' }, () => timer(10).pipe(map(() => 'done')));
      const fake = createFakeTransport();
      server.connect(fake.transport, { requireInitialize: false });
      fake.receive(request(1, 'tools/call', { name: 'wait', arguments: {} }));
      fake.receive(request(2, 'tools/call', { name: 'wait', arguments: {} }));
      expect(fake.sent).toEqual([
        expect.objectContaining({
          id: 2,
          error: expect.objectContaining({ code: -32000, data: { limit: 'maxInflightRequests', value: 1 } }),
        }),
      ]);
      flush();
      expect(fake.sent.map((m) => ('id' in m ? m.id : undefined))).toEqual([2, 1]);
    });
  });
});
