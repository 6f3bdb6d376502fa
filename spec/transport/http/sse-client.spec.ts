import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { createSseClientTransport } from '../../../lib/transport/http/index.js';
import type { InvalidFrame, RequestFailure } from '../../../lib/transport/transport.js';
import { controlledStream, createFakeFetch, event, type Handler, settle, sse, status } from './fake-fetch.js';

const ping: JSONRPCMessage = { jsonrpc: '2.0', id: 1, method: 'ping' };

function setup(handler: Handler, url = 'http://mcp.test/base/sse') {
  const fake = createFakeFetch(handler);
  // One stream, no reconnection (spec/transport/http/sse-client-reconnect.spec.ts covers that).
  const transport = createSseClientTransport(url, {
    fetch: fake.fetch,
    headers: { authorization: 'Bearer t' },
    reconnect: false,
  });
  const received: (JSONRPCMessage | InvalidFrame | RequestFailure)[] = [];
  const ended: { error?: unknown; complete?: boolean } = {};
  const connect = () =>
    transport.inbound$.subscribe({
      next: (message) => received.push(message),
      error: (error) => (ended.error = error),
      complete: () => (ended.complete = true),
    });
  return { fake, transport, received, ended, connect };
}

describe('createSseClientTransport', () => {
  it('GETs the stream on subscribe, queues until the endpoint event, then POSTs to it', async () => {
    const stream = controlledStream();
    const t = setup((call) => (call.method === 'GET' ? sse(stream.stream) : status(202)));
    t.transport.outbound.next(ping);
    await settle();
    expect(t.fake.calls).toHaveLength(0);
    t.connect();
    await settle();
    expect(t.fake.calls).toHaveLength(1);
    expect(t.fake.calls[0]!).toMatchObject({ method: 'GET', url: 'http://mcp.test/base/sse' });
    expect(t.fake.calls[0]!.headers).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer t' });

    stream.push('event: endpoint\ndata: messages?sessionId=abc\n\n');
    await settle();
    const posts = t.fake.of('POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('http://mcp.test/base/messages?sessionId=abc');
    expect(posts[0]!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t' });
    expect(posts[0]!.body).toEqual(ping);
    expect(t.transport.info.sessionId).toBe('abc');

    t.transport.info.setProtocolVersion?.('2024-11-05');
    t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await settle();
    expect(t.fake.of('POST')[1]!.headers['mcp-protocol-version']).toBe('2024-11-05');

    stream.push(`event: message\n${event({ jsonrpc: '2.0', id: 1, result: {} })}`);
    stream.push(event({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } }));
    stream.push('event: other\ndata: ignored\n\n');
    await settle();
    expect(t.received).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x' } },
    ]);
    stream.close();
    await settle();
    expect(t.ended).toEqual({ complete: true });
  });

  it('rejects an endpoint of another origin', async () => {
    const t = setup(() => sse('event: endpoint\ndata: http://evil.test/messages\n\n'));
    t.connect();
    await settle();
    expect(t.ended.error).toEqual(expect.objectContaining({ name: 'McpError', kind: 'transport' }));
    expect((t.ended.error as Error).message).toMatch(/another origin/);
  });

  it('errors with kind transport when the stream cannot be opened, saying the URL, the status and a hint', async () => {
    const t = setup(() => status(405));
    t.connect();
    await settle();
    expect(t.ended.error).toEqual(
      expect.objectContaining({
        kind: 'transport',
        message: expect.stringMatching(
          /^GET http:\/\/mcp.test\/base\/sse answered HTTP 405: the endpoint does not take GET/,
        ),
      }),
    );
    const json = setup(() => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    json.connect();
    await settle();
    expect((json.ended.error as Error).message).toMatch(
      /answered application\/json, not text\/event-stream: is this a legacy HTTP\+SSE endpoint\?/,
    );
  });

  it('errors with the root cause when the server cannot be reached, or the stream drops', async () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3999'), { code: 'ECONNREFUSED' }),
    });
    const t = setup(() => Promise.reject(refused));
    t.connect();
    await settle();
    expect(t.ended.error).toEqual(
      expect.objectContaining({
        kind: 'transport',
        message: 'GET http://mcp.test/base/sse failed: connect ECONNREFUSED 127.0.0.1:3999',
      }),
    );
    const stream = controlledStream();
    const dropped = setup(() => sse(stream.stream));
    dropped.connect();
    await settle();
    stream.fail(
      new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }),
    );
    await settle();
    expect((dropped.ended.error as Error).message).toBe(
      'GET http://mcp.test/base/sse failed: other side closed (UND_ERR_SOCKET)',
    );
  });

  it('fails just the request whose POST cannot reach the server, with the root cause', async () => {
    const stream = controlledStream();
    const t = setup((call) => {
      if (call.method === 'GET') return sse(stream.stream);
      if ((call.body as { id?: number }).id === 1)
        return Promise.reject(new TypeError('fetch failed', { cause: new Error('socket hang up') }));
      return status(202);
    });
    t.connect();
    stream.push('event: endpoint\ndata: /messages\n\n');
    t.transport.outbound.next(ping);
    t.transport.outbound.next({ jsonrpc: '2.0', id: 2, method: 'ping' });
    await settle();
    stream.push(event({ jsonrpc: '2.0', id: 2, result: {} }));
    await settle();
    expect(t.received).toEqual([
      {
        kind: 'request-failed',
        id: 1,
        error: expect.objectContaining({
          kind: 'transport',
          message: 'POST http://mcp.test/messages failed: socket hang up',
        }),
      },
      { jsonrpc: '2.0', id: 2, result: {} },
    ]);
    expect(t.ended).toEqual({});
  });

  it('refuses a URL that is not http: or https: at once', () => {
    expect(() => createSseClientTransport('file:///tmp/sse')).toThrow(
      expect.objectContaining({
        kind: 'transport',
        message: expect.stringContaining('needs an http: or https: URL, not file:'),
      }),
    );
  });

  it('fails just the request whose POST got an HTTP error, kind transport, saying the URL and status', async () => {
    const stream = controlledStream();
    const t = setup((call) => (call.method === 'GET' ? sse(stream.stream) : status(404, 'Unknown session')));
    t.connect();
    stream.push('event: endpoint\ndata: /messages\n\n');
    t.transport.outbound.next(ping);
    t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await settle();
    expect(t.fake.of('POST')[0]!.url).toBe('http://mcp.test/messages');
    expect(t.received).toEqual([
      {
        kind: 'request-failed',
        id: 1,
        error: expect.objectContaining({
          kind: 'transport',
          message: expect.stringContaining('POST http://mcp.test/messages answered HTTP 404'),
          data: { status: 404, url: 'http://mcp.test/messages', body: 'Unknown session' },
        }),
      },
    ]);
    expect(t.ended).toEqual({});
  });

  it('aborts the stream and the POSTs in flight on close', async () => {
    const stream = controlledStream();
    const t = setup((call) => (call.method === 'GET' ? sse(stream.stream) : new Promise<Response>(() => undefined)));
    t.connect();
    stream.push('event: endpoint\ndata: /messages\n\n');
    await settle();
    t.transport.outbound.next(ping);
    await settle();
    t.transport.outbound.complete();
    await settle();
    expect(t.fake.calls.map((call) => call.signal.aborted)).toEqual([true, true]);
    expect(stream.cancelled).toBe(true);
    expect(t.ended).toEqual({ complete: true });
  });
});
