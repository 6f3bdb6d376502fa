/**
 * The Streamable HTTP client transport against the official SDK server over real sockets.
 */
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { createClientSession, type ClientSession } from '../../../lib/session/index.js';
import type { RequestEvent } from '../../../lib/session/index.js';
import {
  createStreamableHttpClientTransport,
  type StreamableHttpClientTransport,
} from '../../../lib/transport/http/index.js';
import { type RunningServer, startStreamableHttpServer } from './sdk-servers.js';
import { until } from '../../support/until.js';

type ToolResult = { content: { type: string; text: string }[] };

describe('Streamable HTTP client transport ⇄ official SDK server', () => {
  let server: RunningServer;
  let transport: StreamableHttpClientTransport;
  let session: ClientSession;
  let connection: { unsubscribe(): void } | undefined;

  const posts: { body: string; signal: AbortSignal }[] = [];

  beforeEach(async () => {
    server = await startStreamableHttpServer({ retryInterval: 20 });
    posts.length = 0;
    transport = createStreamableHttpClientTransport(server.url, {
      fetch: (input, init) => {
        if (init?.method === 'POST') posts.push({ body: String(init.body), signal: init.signal! });
        return fetch(input, init);
      },
    });
    session = createClientSession(transport, {
      clientInfo: { name: 'rxmcp-it', version: '1.0.0' },
      capabilities: { elicitation: {} },
      timeout: 5000,
    });
    session.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Ada' } }));
    connection = session.connect();
  });

  afterEach(async () => {
    connection?.unsubscribe();
    await server.close();
  });

  it('initializes, lists and calls tools (with progress), answers an elicitation, and closes with DELETE', async () => {
    const init = await firstValueFrom(session.initialize());
    expect(init.serverInfo.name).toBe('sdk-server');
    expect(transport.info.sessionId).toMatch(/[0-9a-f-]{36}/);
    expect(transport.info.protocolVersion).toBe('2025-11-25');
    await until(() => server.log.some((entry) => entry.method === 'GET'));

    const list = await firstValueFrom(session.request<{ tools: { name: string }[] }>('tools/list'));
    expect(list.tools.map((tool) => tool.name).sort()).toEqual(['ask', 'count', 'drop-stream', 'echo']);

    const echo = await firstValueFrom(
      session.request<ToolResult>('tools/call', { name: 'echo', arguments: { text: 'hi' } }),
    );
    expect(echo.content[0]!.text).toBe('hi');

    const events = await lastValueFrom(
      session
        .request<ToolResult>('tools/call', { name: 'count', arguments: { to: 3 } }, { observe: 'events' })
        .pipe(toArray()),
    );
    expect(events).toEqual<RequestEvent<ToolResult>[]>([
      { type: 'progress', progress: 1, total: 3 },
      { type: 'progress', progress: 2, total: 3 },
      { type: 'progress', progress: 3, total: 3 },
      { type: 'result', result: expect.objectContaining({ content: [{ type: 'text', text: 'counted to 3' }] }) },
    ]);

    const asked = await firstValueFrom(session.request<ToolResult>('tools/call', { name: 'ask', arguments: {} }));
    expect(asked.content[0]!.text).toBe('accept:Ada');

    const sessionId = transport.info.sessionId!;
    expect(server.sessions.has(sessionId)).toBe(true);
    connection!.unsubscribe();
    connection = undefined;
    await until(() => !server.sessions.has(sessionId));
    expect(server.log.filter((entry) => entry.method === 'DELETE')).toEqual([
      expect.objectContaining({ session: sessionId }),
    ]);
  });

  it('loses no elicitation sent on the standalone stream by a tool called right after the handshake', async () => {
    // The SDK server sends elicitInput() without a related request id: on the standalone GET
    // stream, or nowhere when that stream is not open yet. The transport holds the call until it is.
    await firstValueFrom(session.initialize());
    const asked = await firstValueFrom(session.request<ToolResult>('tools/call', { name: 'ask', arguments: {} }));
    expect(asked.content[0]!.text).toBe('accept:Ada');
    const order = server.log.filter((entry) => entry.session !== undefined).map((entry) => entry.method);
    expect(order.slice(0, 3)).toEqual(['POST', 'GET', 'POST']);
  });

  it('resumes a stream the server closes mid-request (SEP-1699) with Last-Event-ID, losing nothing', async () => {
    await firstValueFrom(session.initialize());
    const events = await lastValueFrom(
      session
        .request<ToolResult>('tools/call', { name: 'drop-stream', arguments: {} }, { observe: 'events' })
        .pipe(toArray()),
    );
    expect(events).toEqual([
      { type: 'progress', progress: 1 },
      { type: 'progress', progress: 2 },
      { type: 'result', result: expect.objectContaining({ content: [{ type: 'text', text: 'dropped' }] }) },
    ]);
    const resumes = server.log.filter((entry) => entry.method === 'GET' && entry.lastEventId !== undefined);
    expect(resumes.length).toBeGreaterThanOrEqual(1);
  });

  it('re-initializes transparently when the server has lost the session', async () => {
    await firstValueFrom(session.initialize());
    const before = transport.info.sessionId!;
    await server.sessions.get(before)!.close();
    expect(server.sessions.has(before)).toBe(false);

    const echo = await firstValueFrom(
      session.request<ToolResult>('tools/call', { name: 'echo', arguments: { text: 'again' } }),
    );
    expect(echo.content[0]!.text).toBe('again');
    const after = transport.info.sessionId!;
    expect(after).not.toBe(before);
    expect(server.sessions.has(after)).toBe(true);
    const initializes = server.log.filter((entry) => entry.method === 'POST' && entry.session === undefined);
    expect(initializes).toHaveLength(2);
  });

  it('an unsubscribed request aborts its POST and the server hears notifications/cancelled', async () => {
    await firstValueFrom(session.initialize());
    const subscription = session.request('tools/call', { name: 'count', arguments: { to: 50 } }).subscribe();
    await until(() => server.log.filter((entry) => entry.method === 'POST').length >= 3);
    subscription.unsubscribe();
    const post = posts.find((entry) => entry.body.includes('"count"'))!;
    expect(post.signal.aborted).toBe(true);
    await until(() => server.cancelled.length === 1);
    expect(posts.some((entry) => entry.body.includes('notifications/cancelled'))).toBe(true);
    const echo = await firstValueFrom(
      session.request<ToolResult>('tools/call', { name: 'echo', arguments: { text: 'still here' } }),
    );
    expect(echo.content[0]!.text).toBe('still here');
  });
});
