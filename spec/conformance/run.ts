/**
 * `npm run conformance`: the official MCP conformance suites (0.1.16 and 0.2.0-alpha.12, on Node 24
 * from the npm registry) against rxmcp — the server suite `--suite all` of both (and α12's
 * `--requirements 2026-07-28`) against `rxmcp run demo/everything-server.ts --port N` (Streamable
 * HTTP at /mcp, both eras on one endpoint), and every client scenario `demo/everything-client.ts`
 * knows (`demo/client-scenarios/`) on α12, the 2025 ones on 0.1.16 too.
 * α12's extension scenarios (tasks-*, sep-2640-*) are required like every other.
 * Prints a summary, writes `spec/conformance/RESULTS.md`, and exits non-zero on any failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { clientScenarios } from '../../demo/client-scenarios/index.js';
import { coreScenarios } from '../../demo/client-scenarios/core.js';

const root = resolve(import.meta.dirname, '../..');
const runner = (version: string) => [
  '-y',
  '-p',
  'node@24',
  '-p',
  `@modelcontextprotocol/conformance@${version}`,
  'conformance',
];
const STABLE = '0.1.16';
const ALPHA = '0.2.0-alpha.12';

interface Outcome {
  name: string;
  passed: number;
  failed: number;
  warnings: number;
  ok: boolean;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

function run(
  args: string[],
  options: { timeoutMs: number; version?: string },
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn('npx', [...runner(options.version ?? STABLE), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      // eslint-disable-next-line no-control-regex -- strips ANSI colour codes
      done({ code: code ?? 1, output: output.replace(/\u001b\[[0-9;]*m/g, '') });
    });
  });
}

function startServer(port: number): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'lib/node/cli/bin.ts', 'run', 'demo/everything-server.ts', '--port', String(port)],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('/mcp')) done(child);
    });
    child.once('exit', (code) => fail(new Error(`server exited early (${code}): ${seen}`)));
  });
}

const count = (output: string, pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);

/** The failed checks the runner wrote under `dir` (`-o`), with their details. */
function failedChecks(dir: string): string {
  const lines: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = resolve(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'checks.json') {
        const checks = JSON.parse(readFileSync(path, 'utf8')) as Array<{
          id: string;
          status: string;
          errorMessage?: string;
          details?: unknown;
        }>;
        for (const check of checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING')) {
          lines.push(`${check.status} ${check.id}: ${check.errorMessage ?? ''} ${JSON.stringify(check.details ?? {})}`);
        }
      }
    }
  };
  walk(dir);
  return lines.join('\n');
}

async function serverSuite(): Promise<Outcome> {
  const port = await freePort();
  const server = await startServer(port);
  const url = `http://localhost:${port}/mcp`;
  const results = mkdtempSync(resolve(tmpdir(), 'rxmcp-conformance-'));
  try {
    const { code, output } = await run(['server', '--url', url, '--suite', 'all', '-o', results], {
      timeoutMs: 600_000,
    });
    const summary = output.slice(output.indexOf('=== SUMMARY ==='));
    process.stdout.write(`${summary.trim()}\n`);
    const passed = count(output, /Total: (\d+) passed/);
    const failed = count(output, /Total: \d+ passed, (\d+) failed/);
    const warnings = (output.match(/\] WARNING /g) ?? []).length;
    if (code === 0 && failed === 0 && passed > 0)
      return { name: '0.1.16 server --suite all', passed, failed, warnings, ok: true };
    process.stdout.write(`${output}\n${failedChecks(results)}\n`);
    // A scenario that failed is run once more on its own, and both outcomes are reported: a pass
    // on the second try is recorded as flaky in RESULTS.md, never hidden; failing twice fails CI.
    const failedScenarios = [...summary.matchAll(/✗ ([\w-]+):/g)].map((match) => match[1]!);
    const retried: boolean[] = [];
    for (const scenario of failedScenarios) {
      const again = await run(['server', '--url', url, '--scenario', scenario], { timeoutMs: 120_000 });
      const passedAgain = again.code === 0 && count(again.output, /Passed: \d+\/\d+, (\d+) failed/) === 0;
      process.stdout.write(
        `retry of ${scenario}: ${passedAgain ? 'passed' : 'failed again'}\n${passedAgain ? '' : again.output}`,
      );
      retried.push(passedAgain);
    }
    const ok = failedScenarios.length > 0 && retried.every(Boolean);
    const name = ok
      ? `0.1.16 server --suite all (flaky: ${failedScenarios.join(', ')} failed once, passed on retry)`
      : '0.1.16 server --suite all';
    return { name, passed, failed, warnings, ok };
  } finally {
    server.kill('SIGTERM');
  }
}

