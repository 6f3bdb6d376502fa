/**
 * @module
 * `npm run bench:http-core -- --baseline <git-rev>`: the JavaScript cost of one 2025 Streamable
 * HTTP `tools/call` in rxmcp's Node handler, with no sockets (support/http-core-driver.ts), for
 * the working tree's build and `rev`'s, in alternating fresh processes; prints the medians and the
 * median of the ratios within each pair of runs. The socket benchmark (`npm run bench`) measures
 * the whole exchange, whose system calls and process wake-ups vary by ±10 % from run to run on a
 * small virtual machine; this one isolates what rxmcp's code costs.
 *
 * Options: `--baseline <rev>` (required), `--runs N` (7), `--calls N` (30000), `--concurrency C`
 * (1: one request at a time; 100: a hundred in flight), `--warmup N` (3000).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareBaseline } from './support/baseline.js';
import { spawnBench } from './support/proc.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DRIVER = 'spec/bench/support/http-core-driver.ts';

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`bench:http-core: --${name} is required`);
  return value;
}

const rev = option('baseline');
const runs = Number(option('runs', '7'));
const settings = {
  calls: Number(option('calls', '30000')),
  concurrency: Number(option('concurrency', '1')),
  warmup: Number(option('warmup', '3000')),
};
const baseline = prepareBaseline(ROOT, rev, (line) => process.stderr.write(`${line}\n`));

interface Result {
  wallUsPerCall: number;
  cpuUsPerCall: number;
}

async function measure(imports: string[]): Promise<Result> {
  const driver = spawnBench(DRIVER, [JSON.stringify(settings)], {
    cwd: ROOT,
    imports,
    nodeArgs: ['--expose-gc', ...(process.env.HTTP_CORE_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
  });
  try {
    return await driver.next<Result>((message) => message.type === 'result', 600_000, 'result');
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${driver.stderrTail()}`);
  } finally {
    await driver.stop(5_000);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const now: Result[] = [];
const before: Result[] = [];
for (let run = 0; run < runs; run++) {
  // Alternate which goes first, so a drift of the machine weighs on both.
  const order = run % 2 === 0 ? ['now', 'before'] : ['before', 'now'];
  for (const which of order) {
    const result = await measure(which === 'now' ? [] : baseline.imports);
    (which === 'now' ? now : before).push(result);
    process.stderr.write(
      `run ${run + 1}/${runs} ${which}: ${result.wallUsPerCall.toFixed(2)} µs/call wall, ${result.cpuUsPerCall.toFixed(2)} CPU\n`,
    );
  }
}
const ratio = (key: keyof Result) => median(now.map((result, i) => result[key] / before[i]![key]));
const row = (key: keyof Result) =>
  `| ${key === 'wallUsPerCall' ? 'wall' : 'CPU (all threads)'} | ${median(now.map((r) => r[key])).toFixed(2)} | ${median(before.map((r) => r[key])).toFixed(2)} | ${ratio(key).toFixed(3)} |`;
console.log(
  [
    `2025 Streamable HTTP tools/call in rxmcp's Node handler, no sockets: ${settings.calls} calls, ${settings.concurrency} in flight, ${runs} runs, medians`,
    '',
    `| µs per call | now | ${baseline.impl} | now/before (median of ratios) |`,
    '|---|--:|--:|--:|',
    row('wallUsPerCall'),
    row('cpuUsPerCall'),
  ].join('\n'),
);
