/**
 * The soak run: for each transport, a server process (spec/soak/server.ts, with `--expose-gc`),
 * N client sessions each making M `echo` calls and then closing, over and over for T minutes,
 * while a probe samples the server's heap (after a full GC) and RSS. Ends with a trend and a
 * verdict per transport (see verdict.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import {
  createNodeSseClientTransport,
  createNodeStreamableHttpClientTransport,
  createNodeWebSocketClientTransport,
} from '../../lib/node/clients/index.js';
import { createStdioClientTransport } from '../../lib/node/stdio/index.js';
import { createClientSession, type ClientSession } from '../../lib/session/index.js';
import type { Transport } from '../../lib/transport/transport.js';
import { trendOf, type Sample, type Trend } from './verdict.js';

export const TRANSPORTS = ['http-json', 'http-sse', 'sse', 'ws', 'stdio'] as const;
export type SoakTransport = (typeof TRANSPORTS)[number];

export interface SoakOptions {
  transports: readonly SoakTransport[];
  /** Concurrent client sessions (stdio: concurrent callers on its one session). */
  sessions: number;
  /** Calls per session before it closes and a new one opens. */
  calls: number;
  /** Minutes per transport. */
  minutes: number;
  /** Milliseconds between memory samples. */
  sampleMs: number;
  /** Called with a line of progress now and then. */
  log?: (line: string) => void;
}

export interface SoakResult {
  transport: SoakTransport;
  seconds: number;
  sessions: number;
  calls: number;
  errors: number;
  firstError?: string;
  heap: Trend;
  rss: Trend;
  heapSamples: Sample[];
  rssSamples: Sample[];
}

/** The server script (run from the package root, as npm scripts and jest are). */
const SERVER = join(process.cwd(), 'spec/soak/server.ts');
const CLIENT_INFO = { name: 'rxmcp-soak', version: '1.0.0' };

/** Starts the server of one network transport; resolves with its process and base URL. */
function startServer(transport: Exclude<SoakTransport, 'stdio'>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SERVER, transport], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`soak server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
  });
}

function clientTransport(transport: Exclude<SoakTransport, 'stdio'>, base: string): Transport {
  switch (transport) {
    case 'http-json':
    case 'http-sse':
      return createNodeStreamableHttpClientTransport(`${base}/mcp`);
    case 'sse':
      return createNodeSseClientTransport(`${base}/sse`, { reconnect: false });
    case 'ws':
      return createNodeWebSocketClientTransport(`${base.replace('http', 'ws')}/ws`);
  }
}

async function openSession(transport: Transport): Promise<{ session: ClientSession; close: () => void }> {
  const session = createClientSession(transport, { clientInfo: CLIENT_INFO, timeout: 30_000 });
  const connection = session.connect();
  await firstValueFrom(session.initialize());
  session.notify('notifications/initialized');
  return { session, close: () => connection.unsubscribe() };
}

const echo = (session: ClientSession, text: string) =>
  firstValueFrom(
    session.request<{ content: { text: string }[] }>('tools/call', { name: 'echo', arguments: { text } }),
  ).then((result) => {
    if (result.content[0]?.text !== text) throw new Error(`echo answered ${JSON.stringify(result)}`);
  });

/** Runs the soak on one transport. */
export async function soakTransport(transport: SoakTransport, options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  let child: ChildProcess | undefined;
  let open: () => Promise<{ session: ClientSession; close: () => void }>;
  let probe: { session: ClientSession; close: () => void };
  if (transport === 'stdio') {
    const stdio = await openSession(
      createStdioClientTransport({
        command: process.execPath,
        args: ['--expose-gc', '--import', 'tsx', SERVER, 'stdio'],
      }),
    );
    probe = stdio;
    // One stdio process is one session: callers share it rather than opening their own.
    open = async () => ({ session: stdio.session, close: () => undefined });
  } else {
    const started = await startServer(transport);
    child = started.child;
    open = () => openSession(clientTransport(transport, started.base));
    probe = await open();
  }

  const heapSamples: Sample[] = [];
  const rssSamples: Sample[] = [];
  const started = Date.now();
  const deadline = started + options.minutes * 60_000;
  let sessions = 0;
  let calls = 0;
  let errors = 0;
  let firstError: string | undefined;
  const failed = (error: unknown) => {
    errors++;
    firstError ??= (error as Error)?.message ?? String(error);
  };

  const sample = async () => {
    const result = await firstValueFrom(
      probe.session.request<{ content: { text: string }[] }>('tools/call', { name: 'memory', arguments: {} }),
    );
    const { heapUsed, rss } = JSON.parse(result.content[0]!.text) as { heapUsed: number; rss: number };
    const t = Date.now() - started;
    heapSamples.push({ t, bytes: heapUsed });
    rssSamples.push({ t, bytes: rss });
  };
  const sampling = (async () => {
    while (Date.now() < deadline) {
      await sample().catch(failed);
      await new Promise((resolve) => setTimeout(resolve, options.sampleMs));
    }
    await sample().catch(failed);
  })();

  const worker = async (index: number) => {
    while (Date.now() < deadline) {
      let opened: { session: ClientSession; close: () => void } | undefined;
      try {
        opened = await open();
        sessions++;
        for (let i = 0; i < options.calls && Date.now() < deadline; i++) {
          await echo(opened.session, `w${index} c${i}`);
          calls++;
        }
      } catch (error) {
        failed(error);
      } finally {
        opened?.close();
      }
    }
  };
  const progress = setInterval(
    () =>
      log(
        `${transport}: ${Math.round((Date.now() - started) / 1000)} s, ${sessions} sessions, ${calls} calls, ${errors} errors`,
      ),
    30_000,
  );
  await Promise.all([...Array.from({ length: options.sessions }, (_, i) => worker(i)), sampling]);
  clearInterval(progress);

  probe.close();
  if (child) {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child!.exitCode !== null ? resolve(undefined) : child!.once('exit', resolve)));
  }
  const result: SoakResult = {
    transport,
    seconds: (Date.now() - started) / 1000,
    sessions: transport === 'stdio' ? 1 : sessions,
    calls,
    errors,
    firstError,
    heap: trendOf(heapSamples),
    rss: trendOf(rssSamples),
    heapSamples,
    rssSamples,
  };
  log(`${transport}: done, heap ${result.heap.verdict}, rss ${result.rss.verdict}`);
  return result;
}

/** Runs the soak on each transport in turn. */
export async function runSoak(options: SoakOptions): Promise<SoakResult[]> {
  const results: SoakResult[] = [];
  for (const transport of options.transports) results.push(await soakTransport(transport, options));
  return results;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(0);

/** The results as a Markdown table. */
export function soakTable(results: readonly SoakResult[]): string {
  const rows = results.map((r) =>
    [
      r.transport,
      r.seconds.toFixed(0),
      r.sessions,
      r.calls,
      (r.calls / r.seconds).toFixed(0),
      r.errors,
      r.heap.samples,
      `${mib(r.heap.start)} → ${mib(r.heap.end)}`,
      kib(r.heap.slopePerMinute),
      `${mib(r.rss.start)} → ${mib(r.rss.end)}`,
      kib(r.rss.slopePerMinute),
      `**${r.heap.verdict}** (RSS ${r.rss.verdict})`,
    ].join(' | '),
  );
  return [
    '| transport | s | sessions | calls | calls/s | errors | samples | heap MiB (fit) | heap KiB/min | RSS MiB (fit) | RSS KiB/min | verdict |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
