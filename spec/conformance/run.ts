/**
 * `npm run conformance`: the official MCP conformance suite (0.1.16, on Node 24 from the npm registry)
 * against rxmcp — the server suite `--suite all` against `rxmcp run demo/everything-server.ts --port N`
 * (Streamable HTTP at /mcp), and the client scenarios with `demo/everything-client.ts`.
 * Prints a summary, writes `spec/conformance/RESULTS.md`, and exits non-zero on any failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const RUNNER = ['-y', '-p', 'node@24', '-p', '@modelcontextprotocol/conformance@0.1.16', 'conformance'];
const CLIENT_SCENARIOS = ['initialize', 'tools_call', 'elicitation-sep1034-client-defaults', 'sse-retry'];
const withAuth = process.argv.includes('--auth');

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

function run(args: string[], options: { timeoutMs: number }): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn('npx', [...RUNNER, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, '') });
    });
  });
}

function startServer(port: number): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/node/cli/bin.ts', 'run', 'demo/everything-server.ts', '--port', String(port)], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
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
        const checks = JSON.parse(readFileSync(path, 'utf8')) as Array<{ id: string; status: string; errorMessage?: string; details?: unknown }>;
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
    const { code, output } = await run(['server', '--url', url, '--suite', 'all', '-o', results], { timeoutMs: 600_000 });
    const summary = output.slice(output.indexOf('=== SUMMARY ==='));
    process.stdout.write(`${summary.trim()}\n`);
    const passed = count(output, /Total: (\d+) passed/);
    const failed = count(output, /Total: \d+ passed, (\d+) failed/);
    const warnings = (output.match(/\] WARNING /g) ?? []).length;
    if (code === 0 && failed === 0 && passed > 0) return { name: 'server --suite all', passed, failed, warnings, ok: true };
    process.stdout.write(`${output}\n${failedChecks(results)}\n`);
    // A scenario that failed is run once more on its own, and both outcomes are reported: a pass
    // on the second try is recorded as flaky in RESULTS.md, never hidden; failing twice fails CI.
    const failedScenarios = [...summary.matchAll(/✗ ([\w-]+):/g)].map((match) => match[1]!);
    const retried: boolean[] = [];
    for (const scenario of failedScenarios) {
      const again = await run(['server', '--url', url, '--scenario', scenario], { timeoutMs: 120_000 });
      const passedAgain = again.code === 0 && count(again.output, /Passed: \d+\/\d+, (\d+) failed/) === 0;
      process.stdout.write(`retry of ${scenario}: ${passedAgain ? 'passed' : 'failed again'}\n${passedAgain ? '' : again.output}`);
      retried.push(passedAgain);
    }
    const ok = failedScenarios.length > 0 && retried.every(Boolean);
    const name = ok ? `server --suite all (flaky: ${failedScenarios.join(', ')} failed once, passed on retry)` : 'server --suite all';
    return { name, passed, failed, warnings, ok };
  } finally {
    server.kill('SIGTERM');
  }
}

async function clientScenario(scenario: string): Promise<Outcome> {
  const { code, output } = await run(['client', '--command', 'npx tsx demo/everything-client.ts', '--scenario', scenario], { timeoutMs: 120_000 });
  const passed = count(output, /Passed: (\d+)\//);
  const failed = count(output, /Passed: \d+\/\d+, (\d+) failed/);
  const warnings = count(output, /(\d+) warnings/);
  const ok = code === 0 && failed === 0 && warnings === 0 && passed > 0;
  process.stdout.write(`${ok ? '✓' : '✗'} client ${scenario}: ${passed} passed, ${failed} failed, ${warnings} warnings\n`);
  if (!ok) process.stdout.write(output);
  return { name: `client ${scenario}`, passed, failed, warnings, ok };
}

async function authScenarios(): Promise<string[]> {
  const { output } = await run(['list', '--client'], { timeoutMs: 120_000 });
  return [...output.matchAll(/(auth\/[\w\-./]+)/g)].map((match) => match[1]!).filter((name, i, all) => all.indexOf(name) === i);
}

const outcomes: Outcome[] = [await serverSuite()];
for (const scenario of CLIENT_SCENARIOS) outcomes.push(await clientScenario(scenario));
if (withAuth) for (const scenario of await authScenarios()) outcomes.push(await clientScenario(scenario));

const rows = outcomes.map((o) => `| ${o.name} | ${o.passed} | ${o.failed} | ${o.warnings} | ${o.ok ? 'pass' : 'FAIL'} |`);
const report = [
  '# Conformance results',
  '',
  `Official \`@modelcontextprotocol/conformance@0.1.16\` on Node 24, run by \`npm run conformance\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| run | checks passed | failed | warnings | result |',
  '|---|---|---|---|---|',
  ...rows,
  '',
].join('\n');
writeFileSync(resolve(root, 'spec/conformance/RESULTS.md'), report);
process.stdout.write(`\n${report}`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
