// The `rxmcp` command line. `main()` runs in-process in a host child (fixtures/main-host.ts, from
// source through tsx: jest's CommonJS transform cannot load lib/node/cli, which uses
// `import.meta`), and the built executable (dist/node/cli/bin.js, built by `npm ci` through
// `prepare`, or by ensureBuiltCli()) runs as a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../support/free-port.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { EVERYTHING_TOOLS } from '../../everything/expected.js';
import {
  binPath,
  BUILD_TIMEOUT_MS,
  ensureBuiltCli,
  everythingServer,
  root,
  serveEverythingCli,
} from '../../everything/built-cli.js';
import { until } from '../../support/until.js';
import { send } from '../http/helpers/raw-request.js';

interface Outcome {
  code: number;
  out: string;
  err: string;
}

const fixture = (name: string) => `spec/node/cli/fixtures/${name}`;

/** `main()` from lib/node/cli/main.ts, called in a long-lived host process. */
class MainHost {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: Array<(outcome: Outcome) => void> = [];
  private stderr = '';

  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', fixture('main-host.ts')], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout }).on('line', (line) =>
      this.replies.shift()?.(JSON.parse(line) as Outcome),
    );
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.once('exit', (code) => {
      for (const reply of this.replies.splice(0))
        reply({ code: -1, out: '', err: `main host exited (${code}): ${this.stderr}` });
    });
  }

  /** Calls `main(argv)`; a call that does not return within `ms` (e.g. a server that started) fails. */
  main(...argv: string[]): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new Error(`main(${JSON.stringify(argv)}) did not return within 25 s`));
      }, 25_000);
      this.replies.push((outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      this.child.stdin.write(`${JSON.stringify({ argv })}\n`);
    });
  }

  /** Closes stdin so the host ends, and kills it if it has not after a second. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.stdin.end();
    const timer = setTimeout(() => this.kill(), 1000);
    await exited;
    clearTimeout(timer);
  }

  private kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Runs the built executable to completion. */
function runBin(args: string[], timeoutMs = 15_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rxmcp ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out, err });
    });
  });
}

