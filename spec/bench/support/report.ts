/**
 * @module
 * Turns the outcomes of all runs into RESULTS.md: medians with min–max per cell, ratios computed
 * within each run, memory per session, and what could not run.
 */
import { median } from './common.js';
import type { Cell } from './cells.js';
import { MODERN_TRANSPORTS, type LoadMode, type LoadResult, type MemResult } from './types.js';

export interface CellRun {
  run: number;
  /** Load results by mode (each from its own fresh process pair outside smoke mode). */
  load: Partial<Record<LoadMode, LoadResult>>;
  mem?: MemResult;
  error?: string;
}

export interface CellOutcome {
  cell: Cell;
  runs: CellRun[];
}

export interface ReportMeta {
  title: string;
  date: string;
  cpu: string;
  cores: number;
  node: string;
  sdkVersion: string;
  commit: string;
  platform: string;
  loadavgStart: number[];
  loadavgEnd: number[];
  runs: number;
  counts: import('./types.js').Counts;
  command: string;
  rxmcpApi: string;
  seconds: number;
  /** `--baseline`: the older build measured as `impl` in the same run, and its table (report-baseline.ts). */
  baseline?: { impl: string; sha: string; table: string[] };
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fmtMs = (n: number) => (Number.isFinite(n) ? (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
const fmtRatio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const fmtKb = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : '–');
const fmtMb = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(1) : '–');

/** `median (min–max)` of values, or just the value for one run. */
export function spread(values: number[], fmt: (n: number) => string): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return '–';
  const m = fmt(median(finite));
  if (finite.length === 1) return m;
  return `${m} (${fmt(Math.min(...finite))}–${fmt(Math.max(...finite))})`;
}

const pairLabel = (cell: Cell) => `${cell.client} → ${cell.server}`;

export function loadValues(outcome: CellOutcome, mode: LoadMode, pick: (r: LoadResult) => number | null): number[] {
  return outcome.runs.flatMap((run) => {
    const result = run.load[mode];
    const value = result ? pick(result) : null;
    return value === null || value === undefined ? [] : [value];
  });
}

function loadTable(outcomes: CellOutcome[], mode: LoadMode): string[] {
  const lines = [
    mode === 'seq'
      ? '| transport | client → server | calls/s | p50 ms | p99 ms | client CPU µs/call | server CPU µs/call |'
      : '| transport | client → server | calls/s | p99 ms | client CPU µs/call | server CPU µs/call |',
    mode === 'seq' ? '|---|---|--:|--:|--:|--:|--:|' : '|---|---|--:|--:|--:|--:|',
  ];
  for (const outcome of outcomes) {
    const { cell } = outcome;
    if (cell.kind !== 'load') continue;
    if (cell.unavailable) {
      lines.push(
        `| ${cell.transport} | ${pairLabel(cell)} | ${cell.unavailable} |${mode === 'seq' ? ' | | | |' : ' | | |'}`,
      );
      continue;
    }
    if (!outcome.runs.some((run) => run.load[mode])) {
      lines.push(`| ${cell.transport} | ${pairLabel(cell)} | FAILED |${mode === 'seq' ? ' | | | |' : ' | | |'}`);
      continue;
    }
    const cps = spread(
      loadValues(outcome, mode, (r) => r.callsPerSec),
      fmtInt,
    );
    const p50 = spread(
      loadValues(outcome, mode, (r) => r.p50Ms),
      fmtMs,
    );
    const p99 = spread(
      loadValues(outcome, mode, (r) => r.p99Ms),
      fmtMs,
    );
    const clientCpu = fmtInt(median(loadValues(outcome, mode, (r) => r.clientCpuUsPerCall)));
    const serverValues = loadValues(outcome, mode, (r) => r.serverCpuUsPerCall);
    const serverCpu =
      cell.transport === 'memory' ? 'in-process' : serverValues.length ? fmtInt(median(serverValues)) : '–';
    lines.push(
      mode === 'seq'
        ? `| ${cell.transport} | ${pairLabel(cell)} | ${cps} | ${p50} | ${p99} | ${clientCpu} | ${serverCpu} |`
        : `| ${cell.transport} | ${pairLabel(cell)} | ${cps} | ${p99} | ${clientCpu} | ${serverCpu} |`,
    );
  }
  return lines;
}

/** Per-run ratio of `pick` (default calls/s) of two cells, then median (min–max) over runs. */
export function ratio(
  outcomes: CellOutcome[],
  numeratorId: string,
  denominatorId: string,
  mode: LoadMode,
  pick: (r: LoadResult) => number | null = (r) => r.callsPerSec,
): string {
  const find = (id: string) => outcomes.find((o) => o.cell.id === id);
  const a = find(numeratorId);
  const b = find(denominatorId);
  if (!a || !b) return '–';
  if (a.cell.unavailable || b.cell.unavailable) return 'n/a';
  const values: number[] = [];
  for (const runA of a.runs) {
    const runB = b.runs.find((r) => r.run === runA.run);
    const resultA = runA.load[mode];
    const resultB = runB?.load[mode];
    const x = resultA ? pick(resultA) : null;
    const y = resultB ? pick(resultB) : null;
    if (x !== null && y !== null && y > 0) values.push(x / y);
  }
  return spread(values, fmtRatio);
}

