// `rxmcp run --redis`: a usage error without --port, a clear failure when Redis is unreachable.
import { spawn } from 'node:child_process';
import { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, root } from '../everything/build-cli-once.js';
import { freePort } from '../support/free-port.js';
import { clusterServer } from './helpers/cluster.js';

function run(...args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, 'run', clusterServer, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => resolve({ code, err }));
  });
}

describe('rxmcp run --redis', () => {
  beforeAll(() => ensureBuiltCli(), BUILD_TIMEOUT_MS);

  it('needs --port', async () => {
    const { code, err } = await run('--redis', 'redis://127.0.0.1:1');
    expect(code).toBe(2);
    expect(err).toContain('--redis applies to rxmcp run --port only');
  });

  it('exits with a clear error when Redis cannot be reached', async () => {
    const port = await freePort();
    const { code, err } = await run('--port', '0', '--redis', `redis://127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(err).toContain(`--redis: could not connect to redis://127.0.0.1:${port}`);
    expect(err).toContain('ECONNREFUSED');
  });
});