let host: MainHost;
let temp: string;
beforeAll(async () => {
  host = new MainHost();
  temp = mkdtempSync(join(tmpdir(), 'rxmcp-cli-spec-'));
  await ensureBuiltCli();
}, BUILD_TIMEOUT_MS);
afterAll(async () => {
  await host?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('main(): help and errors', () => {
  it.each([['--help'], ['-h'], ['help']])('rxmcp %s prints the usage and exits 0', async (flag) => {
    const { code, out } = await host.main(flag);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: rxmcp <command>/);
    for (const command of ['run', 'dev', 'install']) expect(out).toContain(`  ${command} <server-file>`);
  });

  it('rxmcp without a command prints the usage on stderr and exits non-zero', async () => {
    const { code, out, err } = await host.main();
    expect(code).not.toBe(0);
    expect(err).toContain('Usage: rxmcp <command>');
    expect(out).toBe('');
  });

  it.each([
    ['run', /--port N/],
    ['dev', /MCP Inspector/],
    ['install', /--env KEY=VALUE/],
  ])('rxmcp %s --help prints the command usage and exits 0', async (command, detail) => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await host.main(command, flag);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out).toMatch(new RegExp(`^Usage: rxmcp ${command} <server-file>`));
      expect(out).toMatch(detail);
    }
  });

  it('an unknown command is an error with the usage', async () => {
    const { code, out, err } = await host.main('frobnicate', 'x.ts');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^rxmcp: Unknown command: frobnicate/);
    expect(err).toContain('Usage: rxmcp <command>');
  });

  it('an unknown option is an error', async () => {
    const { code, err } = await host.main('run', everythingServer, '--bogus');
    expect(code).not.toBe(0);
    expect(err).toMatch(/^rxmcp: .*--bogus/);
  });

  it.each(['run', 'dev', 'install'])('rxmcp %s without a file is an error with the usage', async (command) => {
    const { code, err } = await host.main(command);
    expect(code).toBe(2);
    expect(err).toContain('rxmcp: Missing <server-file>');
    expect(err).toContain(`Usage: rxmcp ${command}`);
  });

  it.each(['run', 'dev', 'install'])('rxmcp %s with a missing file says so and exits non-zero', async (command) => {
    const config = join(temp, `missing-${command}.json`);
    const { code, err } = await host.main(command, 'no/such/server.ts', '--config', config);
    expect(code).not.toBe(0);
    expect(err).toBe('rxmcp: Server file not found: no/such/server.ts\n');
    expect(existsSync(config)).toBe(false);
  });

  it.each(['run', 'dev'])(
    'rxmcp %s with a module that exports no server says so and exits non-zero',
    async (command) => {
      const { code, err } = await host.main(command, fixture('no-server.ts'));
      expect(code).toBe(1);
      expect(err).toContain(`rxmcp: ${fixture('no-server.ts')} does not export an McpServer`);
    },
  );

  it('rxmcp run with a module that throws while loading says so and exits non-zero', async () => {
    const { code, err } = await host.main('run', fixture('broken-server.ts'));
    expect(code).toBe(1);
    expect(err).toContain(`rxmcp: Could not load ${fixture('broken-server.ts')}`);
    expect(err).toContain('failed on purpose');
  });

  it('rxmcp run --port with something other than a port number is an error', async () => {
    for (const port of ['abc', '65536', '1.5', '', ' ']) {
      const { code, err } = await host.main('run', everythingServer, '--port', port);
      expect({ port, code }).toEqual({ port, code: 2 });
      expect(err).toContain(`--port expects a port number, got '${port}'`);
    }
  });

  it('rxmcp run --max-sessions needs --port and a positive whole number', async () => {
    const stdio = await host.main('run', everythingServer, '--max-sessions', '5');
    expect(stdio.code).toBe(2);
    expect(stdio.err).toContain('--max-sessions applies to rxmcp run --port only');
    for (const value of ['0', '2.5', 'many', '']) {
      const { code, err } = await host.main('run', everythingServer, '--port', '0', '--max-sessions', value);
      expect({ value, code }).toEqual({ value, code: 2 });
      expect(err).toContain(`--max-sessions expects a positive whole number, got '${value}'`);
    }
  });

  it('rxmcp run --oauth-scope needs --oauth-issuer and one scope token per flag', async () => {
    const stdio = await host.main('run', everythingServer, '--port', '0', '--oauth-scope', 'mcp:tools');
    expect(stdio.code).toBe(2);
    expect(stdio.err).toContain('--oauth-scope needs --oauth-issuer');
    for (const scope of ['two scopes', 'quo"te', '']) {
      const { code, err } = await host.main(
        'run',
        everythingServer,
        '--port',
        '0',
        '--oauth-issuer',
        'http://127.0.0.1:9',
        '--oauth-scope',
        scope,
      );
      expect({ scope, code }).toEqual({ scope, code: 2 });
      expect(err).toContain(`--oauth-scope expects one scope token (no spaces or quotes), got '${scope}'`);
    }
  });

  it('rxmcp run --cors needs --port and valid origins', async () => {
    const stdio = await host.main('run', everythingServer, '--cors', 'http://localhost:5173');
    expect(stdio.code).toBe(2);
    expect(stdio.err).toContain('--cors applies to rxmcp run --port only');
    const install = await host.main(
      'install',
      everythingServer,
      '--cors',
      'http://localhost:5173',
      '--config',
      join(temp, 'unused.json'),
    );
    expect(install.code).toBe(2);
    expect(existsSync(join(temp, 'unused.json'))).toBe(false);
    for (const origin of ['localhost:5173', 'http://localhost:5173/app']) {
      const { code, err } = await host.main(
        'run',
        everythingServer,
        '--port',
        '0',
        '--cors',
        'https://ok.example',
        '--cors',
        origin,
      );
      expect({ origin, code }).toEqual({ origin, code: 2 });
      expect(err).toContain(`--cors: Invalid CORS origin: '${origin}'`);
    }
  });
});