function ratioTable(outcomes: CellOutcome[]): string[] {
  const transports = [
    ...new Set(
      outcomes
        .filter((o) => o.cell.kind === 'load' && !MODERN_TRANSPORTS.includes(o.cell.transport))
        .map((o) => o.cell.transport),
    ),
  ];
  if (transports.length === 0) return [];
  const lines = [
    'Throughput (calls/s) ratios, each computed within one run (same machine state), then median (min–max) over runs. Above 1: rxmcp is faster.',
    '',
    '| transport | mode | rxmcp/official end to end | rxmcp/raw end to end | server only: rxmcp/official (raw client) | client only: rxmcp/official (raw server) |',
    '|---|---|--:|--:|--:|--:|',
  ];
  for (const transport of transports) {
    for (const mode of ['seq', 'conc'] as const) {
      const id = (client: string, server: string) => `${transport}/${client}→${server}`;
      lines.push(
        `| ${transport} | ${mode} | ${ratio(outcomes, id('rxmcp', 'rxmcp'), id('sdk', 'sdk'), mode)} | ${ratio(outcomes, id('rxmcp', 'rxmcp'), id('raw', 'raw'), mode)} | ${ratio(outcomes, id('raw', 'rxmcp'), id('raw', 'sdk'), mode)} | ${ratio(outcomes, id('rxmcp', 'raw'), id('sdk', 'raw'), mode)} |`,
      );
    }
  }
  return lines;
}

/** rxmcp's server against the official SDK v2's, on the transports both serve (both eras). */
function v2RatioTable(outcomes: CellOutcome[]): string[] {
  const transports = [
    ...new Set(outcomes.filter((o) => o.cell.kind === 'load' && o.cell.server === 'v2').map((o) => o.cell.transport)),
  ];
  if (transports.length === 0) return [];
  const lines = [
    '',
    'rxmcp against the official SDK v2 (`@modelcontextprotocol/server` and `/client`), same client, server swapped; `*-2026` rows are the 2026-07-28 revision (stateless). Above 1: rxmcp is faster.',
    '',
    '| transport | mode | v2 client: rxmcp/v2 server | server only: rxmcp/v2 (raw client) |',
    '|---|---|--:|--:|',
  ];
  for (const transport of transports) {
    for (const mode of ['seq', 'conc'] as const) {
      const id = (client: string, server: string) => `${transport}/${client}→${server}`;
      lines.push(
        `| ${transport} | ${mode} | ${ratio(outcomes, id('v2', 'rxmcp'), id('v2', 'v2'), mode)} | ${ratio(outcomes, id('raw', 'rxmcp'), id('raw', 'v2'), mode)} |`,
      );
    }
  }
  return lines;
}

function memTable(outcomes: CellOutcome[]): string[] {
  const mems = outcomes.filter((o) => o.cell.kind === 'mem');
  if (!mems.length) return [];
  const rounds = Math.max(0, ...mems.flatMap((o) => o.runs.map((r) => r.mem?.rounds.length ?? 0)));
  const roundHeads = Array.from({ length: rounds }, (_, i) => `after close r${i + 1}: Δheap KB`).join(' | ');
  const lines = [
    '| transport | server (client) | sessions | baseline heap / RSS MB | heap KB/session (open) | RSS KB/session (open) | ' +
      roundHeads +
      ' | sessions left |',
    `|---|---|--:|--:|--:|--:|${'--:|'.repeat(rounds)}--:|`,
  ];
  for (const outcome of mems) {
    const { cell } = outcome;
    const label = `${cell.server} (${cell.client})`;
    if (cell.unavailable) {
      lines.push(`| ${cell.transport} | ${label} | ${cell.unavailable} | | | |${' |'.repeat(rounds)} |`);
      continue;
    }
    const runs = outcome.runs.filter((r) => r.mem);
    if (!runs.length) {
      lines.push(`| ${cell.transport} | ${label} | FAILED | | | |${' |'.repeat(rounds)} |`);
      continue;
    }
    const sessions = runs[0].mem!.sessions;
    const perSession = (pick: (m: MemResult, round: number) => number) =>
      runs.flatMap((r) => r.mem!.rounds.map((_, i) => pick(r.mem!, i) / r.mem!.sessions));
    const heapOpen = spread(
      perSession((m, i) => m.rounds[i].open.heapUsed - m.baseline.heapUsed),
      fmtKb,
    );
    const rssOpen = spread(
      perSession((m, i) => m.rounds[i].open.rss - m.baseline.rss),
      fmtKb,
    );
    const baseline = `${fmtMb(median(runs.map((r) => r.mem!.baseline.heapUsed)))} / ${fmtMb(median(runs.map((r) => r.mem!.baseline.rss)))}`;
    const after = Array.from({ length: rounds }, (_, i) =>
      spread(
        runs.flatMap((r) => (r.mem!.rounds[i] ? [r.mem!.rounds[i].closed.heapUsed - r.mem!.baseline.heapUsed] : [])),
        fmtKb,
      ),
    ).join(' | ');
    const left = runs.map((r) => r.mem!.rounds.at(-1)?.closed.sessions).filter((n) => n !== undefined);
    lines.push(
      `| ${cell.transport} | ${label} | ${sessions} | ${baseline} | ${heapOpen} | ${rssOpen} | ${after} | ${left.length ? Math.max(...(left as number[])) : '–'} |`,
    );
  }
  return lines;
}

