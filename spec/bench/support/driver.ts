/**
 * @module
 * The measuring loop every client driver shares. A driver program only says how its
 * implementation connects and calls `echo`; the loops, timing and reporting live here, so all
 * three implementations are measured the same way.
 *
 * Protocol with the orchestrator: the config is argv[2] (JSON); results are JSON lines on stdout
 * (`{"type":"result","index","results"}`). `mem` mode is a dialogue over stdin/stdout, see
 * {@link memMode}.
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { echoText, emit, fail, jsonArg, ownCpuUs, percentile, processCpuUs } from './common.js';
import type { DriverConfig, LoadMode, LoadResult } from './types.js';

/** One open client connection (one MCP session), initialized. */
export interface BenchConnection {
  /** Calls the `echo` tool with `text` and resolves with the text it returned. */
  call(text: string): Promise<string>;
  /** Closes the session (and its transport) gracefully. */
  close(): Promise<void>;
  /** The server's pid when this driver started it (stdio), to sample its CPU time. */
  readonly serverPid?: number;
}

/** Opens and initializes one connection as `config` says. */
export type Connect = (config: DriverConfig) => Promise<BenchConnection>;

/** Runs a driver program: reads the config(s), measures, prints results, exits. */
export function runDriver(connect: Connect): void {
  main(connect).then(
    () => process.exit(0),
    (error) => fail(error),
  );
}

/**
 * argv[2] is one config, or (smoke mode) an array of them run one after the other in this process.
 * With an array, a failing cell reports `{"type":"error","index"}` and the next one runs.
 */
async function main(connect: Connect): Promise<void> {
  const arg = jsonArg<DriverConfig | DriverConfig[]>();
  const configs = Array.isArray(arg) ? arg : [arg];
  const nextLine = configs.some((config) => config.modes.includes('mem')) ? stdinLines() : undefined;
  for (const [index, config] of configs.entries()) {
    try {
      if (config.modes.includes('mem')) await memMode(connect, config, index, nextLine!);
      else emit({ type: 'result', index, results: await loadRun(connect, config) });
    } catch (error) {
      if (!Array.isArray(arg)) throw error;
      emit({ type: 'error', index, message: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** Connects, runs each load mode (warm-up, then measured), closes. */
async function loadRun(connect: Connect, config: DriverConfig): Promise<LoadResult[]> {
  const connection = await connect(config);
  const serverPid = connection.serverPid ?? config.serverPid;
  const inProcess = config.transport === 'memory';
  const results: LoadResult[] = [];
  let offset = 0;
  for (const mode of config.modes as LoadMode[]) {
    const { counts } = config;
    const [warmup, calls] =
      mode === 'seq' ? [counts.seqWarmup, counts.seqCalls] : [counts.concWarmup, counts.concCalls];
    const run = (n: number) =>
      mode === 'seq' ? sequential(connection, n, offset) : concurrent(connection, n, counts.concurrency, offset);
    await run(warmup);
    offset += warmup;
    const cpu0 = ownCpuUs();
    const serverCpu0 = inProcess ? null : processCpuUs(serverPid);
    const t0 = performance.now();
    const latencies = await run(calls);
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = ownCpuUs();
    const serverCpu1 = inProcess ? null : processCpuUs(serverPid);
    offset += calls;
    latencies.sort();
    results.push({
      mode,
      calls,
      seconds,
      callsPerSec: calls / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      clientCpuUsPerCall: (cpu1 - cpu0) / calls,
      serverCpuUsPerCall: serverCpu0 === null || serverCpu1 === null ? null : (serverCpu1 - serverCpu0) / calls,
    });
  }
  await withTimeout(connection.close(), 5000, 'close');
  return results;
}

/** `n` calls one after the other; returns each call's latency in ms. */
async function sequential(connection: BenchConnection, n: number, offset: number): Promise<Float64Array> {
  const latencies = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const text = echoText(offset + i);
    const t0 = performance.now();
    const got = await connection.call(text);
    latencies[i] = performance.now() - t0;
    if (got !== text)
      throw new Error(`Call ${offset + i}: expected ${JSON.stringify(text)}, got ${JSON.stringify(got)}`);
  }
  return latencies;
}

/** `n` calls with exactly `inflight` outstanding until the tail; returns latencies in ms. */
function concurrent(connection: BenchConnection, n: number, inflight: number, offset: number): Promise<Float64Array> {
  const latencies = new Float64Array(n);
  if (n === 0) return Promise.resolve(latencies);
  return new Promise((resolve, reject) => {
    let issued = 0;
    let done = 0;
    let failed = false;
    const launch = () => {
      const i = issued++;
      const text = echoText(offset + i);
      const t0 = performance.now();
      connection.call(text).then(
        (got) => {
          latencies[i] = performance.now() - t0;
          if (failed) return;
          if (got !== text) {
            failed = true;
            return reject(
              new Error(`Call ${offset + i}: expected ${JSON.stringify(text)}, got ${JSON.stringify(got)}`),
            );
          }
          if (++done === n) resolve(latencies);
          else if (issued < n) launch();
        },
        (error) => {
          if (!failed) reject(error);
          failed = true;
        },
      );
    };
    for (let k = 0; k < Math.min(inflight, n); k++) launch();
  });
}

/**
 * Waits for `start` (the orchestrator has sampled the server's baseline), then `rounds` times:
 * opens `sessions` sessions (each initialized, with one call), prints `opened`, waits for
 * `close`, closes them all, prints `closed`, waits for `next`.
 */
async function memMode(
  connect: Connect,
  config: DriverConfig,
  index: number,
  nextLine: () => Promise<string>,
): Promise<void> {
  const { sessions, rounds } = config.counts;
  emit({ type: 'mem-ready', index });
  await expectLine(nextLine, 'start');
  for (let round = 0; round < rounds; round++) {
    const open: BenchConnection[] = [];
    let next = 0;
    const opener = async () => {
      while (next < sessions) {
        const i = next++;
        const connection = await connect(config);
        open.push(connection);
        const text = echoText(i);
        const got = await connection.call(text);
        if (got !== text) throw new Error(`Session ${i}: bad echo ${JSON.stringify(got)}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(20, sessions) }, opener));
    emit({ type: 'opened', index, round, sessions: open.length });
    await expectLine(nextLine, 'close');
    await withTimeout(Promise.all(open.map((connection) => connection.close())), 15000, 'closing sessions');
    emit({ type: 'closed', index, round });
    await expectLine(nextLine, 'next');
  }
}

function stdinLines(): () => Promise<string> {
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  rl.on('close', () => fail(new Error('stdin closed by the orchestrator')));
  return () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiters.push(resolve)));
}

async function expectLine(nextLine: () => Promise<string>, expected: string): Promise<void> {
  const line = (await nextLine()).trim();
  if (line !== expected) throw new Error(`Expected "${expected}" on stdin, got "${line}"`);
}

/** Fails if `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      timer.unref();
    }),
  ]);
}
