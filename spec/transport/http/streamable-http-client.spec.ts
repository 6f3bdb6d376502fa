import { VirtualTimeScheduler } from 'rxjs';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import {
  createStreamableHttpClientTransport,
  type StreamableHttpClientTransportOptions,
} from '../../../lib/transport/http/index.js';
import type { InvalidFrame, RequestFailure } from '../../../lib/transport/transport.js';
import {
  advanceTo as advanceToFrame,
  controlledStream,
  createFakeFetch,
  event,
  type FetchCall,
  type Handler,
  json,
  settle,
  sse,
  status,
} from './fake-fetch.js';

const URL_ = 'http://mcp.test/mcp';
const initParams = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } };
const initialize: JSONRPCMessage = { jsonrpc: '2.0', id: 1, method: 'initialize', params: initParams };
const initialized: JSONRPCMessage = { jsonrpc: '2.0', method: 'notifications/initialized' };
const initResult = {
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  serverInfo: { name: 's', version: '1' },
};
const request = (id: number, method = 'tools/list'): JSONRPCMessage => ({ jsonrpc: '2.0', id, method });
const result = (id: number | string, value: Record<string, unknown> = {}): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  result: value,
});
const progress = (value: number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/progress',
  params: { progressToken: 2, progress: value },
});

/** What fails request `id` alone, kind transport, with a message matching `message`. */
const failed = (id: number, message: string | RegExp = /./) => ({
  kind: 'request-failed',
  id,
  error: expect.objectContaining({
    name: 'McpError',
    kind: 'transport',
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  }),
});

function setup(handler: Handler, options: Omit<StreamableHttpClientTransportOptions, 'fetch' | 'scheduler'> = {}) {
  const scheduler = new VirtualTimeScheduler();
  const fake = createFakeFetch(handler, scheduler);
  const transport = createStreamableHttpClientTransport(URL_, { ...options, fetch: fake.fetch, scheduler });
  const received: (JSONRPCMessage | InvalidFrame | RequestFailure)[] = [];
  const ended: { error?: unknown; complete?: boolean } = {};
  const errors: unknown[] = [];
  transport.errors$.subscribe((error) => errors.push(error));
  const connect = () =>
    transport.inbound$.subscribe({
      next: (message) => received.push(message),
      error: (error) => (ended.error = error),
      complete: () => (ended.complete = true),
    });
  const advanceTo = (frame: number) => advanceToFrame(scheduler, frame);
  return { scheduler, fake, transport, received, ended, errors, connect, advanceTo };
}

/** A server that initializes with session `sid` and answers GET with 405. */
function handshake(call: FetchCall, sid = 'session-1'): Response | undefined {
  const body = call.body as JSONRPCMessage | undefined;
  if (call.method === 'POST' && body && 'method' in body && body.method === 'initialize') {
    return json(result((body as { id: number }).id, initResult), { headers: { 'mcp-session-id': sid } });
  }
  if (call.method === 'POST' && body && 'method' in body && body.method === 'notifications/initialized')
    return status(202);
  if (call.method === 'GET') return status(405);
  if (call.method === 'DELETE') return status(200);
  return undefined;
}

async function initializeOver(t: ReturnType<typeof setup>) {
  t.transport.outbound.next(initialize);
  await settle();
  t.transport.info.setProtocolVersion?.('2025-11-25');
  t.transport.outbound.next(initialized);
  await settle();
}

