import { resolve } from 'node:path';
import { firstValueFrom, lastValueFrom, Observable, take, toArray } from 'rxjs';
import { isMcpError } from '../../../lib/protocol/errors.js';
import type { JSONRPCMessage } from '../../../lib/protocol/jsonrpc.js';
import {
  createStdioClientTransport,
  getDefaultEnvironment,
  type StdioClientTransport,
} from '../../../lib/node/stdio/index.js';
import type { InvalidFrame, RequestFailure } from '../../../lib/transport/transport.js';

const root = resolve(__dirname, '../../..');
const fixture = (name: string) => resolve(__dirname, 'fixtures', name);
const node = process.execPath;

const ECHO_INLINE = `
  require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
    const m = JSON.parse(line);
    if (m.id !== undefined) process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { echo: m.params ?? null } }) + '\\n');
  });`;

const request = (id: number, method: string, params?: Record<string, unknown>): JSONRPCMessage =>
  params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still alive after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Subscribes and resolves with what the stream did, once it ends. */
function outcome<T>(source$: Observable<T>): { values: T[]; done: Promise<{ values: T[]; error?: unknown }> } {
  const values: T[] = [];
  const done = new Promise<{ values: T[]; error?: unknown }>((resolve) =>
    source$.subscribe({
      next: (v) => values.push(v),
      error: (error) => resolve({ values, error }),
      complete: () => resolve({ values }),
    }),
  );
  return { values, done };
}

let transports: StdioClientTransport[] = [];
const create = (...args: Parameters<typeof createStdioClientTransport>) => {
  const transport = createStdioClientTransport(...args);
  transports.push(transport);
  return transport;
};
afterEach(async () => {
  // Belt and braces: no test may leave a child behind.
  const pids = transports.map((t) => t.pid).filter((pid): pid is number => pid !== undefined);
  transports = [];
  for (const pid of pids) await waitUntilGone(pid, 10_000);
});