describe('main(): install', () => {
  const configIn = (name: string) => join(temp, name, 'Claude', 'claude_desktop_config.json');
  const read = (path: string) =>
    JSON.parse(readFileSync(path, 'utf8')) as {
      mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }>;
    } & Record<string, unknown>;
  const demo = resolve(root, everythingServer);

  it('creates the config file (and its folder) with one entry', async () => {
    const config = configIn('create');
    const { code, err } = await host.main('install', everythingServer, '--config', config);
    expect(code).toBe(0);
    expect(err).toBe(`Added "rxmcp-everything-server" to ${config}\n`);
    const written = read(config);
    expect(Object.keys(written)).toEqual(['mcpServers']);
    expect(written.mcpServers).toEqual({
      'rxmcp-everything-server': { command: process.execPath, args: [expect.stringMatching(/bin\.js$/), 'run', demo] },
    });
    expect(readdirSync(join(temp, 'create', 'Claude'))).toEqual(['claude_desktop_config.json']); // no temporary file left
  });

  it("names the entry after the server's serverInfo.name, not its file", async () => {
    const config = configIn('named');
    expect((await host.main('install', everythingServer, '--config', config)).code).toBe(0);
    expect(Object.keys(read(config).mcpServers)).toEqual(['rxmcp-everything-server']);
  });

  it('keeps existing entries and other keys', async () => {
    const config = configIn('keep');
    mkdirSync(join(temp, 'keep', 'Claude'), { recursive: true });
    const existing = {
      globalShortcut: 'Ctrl+Space',
      mcpServers: { other: { command: 'other-server', args: ['--flag'], env: { X: '1' } } },
      theme: { dark: true },
    };
    writeFileSync(config, JSON.stringify(existing));
    expect((await host.main('install', everythingServer, '--config', config, '--name', 'everything')).code).toBe(0);
    const written = read(config);
    expect(written['globalShortcut']).toBe('Ctrl+Space');
    expect(written['theme']).toEqual({ dark: true });
    expect(written.mcpServers['other']).toEqual(existing.mcpServers.other);
    expect(written.mcpServers['everything']).toMatchObject({
      command: process.execPath,
      args: [expect.any(String), 'run', demo],
    });
    expect(Object.keys(written.mcpServers)).toEqual(['other', 'everything']);
  });

  it('replaces an entry of the same name', async () => {
    const config = configIn('replace');
    mkdirSync(join(temp, 'replace', 'Claude'), { recursive: true });
    writeFileSync(
      config,
      JSON.stringify({
        mcpServers: {
          'rxmcp-everything-server': { command: 'stale', args: [], env: { OLD: 'yes' } },
          kept: { command: 'k' },
        },
      }),
    );
    expect((await host.main('install', everythingServer, '--config', config)).code).toBe(0);
    const written = read(config);
    expect(Object.keys(written.mcpServers).sort()).toEqual(['kept', 'rxmcp-everything-server']);
    expect(written.mcpServers['rxmcp-everything-server']).toEqual({
      command: process.execPath,
      args: [expect.any(String), 'run', demo],
    });
  });

  it('adds --env KEY=VALUE pairs (the value may contain =)', async () => {
    const config = configIn('env');
    const { code } = await host.main(
      'install',
      everythingServer,
      '--config',
      config,
      '--env',
      'API_KEY=secret',
      '--env',
      'QUERY=a=b&c=d',
      '--env',
      'EMPTY=',
    );
    expect(code).toBe(0);
    expect(read(config).mcpServers['rxmcp-everything-server']!.env).toEqual({
      API_KEY: 'secret',
      QUERY: 'a=b&c=d',
      EMPTY: '',
    });
  });

  it('refuses an --env without KEY=', async () => {
    const config = configIn('bad-env');
    for (const pair of ['NOEQUALS', '=value']) {
      const { code, err } = await host.main('install', everythingServer, '--config', config, '--env', pair);
      expect(code).toBe(2);
      expect(err).toContain(`--env expects KEY=VALUE, got ${pair}`);
    }
    expect(existsSync(config)).toBe(false);
  });

  it.each([
    ['malformed JSON', '{ "mcpServers": { "a": { "command": "x" }, }\n', /is not valid JSON/],
    ['a JSON array', '[1, 2]\n', /does not hold a JSON object/],
    ['mcpServers that is not an object', '{"mcpServers": ["a"]}', /"mcpServers" in .* is not an object/],
  ])('reports %s without touching the file', async (_what, content, message) => {
    const folder = join(temp, `bad-${readdirSync(temp).length}`);
    mkdirSync(folder);
    const config = join(folder, 'claude_desktop_config.json');
    writeFileSync(config, content);
    const before = readFileSync(config);
    const { code, err } = await host.main('install', everythingServer, '--config', config);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
    expect(err).toContain(config);
    expect(readFileSync(config).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual(['claude_desktop_config.json']);
  });

  it('treats an empty file as an empty configuration', async () => {
    const config = join(temp, 'empty.json');
    writeFileSync(config, '  \n');
    expect((await host.main('install', everythingServer, '--config', config)).code).toBe(0);
    expect(Object.keys(read(config).mcpServers)).toEqual(['rxmcp-everything-server']);
  });
});

