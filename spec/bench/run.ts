/**
 * @module
 * The benchmark orchestrator: `npm run bench` / `npm run bench:smoke`.
 *
 * For every cell (transport × client → server) it starts the server program (network
 * transports) and the client driver as fresh child processes (`node --import tsx …`), reads their
 * JSON lines, and writes RESULTS.md. stdio servers are started by the driver through its own
 * transport; memory cells run in the driver's process.
 *
 * Options:
 *   --smoke              CI check: tiny counts, one run, every cell; servers shared and one driver
 *                        process per client (fast); prints the report instead of writing RESULTS.md;
 *                        exits 1 if any cell fails
 *   --fresh              with --smoke: fresh processes per cell, exactly as a full run does
 *   --runs N             runs (default 3; each run has every cell in fresh processes)
 *   --only PATTERN       cells whose id contains PATTERN (or matches /regex/); repeatable
 *   --modes seq,conc,mem which measurements (default all)
 *   --jobs N             cells at once outside batched smoke mode (default 1; 2 with --smoke --fresh);
 *                        numbers need 1
 *   --out FILE           where to write the report (default spec/bench/RESULTS.md for a full run)
 *   --json FILE          also dump every raw outcome as JSON
 *   --cpu-prof           run servers (and in-process memory cells) with --cpu-prof into spec/bench/profiles/
 *   --cpu-prof-clients   the same for client drivers
 *   --baseline REV       also measure rxmcp built at git revision REV as the implementation
 *                        `rxmcp@REV`, next to every rxmcp cell (support/baseline.ts); the report
 *                        adds now/before ratios
 *   --verbose            copy children's stderr through
 *   --list               print the cells and exit
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBaseline, type Baseline } from './support/baseline.js';
import { allCells, clientProgram, serverProgram, type Cell } from './support/cells.js';
import { RXMCP_API } from './support/rxmcp-api.js';
import { spawnBench, tsxCommand, type BenchProcess } from './support/proc.js';
import { renderReport, type CellOutcome, type CellRun } from './support/report.js';
import { beforeAfterTable } from './support/report-baseline.js';
import type {
  Counts,
  DriverConfig,
  Impl,
  LoadMode,
  LoadResult,
  MemResult,
  MemSample,
  TransportName,
} from './support/types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const FULL: Counts = {
  seqWarmup: 500,
  seqCalls: 5000,
  concWarmup: 1000,
  concCalls: 10000,
  concurrency: 100,
  sessions: 200,
  rounds: 3,
};
const SMOKE: Counts = {
  seqWarmup: 5,
  seqCalls: 20,
  concWarmup: 20,
  concCalls: 200,
  concurrency: 100,
  sessions: 10,
  rounds: 2,
};

interface Options {
  smoke: boolean;
  runs: number;
  only: string[];
  modes: Array<LoadMode | 'mem'>;
  jobs: number;
  out?: string;
  json?: string;
  cpuProf: boolean;
  cpuProfClients: boolean;
  baseline?: string;
  verbose: boolean;
  list: boolean;
  fresh: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    smoke: false,
    runs: 3,
    only: [],
    modes: ['seq', 'conc', 'mem'],
    jobs: 1,
    cpuProf: false,
    cpuProfClients: false,
    verbose: false,
    list: false,
    fresh: false,
  };
  let jobsGiven = false;
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--smoke':
        options.smoke = true;
        break;
      case '--fresh':
        options.fresh = true;
        break;
      case '--runs':
        options.runs = Number(value());
        runsGiven = true;
        break;
      case '--only':
        options.only.push(value());
        break;
      case '--modes':
        options.modes = value().split(',') as Options['modes'];
        break;
      case '--jobs':
        options.jobs = Number(value());
        jobsGiven = true;
        break;
      case '--out':
        options.out = value();
        break;
      case '--json':
        options.json = value();
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--cpu-prof-clients':
        options.cpuProfClients = true;
        break;
      case '--baseline':
        options.baseline = value();
        break;
      case '--verbose':
        options.verbose = true;
        break;
      case '--list':
        options.list = true;
        break;
      default:
        throw new Error(`Unknown option ${arg} (see the header of spec/bench/run.ts)`);
    }
  }
  if (options.smoke) {
    if (!runsGiven) options.runs = 1;
    if (!jobsGiven) options.jobs = 2;
  }
  if (!(options.runs >= 1) || !(options.jobs >= 1)) throw new Error('--runs and --jobs must be ≥ 1');
  return options;
}

function matches(cell: Cell, patterns: string[]): boolean {
  if (!patterns.length) return true;
  return patterns.some((p) =>
    p.length > 2 && p.startsWith('/') && p.endsWith('/')
      ? new RegExp(p.slice(1, -1)).test(cell.id)
      : cell.id.includes(p),
  );
}

const sanitize = (id: string) => id.replace(/→/g, '-to-').replace(/[^a-zA-Z0-9._-]+/g, '_');

/** A started network server (or how to start a stdio one), or why it could not start. */
interface ServerHandle {
  process?: BenchProcess;
  config: Partial<DriverConfig>;
  error?: string;
}