/**
 * An α12 server run (`--suite all` or `--requirements 2026-07-28`) against a running server: every
 * scenario must pass (the tasks and skills extensions included).
 */
async function alphaSuite(url: string, selection: string[], name: string): Promise<Outcome> {
  const results = mkdtempSync(resolve(tmpdir(), 'rxmcp-conformance-a12-'));
  const { output } = await run(['server', '--url', url, ...selection, '-o', results], {
    timeoutMs: 900_000,
    version: ALPHA,
  });
  const summary = output.slice(output.indexOf('=== SUMMARY ==='));
  let passed = 0;
  let failed = 0;
  const failing: string[] = [];
  for (const [, scenario, ok, bad] of summary.matchAll(/[✓✗] ([\w-]+): (\d+) passed, (\d+) failed/g)) {
    passed += Number(ok);
    failed += Number(bad);
    if (Number(bad) > 0) failing.push(scenario!);
  }
  const warnings = (output.match(/\] WARNING /g) ?? []).length;
  const total = count(output, /Total: (\d+) passed/);
  process.stdout.write(`${name}: ${total} checks passed in all; ${passed} passed, ${failed} failed\n`);
  if (failing.length > 0) process.stdout.write(`${summary}\n${failedChecks(results)}\n`);
  return { name, passed, failed, warnings, ok: passed > 0 && failed === 0 && passed === total };
}

async function alphaSuites(): Promise<Outcome[]> {
  const port = await freePort();
  const server = await startServer(port);
  const url = `http://127.0.0.1:${port}/mcp`;
  try {
    return [
      await alphaSuite(url, ['--suite', 'all'], `α12 server --suite all`),
      await alphaSuite(url, ['--requirements', '2026-07-28'], `α12 server --requirements 2026-07-28`),
    ];
  } finally {
    server.kill('SIGTERM');
  }
}

async function clientScenario(scenario: string, version: string): Promise<Outcome> {
  const { code, output } = await run(
    ['client', '--command', 'npx tsx demo/everything-client.ts', '--scenario', scenario],
    { timeoutMs: 120_000, version },
  );
  const passed = count(output, /Passed: (\d+)\//);
  const failed = count(output, /Passed: \d+\/\d+, (\d+) failed/);
  const warnings = count(output, /(\d+) warnings/);
  const ok = code === 0 && failed === 0 && warnings === 0 && passed > 0;
  const name = `${version === ALPHA ? 'α12 ' : '0.1.16 '}client ${scenario}`;
  process.stdout.write(`${ok ? '✓' : '✗'} ${name}: ${passed} passed, ${failed} failed, ${warnings} warnings\n`);
  if (!ok) process.stdout.write(output);
  return { name, passed, failed, warnings, ok };
}

const outcomes: Outcome[] = [await serverSuite(), ...(await alphaSuites())];
// Every scenario demo/everything-client.ts knows runs on α12; the 2025 ones on 0.1.16 as well.
for (const scenario of Object.keys(coreScenarios)) outcomes.push(await clientScenario(scenario, STABLE));
for (const scenario of Object.keys(clientScenarios)) outcomes.push(await clientScenario(scenario, ALPHA));

const rows = outcomes.map(
  (o) => `| ${o.name} | ${o.passed} | ${o.failed} | ${o.warnings} | ${o.ok ? 'pass' : 'FAIL'} |`,
);
const report = [
  '# Conformance results',
  '',
  `Official \`@modelcontextprotocol/conformance@${STABLE}\` and \`@${ALPHA}\` (α12 rows) on Node 24, run by \`npm run conformance\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| run | checks passed | failed | warnings | result |',
  '|---|---|---|---|---|',
  ...rows,
  '',
].join('\n');
writeFileSync(resolve(root, 'spec/conformance/RESULTS.md'), report);
process.stdout.write(`\n${report}`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