export function renderReport(meta: ReportMeta, outcomes: CellOutcome[]): string {
  const failures = outcomes.flatMap((o) =>
    o.runs.filter((r) => r.error).map((r) => `- \`${o.cell.id}\` run ${r.run}: ${r.error}`),
  );
  const unavailable = outcomes
    .filter((o) => o.cell.unavailable)
    .map((o) => `- \`${o.cell.id}\`: ${o.cell.unavailable}`);
  const c = meta.counts;
  return [
    `# ${meta.title}`,
    '',
    `Generated by \`${meta.command}\` (spec/bench/run.ts) on ${meta.date} in ${meta.seconds.toFixed(0)} s. Do not edit by hand.`,
    '',
    `- Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.platform}; load average ${meta.loadavgStart.map((n) => n.toFixed(2)).join(' ')} at start, ${meta.loadavgEnd.map((n) => n.toFixed(2)).join(' ')} at end`,
    `- Node ${meta.node}; @modelcontextprotocol/sdk ${meta.sdkVersion}; rxmcp ${meta.commit}`,
    `- rxmcp API under test: ${meta.rxmcpApi}`,
    ...(meta.baseline
      ? [
          `- Baseline: \`${meta.baseline.impl}\` is rxmcp built at ${meta.baseline.sha.slice(0, 12)} (\`--baseline\`), run by the same programs in the same run`,
        ]
      : []),
    `- ${meta.runs} run(s), each cell and mode in fresh processes; cells interleaved within a run. Values: median (min–max) over runs.`,
    `- seq: initialize, ${c.seqWarmup} warm-up calls, then ${c.seqCalls} sequential \`tools/call\` of \`echo\`. conc: ${c.concWarmup} warm-up calls, then ${c.concCalls} calls with exactly ${c.concurrency} in flight. mem: ${c.sessions} concurrent sessions, ${c.rounds} open/close rounds, server sampled after two forced GCs (\`--expose-gc\`).`,
    "- CPU per call: the client driver's own `process.cpuUsage()` and the server's utime+stime from `/proc/<pid>/stat` (10 ms ticks), over the measured phase only.",
    "- Pairs: `raw → X` isolates the cost of server X, `X → raw` the cost of client X. `raw-fetch` is the raw HTTP client on `fetch` instead of a node:http keep-alive Agent. The official SDK has no WebSocket server transport: its `ws` server cells use a minimal one written like the SDK's WebSocket client transport (spec/bench/servers/sdk-ws-transport.ts). `memory` cells run client and server in one process.",
    '',
    '## Sequential calls',
    '',
    ...loadTable(outcomes, 'seq'),
    '',
    `## Concurrent calls (${c.concurrency} in flight)`,
    '',
    ...loadTable(outcomes, 'conc'),
    '',
    '## Ratios',
    '',
    ...ratioTable(outcomes),
    ...v2RatioTable(outcomes),
    ...(meta.baseline?.table ?? []),
    '',
    '## Server memory per session',
    '',
    'Heap and RSS of the server process with all sessions open, minus its baseline before any session, divided by the session count; then the heap left after all sessions closed, minus the same baseline. Round 1 includes one-time costs (compiled code, caches, pooled buffers); a leak shows as growth from round to round. Each implementation is driven by its own client (the SDK client also holds a standalone GET SSE stream on Streamable HTTP). "sessions left": what the server still holds after the last round, where it can tell.',
    '',
    ...memTable(outcomes),
    '',
    ...(unavailable.length ? ['## Not available', '', ...unavailable, ''] : []),
    ...(failures.length ? ['## Failures', '', ...failures, ''] : []),
    '## Reproduce and profile',
    '',
    '```sh',
    'npm run bench                  # 3 runs, writes spec/bench/RESULTS.md (use a quiet machine)',
    'npm run bench:smoke            # tiny counts, one run, every cell; exits non-zero if a cell fails',
    "npm run bench -- --only 'stdio/' --runs 1                               # a subset (substring or /regex/ of the cell id)",
    "npm run bench -- --only 'ws/raw→rxmcp' --modes conc --runs 1 --cpu-prof # rxmcp server profile in spec/bench/profiles/",
    '```',
    '',
    'See spec/bench/README.md for the method and for reading the profiles.',
    '',
  ].join('\n');
}