describe('the built rxmcp executable', () => {
  it.each([[['--help']], [['run', '--help']], [['dev', '--help']], [['install', '--help']]])(
    'rxmcp %j exits 0 with the usage',
    async (args) => {
      const { code, out } = await runBin(args);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: rxmcp /);
    },
  );

  it.each([['--version'], ['-v']])('rxmcp %s prints the version of its package.json', async (flag) => {
    const { code, out } = await runBin([flag]);
    expect(code).toBe(0);
    expect(out).toBe(
      `${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
  });

  it('exits non-zero on an unknown command, a missing file and a module without a server', async () => {
    const unknown = await runBin(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown command: frobnicate/);
    const missing = await runBin(['dev', 'no/such/server.ts']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('rxmcp: Server file not found: no/such/server.ts\n');
    const empty = await runBin(['run', fixture('no-server.ts')]);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('does not export an McpServer');
  });

  it('install writes an entry that starts the server', async () => {
    const config = join(temp, 'runnable', 'claude_desktop_config.json');
    const { code } = await runBin(['install', everythingServer, '--config', config, '--env', 'RXMCP_SPEC=1']);
    expect(code).toBe(0);
    const entry = (
      JSON.parse(readFileSync(config, 'utf8')) as {
        mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }>;
      }
    ).mcpServers['rxmcp-everything-server']!;
    expect(entry.args).toEqual([binPath, 'run', resolve(root, everythingServer)]);
    // Claude Desktop starts it from anywhere: the entry must not depend on the working directory.
    const client = new Client({ name: 'installed-entry', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: entry.command,
        args: entry.args,
        env: entry.env,
        cwd: tmpdir(),
        stderr: 'pipe',
      }),
    );
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'rxmcp-everything-server' });
      expect((await client.listTools()).tools).toHaveLength(EVERYTHING_TOOLS.length);
    } finally {
      await client.close();
    }
  });

  it('run --port --cors answers preflights of the named origins, refuses others with 403 and says so on stderr', async () => {
    const app = 'http://localhost:5173';
    const served = await serveEverythingCli(['--cors', app, '--cors', 'https://app.example.com']);
    try {
      expect(served.stderr).toContain(`CORS origins     ${app}, https://app.example.com`);
      const mcp = `${served.url}/mcp`;
      const preflight = await send(mcp, 'OPTIONS', {
        origin: app,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,mcp-protocol-version',
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': app,
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      });
      const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      const initialize = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'page', version: '1' } },
      });
      const post = await send(mcp, 'POST', { ...json, origin: 'https://app.example.com' }, initialize);
      expect(post.status).toBe(200);
      expect(post.headers['access-control-allow-origin']).toBe('https://app.example.com');
      expect(post.headers['access-control-expose-headers']).toContain('Mcp-Session-Id');
      expect(post.headers['mcp-session-id']).toBeTruthy();
      expect((await send(mcp, 'POST', { ...json, origin: 'https://evil.example' }, initialize)).status).toBe(403);
      await until(
        () => served.stderr.includes('refused POST /mcp from origin https://evil.example (403 Invalid Origin header'),
        'the refusal on stderr',
        30_000,
      );
    } finally {
      await served.stop();
    }
    // Starting the CLI (tsx loading the server file) takes most of it on a loaded machine.
  }, 90_000);

  it('run --port serves Streamable HTTP at /mcp and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [binPath, 'run', everythingServer, '--port', String(port)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        const timer = setTimeout(() => reject(new Error(`no URL on stderr within 25 s: ${stderr}`)), 25_000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /Streamable HTTP\s+(\S+)/.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        void exited.then(() => reject(new Error(`exited before serving: ${stderr}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${port}/mcp`);

      const client = new Client({ name: 'cli-http', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      expect(client.getServerVersion()).toMatchObject({ name: 'rxmcp-everything-server' });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...EVERYTHING_TOOLS].sort());

      // Stop it while the session is still open: shutting down must close it.
      child.kill('SIGTERM');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const exit = await Promise.race([
        exited,
        new Promise((done) => (timer = setTimeout(done, 5000, 'still running'))),
      ]);
      clearTimeout(timer);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(stdout).toBe('');
      await client.close().catch(() => undefined);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
