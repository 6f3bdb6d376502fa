// A real child process: stdin is closed while a slow tool call is in flight; its response must
// still arrive on stdout before the process exits.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const LATEST = '2025-11-25';

function runServer(
  lines: object[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; messages: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'spec/node/stdio/fixtures/slow-tool-server.ts'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (const line of lines) child.stdin.write(`${JSON.stringify(line)}\n`);
  child.stdin.end();
  return new Promise((done) =>
    child.once('close', (code) =>
      done({
        code,
        messages: out
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    ),
  );
}

const handshake = [
  {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: LATEST, capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
];

describe('stdio server at end of stdin', () => {
  it('answers the call in flight before it exits', async () => {
    const { code, messages } = await runServer([
      ...handshake,
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'slow', arguments: { ms: 300 } } },
    ]);
    expect(code).toBe(0);
    expect(messages.map((message) => message['id'])).toEqual([1, 2]);
    expect(messages[1]).toMatchObject({ result: { content: [{ type: 'text', text: 'slept 300 ms' }] } });
  });

  it('gives up on a call slower than drainTimeout and exits', async () => {
    const { code, messages } = await runServer(
      [
        ...handshake,
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'slow', arguments: { ms: 60_000 } } },
      ],
      { DRAIN_TIMEOUT: '200' },
    );
    expect(code).toBe(0);
    expect(messages.map((message) => message['id'])).toEqual([1]);
  });
});