describe('createStdioClientTransport', () => {
  it('spawns nothing until inbound$ is subscribed', async () => {
    const transport = create({ command: node, args: ['-e', ECHO_INLINE] });
    expect(transport.pid).toBeUndefined();
    const replies = firstValueFrom(transport.inbound$.pipe(take(2), toArray()));
    expect(transport.pid).toEqual(expect.any(Number));
    transport.outbound.next(request(1, 'ping'));
    transport.outbound.next(request(2, 'tools/call', { name: 'echo', arguments: { text: 'hé €' } }));
    await expect(replies).resolves.toEqual([
      { jsonrpc: '2.0', id: 1, result: { echo: null } },
      { jsonrpc: '2.0', id: 2, result: { echo: { name: 'echo', arguments: { text: 'hé €' } } } },
    ]);
  });

  it('queues messages sent before the child is spawned and writes them once it is', async () => {
    const transport = create({ command: node, args: [fixture('echo-server.cjs')], stderr: 'ignore' });
    transport.outbound.next(request(1, 'first'));
    transport.outbound.next(request(2, 'second'));
    const replies = await firstValueFrom(transport.inbound$.pipe(take(2), toArray()));
    expect(replies.map((m) => (m as { id: number }).id)).toEqual([1, 2]);
  });

  it('exposes the child stderr line by line on stderr$ with stderr: "pipe"', async () => {
    const transport = create({ command: node, args: [fixture('echo-server.cjs')], stderr: 'pipe' });
    const stderr = outcome(transport.stderr$);
    const inbound = outcome(transport.inbound$);
    transport.outbound.next(request(1, 'alpha'));
    transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/beta' });
    transport.outbound.next(request(2, 'gamma'));
    while (inbound.values.length < 2) await new Promise((r) => setTimeout(r, 10));
    transport.outbound.complete();
    await expect(stderr.done).resolves.toEqual({ values: ['got alpha', 'got notifications/beta', 'got gamma'] });
    await expect(inbound.done).resolves.toEqual({ values: inbound.values });
  });

  it('completes stderr$ without values when stderr is inherited', async () => {
    const transport = create({ command: node, args: ['-e', 'process.stderr.write("")'] });
    const stderr = outcome(transport.stderr$);
    await lastValueFrom(transport.inbound$, { defaultValue: undefined });
    await expect(stderr.done).resolves.toEqual({ values: [] });
  });

  it('errors inbound$ with kind "transport" when the command does not exist', async () => {
    const transport = create({ command: 'rxmcp-no-such-command-xyz' });
    const stderr = outcome(transport.stderr$);
    const { error } = await outcome(transport.inbound$).done;
    expect(isMcpError(error) && error.kind).toBe('transport');
    expect((error as Error).message).toContain('rxmcp-no-such-command-xyz');
    expect((error as Error).message).toContain('ENOENT');
    await expect(stderr.done).resolves.toEqual({ values: [] });
    transport.outbound.next(request(1, 'ignored')); // must not throw
  });

  it('errors inbound$ with kind "transport" when cwd does not exist', async () => {
    const transport = create({ command: node, args: ['-e', ''], cwd: '/no/such/dir/rxmcp' });
    const { error } = await outcome(transport.inbound$).done;
    expect(isMcpError(error) && error.kind).toBe('transport');
  });

  it('completes inbound$ when the child exits normally, after its last message (even unterminated)', async () => {
    const transport = create({
      command: node,
      args: ['-e', 'process.stdout.write(\'{"jsonrpc":"2.0","method":"a"}\\n{"jsonrpc":"2.0","method":"b"}\')'],
    });
    await expect(outcome(transport.inbound$).done).resolves.toEqual({
      values: [
        { jsonrpc: '2.0', method: 'a' },
        { jsonrpc: '2.0', method: 'b' },
      ],
    });
  });

  it('errors inbound$ with kind "transport" when the child dies on its own with a non-zero code', async () => {
    const transport = create({ command: node, args: [fixture('echo-server.cjs')], stderr: 'ignore' });
    const result = outcome(transport.inbound$);
    transport.outbound.next({ jsonrpc: '2.0', method: 'exit', params: { code: 3 } });
    const { error } = await result.done;
    expect(isMcpError(error) && error.kind).toBe('transport');
    expect((error as Error).message).toContain('code 3');
  });

  it('emits invalid-frame markers for garbage on the child stdout and carries on', async () => {
    const transport = create({
      command: node,
      args: ['-e', 'process.stdout.write(\'Starting server...\\n{"jsonrpc":"2.0","method":"ok"}\\n\')'],
    });
    const { values } = await outcome(transport.inbound$).done;
    expect(values).toEqual([
      expect.objectContaining({ kind: 'invalid-frame', reason: 'parse' }),
      { jsonrpc: '2.0', method: 'ok' },
    ]);
  });

  it('gives the child only the default environment plus env', async () => {
    process.env['RXMCP_SECRET_FOR_TEST'] = 'leak';
    try {
      const transport = create({
        command: node,
        args: [fixture('echo-server.cjs')],
        env: { EXTRA: 'yes' },
        cwd: __dirname,
        stderr: 'ignore',
      });
      transport.outbound.next(request(1, 'env'));
      const reply = (await firstValueFrom(transport.inbound$)) as unknown as {
        result: { env: Record<string, string>; cwd: string };
      };
      expect(reply.result.env['EXTRA']).toBe('yes');
      expect(reply.result.env['RXMCP_SECRET_FOR_TEST']).toBeUndefined();
      expect(reply.result.env['PATH']).toBe(process.env['PATH']);
      expect(reply.result.cwd).toBe(__dirname);
    } finally {
      delete process.env['RXMCP_SECRET_FOR_TEST'];
    }
    expect(getDefaultEnvironment()).toEqual(expect.objectContaining({ PATH: process.env['PATH'] }));
  });

  it('closes gracefully: outbound.complete() ends stdin, the child exits by itself, inbound$ completes', async () => {
    const exitListeners = process.listenerCount('exit');
    const transport = create({
      command: node,
      args: [fixture('echo-server.cjs')],
      stderr: 'pipe',
      closeTimeoutMs: 10_000,
    });
    const stderr = outcome(transport.stderr$);
    const inbound = outcome(transport.inbound$);
    transport.outbound.next(request(1, 'ping'));
    while (inbound.values.length < 1) await new Promise((r) => setTimeout(r, 10));
    const pid = transport.pid!;
    const started = Date.now();
    transport.outbound.complete();
    await expect(inbound.done).resolves.toEqual({ values: [{ jsonrpc: '2.0', id: 1, result: { echo: null } }] });
    expect(Date.now() - started).toBeLessThan(5_000); // well before closeTimeoutMs
    expect(isAlive(pid)).toBe(false);
    await expect(stderr.done).resolves.toEqual({ values: ['got ping'] });
    expect(process.listenerCount('exit')).toBe(exitListeners);
  });

  it('closes gracefully on unsubscribe too', async () => {
    const transport = create({ command: node, args: ['-e', ECHO_INLINE], closeTimeoutMs: 10_000 });
    const stderr = outcome(transport.stderr$);
    transport.outbound.next(request(1, 'ping'));
    await firstValueFrom(transport.inbound$); // unsubscribes after the first reply
    const pid = transport.pid!;
    await stderr.done; // completes when the child is gone
    expect(isAlive(pid)).toBe(false);
  });

  it('escalates to SIGTERM and then SIGKILL for a child that ignores both stdin end and SIGTERM', async () => {
    const closeTimeoutMs = 300;
    const transport = create({ command: node, args: [fixture('stubborn-server.cjs')], stderr: 'pipe', closeTimeoutMs });
    const stderr = outcome(transport.stderr$);
    transport.outbound.next(request(1, 'ready?'));
    // Its handlers are installed once it answers; taking the answer unsubscribes, which starts the shutdown.
    await expect(firstValueFrom(transport.inbound$)).resolves.toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: { ready: true },
    });
    const pid = transport.pid!;
    const started = Date.now();
    expect(isAlive(pid)).toBe(true);
    await expect(stderr.done).resolves.toEqual({ values: ['ignoring stdin end', 'ignoring SIGTERM'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * closeTimeoutMs - 50);
    expect(isAlive(pid)).toBe(false);
  });

  it('skips the stdin grace period on outbound.error()', async () => {
    const transport = create({
      command: node,
      args: [fixture('stubborn-server.cjs')],
      stderr: 'pipe',
      closeTimeoutMs: 300,
    });
    const stderr = outcome(transport.stderr$);
    const inbound = outcome(transport.inbound$);
    transport.outbound.next(request(1, 'ready?'));
    while (inbound.values.length < 1) await new Promise((r) => setTimeout(r, 10));
    transport.outbound.error(new Error('abort'));
    await expect(inbound.done).resolves.toEqual({ values: inbound.values });
    expect((await stderr.done).values).toContain('ignoring SIGTERM');
  });

  it('completes inbound$ after closeTimeoutMs when the child exited but a grandchild holds its stdout', async () => {
    const grandchild = `setTimeout(() => undefined, 20000)`;
    const transport = create({
      command: node,
      args: [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: ['ignore', 'inherit', 'ignore'] });
         process.stderr.write(c.pid + '\\n');
         process.stdout.write('{"jsonrpc":"2.0","method":"bye"}\\n');
         process.exit(0);`,
      ],
      stderr: 'pipe',
      closeTimeoutMs: 200,
    });
    const stderr = outcome(transport.stderr$);
    const started = Date.now();
    const result = await outcome(transport.inbound$).done;
    const grandchildPid = Number((await stderr.done).values[0]);
    try {
      expect(result).toEqual({ values: [{ jsonrpc: '2.0', method: 'bye' }] });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      if (isAlive(grandchildPid)) process.kill(grandchildPid, 'SIGKILL');
    }
  });

  it('runs one process per transport', async () => {
    const transport = create({ command: node, args: ['-e', ECHO_INLINE] });
    const first = outcome(transport.inbound$);
    const { error } = await outcome(transport.inbound$).done;
    expect(isMcpError(error) && error.kind).toBe('transport');
    transport.outbound.complete();
    await first.done;
    await expect(outcome(transport.inbound$).done).resolves.toEqual({ values: [] });
  });

  it('spawns nothing when closed before inbound$ is subscribed', async () => {
    const transport = create({ command: node, args: ['-e', ECHO_INLINE] });
    transport.outbound.next(request(1, 'never sent'));
    transport.outbound.complete();
    await expect(outcome(transport.inbound$).done).resolves.toEqual({ values: [] });
    expect(transport.pid).toBeUndefined();
  });

  it('talks to a server built with the official MCP SDK', async () => {
    const transport = create({ command: node, args: [fixture('sdk-server.mjs')], cwd: root, closeTimeoutMs: 1_000 });
    const inbound = outcome<JSONRPCMessage | InvalidFrame | RequestFailure>(transport.inbound$);
    transport.outbound.next(
      request(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'rxmcp-spec', version: '0.0.0' },
      }),
    );
    transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/initialized' });
    transport.outbound.next(request(2, 'ping'));
    while (inbound.values.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(inbound.values[0]).toMatchObject({ id: 1, result: { serverInfo: { name: 'sdk-fixture' } } });
    expect(inbound.values[1]).toEqual({ jsonrpc: '2.0', id: 2, result: {} });
    transport.outbound.complete();
    await inbound.done;
  });

  it('talks to a server on rxmcp’s own stdio server transport, whose console.log output stays off stdout', async () => {
    const transport = create({
      command: node,
      args: ['--import', 'tsx', fixture('rxmcp-server.ts')],
      cwd: root,
      stderr: 'pipe',
      closeTimeoutMs: 5_000,
    });
    const stderr = outcome(transport.stderr$);
    const inbound = outcome<JSONRPCMessage | InvalidFrame | RequestFailure>(transport.inbound$);
    transport.outbound.next(request(1, 'tools/call', { name: 'echo', arguments: { text: '😀' } }));
    transport.outbound.next(request(2, 'ping'));
    while (inbound.values.length < 2) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    transport.outbound.complete(); // the server completes on stdin end and exits by itself
    await expect(inbound.done).resolves.toEqual({
      values: [
        { jsonrpc: '2.0', id: 1, result: { echo: { name: 'echo', arguments: { text: '😀' } } } },
        { jsonrpc: '2.0', id: 2, result: { echo: null } },
      ],
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    const { values: lines } = await stderr.done;
    expect(lines.filter((line) => line === 'stray output from user code')).toHaveLength(2);
    expect(lines).toContain('stdin ended');
  });
});