describe('createStreamableHttpClientTransport', () => {
  it('sends nothing before inbound$ is subscribed, then POSTs what was queued', async () => {
    const t = setup((call) => handshake(call)!);
    t.transport.outbound.next(initialize);
    await settle();
    expect(t.fake.calls).toHaveLength(0);
    t.connect();
    await settle();
    expect(t.fake.calls).toHaveLength(1);
    const [post] = t.fake.calls;
    expect(post!.method).toBe('POST');
    expect(post!.url).toBe(URL_);
    expect(post!.headers['accept']).toBe('application/json, text/event-stream');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['mcp-session-id']).toBeUndefined();
    expect(post!.body).toEqual(initialize);
    expect(t.received).toEqual([result(1, initResult)]);
  });

  it('keeps the Mcp-Session-Id of the initialize response and sends MCP-Protocol-Version once told', async () => {
    const t = setup((call) => handshake(call) ?? json(result((call.body as { id: number }).id)), {
      headers: () => ({ authorization: 'Bearer x' }),
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    const posts = t.fake.of('POST');
    expect(posts.map((call) => call.headers['mcp-session-id'])).toEqual([undefined, 'session-1', 'session-1']);
    expect(posts.map((call) => call.headers['mcp-protocol-version'])).toEqual([undefined, '2025-11-25', '2025-11-25']);
    expect(posts.every((call) => call.headers['authorization'] === 'Bearer x')).toBe(true);
    expect(t.transport.info.sessionId).toBe('session-1');
    expect(t.received).toEqual([result(1, initResult), result(2)]);
  });

  it('emits every message of a JSON array body, and of an SSE body (priming events skipped)', async () => {
    const t = setup((call) => {
      const id = (call.body as { id?: number }).id;
      if (id === 1) return json([progress(1), result(1)]);
      return sse(
        `id: p\ndata: \n\n${event(progress(2), 'a')}: comment\n\nevent: message\n${event(result(2)).slice(0)}`,
      );
    });
    t.connect();
    t.transport.outbound.next(request(1));
    await settle();
    t.transport.outbound.next(request(2));
    await settle();
    expect(t.received).toEqual([progress(1), result(1), progress(2), result(2)]);
  });

  it('emits nothing for 202 Accepted', async () => {
    const t = setup((call) => (call.method === 'GET' ? status(405) : status(202)));
    t.connect();
    t.transport.outbound.next(initialized);
    t.transport.outbound.next(result(9));
    await settle();
    expect(t.fake.of('POST')).toHaveLength(2);
    expect(t.received).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it('opens the standalone GET stream once notifications/initialized is accepted, tolerating 405', async () => {
    const t = setup((call) => handshake(call)!);
    t.connect();
    t.transport.outbound.next(initialize);
    await settle();
    expect(t.fake.of('GET')).toHaveLength(0);
    t.transport.outbound.next(initialized);
    await t.advanceTo(100_000);
    const gets = t.fake.of('GET');
    expect(gets).toHaveLength(1);
    expect(gets[0]!.headers['accept']).toBe('text/event-stream');
    expect(gets[0]!.headers['mcp-session-id']).toBe('session-1');
    expect(t.errors).toEqual([]);
    expect(t.ended).toEqual({});
  });

  describe('holding messages until the standalone stream is open', () => {
    const methods = (t: ReturnType<typeof setup>) =>
      t.fake.of('POST').map((call) => (call.body as { method?: string }).method);
    const answerOrAccept = (call: FetchCall) => {
      const id = (call.body as { id?: number }).id;
      return id === undefined ? status(202) : json(result(id));
    };

    it('POSTs what is sent after notifications/initialized once the GET is answered, in order', async () => {
      // The official SDK server drops a request it sends during a tool call (elicitation/create)
      // when the standalone stream is not open yet: the tool call must not overtake the GET.
      let answerGet!: (response: Response) => void;
      const get = controlledStream();
      const t = setup((call) => {
        if (call.method === 'GET') return new Promise<Response>((resolve) => (answerGet = resolve));
        return handshake(call) ?? answerOrAccept(call);
      });
      t.connect();
      t.transport.outbound.next(initialize);
      await settle();
      t.transport.outbound.next(initialized);
      t.transport.outbound.next(request(2, 'tools/call'));
      t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
      await settle();
      expect(methods(t)).toEqual(['initialize', 'notifications/initialized']);
      expect(t.fake.of('GET')).toHaveLength(1);
      answerGet(sse(get.stream));
      await settle();
      expect(methods(t)).toEqual([
        'initialize',
        'notifications/initialized',
        'tools/call',
        'notifications/roots/list_changed',
      ]);
      expect(t.fake.calls.map((call) => call.method)).toEqual(['POST', 'POST', 'GET', 'POST', 'POST']);
      // What the server sends on the stream meanwhile reaches the session.
      get.push(
        event(
          {
            jsonrpc: '2.0',
            id: 0,
            method: 'elicitation/create',
            params: { message: 'm', requestedSchema: { type: 'object', properties: {} } },
          },
          'g1',
        ),
      );
      await settle();
      expect(t.received).toEqual([
        result(1, initResult),
        result(2),
        expect.objectContaining({ method: 'elicitation/create' }),
      ]);
    });

    it('POSTs them after standaloneWait ms when the GET is not answered', async () => {
      const t = setup(
        (call) =>
          call.method === 'GET' ? new Promise<Response>(() => undefined) : (handshake(call) ?? answerOrAccept(call)),
        {
          standaloneWait: 300,
        },
      );
      t.connect();
      t.transport.outbound.next(initialize);
      await settle();
      t.transport.outbound.next(initialized);
      t.transport.outbound.next(request(2));
      await t.advanceTo(299);
      expect(methods(t)).toEqual(['initialize', 'notifications/initialized']);
      await t.advanceTo(300);
      expect(methods(t)).toEqual(['initialize', 'notifications/initialized', 'tools/list']);
      expect(t.fake.of('POST')[2]!.at).toBe(300);
      expect(t.received).toEqual([result(1, initResult), result(2)]);
    });

    it('holds nothing when notifications/initialized is refused (no stream to wait for)', async () => {
      const t = setup((call) => {
        if ((call.body as { method?: string })?.method === 'notifications/initialized') return status(400);
        return handshake(call) ?? answerOrAccept(call);
      });
      t.connect();
      t.transport.outbound.next(initialize);
      await settle();
      t.transport.outbound.next(initialized);
      t.transport.outbound.next(request(2));
      await settle();
      expect(methods(t)).toEqual(['initialize', 'notifications/initialized', 'tools/list']);
      expect(t.fake.of('GET')).toHaveLength(0);
      expect(t.scheduler.now()).toBe(0);
    });
  });

  it('emits what the standalone GET stream carries and resumes it with Last-Event-ID after `retry` ms', async () => {
    const first = controlledStream();
    const second = controlledStream();
    const t = setup((call) => {
      if (call.method === 'GET') return sse(call.headers['last-event-id'] ? second.stream : first.stream);
      return handshake(call)!;
    });
    t.connect();
    await initializeOver(t);
    first.push(`retry: 250\n${event({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }, 'g1')}`);
    first.close();
    await t.advanceTo(249);
    expect(t.fake.of('GET')).toHaveLength(1);
    await t.advanceTo(250);
    const gets = t.fake.of('GET');
    expect(gets).toHaveLength(2);
    expect(gets[1]!.at).toBe(250);
    expect(gets[1]!.headers['last-event-id']).toBe('g1');
    second.push(event({ jsonrpc: '2.0', method: 'ping', id: 'srv-1' }, 'g2'));
    await settle();
    expect(t.received).toEqual([
      result(1, initResult),
      { jsonrpc: '2.0', method: 'notifications/tools/list_changed' },
      { jsonrpc: '2.0', method: 'ping', id: 'srv-1' },
    ]);
  });

  describe('resuming a POST stream', () => {
    it("reconnects with GET + Last-Event-ID exactly after the server's retry value; nothing lost or duplicated", async () => {
      const post = controlledStream();
      const resumed = controlledStream();
      const t = setup((call) => {
        if (call.method === 'GET') return call.headers['last-event-id'] ? sse(resumed.stream) : status(405);
        if ((call.body as { id?: number }).id === 2) return sse(post.stream);
        return handshake(call)!;
      });
      t.connect();
      await initializeOver(t);
      t.transport.outbound.next(request(2, 'tools/call'));
      await settle();
      post.push('id: e1\nretry: 3000\ndata: \n\n');
      post.push(event(progress(1), 'e2'));
      post.close();
      await t.advanceTo(2999);
      expect(t.fake.of('GET').filter((call) => call.headers['last-event-id'])).toHaveLength(0);
      await t.advanceTo(3000);
      const resumes = t.fake.of('GET').filter((call) => call.headers['last-event-id']);
      expect(resumes).toHaveLength(1);
      expect(resumes[0]!.at).toBe(3000);
      expect(resumes[0]!.headers['last-event-id']).toBe('e2');
      expect(resumes[0]!.headers['mcp-session-id']).toBe('session-1');
      resumed.push(event(progress(2), 'e3'));
      resumed.push(event(result(2, { content: [] }), 'e4'));
      resumed.close();
      await t.advanceTo(100_000);
      expect(t.received).toEqual([result(1, initResult), progress(1), progress(2), result(2, { content: [] })]);
      // Answered: no further reconnection, and the POST was never resent.
      expect(t.fake.of('GET').filter((call) => call.headers['last-event-id'])).toHaveLength(1);
      expect(t.fake.of('POST').filter((call) => (call.body as { id?: number }).id === 2)).toHaveLength(1);
    });

    it('resumes a stream that ended after its priming event alone, `retry` ms later, and closes the resumed stream after the response', async () => {
      // The shape of the conformance suite's sse-retry scenario (SEP-1699 polling).
      const standalone = controlledStream();
      const resumed = controlledStream();
      const t = setup((call) => {
        if (call.method === 'GET') return sse(call.headers['last-event-id'] ? resumed.stream : standalone.stream);
        if ((call.body as { id?: number }).id === 2) return sse('id: event-2\nretry: 500\ndata: \n\n');
        return handshake(call)!;
      });
      t.connect();
      await initializeOver(t);
      standalone.push('id: event-1\nretry: 500\ndata: \n\n');
      t.transport.outbound.next(request(2, 'tools/call'));
      await settle();
      const resumes = () => t.fake.of('GET').filter((call) => call.headers['last-event-id']);
      await t.advanceTo(499);
      expect(resumes()).toHaveLength(0);
      await t.advanceTo(500);
      expect(resumes()).toHaveLength(1);
      expect(resumes()[0]!.at).toBe(500);
      expect(resumes()[0]!.headers['last-event-id']).toBe('event-2');
      resumed.push('id: event-3\nretry: 500\ndata: \n\n');
      resumed.push(`event: message\n${event(result(2, { content: [] }), 'event-4')}`);
      await t.advanceTo(100_000);
      expect(t.received).toEqual([result(1, initResult), result(2, { content: [] })]);
      // The server never ends the resumed stream: the client does, and leaves the standalone one be.
      expect(resumed.cancelled).toBe(true);
      expect(standalone.cancelled).toBe(false);
      expect(resumes()).toHaveLength(1);
      expect(t.fake.of('POST').filter((call) => (call.body as { id?: number }).id === 2)).toHaveLength(1);
      expect(t.ended).toEqual({});
    });

    it('backs off exponentially without a retry value, and fails the request after maxRetries', async () => {
      const post = controlledStream();
      const t = setup(
        (call) => {
          if (call.method === 'GET')
            return call.headers['last-event-id'] ? Promise.reject(new TypeError('fetch failed')) : status(405);
          if ((call.body as { id?: number }).id === 2) return sse(post.stream);
          return handshake(call)!;
        },
        { reconnect: { initialDelay: 100, growFactor: 2, maxDelay: 1000, maxRetries: 3 } },
      );
      t.connect();
      await initializeOver(t);
      t.transport.outbound.next(request(2));
      await settle();
      post.push(event(progress(1), 'e1'));
      post.fail(new TypeError('network lost'));
      await t.advanceTo(10_000);
      const resumes = t.fake.of('GET').filter((call) => call.headers['last-event-id']);
      expect(resumes.map((call) => call.at)).toEqual([100, 300, 700]);
      expect(t.received).toEqual([
        result(1, initResult),
        progress(1),
        failed(2, /gave up after 3 failed reconnection attempt\(s\), the last: fetch failed/),
      ]);
      expect(t.ended).toEqual({});
    });

    it('fails the request at once when the stream ends without an event id to resume from', async () => {
      const t = setup((call) =>
        (call.body as { id?: number })?.id === 2 ? sse(event(progress(1))) : handshake(call)!,
      );
      t.connect();
      await initializeOver(t);
      t.transport.outbound.next(request(2));
      await t.advanceTo(100_000);
      expect(t.fake.of('GET')).toHaveLength(1); // only the standalone stream
      expect(t.received.slice(1)).toEqual([
        progress(1),
        failed(
          2,
          /^The SSE stream of request 2 \(POST http:\/\/mcp.test\/mcp\) was lost: it ended before the response, without an event id/,
        ),
      ]);
    });
  });

  it('re-initializes transparently after a 404 for a lost session, then resends', async () => {
    let sessions = 0;
    const t = setup((call) => {
      const body = call.body as JSONRPCMessage;
      if (call.method === 'POST' && 'method' in body && body.method === 'initialize') {
        sessions++;
        return json(result((body as { id: string }).id, initResult), {
          headers: { 'mcp-session-id': `session-${sessions}` },
        });
      }
      if (call.method === 'POST' && call.headers['mcp-session-id'] === 'session-1' && 'id' in body && body.id === 2) {
        return json(
          { jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } },
          { status: 404 },
        );
      }
      return handshake(call) ?? json(result((body as { id: number }).id, { tools: [] }));
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await t.advanceTo(100_000);
    const posts = t.fake
      .of('POST')
      .map((call) => [
        (call.body as { method?: string; id?: unknown }).method ?? call.body,
        call.headers['mcp-session-id'],
      ]);
    expect(posts).toEqual([
      ['initialize', undefined],
      ['notifications/initialized', 'session-1'],
      ['tools/list', 'session-1'],
      ['initialize', undefined],
      ['notifications/initialized', 'session-2'],
      ['tools/list', 'session-2'],
    ]);
    const replay = t.fake.of('POST')[3]!;
    expect((replay.body as { params: unknown }).params).toEqual(initParams);
    expect((replay.body as { id: unknown }).id).not.toBe(1);
    expect(replay.headers['mcp-protocol-version']).toBeUndefined();
    expect(t.received).toEqual([result(1, initResult), result(2, { tools: [] })]);
    expect(t.transport.info.sessionId).toBe('session-2');
    expect(t.fake.of('GET').map((call) => call.headers['mcp-session-id'])).toEqual(['session-1', 'session-2']);
    // The resent request waits for the new session's standalone stream, as after the first handshake.
    expect(t.fake.calls.slice(-2).map((call) => call.method)).toEqual(['GET', 'POST']);
  });

  it('re-initializes once for concurrent 404s and resends each request', async () => {
    let sessions = 0;
    const t = setup((call) => {
      const body = call.body as JSONRPCMessage;
      if (call.method === 'POST' && 'method' in body && body.method === 'initialize') {
        sessions++;
        return json(result((body as { id: string }).id, initResult), {
          headers: { 'mcp-session-id': `session-${sessions}` },
        });
      }
      if (call.method === 'POST' && call.headers['mcp-session-id'] === 'session-1' && 'id' in body) return status(404);
      return handshake(call) ?? json(result((body as { id: number }).id));
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    t.transport.outbound.next(request(3));
    await t.advanceTo(100_000);
    const initializes = t.fake.of('POST').filter((call) => (call.body as { method?: string }).method === 'initialize');
    expect(initializes).toHaveLength(2);
    expect(t.received.slice(1)).toEqual(expect.arrayContaining([result(2), result(3)]));
    expect(t.received).toHaveLength(3);
  });

  it('errors inbound$ with kind transport when re-initialization fails', async () => {
    let initializes = 0;
    const t = setup((call) => {
      const body = call.body as JSONRPCMessage;
      if (call.method === 'POST' && 'method' in body && body.method === 'initialize' && ++initializes > 1)
        return status(503);
      if (call.method === 'POST' && 'id' in body && body.id === 2) return status(404);
      return handshake(call)!;
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    expect(t.ended.error).toEqual(expect.objectContaining({ kind: 'transport' }));
    expect((t.ended.error as Error).message).toMatch(/Re-initialization failed: HTTP 503/);
  });

  it('with reinitialize: false, a 404 fails just the request', async () => {
    const t = setup((call) => ((call.body as { id?: number })?.id === 2 ? status(404, 'gone') : handshake(call)!), {
      reinitialize: false,
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    expect(t.fake.of('POST').filter((call) => (call.body as { method?: string }).method === 'initialize')).toHaveLength(
      1,
    );
    expect(t.received.at(-1)).toEqual(failed(2, /^POST http:\/\/mcp.test\/mcp answered HTTP 404: nothing here/));
  });

  it('reports a standalone GET answered with an unexpected status, without ending', async () => {
    const t = setup((call) => (call.method === 'GET' ? status(500) : handshake(call)!));
    t.connect();
    await initializeOver(t);
    await t.advanceTo(100_000);
    expect(t.fake.of('GET')).toHaveLength(1);
    expect(t.errors).toEqual([expect.objectContaining({ kind: 'transport' })]);
    expect(t.ended).toEqual({});
  });

  it('never reconnects with maxRetries: 0', async () => {
    const post = controlledStream();
    const t = setup((call) => ((call.body as { id?: number })?.id === 2 ? sse(post.stream) : handshake(call)!), {
      reconnect: { maxRetries: 0 },
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    post.push(event(progress(1), 'e1'));
    post.close();
    await t.advanceTo(100_000);
    expect(t.fake.of('GET')).toHaveLength(1);
    expect(t.received.at(-1)).toEqual(failed(2, /gave up after 0 failed reconnection attempt/));
  });

  it('does not resume a stream whose response came on another stream', async () => {
    const post = controlledStream();
    const get = controlledStream();
    const t = setup((call) => {
      if (call.method === 'GET') return sse(get.stream);
      return (call.body as { id?: number })?.id === 2 ? sse(post.stream) : handshake(call)!;
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    post.push('id: e1\ndata: \n\n');
    get.push(event(result(2), 'g1'));
    await settle();
    post.close();
    await t.advanceTo(100_000);
    expect(t.fake.of('GET')).toHaveLength(1);
    expect(t.received).toEqual([result(1, initResult), result(2)]);
  });

  it('aborts the POST of a request when the session cancels it, and still POSTs the cancellation', async () => {
    const pending = controlledStream();
    const t = setup((call) =>
      (call.body as { id?: number })?.id === 2 ? sse(pending.stream) : (handshake(call) ?? status(202)),
    );
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2, 'tools/call'));
    await settle();
    const [post] = t.fake.of('POST').filter((call) => (call.body as { id?: number }).id === 2);
    expect(post!.signal.aborted).toBe(false);
    t.transport.outbound.next({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 2, reason: 'x' },
    });
    await settle();
    expect(post!.signal.aborted).toBe(true);
    expect(pending.cancelled).toBe(true);
    expect(t.fake.of('POST').at(-1)!.body).toEqual(expect.objectContaining({ method: 'notifications/cancelled' }));
    await t.advanceTo(100_000);
    expect(t.fake.of('GET')).toHaveLength(1);
  });

  it('fails just the request an HTTP error answers: kind transport, or the JSON-RPC error of the body', async () => {
    const t = setup((call) => {
      const id = (call.body as { id?: number }).id;
      if (id === 2) return status(500, 'boom');
      if (id === 3)
        return json(
          { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Bad Request: nope' } },
          { status: 400 },
        );
      return handshake(call) ?? json(result(id!));
    });
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    t.transport.outbound.next(request(3));
    t.transport.outbound.next(request(4));
    await settle();
    expect(t.received.slice(1)).toEqual(
      expect.arrayContaining([
        {
          kind: 'request-failed',
          id: 2,
          error: expect.objectContaining({
            kind: 'transport',
            data: { status: 500, url: URL_, body: 'boom' },
            message: expect.stringContaining('HTTP 500'),
          }),
        },
        { jsonrpc: '2.0', id: 3, error: { code: -32600, message: 'Bad Request: nope', data: { status: 400 } } },
        result(4),
      ]),
    );
    expect(t.ended).toEqual({});
  });

  it('fails a request whose JSON answer does not parse or does not answer it', async () => {
    const t = setup((call) =>
      (call.body as { id?: number }).id === 2
        ? new Response('{oops', { headers: { 'content-type': 'application/json' } })
        : json(progress(1)),
    );
    t.connect();
    t.transport.outbound.next(request(2));
    t.transport.outbound.next(request(3));
    await settle();
    expect(t.received).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 2, error: expect.objectContaining({ code: -32603 }) }),
        progress(1),
        expect.objectContaining({ id: 3, error: expect.objectContaining({ code: -32603 }) }),
      ]),
    );
  });

  it('reports a failed POST of a notification on errors$ without ending', async () => {
    const t = setup(() => status(500));
    t.connect();
    t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
    await settle();
    expect(t.errors).toEqual([expect.objectContaining({ kind: 'transport' })]);
    expect(t.ended).toEqual({});
  });

  it('passes an SSE event that is not JSON-RPC on as an InvalidFrame', async () => {
    const t = setup(() => sse(`data: {oops\n\n${event(result(1))}`));
    t.connect();
    t.transport.outbound.next(request(1));
    await settle();
    expect(t.received).toEqual([expect.objectContaining({ kind: 'invalid-frame', reason: 'parse' }), result(1)]);
  });

  describe('a dead server (the standalone stream lost)', () => {
    const refused = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3999'), { code: 'ECONNREFUSED' }),
        }),
      );
    const dropped = () =>
      new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });

    /** A server whose standalone GET streams are `streams[n]` (the n-th GET), then refused. */
    function server(
      streams: (() => Response | Promise<Response>)[],
      options: Omit<StreamableHttpClientTransportOptions, 'fetch' | 'scheduler'> = {},
    ) {
      let gets = 0;
      const t = setup((call) => (call.method === 'GET' ? (streams[gets++] ?? refused)() : handshake(call)!), {
        reconnect: { initialDelay: 100, growFactor: 2, maxDelay: 1000, maxRetries: 2 },
        ...options,
      });
      const health: { at: number; status: string; attempt?: number; message?: string }[] = [];
      t.transport.health$.subscribe((h) =>
        health.push(
          h.status === 'connected'
            ? { at: t.scheduler.now(), status: h.status }
            : { at: t.scheduler.now(), status: h.status, attempt: h.attempt, message: h.error.message },
        ),
      );
      return { ...t, health };
    }

    it('reports reconnecting when the stream drops, retries with backoff, then errors inbound$ with the cause', async () => {
      const first = controlledStream();
      const t = server([() => sse(first.stream)]);
      t.connect();
      await initializeOver(t);
      first.fail(dropped());
      await t.advanceTo(10_000);
      expect(t.fake.of('GET').map((call) => call.at)).toEqual([0, 100, 300]);
      expect(t.health).toEqual([
        {
          at: 0,
          status: 'reconnecting',
          attempt: 0,
          message: 'GET http://mcp.test/mcp failed: other side closed (UND_ERR_SOCKET)',
        },
        {
          at: 100,
          status: 'reconnecting',
          attempt: 1,
          message: 'GET http://mcp.test/mcp failed: connect ECONNREFUSED 127.0.0.1:3999',
        },
      ]);
      expect(t.ended.error).toEqual(
        expect.objectContaining({
          kind: 'transport',
          message:
            'Lost the standalone SSE stream of http://mcp.test/mcp (gave up after 2 reconnection attempt(s)): GET http://mcp.test/mcp failed: connect ECONNREFUSED 127.0.0.1:3999',
        }),
      );
    });

    it('is connected again when a re-opened stream is answered, and resumes it with Last-Event-ID', async () => {
      const first = controlledStream();
      const third = controlledStream();
      const t = server([() => sse(first.stream), refused, () => sse(third.stream)]);
      t.connect();
      await initializeOver(t);
      first.push(event({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }, 'g1'));
      await settle();
      first.fail(dropped());
      await t.advanceTo(10_000);
      expect(t.fake.of('GET').map((call) => [call.at, call.headers['last-event-id']])).toEqual([
        [0, undefined],
        [100, 'g1'],
        [300, 'g1'],
      ]);
      expect(t.health.map(({ at, status }) => [at, status])).toEqual([
        [0, 'reconnecting'],
        [100, 'reconnecting'],
        [300, 'connected'],
      ]);
      third.push(event({ jsonrpc: '2.0', method: 'ping', id: 's1' }, 'g2'));
      await settle();
      expect(t.received.at(-1)).toEqual({ jsonrpc: '2.0', method: 'ping', id: 's1' });
      expect(t.ended).toEqual({});
    });

    it("waits the server's retry value, and re-opens a stream the server ended cleanly without reporting anything", async () => {
      const t = server([
        () => sse(`retry: 40\n${event({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }, 'g1')}`),
        refused,
        refused,
      ]);
      t.connect();
      await initializeOver(t);
      await t.advanceTo(10_000);
      // Ended cleanly at 0: re-opened quietly at 40; refused at 40 and 80: given up.
      expect(t.fake.of('GET').map((call) => call.at)).toEqual([0, 40, 80]);
      expect(t.health.map(({ at, status, attempt }) => [at, status, attempt])).toEqual([[40, 'reconnecting', 1]]);
      expect(t.ended.error).toEqual(
        expect.objectContaining({
          kind: 'transport',
          message: expect.stringContaining('gave up after 2 reconnection attempt(s)'),
        }),
      );
    });

    it('re-initializes the session when a re-opened stream gets 404', async () => {
      const first = controlledStream();
      let initializes = 0;
      let gets = 0;
      const t = setup((call) => {
        const body = call.body as { method?: string } | undefined;
        if (body?.method === 'initialize') initializes++;
        // The first GET opens, the second (the server restarted: session-1 is unknown) gets 404.
        if (call.method === 'GET')
          return ++gets === 1 ? sse(first.stream) : gets === 2 ? status(404) : sse(controlledStream().stream);
        return handshake(call, initializes === 1 ? 'session-1' : 'session-2')!;
      });
      t.connect();
      await initializeOver(t);
      first.push('id: g1\ndata: \n\n');
      await settle();
      first.fail(dropped());
      await t.advanceTo(10_000);
      expect(initializes).toBe(2);
      expect(t.transport.info.sessionId).toBe('session-2');
      expect(t.fake.of('GET').map((call) => call.headers['mcp-session-id'])).toEqual([
        'session-1',
        'session-1',
        'session-2',
      ]);
      expect(t.ended).toEqual({});
    });

    it('leaves a server without a standalone stream (405) alone', async () => {
      const t = server([() => status(405)]);
      t.connect();
      await initializeOver(t);
      await t.advanceTo(100_000);
      expect(t.fake.of('GET')).toHaveLength(1);
      expect(t.health).toEqual([]);
      expect(t.ended).toEqual({});
    });
  });

  describe('a POST whose connection fails', () => {
    /** What Node's `fetch` rejects with when nothing listens on the port. */
    const refused = () =>
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3999'), { code: 'ECONNREFUSED' }),
      });

    it('fails that request alone, with the root cause, and reports a notification; the others carry on', async () => {
      const pending = controlledStream();
      const t = setup((call) => {
        const body = call.body as { id?: number; method?: string };
        if (body?.id === 2) return sse(pending.stream);
        if (body?.id === 3 || body?.method === 'notifications/roots/list_changed') return Promise.reject(refused());
        return handshake(call)!;
      });
      t.connect();
      await initializeOver(t);
      t.transport.outbound.next(request(2));
      t.transport.outbound.next(request(3));
      t.transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/roots/list_changed' });
      await settle();
      pending.push(event(result(2), 'e1'));
      await settle();
      expect(t.received.slice(1)).toEqual([
        failed(3, 'POST http://mcp.test/mcp failed: connect ECONNREFUSED 127.0.0.1:3999'),
        result(2),
      ]);
      expect(t.errors).toEqual([
        expect.objectContaining({
          kind: 'transport',
          message: 'POST http://mcp.test/mcp failed: connect ECONNREFUSED 127.0.0.1:3999',
        }),
      ]);
      expect(t.ended).toEqual({});
      expect(pending.cancelled).toBe(false);
    });

    it('holds nothing when the POST of notifications/initialized cannot reach the server', async () => {
      const t = setup((call) =>
        (call.body as { method?: string })?.method === 'notifications/initialized'
          ? Promise.reject(refused())
          : (handshake(call) ?? json(result(2))),
      );
      t.connect();
      await initializeOver(t);
      t.transport.outbound.next(request(2));
      await settle();
      expect(t.received.at(-1)).toEqual(result(2));
      expect(t.scheduler.now()).toBe(0);
      expect(t.errors).toEqual([
        expect.objectContaining({ kind: 'transport', message: expect.stringContaining('ECONNREFUSED') }),
      ]);
    });

    it('fails an initialize that cannot reach the server the same way', async () => {
      const t = setup(() => Promise.reject(refused()));
      t.connect();
      t.transport.outbound.next(initialize);
      await settle();
      expect(t.received).toEqual([failed(1, /ECONNREFUSED 127\.0\.0\.1:3999$/)]);
      expect(t.ended).toEqual({});
    });

    it('fails just the request whose JSON body is cut off after the headers', async () => {
      const cut = controlledStream();
      const t = setup((call) =>
        (call.body as { id?: number })?.id === 2
          ? json.stream(cut.stream)
          : (handshake(call) ?? json(result((call.body as { id: number }).id))),
      );
      t.connect();
      await initializeOver(t);
      t.transport.outbound.next(request(2));
      t.transport.outbound.next(request(3));
      await settle();
      cut.push('{"jsonrpc":"2.0",');
      cut.fail(
        new TypeError('terminated', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        }),
      );
      await settle();
      expect(t.received.slice(1)).toEqual(
        expect.arrayContaining([
          result(3),
          failed(2, 'POST http://mcp.test/mcp failed: other side closed (UND_ERR_SOCKET)'),
        ]),
      );
      expect(t.received).toHaveLength(3);
      expect(t.ended).toEqual({});
    });
  });

  it('names its endpoint in info.serverEndpoint (the server of a shared result cache)', () => {
    expect(createStreamableHttpClientTransport(new URL('https://mcp.test/a/mcp?x=1')).info.serverEndpoint).toBe(
      'https://mcp.test/a/mcp?x=1',
    );
  });

  it('refuses a URL that is not http: or https: at once', () => {
    expect(() => createStreamableHttpClientTransport('ws://mcp.test/mcp')).toThrow(
      expect.objectContaining({
        kind: 'transport',
        message: expect.stringContaining('needs an http: or https: URL, not ws:'),
      }),
    );
  });

  it('on close aborts everything in flight, sends DELETE with the session id and completes', async () => {
    const pending = controlledStream();
    const t = setup((call) => ((call.body as { id?: number })?.id === 2 ? sse(pending.stream) : handshake(call)!));
    t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    const post = t.fake.of('POST').at(-1)!;
    t.transport.outbound.complete();
    await settle();
    expect(post.signal.aborted).toBe(true);
    const deletes = t.fake.of('DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.headers['mcp-session-id']).toBe('session-1');
    expect(deletes[0]!.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(t.ended).toEqual({ complete: true });
    t.transport.outbound.next(request(3));
    await settle();
    expect(t.fake.of('POST').at(-1)).toBe(post);
  });

  it('unsubscribing inbound$ closes the same way (DELETE ignored even when 405)', async () => {
    const pending = controlledStream();
    const t = setup((call) => {
      if (call.method === 'DELETE') return status(405);
      return (call.body as { id?: number })?.id === 2 ? sse(pending.stream) : handshake(call)!;
    });
    const subscription = t.connect();
    await initializeOver(t);
    t.transport.outbound.next(request(2));
    await settle();
    subscription.unsubscribe();
    await settle();
    expect(t.fake.of('POST').at(-1)!.signal.aborted).toBe(true);
    expect(t.fake.of('DELETE')).toHaveLength(1);
    expect(t.errors).toEqual([]);
  });

  it('sends no DELETE when the server assigned no session', async () => {
    const t = setup(() => json(result(1, initResult)));
    t.connect();
    t.transport.outbound.next(initialize);
    await settle();
    t.transport.outbound.complete();
    await settle();
    expect(t.fake.of('DELETE')).toHaveLength(0);
  });
});

describe('Streamable HTTP client transport, 2026-07-28 requests', () => {
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  const call = (id: number, args: Record<string, unknown>): JSONRPCMessage => ({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'sql', arguments: args, _meta: envelope },
  });

  it('mirrors the method, name, envelope version and x-mcp-header arguments into headers', async () => {
    const t = setup(() => json(result(1, { resultType: 'complete', content: [] })));
    t.transport.info.setHeaderParams?.((tool) =>
      tool === 'sql' ? [{ header: 'Region', path: ['region'] }] : undefined,
    );
    t.connect();
    t.transport.outbound.next(call(1, { region: ' eu ', query: 'x' }));
    await settle();
    const [post] = t.fake.of('POST');
    expect(post!.headers).toMatchObject({
      'mcp-method': 'tools/call',
      'mcp-name': 'sql',
      'mcp-protocol-version': '2026-07-28',
      'mcp-param-region': '=?base64?IGV1IA==?=',
    });
    expect(post!.headers).not.toHaveProperty('mcp-param-query');
    expect(t.received).toEqual([result(1, { resultType: 'complete', content: [] })]);
  });

  it('cancels a modern request by closing its stream, with no notifications/cancelled POST', async () => {
    const pending = controlledStream();
    const t = setup(() => sse(pending.stream));
    t.connect();
    t.transport.outbound.next(call(2, {}));
    await settle();
    const [post] = t.fake.of('POST');
    t.transport.outbound.next({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: 2, reason: 'x' },
    });
    await settle();
    expect(post!.signal.aborted).toBe(true);
    expect(pending.cancelled).toBe(true);
    expect(t.fake.of('POST')).toHaveLength(1);
  });
});
