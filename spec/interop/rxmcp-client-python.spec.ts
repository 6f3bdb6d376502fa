/**
 * Interop of rxmcp's McpClient with the official Python SDK 2.x server (`fixtures/python-server.py`
 * on `mcp` from `.venv`, made by `npm run setup:python`) in both eras: `versionNegotiation: 'auto'`
 * (the Python server answers `server/discover`, so the modern era) and `'legacy'`, over stdio and
 * Streamable HTTP. Each cell lists tools, calls one, answers a sampling request (`ask_capital`: an
 * MRTR input round on 2026-07-28, `sampling/createMessage` on 2025) with the same handler, reads a
 * resource and gets a prompt. Without the `.venv` the cells fail, naming the setup command.
 */
import { lastValueFrom } from 'rxjs';
import type { McpClient } from '../../lib/client/index.js';
import { type EraCell, openCell, type OpenCell, textOf } from './era-cells.js';
import { PYTHON_SERVER_NAME, pythonStdio, requirePythonEnv, ROOT } from './hosts.js';

const cells: EraCell[] = [
  { transport: 'stdio', mode: 'auto', era: 'modern' },
  { transport: 'stdio', mode: 'legacy', era: 'legacy' },
  { transport: 'Streamable HTTP', mode: 'auto', era: 'modern' },
  { transport: 'Streamable HTTP', mode: 'legacy', era: 'legacy' },
];

describe.each(cells)('rxmcp McpClient ($mode) → official Python SDK server over $transport', (cell) => {
  const { era } = cell;
  let open: OpenCell;
  let client: McpClient;
  let sampled = 0;

  beforeAll(async () => {
    const stdio = pythonStdio();
    const fixture = {
      stdio: { ...stdio, args: [...stdio.args, '--ask-capital'] },
      http: {
        command: requirePythonEnv(),
        args: ['spec/interop/fixtures/python-server.py', '--http', '--ask-capital'],
        cwd: ROOT,
      },
    };
    open = await openCell(cell, fixture, {
      sampling: () => {
        sampled++;
        return { role: 'assistant', content: { type: 'text', text: 'Paris' }, model: 'fixture-model' };
      },
    });
    client = open.client;
  }, 60_000);

  afterAll(() => open?.close());

  it(`agrees on the ${era} era`, () => {
    expect(client.state).toMatchObject({ status: 'ready', era });
    expect(client.server?.protocolVersion).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
    expect(client.server?.serverInfo.name).toBe(PYTHON_SERVER_NAME);
  });

  it('lists tools, calls one, and answers a sampling request with the same handler', async () => {
    expect((await lastValueFrom(client.listTools())).map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['echo', 'ask_capital']),
    );
    expect(textOf(await lastValueFrom(client.callTool({ name: 'echo', arguments: { text: 'hi' } })))).toBe('hi');
    expect(textOf(await lastValueFrom(client.callTool({ name: 'ask_capital', arguments: {} })))).toBe('sampled: Paris');
    expect(sampled).toBe(1);
  });

  it('reads a resource and gets a prompt', async () => {
    expect((await lastValueFrom(client.readResource('test://hello'))).contents).toEqual([
      { uri: 'test://hello', mimeType: 'text/plain', text: 'Hello, world!' },
    ]);
    expect((await lastValueFrom(client.getPrompt('greet', { name: 'Bo' }))).messages).toEqual([
      { role: 'user', content: { type: 'text', text: 'Hello, Bo!' } },
    ]);
  });
});
