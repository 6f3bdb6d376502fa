/**
 * Interop of rxmcp's McpClient with the official SDK v2's server (`@modelcontextprotocol/server`,
 * `fixtures/v2-server.ts`), in both eras: `versionNegotiation: 'auto'` (a `server/discover` probe,
 * which v2 answers, so the modern era), `{ pin: '2026-07-28' }` and `'legacy'` (2025
 * `initialize`), over stdio (v2's `serveStdio`) and Streamable HTTP (v2's `createMcpHandler`).
 * Each cell lists tools, calls one, answers the server's question for a name (an MRTR input round
 * on 2026-07-28, an `elicitation/create` request on a 2025 session) with the same handler, reads a
 * resource and gets a prompt. v2's `createMcpHandler` serves 2025 HTTP requests statelessly (no
 * session, no standalone stream), where a server→client request has no way back — the official
 * v2 client waits forever on `ask_name` there too — so the legacy Streamable HTTP cell does not ask.
 */
import { resolve } from 'node:path';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { VersionNegotiation } from '../../lib/client/modern/negotiate.js';
import { createStdioClientTransport } from '../../lib/node/stdio/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import type { Transport } from '../../lib/transport/transport.js';
import { spawnServing, type ServingChild } from '../support/serving-child.js';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = resolve(__dirname, 'fixtures/v2-server.ts');

interface Cell {
  transport: 'stdio' | 'Streamable HTTP';
  mode: VersionNegotiation;
  era: 'modern' | 'legacy';
}

const cells: Cell[] = [
  { transport: 'stdio', mode: 'auto', era: 'modern' },
  { transport: 'stdio', mode: { pin: '2026-07-28' }, era: 'modern' },
  { transport: 'stdio', mode: 'legacy', era: 'legacy' },
  { transport: 'Streamable HTTP', mode: 'auto', era: 'modern' },
  { transport: 'Streamable HTTP', mode: { pin: '2026-07-28' }, era: 'modern' },
  { transport: 'Streamable HTTP', mode: 'legacy', era: 'legacy' },
];

const textOf = (result: { content?: unknown }) => (result.content as Array<{ text?: string }>)[0]?.text;

describe.each(cells)('rxmcp McpClient ($mode) → official SDK v2 server over $transport', ({ transport, mode, era }) => {
  let served: ServingChild | undefined;
  let client: McpClient;
  let held: { unsubscribe(): void } | undefined;
  const asked: string[] = [];

  beforeAll(async () => {
    let factory: () => Transport;
    if (transport === 'stdio') {
      factory = () => createStdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', FIXTURE, '--stdio'], cwd: ROOT });
    } else {
      served = await spawnServing(process.execPath, ['--import', 'tsx', FIXTURE, '--http'], ROOT);
      const url = `${served.url}/mcp`;
      factory = () => createStreamableHttpClientTransport(url);
    }
    client = new McpClient(factory, {
      clientInfo: { name: 'rxmcp-interop', version: '1.0.0' },
      versionNegotiation: mode,
      handlers: {
        elicitation: (params) => {
          asked.push(params.message);
          return { action: 'accept', content: { name: 'Ada' } };
        },
      },
    });
    held = client.connect();
    await firstValueFrom(client.connection$);
  }, 60_000);

  afterAll(async () => {
    held?.unsubscribe();
    await served?.stop();
  });

  it(`agrees on the ${era} era and reads the server's info`, () => {
    expect(client.state).toMatchObject({ status: 'ready', era });
    expect(client.server?.protocolVersion).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
    expect(client.server?.serverInfo.name).toBe('v2-interop');
  });

  it('lists tools and calls one', async () => {
    expect((await lastValueFrom(client.listTools())).map((tool) => tool.name)).toEqual(expect.arrayContaining(['echo', 'ask_name']));
    expect(textOf(await lastValueFrom(client.callTool({ name: 'echo', arguments: { text: 'hi' } })))).toBe('hi');
  });

  const canAsk = !(transport === 'Streamable HTTP' && era === 'legacy');
  if (canAsk) it(`answers the server's question with the elicitation handler (${era === 'modern' ? 'an MRTR round' : 'elicitation/create'})`, async () => {
    asked.length = 0;
    expect(textOf(await lastValueFrom(client.callTool({ name: 'ask_name', arguments: {} })))).toBe('Hello, Ada!');
    expect(asked).toEqual(['Your name?']);
  });

  it('reads a resource and gets a prompt', async () => {
    expect((await lastValueFrom(client.readResource('note://hello'))).contents).toEqual([{ uri: 'note://hello', text: 'hello from v2' }]);
    expect((await lastValueFrom(client.getPrompt('greet', { who: 'Bo' }))).messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Say hello to Bo' } }]);
  });
});
