/**
 * @module
 * Calls/s and latency through nginx over 1, 2 and 3 `rxmcp run --redis` nodes, and what a node's
 * death costs: `npm run bench:cluster` (after `npm run build`). Several runs, medians.
 *
 * Each run starts a fresh redis-server, the nodes (the Redis cluster specs' fixture) and nginx
 * (round-robin, no affinity), then `--clients` concurrent callers each make `--calls` sequential
 * `tools/call echo` calls, in one era:
 *   modern  2026-07-28 stateless POSTs (plain fetch), any node answers;
 *   legacy  2025 sessions (rxmcp McpClient), forwarded to the session's node when they land elsewhere.
 * The death run kills one of three nodes (SIGKILL) a third of the way through and counts what failed.
 *
 * Options: --runs N (default 3), --clients N (default 32), --calls N (default 60), --out FILE (Markdown).
 * The callers share the machine with nginx, Redis and the nodes: on 2 cores that is the bound.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { firstValueFrom, type Subscription } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import { startCluster, type Cluster } from '../redis/helpers/cluster.js';
import { modernCall } from '../redis/helpers/modern-http.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    clients: { type: 'string' },
    calls: { type: 'string' },
    out: { type: 'string' },
  },
});
const RUNS = Number(values.runs ?? 3);
const CLIENTS = Number(values.clients ?? 32);
const CALLS = Number(values.calls ?? 60);

type Era = 'modern' | 'legacy';
interface Outcome {
  callsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  ok: number;
  firstFailure?: string;
}

const textOf = (result: unknown) => (result as { content?: { text?: string }[] }).content?.[0]?.text ?? '';
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]!
    : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};

/** One measured run: every caller's calls, timed one by one; `midway` runs once a third are done. */
async function measure(cluster: Cluster, era: Era, midway?: () => Promise<void>): Promise<Outcome> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  const total = CLIENTS * CALLS;
  let triggered = false;
  const clients =
    era === 'legacy'
      ? Array.from({ length: CLIENTS }, () => new McpClient(() => createStreamableHttpClientTransport(cluster.url)))
      : [];
  const connections: Subscription[] = clients.map((client) => client.connect());
  // Warm-up: one call per caller, not measured (sessions initialize here).
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => call(c, -1).catch(() => undefined)));
  async function call(c: number, i: number): Promise<void> {
    const token = `${c}:${i}`;
    const text =
      era === 'legacy'
        ? textOf(await firstValueFrom(clients[c]!.callTool({ name: 'echo', arguments: { token } })))
        : textOf(
            ((await modernCall(cluster.url, i, 'tools/call', { name: 'echo', arguments: { token } })).at(-1)?.[
              'result'
            ] as unknown) ?? {},
          );
    if (text !== token) throw new Error(`misrouted: ${token} got ${text}`);
  }
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < CALLS; i++) {
        const before = performance.now();
        try {
          await call(c, i);
          latencies.push(performance.now() - before);
        } catch (error) {
          failed++;
          firstFailure ??= (error as Error).message;
          console.error(`  failed (${era}, caller ${c}, call ${i}): ${(error as Error).message.slice(0, 300)}`);
        }
        if (midway && !triggered && latencies.length + failed >= total / 3) {
          triggered = true;
          void midway();
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  connections.forEach((connection) => connection.unsubscribe());
  latencies.sort((a, b) => a - b);
  return {
    callsPerSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    failed,
    ok: latencies.length,
    firstFailure,
  };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const log = (line: string) => {
    console.error(line);
    rows.push(line);
  };
  log(`# rxmcp on Redis behind nginx — ${new Date().toISOString().slice(0, 10)}`);
  log('');
  log(
    `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average at start ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; ${CLIENTS} concurrent callers × ${CALLS} sequential calls per run, medians of ${RUNS} runs.`,
  );
  log('');
  log('| era | nodes | calls/s | p50 ms | p99 ms | failed |');
  log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const era of ['modern', 'legacy'] as const) {
    for (const nodes of [1, 2, 3]) {
      const outcomes: Outcome[] = [];
      for (let run = 0; run < RUNS; run++) {
        const cluster = await startCluster(nodes);
        try {
          outcomes.push(await measure(cluster, era));
        } finally {
          await cluster.stop();
        }
      }
      log(
        `| ${era} | ${nodes} | ${median(outcomes.map((o) => o.callsPerSecond)).toFixed(0)} | ${median(outcomes.map((o) => o.p50)).toFixed(1)} | ${median(outcomes.map((o) => o.p99)).toFixed(1)} | ${outcomes.map((o) => o.failed).join(', ')} |`,
      );
    }
  }
  log('');
  log('A node killed (SIGKILL) a third of the way through a run on 3 nodes:');
  log('');
  log('| era | calls/s | p99 ms | ok | failed (per run) | first failure |');
  log('| --- | ---: | ---: | ---: | --- | --- |');
  for (const era of ['modern', 'legacy'] as const) {
    const outcomes: Outcome[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cluster = await startCluster(3);
      try {
        outcomes.push(await measure(cluster, era, () => cluster.nodes[1]!.kill()));
      } finally {
        await cluster.stop();
      }
    }
    const first =
      outcomes
        .find((o) => o.firstFailure)
        ?.firstFailure?.replace(/\|/g, '/')
        .replace(/\s+/g, ' ')
        .slice(0, 120) ?? '';
    log(
      `| ${era} | ${median(outcomes.map((o) => o.callsPerSecond)).toFixed(0)} | ${median(outcomes.map((o) => o.p99)).toFixed(1)} | ${median(outcomes.map((o) => o.ok))} | ${outcomes.map((o) => o.failed).join(', ')} | ${first} |`,
    );
  }
  log('');
  log(
    `Load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}.`,
  );
  if (values.out) writeFileSync(values.out, `${rows.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
