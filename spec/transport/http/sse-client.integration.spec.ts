/**
 * The legacy HTTP+SSE client transport against the official SDK's SSEServerTransport.
 */
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { createClientSession, type ClientSession } from '../../../lib/session/index.js';
import { createSseClientTransport, type SseClientTransport } from '../../../lib/transport/http/index.js';
import { startSseServer } from './sdk-servers.js';
import { until } from '../../support/until.js';

type ToolResult = { content: { type: string; text: string }[] };

describe('legacy SSE client transport ⇄ official SDK SSEServerTransport', () => {
  let server: Awaited<ReturnType<typeof startSseServer>>;
  let transport: SseClientTransport;
  let session: ClientSession;

  beforeEach(async () => {
    server = await startSseServer();
    transport = createSseClientTransport(server.url);
    session = createClientSession(transport, {
      clientInfo: { name: 'rxmcp-it', version: '1.0.0' },
      capabilities: { elicitation: {} },
      protocolVersions: ['2024-11-05'],
      timeout: 5000,
    });
    session.setRequestHandler('elicitation/create', () => ({ action: 'accept', content: { name: 'Grace' } }));
  });

  afterEach(async () => {
    await server.close();
  });

  it('initializes, calls tools with progress, answers an elicitation, and closes the stream', async () => {
    const connection = session.connect();
    const init = await firstValueFrom(session.initialize());
    expect(init.protocolVersion).toBe('2024-11-05');
    expect(transport.info.sessionId).toBe([...server.transports.keys()][0]);
    expect(transport.info.endpoint?.pathname).toBe('/messages');

    const list = await firstValueFrom(session.request<{ tools: { name: string }[] }>('tools/list'));
    expect(list.tools.map((tool) => tool.name)).toContain('count');

    const events = await lastValueFrom(
      session.request('tools/call', { name: 'count', arguments: { to: 2 } }, { observe: 'events' }).pipe(toArray()),
    );
    expect(events.map((e) => e.type)).toEqual(['progress', 'progress', 'result']);

    const asked = await firstValueFrom(session.request<ToolResult>('tools/call', { name: 'ask', arguments: {} }));
    expect(asked.content[0]!.text).toBe('accept:Grace');

    connection.unsubscribe();
    await until(() => server.transports.size === 0);
  });

  it('with reconnect: false, completes when the server ends the stream, settling pending requests', async () => {
    transport = createSseClientTransport(server.url, { reconnect: false });
    session = createClientSession(transport, {
      clientInfo: { name: 'rxmcp-it', version: '1.0.0' },
      protocolVersions: ['2024-11-05'],
      timeout: 5000,
    });
    const connection = session.connect();
    await firstValueFrom(session.initialize());
    const pending = firstValueFrom(session.request('tools/call', { name: 'count', arguments: { to: 200 } }));
    await until(() => server.log.filter((entry) => entry.method === 'POST').length >= 3);
    await Promise.all([...server.transports.values()].map((t) => t.close()));
    await expect(pending).rejects.toMatchObject({ kind: 'closed' });
    expect(await firstValueFrom(session.closed$)).toBeUndefined();
    connection.unsubscribe();
  });

  it('when the server ends the stream, fails the pending request clearly, re-opens the stream and re-initializes', async () => {
    transport = createSseClientTransport(server.url, { reconnect: { initialDelay: 20 } });
    session = createClientSession(transport, {
      clientInfo: { name: 'rxmcp-it', version: '1.0.0' },
      protocolVersions: ['2024-11-05'],
      timeout: 5000,
    });
    const connection = session.connect();
    await firstValueFrom(session.initialize());
    const first = transport.info.sessionId;
    const pending = firstValueFrom(session.request('tools/call', { name: 'count', arguments: { to: 200 } }));
    await until(() => server.log.filter((entry) => entry.method === 'POST').length >= 3);
    await Promise.all([...server.transports.values()].map((t) => t.close()));
    await expect(pending).rejects.toMatchObject({
      kind: 'transport',
      message: expect.stringContaining('dropped before request'),
    });
    await until(() => transport.info.sessionId !== undefined && transport.info.sessionId !== first, 'a new session');
    const list = await firstValueFrom(session.request<{ tools: { name: string }[] }>('tools/list'));
    expect(list.tools.map((tool) => tool.name)).toContain('count');
    connection.unsubscribe();
  });
});