class Orchestrator {
  constructor(
    private readonly options: Options,
    private readonly counts: Counts,
    private readonly loadModes: LoadMode[],
    private readonly baseline?: Baseline,
  ) {}

  /** The `--import` flags that make a program run `impl` (the baseline build for `rxmcp@<rev>`). */
  private imports(impl: string): string[] {
    return this.baseline && impl === this.baseline.impl ? this.baseline.imports : [];
  }

  private timeout(kind: 'load' | 'mem'): number {
    return this.options.smoke ? 30_000 : kind === 'mem' ? 300_000 : 600_000;
  }

  private profArgs(id: string, role: 'server' | 'client'): string[] {
    const wanted = role === 'server' ? this.options.cpuProf : this.options.cpuProfClients;
    if (!wanted) return [];
    const dir = join(ROOT, 'spec/bench/profiles', sanitize(id), role);
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${dir}`];
  }

  private spawn(file: string, args: string[], nodeArgs: string[], imports: string[]): BenchProcess {
    return spawnBench(file, args, { cwd: ROOT, nodeArgs, imports, verbose: this.options.verbose });
  }

  /** Starts the network server of (impl, transport); for stdio, says how the driver starts it. */
  private async startServer(impl: Impl, transport: TransportName, nodeArgs: string[]): Promise<ServerHandle> {
    const { file, args } = serverProgram(impl, transport);
    if (transport === 'memory') return { config: {} };
    if (transport === 'stdio' || transport === 'stdio-2026')
      return { config: { serverCommand: tsxCommand(file, args, nodeArgs, this.imports(impl)) } };
    const server = this.spawn(file, args, nodeArgs, this.imports(impl));
    try {
      const ready = await server.next<{ url: string; pid: number }>(
        (m) => m.type === 'ready',
        this.options.smoke ? 20_000 : 60_000,
        'ready',
      );
      return { process: server, config: { url: ready.url, serverPid: ready.pid } };
    } catch (error) {
      await server.stop(500);
      throw withStderr(error, server);
    }
  }

  private driverConfig(cell: Cell, server: ServerHandle, modes: DriverConfig['modes']): DriverConfig {
    return {
      transport: cell.transport,
      client: cell.client,
      server: cell.server,
      modes,
      counts: this.counts,
      ...server.config,
    };
  }

  /** One cell, some load modes, in a fresh server + driver pair. */
  async load(cell: Cell, modes: LoadMode[]): Promise<LoadResult[]> {
    // The memory cells' server lives in the driver: profile the driver when servers are profiled.
    const server = await this.startServer(cell.server, cell.transport, this.profArgs(cell.id, 'server'));
    const driverArgs =
      cell.transport === 'memory' && this.options.cpuProf
        ? this.profArgs(cell.id, 'server')
        : this.profArgs(cell.id, 'client');
    let driver: BenchProcess | undefined;
    try {
      driver = this.spawn(
        clientProgram(cell.client),
        [JSON.stringify(this.driverConfig(cell, server, modes))],
        driverArgs,
        this.imports(cell.client),
      );
      const message = await expectMessage<{ results: LoadResult[] }>(
        driver,
        'result',
        0,
        this.timeout('load'),
        'results',
      );
      await settle(driver, 10_000);
      return message.results;
    } catch (error) {
      throw withStderr(error, driver, server.process);
    } finally {
      await driver?.stop(1000);
      await server.process?.stop();
    }
  }

  /** One memory cell in a fresh server (with --expose-gc) + driver pair. */
  async mem(cell: Cell): Promise<MemResult> {
    const server = await this.startServer(cell.server, cell.transport, [
      '--expose-gc',
      ...this.profArgs(cell.id, 'server'),
    ]);
    let driver: BenchProcess | undefined;
    try {
      driver = this.spawn(
        clientProgram(cell.client),
        [JSON.stringify(this.driverConfig(cell, server, ['mem']))],
        this.profArgs(cell.id, 'client'),
        this.imports(cell.client),
      );
      const result = await this.memDialogue(driver, 0, server.process!);
      await settle(driver, 10_000);
      return result;
    } catch (error) {
      throw withStderr(error, driver, server.process);
    } finally {
      await driver?.stop(1000);
      await server.process?.stop();
    }
  }

  /** Samples the server around the driver's open/close rounds of config `index`. */
  private async memDialogue(driver: BenchProcess, index: number, server: BenchProcess): Promise<MemResult> {
    const timeout = this.timeout('mem');
    const sample = async (): Promise<MemSample> => {
      server.send('mem');
      return (await server.next<{ mem: MemSample }>((m) => m.type === 'mem', 30_000, 'a memory sample')).mem;
    };
    await expectMessage(driver, 'mem-ready', index, timeout, 'mem-ready');
    const baseline = await sample();
    driver.send('start');
    const rounds: MemResult['rounds'] = [];
    for (let round = 0; round < this.counts.rounds; round++) {
      await expectMessage(driver, 'opened', index, timeout, `round ${round + 1} sessions open`);
      const open = await sample();
      driver.send('close');
      await expectMessage(driver, 'closed', index, timeout, `round ${round + 1} sessions closed`);
      // Let the server see the last closes (socket 'close' events, SSE aborts, DELETEs a client
      // sends without waiting): poll until it holds no session, for up to 3 s.
      let closed = await sample();
      for (let waited = 0; (closed.sessions ?? 0) > 0 && waited < 3000; waited += 200) {
        await sleep(200);
        closed = await sample();
      }
      rounds.push({ open, closed });
      driver.send('next');
    }
    return { sessions: this.counts.sessions, baseline, rounds };
  }

  /**
   * Smoke mode: every cell once with tiny counts, fast. Each network server program starts once
   * and serves all its cells; each client driver runs all its cells in one process (one config
   * array), load cells first, then memory cells. The programs and the per-cell code are the
   * ones a full run uses; only the process reuse differs.
   */
  async smoke(outcomes: CellOutcome[]): Promise<void> {
    const runnable = outcomes.filter((o) => !o.cell.unavailable);
    const records = new Map(runnable.map((o) => [o, { run: 1, load: {} } as CellRun]));
    for (const [outcome, record] of records) outcome.runs.push(record);
    const serverKey = (cell: Cell) => `${cell.server}/${cell.transport}`;
    const servers = new Map<string, ServerHandle>();
    await Promise.all(
      [...new Map(runnable.map((o) => [serverKey(o.cell), o.cell])).values()].map(async (cell) => {
        try {
          servers.set(serverKey(cell), await this.startServer(cell.server, cell.transport, ['--expose-gc']));
        } catch (error) {
          servers.set(serverKey(cell), { config: {}, error: errorText(error) });
        }
      }),
    );
    const byClient = (kind: 'load' | 'mem') => {
      const groups = new Map<string, CellOutcome[]>();
      for (const outcome of runnable) {
        if (outcome.cell.kind !== kind) continue;
        const server = servers.get(serverKey(outcome.cell))!;
        if (server.error) {
          records.get(outcome)!.error = `server did not start: ${server.error}`;
          continue;
        }
        // One driver per program and build (the baseline's client runs in its own driver).
        const key = `${clientProgram(outcome.cell.client)}\n${this.imports(outcome.cell.client).join(' ')}`;
        groups.set(key, [...(groups.get(key) ?? []), outcome]);
      }
      return [...groups.values()].map(
        (group) => [clientProgram(group[0].cell.client), this.imports(group[0].cell.client), group] as const,
      );
    };
    const report = (outcome: CellOutcome, error?: unknown) => {
      const record = records.get(outcome)!;
      if (error !== undefined) record.error = errorText(error);
      console.error(
        `[${outcome.cell.id}] ${record.error ? `FAILED ${record.error}` : `ok${summary(record, outcome.cell.kind === 'mem' ? 'mem' : this.loadModes)}`}`,
      );
    };
    try {
      await Promise.all(
        byClient('load').map(async ([program, imports, group]) => {
          const configs = group.map((o) => this.driverConfig(o.cell, servers.get(serverKey(o.cell))!, this.loadModes));
          const driver = this.spawn(program, [JSON.stringify(configs)], [], imports);
          try {
            for (const [index, outcome] of group.entries()) {
              try {
                const message = await expectMessage<{ results: LoadResult[] }>(
                  driver,
                  'result',
                  index,
                  this.timeout('load'),
                  `results of ${outcome.cell.id}`,
                );
                for (const result of message.results) records.get(outcome)!.load[result.mode] = result;
                report(outcome);
              } catch (error) {
                report(outcome, withStderr(error, driver));
              }
            }
            await settle(driver, 10_000);
          } finally {
            await driver.stop(1000);
          }
        }),
      );
      await Promise.all(
        byClient('mem').map(async ([program, imports, group]) => {
          const configs = group.map((o) => this.driverConfig(o.cell, servers.get(serverKey(o.cell))!, ['mem']));
          const driver = this.spawn(program, [JSON.stringify(configs)], [], imports);
          try {
            for (const [index, outcome] of group.entries()) {
              try {
                records.get(outcome)!.mem = await this.memDialogue(
                  driver,
                  index,
                  servers.get(serverKey(outcome.cell))!.process!,
                );
                report(outcome);
              } catch (error) {
                report(outcome, withStderr(error, driver));
              }
            }
            await settle(driver, 10_000);
          } finally {
            await driver.stop(1000);
          }
        }),
      );
    } finally {
      await Promise.all([...servers.values()].map((server) => server.process?.stop()));
    }
  }
}

/**
 * The next message of `type` for config `index` from a driver; a `{"type":"error"}` for that
 * index (a batch driver's failed cell) is thrown.
 */
async function expectMessage<T = unknown>(
  driver: BenchProcess,
  type: string,
  index: number,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const message = await driver.next<{ type: string; message?: string }>(
    (m) => (m.type === type || m.type === 'error') && (m.index ?? 0) === index,
    timeoutMs,
    what,
  );
  if (message.type === 'error') throw new Error(message.message);
  return message as T;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\|/g, '\\|');

/** Waits for a driver to exit by itself and fails if it did not exit with 0. */
async function settle(driver: BenchProcess, ms: number): Promise<void> {
  const code = await Promise.race([driver.exited, sleep(ms).then(() => 'timeout' as const)]);
  if (code === 'timeout') throw new Error(`driver did not exit within ${ms} ms after reporting`);
  if (code !== 0) throw new Error(`driver exited with code ${code}`);
}

function withStderr(error: unknown, ...processes: Array<BenchProcess | undefined>): Error {
  const message = error instanceof Error ? error.message : String(error);
  const tails = processes.map((p) => p?.stderrTail()).filter(Boolean);
  return new Error(
    tails.length
      ? `${message}\n    stderr: ${tails.join('\n    ---\n    ').split('\n').slice(-12).join('\n    ')}`
      : message,
  );
}

const sleep = (ms: number) => new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));

/** Runs tasks with at most `jobs` at once. */
async function pool(tasks: Array<() => Promise<void>>, jobs: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

function gitCommit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- lib', { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha} + uncommitted changes in lib/` : sha;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const counts = options.smoke ? SMOKE : FULL;
  const baseline =
    options.baseline === undefined ? undefined : prepareBaseline(ROOT, options.baseline, (line) => console.error(line));
  const cells = allCells(baseline)
    .filter((cell) => matches(cell, options.only))
    .filter((cell) => (cell.kind === 'mem' ? options.modes.includes('mem') : options.modes.some((m) => m !== 'mem')));
  if (options.list) {
    for (const cell of cells) console.log(`${cell.id}${cell.unavailable ? `  ${cell.unavailable}` : ''}`);
    return 0;
  }
  const loadModes = options.modes.filter((m): m is LoadMode => m !== 'mem');
  const orchestrator = new Orchestrator(options, counts, loadModes, baseline);
  const outcomes: CellOutcome[] = cells.map((cell) => ({ cell, runs: [] }));
  const started = Date.now();
  const loadStart = loadavg();
  const unavailableCount = cells.filter((c) => c.unavailable).length;
  if (options.smoke && !options.fresh) {
    console.error(
      `rxmcp bench [smoke]: ${cells.length} cells (${unavailableCount} n/a), shared servers, one driver per client`,
    );
    await orchestrator.smoke(outcomes);
  } else {
    let done = 0;
    const tasks: Array<() => Promise<void>> = [];
    for (let run = 1; run <= options.runs; run++) {
      for (const outcome of outcomes) {
        const { cell } = outcome;
        if (cell.unavailable) continue;
        const record: CellRun = { run, load: {} };
        outcome.runs.push(record);
        const groups: Array<LoadMode[] | 'mem'> =
          cell.kind === 'mem' ? ['mem'] : options.smoke ? [loadModes] : loadModes.map((m) => [m]);
        for (const group of groups) {
          tasks.push(async () => {
            const label = `[${++done}/${tasks.length}] run ${run} ${cell.id}${group === 'mem' ? '' : ` ${group.join('+')}`}`;
            if (record.error) return; // An earlier mode of this cell failed in this run.
            const t0 = Date.now();
            try {
              if (group === 'mem') record.mem = await orchestrator.mem(cell);
              else for (const result of await orchestrator.load(cell, group)) record.load[result.mode] = result;
              console.error(`${label}: ok (${((Date.now() - t0) / 1000).toFixed(1)} s)${summary(record, group)}`);
            } catch (error) {
              record.error = errorText(error);
              console.error(`${label}: FAILED ${record.error}`);
            }
          });
        }
      }
    }
    console.error(
      `rxmcp bench: ${cells.length} cells (${unavailableCount} n/a), ${options.runs} run(s), ${tasks.length} process groups, ${options.jobs} at once`,
    );
    await pool(tasks, options.jobs);
  }

  const sdkVersion = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules/@modelcontextprotocol/sdk/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const report = renderReport(
    {
      title: options.smoke
        ? 'rxmcp benchmarks (smoke run: counts too small for numbers to mean anything)'
        : 'rxmcp benchmarks',
      date: new Date().toISOString(),
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: cpus().length,
      node: process.version,
      sdkVersion,
      commit: gitCommit(),
      platform: `${platform()} ${release()}`,
      loadavgStart: loadStart,
      loadavgEnd: loadavg(),
      runs: options.runs,
      counts,
      command: commandLine(options.smoke),
      rxmcpApi: RXMCP_API,
      seconds: (Date.now() - started) / 1000,
      ...(baseline && {
        baseline: { impl: baseline.impl, sha: baseline.sha, table: beforeAfterTable(outcomes, baseline.impl) },
      }),
    },
    outcomes,
  );
  const full = !options.smoke && !options.only.length && options.modes.length === 3;
  const out = options.out ?? (full ? join(ROOT, 'spec/bench/RESULTS.md') : undefined);
  if (out) {
    writeFileSync(out, report);
    console.error(`wrote ${out}`);
  } else {
    console.log(report);
  }
  if (options.json) writeFileSync(options.json, JSON.stringify({ counts, outcomes }, null, 2));

  const failed = outcomes.filter((o) => o.runs.some((r) => r.error));
  const ran = outcomes.filter((o) => !o.cell.unavailable).length;
  console.error(
    `rxmcp bench: ${ran - failed.length}/${ran} cells ok, ${outcomes.length - ran} n/a, ${failed.length} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const outcome of failed) console.error(`  FAILED ${outcome.cell.id}`);
  return failed.length ? 1 : 0;
}

/** How this run was invoked, as an npm command. */
function commandLine(smoke: boolean): string {
  const extra = process.argv.slice(2).filter((arg) => arg !== '--smoke');
  return `npm run ${smoke ? 'bench:smoke' : 'bench'}${extra.length ? ` -- ${extra.join(' ')}` : ''}`;
}

function summary(record: CellRun, group: LoadMode[] | 'mem'): string {
  if (group === 'mem') {
    const mem = record.mem!;
    const round = mem.rounds[0];
    return round
      ? `: ${((round.open.heapUsed - mem.baseline.heapUsed) / mem.sessions / 1024).toFixed(1)} KB heap/session`
      : '';
  }
  return group
    .map((mode) => record.load[mode])
    .filter((r): r is LoadResult => !!r)
    .map((r) => `: ${r.mode} ${Math.round(r.callsPerSec)} calls/s p99 ${r.p99Ms.toFixed(2)} ms`)
    .join('');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
