// The legacy SSE client transport re-opening a dropped stream, in virtual time: the requests in
// flight fail clearly, the endpoint is re-discovered, the handshake is replayed out of the
// session's sight, then what was sent meanwhile goes; too many failed attempts end the transport.
import { VirtualTimeScheduler } from 'rxjs';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import { createSseClientTransport, type SseClientTransportOptions } from '../../../lib/transport/http/index.js';
import type { InvalidFrame, RequestFailure, TransportHealth } from '../../../lib/transport/transport.js';
import {
  advanceTo as advanceToFrame,
  controlledStream,
  createFakeFetch,
  event,
  type ControlledStream,
  settle,
  sse,
  status,
} from './fake-fetch.js';

const URL_ = 'http://mcp.test/sse';
const initialize: JSONRPCMessage = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2024-11-05', capabilities: {}, clientInfo: { name: 'c', version: '1' } },
};
const call = (id: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'echo', arguments: {} },
});

function setup(options: Omit<SseClientTransportOptions, 'fetch' | 'scheduler'> = {}) {
  const scheduler = new VirtualTimeScheduler();
  const streams: ControlledStream[] = [];
  /** How each GET after the first is answered: a stream, or a refused connection. */
  let refuseGets = false;
  const fake = createFakeFetch((request) => {
    if (request.method === 'POST') return status(202);
    if (refuseGets && streams.length > 0)
      return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    const stream = controlledStream();
    streams.push(stream);
    return sse(stream.stream);
  }, scheduler);
  const transport = createSseClientTransport(URL_, { ...options, fetch: fake.fetch, scheduler });
  const received: (JSONRPCMessage | InvalidFrame | RequestFailure)[] = [];
  const health: (TransportHealth & { at: number })[] = [];
  const ended: { error?: unknown; complete?: boolean } = {};
  transport.health$.subscribe((value) => health.push({ ...value, at: scheduler.now() }));
  transport.inbound$.subscribe({
    next: (message) => received.push(message),
    error: (error) => (ended.error = error),
    complete: () => (ended.complete = true),
  });
  const advanceTo = (frame: number) => advanceToFrame(scheduler, frame);
  const posts = () => fake.of('POST').map((post) => ({ url: post.url, body: post.body, at: post.at }));
  return {
    scheduler,
    fake,
    transport,
    streams,
    received,
    health,
    ended,
    advanceTo,
    posts,
    refuse: () => (refuseGets = true),
  };
}

