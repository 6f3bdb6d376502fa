import { resolve } from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createStdioClientTransport } from '../../../lib/node/stdio/index.js';
import { createClientSession } from '../../../lib/session/client-session.js';
import { until } from '../../support/until.js';
import { isAlive } from '../../support/is-alive.js';

const root = resolve(__dirname, '../../..');
const fixture = (name: string) => resolve(__dirname, 'fixtures', name);

describe('official SDK client → rxmcp server session over stdio', () => {
  let client: Client;
  let transport: StdioClientTransport;

  beforeAll(async () => {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', fixture('session-server.ts')],
      cwd: root,
      stderr: 'pipe',
    });
    client = new Client({ name: 'sdk-client', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
  });

  it('initializes and lists tools', async () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'rxmcp-session-fixture' });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo', 'count', 'hang']);
  });

  it('calls a tool and receives progress', async () => {
    const progress: number[] = [];
    const result = await client.callTool({ name: 'count', arguments: {} }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(result.content).toEqual([{ type: 'text', text: 'counted' }]);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('survives a call cancelled by a timeout and keeps working', async () => {
    await expect(client.callTool({ name: 'hang', arguments: {} }, undefined, { timeout: 100 })).rejects.toThrow(
      /timed out/i,
    );
    const echoes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.callTool({ name: 'echo', arguments: { text: `m${i}` } })),
    );
    expect(echoes.map((r) => (r.content as Array<{ text: string }>)[0]!.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${i}`),
    );
    await expect(client.ping()).resolves.toEqual({});
  });
});

describe('rxmcp client session → official SDK server over stdio', () => {
  it('initializes, lists, calls with progress events and closes the child', async () => {
    const transport = createStdioClientTransport({
      command: process.execPath,
      args: [fixture('sdk-tools-server.mjs')],
      cwd: root,
      closeTimeoutMs: 1000,
    });
    const session = createClientSession(transport, { clientInfo: { name: 'rxmcp-spec', version: '0.0.0' } });
    const connection = session.connect();
    const init = await firstValueFrom(session.initialize());
    expect(init.serverInfo.name).toBe('sdk-tools-fixture');
    const listed = await firstValueFrom(session.request<{ tools: Array<{ name: string }> }>('tools/list'));
    expect(listed.tools.map((t) => t.name).sort()).toEqual(['count', 'echo']);
    const echo = await firstValueFrom(session.request('tools/call', { name: 'echo', arguments: { text: 'héllo 😀' } }));
    expect(echo).toMatchObject({ content: [{ type: 'text', text: 'héllo 😀' }] });
    const events = await lastValueFrom(
      session.request('tools/call', { name: 'count', arguments: {} }, { observe: 'events' }).pipe(toArray()),
    );
    expect(events.map((e) => e.type)).toEqual(['progress', 'progress', 'progress', 'result']);
    const invalid = await firstValueFrom(session.request('tools/call', { name: 'echo', arguments: { text: 5 } }));
    expect(invalid).toMatchObject({ isError: true });
    const closed = firstValueFrom(session.closed$);
    connection.unsubscribe();
    await closed;
    const pid = transport.pid!;
    await until(() => !isAlive(pid), `process ${pid} to exit`);
  });
});
