/**
 * A throwaway `redis-server` (from Debian: /usr/bin/redis-server) on a free port with a temp dir,
 * no persistence; it can be stopped and started again on the same port (a Redis restart).
 *
 * @example
 * const redis = await startRedis();
 * await redis.restart();
 * await redis.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { until } from './until.js';

export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  /** Kills it (SIGKILL: as abrupt as a crash) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its dir. */
  stop(): Promise<void>;
}

const REDIS = process.env['REDIS_SERVER'] ?? '/usr/bin/redis-server';

/** Resolves once something accepts TCP connections on `port`. */
async function accepting(port: number): Promise<void> {
  const tryOnce = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  let open = false;
  await until(() => {
    void tryOnce().then((ok) => (open = ok));
    return open;
  }, `redis-server on port ${port}`);
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rxmcp-redis-'));
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    child = spawn(
      REDIS,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--maxclients',
        '4000',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([accepting(port), exited]);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