describe('legacy SSE client transport: reconnecting', () => {
  it('fails the request in flight, re-opens after the backoff, replays the handshake, then sends what waited', async () => {
    const t = setup();
    await settle();
    t.streams[0]!.push('event: endpoint\ndata: /messages?sessionId=one\n\n');
    t.transport.outbound.next(initialize);
    await settle();
    t.streams[0]!.push(
      event({
        jsonrpc: '2.0',
        id: 0,
        result: { protocolVersion: '2024-11-05', capabilities: {}, serverInfo: { name: 's', version: '1' } },
      }),
    );
    t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/initialized' });
    t.transport.outbound.next(call(1));
    t.transport.outbound.next(call(2));
    await settle();
    t.streams[0]!.push(event({ jsonrpc: '2.0', id: 1, result: { content: [] } }));
    await settle();

    // The stream drops with request 2 unanswered: it fails alone, saying why.
    t.streams[0]!.fail(new TypeError('terminated'));
    await settle();
    expect(t.received.slice(-1)).toEqual([
      {
        kind: 'request-failed',
        id: 2,
        error: expect.objectContaining({
          kind: 'transport',
          message:
            "The SSE stream of http://mcp.test/sse dropped before request 2 was answered; the server's session ended with it",
        }),
      },
    ]);
    expect(t.health).toEqual([expect.objectContaining({ status: 'reconnecting', attempt: 0, at: 0 })]);
    expect(t.transport.info.endpoint).toBeUndefined();
    // Sent while the stream is down: it waits for the new session.
    t.transport.outbound.next(call(3));
    await t.advanceTo(999);
    expect(t.fake.of('GET')).toHaveLength(1);
    await t.advanceTo(1000);
    expect(t.fake.of('GET').map((get) => get.at)).toEqual([0, 1000]);

    t.streams[1]!.push('event: endpoint\ndata: /messages?sessionId=two\n\n');
    await settle();
    const replayed = t.posts().slice(4);
    expect(replayed).toEqual([
      {
        url: 'http://mcp.test/messages?sessionId=two',
        body: { ...initialize, id: 'rxmcp-sse-reinitialize-1' },
        at: 1000,
      },
    ]);
    expect(t.health.slice(1)).toEqual([{ status: 'connected', at: 1000 }]);
    // The replayed initialize's answer is swallowed; then initialized, then request 3.
    t.streams[1]!.push(
      event({
        jsonrpc: '2.0',
        id: 'rxmcp-sse-reinitialize-1',
        result: { protocolVersion: '2024-11-05', capabilities: {}, serverInfo: { name: 's', version: '1' } },
      }),
    );
    await settle();
    expect(
      t
        .posts()
        .slice(5)
        .map((post) => [post.url, post.body]),
    ).toEqual([
      ['http://mcp.test/messages?sessionId=two', { jsonrpc: '2.0', method: 'notifications/initialized' }],
      ['http://mcp.test/messages?sessionId=two', call(3)],
    ]);
    t.streams[1]!.push(event({ jsonrpc: '2.0', id: 3, result: { content: [] } }));
    await settle();
    expect(t.received.map((message) => ('id' in message ? message.id : undefined))).toEqual([0, 1, 2, 3]);
    expect(t.transport.info.sessionId).toBe('two');
    expect(t.ended).toEqual({});
    t.transport.outbound.complete();
  });

  it('re-opens a stream the server ended cleanly, quietly', async () => {
    const t = setup({ reconnect: { initialDelay: 100 } });
    await settle();
    t.streams[0]!.push('event: endpoint\ndata: /messages?sessionId=one\n\n');
    await settle();
    t.streams[0]!.close();
    await t.advanceTo(100);
    expect(t.fake.of('GET').map((get) => get.at)).toEqual([0, 100]);
    t.streams[1]!.push('event: endpoint\ndata: /messages?sessionId=two\n\n');
    await settle();
    // No initialize was ever sent: nothing to replay, what is sent goes at once.
    t.transport.outbound.next(call(1));
    await settle();
    expect(t.posts()).toEqual([{ url: 'http://mcp.test/messages?sessionId=two', body: call(1), at: 100 }]);
    expect(t.health).toEqual([]);
    t.transport.outbound.complete();
  });

  it('gives up after maxRetries failed attempts in a row, with backoff between them', async () => {
    const t = setup({ reconnect: { initialDelay: 1000, growFactor: 2, maxRetries: 3 } });
    await settle();
    t.streams[0]!.push('event: endpoint\ndata: /messages?sessionId=one\n\n');
    await settle();
    t.refuse();
    t.streams[0]!.fail(new TypeError('terminated'));
    await t.advanceTo(100_000);
    // Attempts at 1000, then 1000 + 2000, then 3000 + 4000: the third failure ends it.
    expect(t.fake.of('GET').map((get) => get.at)).toEqual([0, 1000, 3000, 7000]);
    expect(t.health.map((h) => [h.status, 'attempt' in h ? h.attempt : undefined])).toEqual([
      ['reconnecting', 0],
      ['reconnecting', 1],
      ['reconnecting', 2],
    ]);
    expect(t.ended.error).toMatchObject({
      kind: 'transport',
      message: expect.stringMatching(
        /^Lost the SSE stream of http:\/\/mcp\.test\/sse \(gave up after 3 reconnection attempt\(s\)\): GET http:\/\/mcp\.test\/sse failed: fetch failed/,
      ),
    });
  });

  it('ends the transport when the replayed initialize is refused', async () => {
    const t = setup({ reconnect: { initialDelay: 10 } });
    await settle();
    t.streams[0]!.push('event: endpoint\ndata: /messages?sessionId=one\n\n');
    t.transport.outbound.next(initialize);
    await settle();
    t.streams[0]!.close();
    await t.advanceTo(10);
    t.streams[1]!.push('event: endpoint\ndata: /messages?sessionId=two\n\n');
    await settle();
    t.streams[1]!.push(
      event({
        jsonrpc: '2.0',
        id: 'rxmcp-sse-reinitialize-1',
        error: { code: -32602, message: 'Unsupported protocol version' },
      }),
    );
    await settle();
    expect(t.ended.error).toMatchObject({
      kind: 'transport',
      message:
        'Re-initialization over the re-opened SSE stream of http://mcp.test/sse failed: Unsupported protocol version',
    });
  });
});
