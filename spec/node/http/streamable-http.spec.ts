import { SUPPORTED_PROTOCOL_VERSIONS } from '../../../lib/protocol/versions.js';
import { streamableHost } from './helpers/streamable-host.js';
import { callTool, initializeRequest, messagesOf, openSession, post, sessionHeaders } from './helpers/raw-http.js';
import { until } from '../../support/until.js';

describe('Streamable HTTP (raw HTTP)', () => {
  const host = streamableHost();
  const { start, sse, getStream } = host;
  afterEach(() => host.stop());

  describe('sessions', () => {
    beforeEach(() => start());

    it('creates a session with a random id on initialize and answers with JSON', async () => {
      const response = await post(host.url, initializeRequest());
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('mcp-session-id')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(response.json()).resolves.toMatchObject({
        jsonrpc: '2.0',
        id: 1,
        result: { protocolVersion: '2025-11-25', serverInfo: { name: 'rxmcp-test' } },
      });
      const other = await post(host.url, initializeRequest());
      expect(other.headers.get('mcp-session-id')).not.toBe(response.headers.get('mcp-session-id'));
      await other.body?.cancel();
    });

    it('answers a request whose response comes first with application/json', async () => {
      const sessionId = await openSession(host.url);
      const response = await post(host.url, callTool(2, 'echo', { text: 'hi' }), sessionHeaders(sessionId));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('mcp-session-id')).toBe(sessionId);
      await expect(response.json()).resolves.toEqual({
        jsonrpc: '2.0',
        id: 2,
        result: { content: [{ type: 'text', text: 'hi' }] },
      });
    });

    it('upgrades to text/event-stream when a related notification precedes the result', async () => {
      const sessionId = await openSession(host.url);
      const response = await post(host.url, callTool(3, 'progress', {}, 42), sessionHeaders(sessionId));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const stream = sse(response);
      const events = await stream.done;
      expect(events[0]).toMatchObject({ data: '', id: expect.any(String) });
      expect(stream.retry).toBe(1000);
      expect(events.slice(1).every((event) => event.event === 'message' && event.id)).toBe(true);
      expect(messagesOf(events)).toEqual([
        {
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: 42, progress: 1, total: 2, message: 'half' },
        },
        { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'working' } },
        { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 42, progress: 2, total: 2 } },
        { jsonrpc: '2.0', id: 3, result: { content: [{ type: 'text', text: 'done' }] } },
      ]);
    });

    it('sends no priming event to clients of revisions before 2025-11-25', async () => {
      const sessionId = await openSession(host.url, '2025-06-18');
      const response = await post(host.url, callTool(3, 'progress', {}, 1), sessionHeaders(sessionId, '2025-06-18'));
      const events = await sse(response).done;
      expect(events.every((event) => event.data !== '' && event.id === undefined)).toBe(true);
      expect(messagesOf(events)).toHaveLength(4);
    });

    it('primes by the revision negotiated in initialize, whatever a request header says', async () => {
      const sessionId = await openSession(host.url, '2025-11-25');
      const response = await post(host.url, callTool(3, 'progress', {}, 1), sessionHeaders(sessionId, '2025-03-26'));
      const events = await sse(response).done;
      expect(events[0]).toMatchObject({ data: '', id: expect.any(String) });
    });

    it('carries a server→client request on the request stream and takes its response by POST (202)', async () => {
      const sessionId = await openSession(host.url);
      const stream = sse(await post(host.url, callTool(4, 'ask'), sessionHeaders(sessionId)));
      const [request] = messagesOf(await stream.until((events) => messagesOf(events).length === 1));
      expect(request).toMatchObject({ jsonrpc: '2.0', method: 'roots/list', id: expect.anything() });
      const answer = await post(
        host.url,
        { jsonrpc: '2.0', id: request!['id'], result: { roots: [{ uri: 'file:///a' }, { uri: 'file:///b' }] } },
        sessionHeaders(sessionId),
      );
      expect(answer.status).toBe(202);
      const events = await stream.done;
      expect(messagesOf(events).at(-1)).toEqual({
        jsonrpc: '2.0',
        id: 4,
        result: { content: [{ type: 'text', text: 'file:///a,file:///b' }] },
      });
    });

    it('serves concurrent POSTs on one session', async () => {
      const sessionId = await openSession(host.url);
      const slow = post(host.url, callTool(5, 'slow', { ms: 150 }), sessionHeaders(sessionId));
      const fast = await post(host.url, callTool(6, 'echo', { text: 'fast' }), sessionHeaders(sessionId));
      await expect(fast.json()).resolves.toMatchObject({ id: 6 });
      await expect((await slow).json()).resolves.toMatchObject({ id: 5, result: { content: [{ text: 'slow done' }] } });
    });

    it('answers 400 without a session id and 404 for an unknown one', async () => {
      await openSession(host.url);
      const missing = await post(host.url, callTool(2, 'echo'));
      expect(missing.status).toBe(400);
      await expect(missing.json()).resolves.toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
      const unknown = await post(host.url, callTool(2, 'echo'), sessionHeaders('no-such-session'));
      expect(unknown.status).toBe(404);
      await expect(unknown.json()).resolves.toMatchObject({ error: { message: 'Session not found' } });
    });

    it('ends a session on DELETE: its id answers 404 afterwards and its server session closes', async () => {
      const sessionId = await openSession(host.url);
      const stream = sse(await getStream(sessionId));
      await stream.until((events) => events.length === 1);
      expect(host.server.sessions).toHaveLength(1);
      const deleted = await fetch(host.url, { method: 'DELETE', headers: sessionHeaders(sessionId) });
      expect(deleted.status).toBe(200);
      await stream.done;
      expect(host.server.sessions).toHaveLength(0);
      const attempts: { method: string; body?: string; headers?: Record<string, string> }[] = [
        {
          method: 'POST',
          body: JSON.stringify(callTool(2, 'echo')),
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        },
        { method: 'GET', headers: { accept: 'text/event-stream' } },
        { method: 'DELETE' },
      ];
      for (const init of attempts) {
        const response = await fetch(host.url, { ...init, headers: { ...init.headers, ...sessionHeaders(sessionId) } });
        expect(response.status).toBe(404);
        await response.body?.cancel();
      }
    });

    it('ends the HTTP session when the server ends its session', async () => {
      const sessionId = await openSession(host.url);
      const stream = sse(await getStream(sessionId));
      await stream.until((events) => events.length === 1);
      host.server.disconnectFirst();
      await stream.done;
      const response = await post(host.url, callTool(2, 'echo'), sessionHeaders(sessionId));
      expect(response.status).toBe(404);
      await response.body?.cancel();
    });

    it('answers 409 to a request whose id is already in flight on the session', async () => {
      const sessionId = await openSession(host.url);
      const slow = post(host.url, callTool(5, 'slow', { ms: 1000 }), sessionHeaders(sessionId));
      await until(() => host.server.called.includes('slow'), 'the slow call to begin');
      const duplicate = await post(host.url, callTool(5, 'echo'), sessionHeaders(sessionId));
      expect(duplicate.status).toBe(409);
      await expect(duplicate.json()).resolves.toMatchObject({ id: 5, error: { code: -32600 } });
      await expect((await slow).json()).resolves.toMatchObject({ id: 5, result: { content: [{ text: 'slow done' }] } });
    });

    it('refuses a second initialize on an existing session', async () => {
      const sessionId = await openSession(host.url);
      const response = await post(host.url, initializeRequest(9), sessionHeaders(sessionId));
      expect(response.status).toBe(400);
      await expect(response.json()).resolves.toMatchObject({ error: { code: -32600 } });
    });
  });

  describe('validation', () => {
    beforeEach(() => start({ maxBodyBytes: 1024 }));

    it('accepts every supported MCP-Protocol-Version and assumes 2025-03-26 without one', async () => {
      const sessionId = await openSession(host.url);
      for (const version of SUPPORTED_PROTOCOL_VERSIONS) {
        const response = await post(
          host.url,
          callTool(7, 'echo', { text: version }),
          sessionHeaders(sessionId, version),
        );
        expect(response.status).toBe(200);
        await expect(response.json()).resolves.toMatchObject({ result: { content: [{ text: version }] } });
      }
      const none = await post(host.url, callTool(8, 'echo'), { 'mcp-session-id': sessionId });
      expect(none.status).toBe(200);
      await none.body?.cancel();
    });

    it('answers 400 with a JSON-RPC error for an unsupported MCP-Protocol-Version', async () => {
      const sessionId = await openSession(host.url);
      const response = await post(host.url, callTool(7, 'echo'), sessionHeaders(sessionId, '1999-01-01'));
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
      expect(body.error.message).toContain('1999-01-01');
    });

    it('answers 413 for a body over maxBodyBytes, declared or chunked', async () => {
      const sessionId = await openSession(host.url);
      const big = callTool(9, 'echo', { text: 'x'.repeat(2000) });
      const declared = await post(host.url, big, sessionHeaders(sessionId));
      expect(declared.status).toBe(413);
      await expect(declared.json()).resolves.toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
      const encoder = new TextEncoder();
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(JSON.stringify(big)));
          controller.close();
        },
      });
      const streamed = await fetch(host.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...sessionHeaders(sessionId),
        },
        body: chunked,
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      await streamed.body?.cancel();
      expect(host.server.sessions).toHaveLength(1);
    });

    it('answers 400 -32700 with id null for invalid JSON', async () => {
      const sessionId = await openSession(host.url);
      const response = await post(host.url, '{"jsonrpc":"2.0","id":1,', sessionHeaders(sessionId));
      expect(response.status).toBe(400);
      await expect(response.json()).resolves.toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    });

    it('answers 400 -32600 for batches and for values that are not JSON-RPC messages', async () => {
      const sessionId = await openSession(host.url);
      const batch = await post(host.url, [callTool(1, 'echo'), callTool(2, 'echo')], sessionHeaders(sessionId));
      expect(batch.status).toBe(400);
      await expect(batch.json()).resolves.toMatchObject({ error: { code: -32600 } });
      const junk = await post(host.url, { jsonrpc: '1.0', id: 3, method: 'x' }, sessionHeaders(sessionId));
      expect(junk.status).toBe(400);
      await expect(junk.json()).resolves.toMatchObject({ id: 3, error: { code: -32600 } });
    });

    it('answers 406 unless POST accepts JSON and SSE, and GET accepts SSE; 415 for a non-JSON body', async () => {
      const sessionId = await openSession(host.url);
      const onlyJson = await post(host.url, callTool(1, 'echo'), {
        ...sessionHeaders(sessionId),
        accept: 'application/json',
      });
      expect(onlyJson.status).toBe(406);
      await onlyJson.body?.cancel();
      const wildcard = await post(host.url, callTool(1, 'echo'), { ...sessionHeaders(sessionId), accept: '*/*' });
      expect(wildcard.status).toBe(200);
      await wildcard.body?.cancel();
      const get = await fetch(host.url, { headers: { accept: 'application/json', ...sessionHeaders(sessionId) } });
      expect(get.status).toBe(406);
      await get.body?.cancel();
      const text = await post(host.url, 'hello', { ...sessionHeaders(sessionId), 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      await text.body?.cancel();
    });

    it('answers 202 to POSTed notifications and responses', async () => {
      const sessionId = await openSession(host.url);
      const notification = await post(
        host.url,
        { jsonrpc: '2.0', method: 'notifications/roots/list_changed' },
        sessionHeaders(sessionId),
      );
      expect(notification.status).toBe(202);
      const response = await post(host.url, { jsonrpc: '2.0', id: 99, result: {} }, sessionHeaders(sessionId));
      expect(response.status).toBe(202);
    });

    it('answers 405 with Allow for other methods', async () => {
      const response = await fetch(host.url, { method: 'PUT' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST, DELETE');
      await response.body?.cancel();
    });
  });

  describe('the standalone GET stream', () => {
    beforeEach(() => start({ keepAliveInterval: 50 }));

    it('carries messages unrelated to any request, primed, with keep-alive comments', async () => {
      const sessionId = await openSession(host.url);
      const response = await getStream(sessionId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('mcp-session-id')).toBe(sessionId);
      const stream = sse(response);
      await stream.until((events) => events.length === 1);
      expect(stream.events[0]).toMatchObject({ data: '', id: expect.any(String) });
      host.server.sessions[0]!.notify('notifications/tools/list_changed');
      await stream.until((events) => messagesOf(events).length === 1);
      expect(messagesOf(stream.events)).toEqual([{ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }]);
      await stream.until(() => stream.comments.length >= 2);
      expect(stream.comments[0]).toBe('keep-alive');
    });

    it('allows one GET stream per session (409 for a second)', async () => {
      const sessionId = await openSession(host.url);
      const first = sse(await getStream(sessionId));
      await first.until((events) => events.length === 1);
      const second = await getStream(sessionId);
      expect(second.status).toBe(409);
      await second.body?.cancel();
    });
  });

  it('answers 405 to GET when GET streams are disabled', async () => {
    await start({ enableGetStream: false });
    const sessionId = await openSession(host.url);
    const response = await getStream(sessionId);
    expect(response.status).toBe(405);
    await response.body?.cancel();
  });

  it('evicts idle sessions like DELETE', async () => {
    await start({ sessionIdleTimeout: 100 });
    const sessionId = await openSession(host.url);
    const alive = await post(host.url, callTool(2, 'echo'), sessionHeaders(sessionId));
    expect(alive.status).toBe(200);
    await alive.body?.cancel();
    await until(() => host.server.sessions.length === 0, 'the idle session to be evicted');
    const gone = await post(host.url, callTool(3, 'echo'), sessionHeaders(sessionId));
    expect(gone.status).toBe(404);
    await gone.body?.cancel();
  });

  it('closes every session and stream on close()', async () => {
    await start();
    const sessionId = await openSession(host.url);
    const stream = sse(await getStream(sessionId));
    await stream.until((events) => events.length === 1);
    await host.running!.close();
    host.running = undefined;
    await stream.done;
    expect(host.server.sessions).toHaveLength(0);
  });

  describe("responseMode: 'sse'", () => {
    beforeEach(() => start({ responseMode: 'sse' }));

    it('answers initialize and every request with a primed text/event-stream that ends with the response', async () => {
      const init = await post(host.url, initializeRequest());
      expect(init.status).toBe(200);
      expect(init.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const sessionId = init.headers.get('mcp-session-id')!;
      expect(sessionId).toBeTruthy();
      expect(messagesOf(await sse(init).done)).toEqual([
        expect.objectContaining({ id: 1, result: expect.objectContaining({ protocolVersion: '2025-11-25' }) }),
      ]);
      expect(
        (await post(host.url, { jsonrpc: '2.0', method: 'notifications/initialized' }, sessionHeaders(sessionId)))
          .status,
      ).toBe(202);

      const response = await post(host.url, callTool(2, 'echo', { text: 'hi' }), sessionHeaders(sessionId));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('mcp-session-id')).toBe(sessionId);
      const events = await sse(response).done;
      expect(events[0]).toMatchObject({ data: '', id: expect.any(String) });
      expect(events.slice(1)).toEqual([expect.objectContaining({ event: 'message', id: expect.any(String) })]);
      expect(messagesOf(events)).toEqual([
        { jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: 'hi' }] } },
      ]);
    });

    it('still carries related messages before the response on the same stream', async () => {
      const init = await post(host.url, initializeRequest());
      const sessionId = init.headers.get('mcp-session-id')!;
      await sse(init).done;
      const events = await sse(await post(host.url, callTool(3, 'progress', {}, 7), sessionHeaders(sessionId))).done;
      expect(messagesOf(events).map((message) => message['method'] ?? 'response')).toEqual([
        'notifications/progress',
        'notifications/message',
        'notifications/progress',
        'response',
      ]);
    });

    it('ends the session when initialize fails', async () => {
      const init = await post(host.url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
      const sessionId = init.headers.get('mcp-session-id')!;
      expect(messagesOf(await sse(init).done)).toEqual([
        expect.objectContaining({ id: 1, error: expect.objectContaining({ code: -32602 }) }),
      ]);
      const after = await post(host.url, callTool(2, 'echo'), sessionHeaders(sessionId));
      expect(after.status).toBe(404);
      await after.body?.cancel();
    });
  });

  describe('stateless mode', () => {
    beforeEach(() => start({ stateful: false }));

    it('serves each POST with a fresh session, without initialize, closed after the response', async () => {
      const first = await post(host.url, callTool(1, 'echo', { text: 'a' }));
      expect(first.status).toBe(200);
      expect(first.headers.get('mcp-session-id')).toBeNull();
      await expect(first.json()).resolves.toMatchObject({ id: 1, result: { content: [{ text: 'a' }] } });
      const second = sse(await post(host.url, callTool(2, 'progress', {}, 5)));
      expect(messagesOf(await second.done).map((message) => message['method'] ?? 'result')).toEqual([
        'notifications/progress',
        'notifications/message',
        'notifications/progress',
        'result',
      ]);
      expect(second.events.every((event) => event.id === undefined)).toBe(true);
      expect(host.server.connections).toBe(2);
      await until(() => host.server.sessions.length === 0, 'the stateless sessions to end');
    });

    it('answers initialize without a session id, and 405 to GET and DELETE', async () => {
      const init = await post(host.url, initializeRequest());
      expect(init.status).toBe(200);
      expect(init.headers.get('mcp-session-id')).toBeNull();
      await init.body?.cancel();
      for (const method of ['GET', 'DELETE']) {
        const response = await fetch(host.url, { method, headers: { accept: 'text/event-stream' } });
        expect(response.status).toBe(405);
        await response.body?.cancel();
      }
    });

    it('still validates MCP-Protocol-Version', async () => {
      const response = await post(host.url, callTool(1, 'echo'), { 'mcp-protocol-version': '2000-01-01' });
      expect(response.status).toBe(400);
      await response.body?.cancel();
    });
  });
});
