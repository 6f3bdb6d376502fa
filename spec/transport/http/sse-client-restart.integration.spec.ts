// The legacy SSE client transport against an rxmcp server that restarts on the same port: the
// request in flight fails clearly, the client re-opens the stream, re-discovers the endpoint,
// re-initializes, and carries on.
import { firstValueFrom } from 'rxjs';
import { serveMcp, type McpHttpServer } from '../../../lib/node/http/index.js';
import { createClientSession } from '../../../lib/session/index.js';
import { createSseClientTransport } from '../../../lib/transport/http/index.js';
import type { TransportHealth } from '../../../lib/transport/transport.js';
import { createTestServer } from '../../node/http/helpers/test-server.js';
import { until } from '../../support/until.js';

type ToolResult = { content: { type: string; text: string }[] };

describe('legacy SSE client transport ⇄ a restarted rxmcp server', () => {
  let running: McpHttpServer | undefined;
  afterEach(async () => {
    await running?.close();
  });

  it('fails the request in flight, reconnects to the restarted server and carries on', async () => {
    running = await serveMcp(createTestServer(), { websocket: false });
    const { port } = running;
    const transport = createSseClientTransport(`${running.url}/sse`, {
      reconnect: { initialDelay: 50, maxDelay: 200, maxRetries: 50 },
    });
    const health: TransportHealth['status'][] = [];
    transport.health$.subscribe((value) => health.push(value.status));
    const session = createClientSession(transport, {
      clientInfo: { name: 'restart', version: '1' },
      protocolVersions: ['2024-11-05'],
      timeout: 10_000,
    });
    const connection = session.connect();
    await firstValueFrom(session.initialize());
    const echo = (text: string) =>
      firstValueFrom(session.request<ToolResult>('tools/call', { name: 'echo', arguments: { text } }));
    expect((await echo('before')).content[0]!.text).toBe('before');
    const firstSession = transport.info.sessionId;

    const pending = firstValueFrom(session.request('tools/call', { name: 'slow', arguments: { ms: 60_000 } }));
    const server = running;
    await until(() => server.sessionCount === 1 && transport.info.sessionId !== undefined, 'the slow call to be sent');
    await running.close();
    await expect(pending).rejects.toMatchObject({
      kind: 'transport',
      message: expect.stringContaining('dropped before request'),
    });

    running = await serveMcp(createTestServer(), { port, websocket: false });
    await until(
      () => transport.info.sessionId !== undefined && transport.info.sessionId !== firstSession,
      'a session on the restarted server',
    );
    expect((await echo('after')).content[0]!.text).toBe('after');
    // A stream the server ended cleanly is re-opened quietly; failed attempts, if any, are reported.
    if (health.length > 0) expect(health.at(-1)).toBe('connected');
    connection.unsubscribe();
  });
});
