// The everything server served by the rxmcp CLI over stdio, checked by the official SDK client.
// The battery runs against the built executable (`node dist/node/cli/bin.js run …`, which is what
// `npx rxmcp run …` starts); `npm ci` builds dist/ through the `prepare` script, and
// ensureBuiltCli() builds it when it is missing or older than lib/. One smaller test goes through
// `npx rxmcp run` itself.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createBatteryClient, everythingBattery } from './battery.js';
import { EVERYTHING_TOOLS } from './expected.js';
import { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, everythingServer, root } from './built-cli.js';

beforeAll(ensureBuiltCli, BUILD_TIMEOUT_MS);

describe('everything server over stdio (node dist/node/cli/bin.js run)', () => {
  const stderr: string[] = [];
  everythingBattery(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [binPath, 'run', everythingServer],
      cwd: root,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const client = createBatteryClient();
    await client.connect(transport);
    return client;
  });

  it('keeps stderr free of errors', () => {
    expect(stderr.join('')).not.toMatch(/error|exception/i);
  });
});

describe('npx rxmcp run', () => {
  // npx starting, then tsx loading the server, can take tens of seconds on a loaded 2-core machine.
  it('serves the everything server over stdio', async () => {
    const client = new Client({ name: 'npx-check', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: 'npx', args: ['rxmcp', 'run', everythingServer], cwd: root, stderr: 'pipe' }),
    );
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'rxmcp-everything-server' });
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(EVERYTHING_TOOLS.length);
      const result = await client.callTool({ name: 'test_simple_text', arguments: {} });
      expect(result.content).toEqual([{ type: 'text', text: 'This is a simple text response for testing.' }]);
    } finally {
      await client.close();
    }
  }, 90_000); // npx and tsx start slowly on a loaded machine
});
