/**
 * Interop of rxmcp's McpClient with the official Python SDK 2.x server (`fixtures/python-server.py`
 * on `mcp` from `.venv`, made by `npm run setup:python`) in both eras: `versionNegotiation: 'auto'`
 * (the Python server answers `server/discover`, so the modern era) and `'legacy'`, over stdio and
 * Streamable HTTP. Each cell lists tools, calls one, answers a sampling request (`ask_capital`: an
 * MRTR input round on 2026-07-28, `sampling/createMessage` on 2025) with the same handler, reads a
 * resource and gets a prompt. Without the `.venv` the cells fail, naming the setup command.
 */
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import type { VersionNegotiation } from '../../lib/client/modern/negotiate.js';
import { createStdioClientTransport } from '../../lib/node/stdio/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import type { Transport } from '../../lib/transport/transport.js';
import { spawnServing, type ServingChild } from '../support/serving-child.js';
import { PYTHON_SERVER_NAME, pythonStdio, requirePythonEnv, ROOT } from './hosts.js';

interface Cell {
  transport: 'stdio' | 'Streamable HTTP';
  mode: VersionNegotiation;
  era: 'modern' | 'legacy';
}

const cells: Cell[] = [
  { transport: 'stdio', mode: 'auto', era: 'modern' },
  { transport: 'stdio', mode: 'legacy', era: 'legacy' },
  { transport: 'Streamable HTTP', mode: 'auto', era: 'modern' },
  { transport: 'Streamable HTTP', mode: 'legacy', era: 'legacy' },
];

const textOf = (result: { content?: unknown }) => (result.content as Array<{ text?: string }>)[0]?.text;

describe.each(cells)('rxmcp McpClient ($mode) → official Python SDK server over $transport', ({ transport, mode, era }) => {
  let served: ServingChild | undefined;
  let client: McpClient;
  let held: { unsubscribe(): void } | undefined;
  let sampled = 0;

  beforeAll(async () => {
    let factory: () => Transport;
    if (transport === 'stdio') {
      const { command, args, cwd } = pythonStdio();
      factory = () => createStdioClientTransport({ command, args: [...args, '--ask-capital'], cwd });
    } else {
      served = await spawnServing(requirePythonEnv(), ['spec/interop/fixtures/python-server.py', '--http', '--ask-capital'], ROOT);
      const url = `${served.url}/mcp`;
      factory = () => createStreamableHttpClientTransport(url);
    }
    client = new McpClient(factory, {
      versionNegotiation: mode,
      handlers: {
        sampling: () => {
          sampled++;
          return { role: 'assistant', content: { type: 'text', text: 'Paris' }, model: 'fixture-model' };
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

  it(`agrees on the ${era} era`, () => {
    expect(client.state).toMatchObject({ status: 'ready', era });
    expect(client.server?.protocolVersion).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
    expect(client.server?.serverInfo.name).toBe(PYTHON_SERVER_NAME);
  });

  it('lists tools, calls one, and answers a sampling request with the same handler', async () => {
    expect((await lastValueFrom(client.listTools())).map((tool) => tool.name)).toEqual(expect.arrayContaining(['echo', 'ask_capital']));
    expect(textOf(await lastValueFrom(client.callTool({ name: 'echo', arguments: { text: 'hi' } })))).toBe('hi');
    expect(textOf(await lastValueFrom(client.callTool({ name: 'ask_capital', arguments: {} })))).toBe('sampled: Paris');
    expect(sampled).toBe(1);
  });

  it('reads a resource and gets a prompt', async () => {
    expect((await lastValueFrom(client.readResource('test://hello'))).contents).toEqual([{ uri: 'test://hello', mimeType: 'text/plain', text: 'Hello, world!' }]);
    expect((await lastValueFrom(client.getPrompt('greet', { name: 'Bo' }))).messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Hello, Bo!' } }]);
  });
});
