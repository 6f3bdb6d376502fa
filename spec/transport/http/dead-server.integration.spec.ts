/**
 * An idle Streamable HTTP client notices that its server died: the process is killed, the
 * standalone GET stream drops, `state$` goes `reconnecting`, then `closed` with the cause once
 * the reconnection attempts are refused.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { type ClientState, McpClient } from '../../../lib/client/index.js';
import { createNodeStreamableHttpClientTransport } from '../../../lib/node/clients/index.js';
import { createStreamableHttpClientTransport } from '../../../lib/transport/http/index.js';
import type { Transport } from '../../../lib/transport/transport.js';
import { until } from '../../support/until.js';

const root = join(__dirname, '..', '..', '..');

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'mcp-http-server.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const line = /^(http:\/\/\S+)\n/.exec(seen);
      if (line) resolve(line[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
  });
  return { child, url };
}

const transports: [string, (url: string) => Transport][] = [
  [
    'node:http',
    (url) => createNodeStreamableHttpClientTransport(url, { reconnect: { initialDelay: 20, maxRetries: 2 } }),
  ],
  [
    'global fetch',
    (url) => createStreamableHttpClientTransport(url, { reconnect: { initialDelay: 20, maxRetries: 2 } }),
  ],
];

describe.each(transports)('Streamable HTTP client (%s) whose server process is killed', (_name, create) => {
  let server: { child: ChildProcess; url: string };
  let client: McpClient;
  let held: { unsubscribe(): void } | undefined;

  beforeEach(async () => {
    server = await startServer();
    client = new McpClient(() => create(server.url));
  }, 30_000);

  afterEach(() => {
    held?.unsubscribe();
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  });

  it('leaves ready (reconnecting), then closes with the refused connection as its error', async () => {
    const states: ClientState[] = [];
    client.state$.subscribe((state) => states.push(state));
    held = client.connect();
    await firstValueFrom(client.state$.pipe(filter((state) => state.status === 'ready')));
    const echo = await firstValueFrom(client.callTool({ name: 'echo' }));
    expect(echo.content).toEqual([{ type: 'text', text: 'echo' }]);
    // The call was held until the standalone GET stream was answered: that stream is open now.

    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    await until(() => client.state.status !== 'ready', 'state$ leaving ready', 30_000);
    await until(() => client.state.status === 'closed', 'state$ closed', 30_000);
    const statuses = states.map((state) => state.status);
    expect(statuses.slice(0, 3)).toEqual(['idle', 'connecting', 'ready']);
    expect(statuses).toContain('reconnecting');
    expect(client.state).toEqual({
      status: 'closed',
      error: expect.objectContaining({
        kind: 'transport',
        message: expect.stringMatching(
          /gave up after 2 reconnection attempt\(s\)\): GET http:\/\/127\.0\.0\.1:\d+\/mcp failed: .*ECONNREFUSED/,
        ),
      }),
    });
  }, 30_000);
});
