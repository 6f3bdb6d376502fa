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
import { lastValueFrom } from 'rxjs';
import type { McpClient } from '../../lib/client/index.js';
import { type EraCell, openCell, type OpenCell, textOf } from './era-cells.js';

const ROOT = resolve(__dirname, '../..');
const FIXTURE = resolve(__dirname, 'fixtures/v2-server.ts');
const fixture = {
  stdio: { command: process.execPath, args: ['--import', 'tsx', FIXTURE, '--stdio'], cwd: ROOT },
  http: { command: process.execPath, args: ['--import', 'tsx', FIXTURE, '--http'], cwd: ROOT },
};

const cells: EraCell[] = [
  { transport: 'stdio', mode: 'auto', era: 'modern' },
  { transport: 'stdio', mode: { pin: '2026-07-28' }, era: 'modern' },
  { transport: 'stdio', mode: 'legacy', era: 'legacy' },
  { transport: 'Streamable HTTP', mode: 'auto', era: 'modern' },
  { transport: 'Streamable HTTP', mode: { pin: '2026-07-28' }, era: 'modern' },
  { transport: 'Streamable HTTP', mode: 'legacy', era: 'legacy' },
];

describe.each(cells)('rxmcp McpClient ($mode) → official SDK v2 server over $transport', (cell) => {
  const { transport, era } = cell;
  let open: OpenCell;
  let client: McpClient;
  const asked: string[] = [];

  beforeAll(async () => {
    open = await openCell(cell, fixture, {
      elicitation: (params) => {
        asked.push(params.message);
        return { action: 'accept', content: { name: 'Ada' } };
      },
    });
    client = open.client;
  }, 60_000);

  afterAll(() => open?.close());

  it(`agrees on the ${era} era and reads the server's info`, () => {
    expect(client.state).toMatchObject({ status: 'ready', era });
    expect(client.server?.protocolVersion).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
    expect(client.server?.serverInfo.name).toBe('v2-interop');
  });

  it('lists tools and calls one', async () => {
    expect((await lastValueFrom(client.listTools())).map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['echo', 'ask_name']),
    );
    expect(textOf(await lastValueFrom(client.callTool({ name: 'echo', arguments: { text: 'hi' } })))).toBe('hi');
  });

  const canAsk = !(transport === 'Streamable HTTP' && era === 'legacy');
  if (canAsk)
    it(`answers the server's question with the elicitation handler (${era === 'modern' ? 'an MRTR round' : 'elicitation/create'})`, async () => {
      asked.length = 0;
      expect(textOf(await lastValueFrom(client.callTool({ name: 'ask_name', arguments: {} })))).toBe('Hello, Ada!');
      expect(asked).toEqual(['Your name?']);
    });

  it('reads a resource and gets a prompt', async () => {
    expect((await lastValueFrom(client.readResource('note://hello'))).contents).toEqual([
      { uri: 'note://hello', text: 'hello from v2' },
    ]);
    expect((await lastValueFrom(client.getPrompt('greet', { who: 'Bo' }))).messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Say hello to Bo' } },
    ]);
  });
});
