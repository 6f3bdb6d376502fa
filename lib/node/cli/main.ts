/**
 * @module
 * The `rxmcp` command line: `run`, `dev` and `install`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { jwtVerifier } from '../../auth/server/jwt-verifier.js';
import type { ResourceGuardOptions } from '../../auth/server/resource-guard.js';
import { corsPolicy } from '../../server/http/cors.js';
import { inspectorVersionFor } from './inspector-version.js';
import { installServer } from './install.js';
import { CliError, loadServer } from './load-server.js';
import { redirectConsoleToStderr } from '../stdio/index.js';
import { runStdio } from './run.js';
import { serveHttp } from './serve-http.js';
import { useRedis } from './use-redis.js';

const USAGE: Record<string, string> = {
  main: `Usage: rxmcp <command> [options]

Commands:
  run <server-file>      Serve a server module (default export an McpServer) over stdio, or HTTP with --port
  dev <server-file>      Open the MCP Inspector connected to the server
  install <server-file>  Add the server to Claude Desktop's configuration

Run 'rxmcp <command> --help' for a command's options; 'rxmcp --version' prints the version.`,
  run: `Usage: rxmcp run <server-file> [--port N] [--host H] [--cors ORIGIN ...] [--max-sessions N] [--redis URL] [--oauth-issuer URL [--oauth-audience AUD] [--oauth-scope S ...]]

Serves the module's default-exported McpServer.
  (no --port)    over stdio; exits when stdin closes
  --port N       over HTTP on one port: Streamable HTTP at /mcp, legacy SSE at /sse, WebSocket at /ws
  --host H       the interface to bind with --port (default 127.0.0.1)
  --cors ORIGIN  with --port: let a browser app at ORIGIN (e.g. http://localhost:5173) call the
                 server (repeatable; '*' lets any web page in, the Host check stays)
  --oauth-issuer URL    with --port: require OAuth access tokens, verified as JWTs against this
                        issuer's JWKS (from its metadata); the resource metadata names the issuer
  --oauth-audience AUD  with --oauth-issuer: the audience (and resource) tokens must name
                        (default: the server's own URL, e.g. http://127.0.0.1:3000/mcp)
  --oauth-scope S       with --oauth-issuer: a scope every token must carry (repeatable); named
                        in the 401 challenge and the resource metadata's scopes_supported, so
                        clients know what to ask for (default: none required, none advertised)
  --max-sessions N      with --port: open sessions over every transport together (default 10000);
                        more are refused with 503
  --redis URL           with --port: share state with every process on the same Redis
                        (redis://host:port), so several processes behind a load balancer serve
                        as one (needs ioredis)`,
  dev: `Usage: rxmcp dev <server-file>

Starts the official MCP Inspector (npx @modelcontextprotocol/inspector, the newest release that runs
on this Node) with the server over stdio.`,
  install: `Usage: rxmcp install <server-file> [--name NAME] [--config PATH] [--env KEY=VALUE ...]

Adds the server to Claude Desktop's claude_desktop_config.json, keeping existing entries.
  --name NAME     the entry's name (default: the server's serverInfo.name)
  --config PATH   the config file (default: Claude Desktop's for this platform)
  --env KEY=VALUE an environment variable for the server (repeatable)`,
};

const binPath = () => fileURLToPath(new URL('./bin.js', import.meta.url));
/** The package's version (lib/node/cli and dist/node/cli are both three levels below it). */
const version = () =>
  (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** The `serverInfo.name` of a loaded server, if it has one (an `McpServer` does). */
const serverName = (server: object) => (server as { info?: { name?: unknown } }).info?.name;

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.err.write(`${USAGE['main']}\n`);
      return 1;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out.write(`${USAGE['main']}\n`);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out.write(`${version()}\n`);
      return 0;
    }
    if (!(command in USAGE) || command === 'main')
      throw new CliError(`Unknown command: ${command}\n\n${USAGE['main']}`, 2);
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        cors: { type: 'string', multiple: true },
        'max-sessions': { type: 'string' },
        redis: { type: 'string' },
        name: { type: 'string' },
        config: { type: 'string' },
        env: { type: 'string', multiple: true },
        'oauth-issuer': { type: 'string' },
        'oauth-audience': { type: 'string' },
        'oauth-scope': { type: 'string', multiple: true },
      },
    });
    if (values.help) {
      io.out.write(`${USAGE[command]}\n`);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new CliError(`Missing <server-file>\n\n${USAGE[command]}`, 2);
    if (values.cors !== undefined && (command !== 'run' || values.port === undefined)) {
      throw new CliError(`--cors applies to rxmcp run --port only\n\n${USAGE['run']}`, 2);
    }
    if (values['max-sessions'] !== undefined && (command !== 'run' || values.port === undefined)) {
      throw new CliError(`--max-sessions applies to rxmcp run --port only\n\n${USAGE['run']}`, 2);
    }
    const cors = values.cors && corsOrigins(values.cors);
    const auth = oauthOption(
      values['oauth-issuer'],
      values['oauth-audience'],
      values['oauth-scope'],
      command === 'run' && values.port !== undefined,
    );
    if (values.redis !== undefined && (command !== 'run' || values.port === undefined)) {
      throw new CliError(`--redis applies to rxmcp run --port only\n\n${USAGE['run']}`, 2);
    }

    if (command === 'install') {
      const env = Object.fromEntries(
        (values.env ?? []).map((pair) => {
          const at = pair.indexOf('=');
          if (at <= 0) throw new CliError(`--env expects KEY=VALUE, got ${pair}`, 2);
          return [pair.slice(0, at), pair.slice(at + 1)];
        }),
      );
      const named = values.name ?? serverName(await loadServer(file));
      const name = typeof named === 'string' && named !== '' ? named : undefined;
      const done = installServer({ file, name, configPath: values.config, env, binPath: binPath() });
      io.err.write(`Added "${done.name}" to ${done.configPath}\n`);
      return 0;
    }
    if (command === 'dev') {
      await loadServer(file);
      return await new Promise<number>((resolve) => {
        const inspector = `@modelcontextprotocol/inspector@${inspectorVersionFor(process.version)}`;
        io.err.write(`rxmcp: starting ${inspector} (for Node ${process.version})\n`);
        const child = spawn('npx', ['-y', inspector, process.execPath, binPath(), 'run', file], { stdio: 'inherit' });
        child.on('error', (error) => {
          io.err.write(`rxmcp: could not start the MCP Inspector: ${error.message}\n`);
          resolve(1);
        });
        child.on('exit', (code) => resolve(code ?? 1));
      });
    }
    if (values.port !== undefined) {
      const port = Number(values.port);
      if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
        throw new CliError(`--port expects a port number, got '${values.port}'`, 2);
      }
      const maxSessions = values['max-sessions'] === undefined ? undefined : Number(values['max-sessions']);
      if (maxSessions !== undefined && !(Number.isInteger(maxSessions) && maxSessions > 0)) {
        throw new CliError(`--max-sessions expects a positive whole number, got '${values['max-sessions']}'`, 2);
      }
      const server = await loadServer(file);
      const shared = values.redis === undefined ? undefined : await useRedis(server, values.redis, io.err);
      await serveHttp(
        server,
        { port, host: values.host ?? '127.0.0.1', cors, auth, limits: { maxSessions }, shared: shared?.serving },
        io.err,
      );
      await shared?.release();
      return 0;
    }
    // stdout belongs to JSON-RPC from here on, even while the module loads and prints.
    const restoreConsole = redirectConsoleToStderr();
    try {
      await runStdio(await loadServer(file));
    } finally {
      restoreConsole();
    }
    return 0;
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : 1;
    io.err.write(`rxmcp: ${(error as Error).message}\n`);
    return exitCode;
  }
}

/** The `--cors` values, validated (an invalid origin is a usage error). */
function corsOrigins(origins: string[]): string[] {
  try {
    corsPolicy(origins);
  } catch (error) {
    throw new CliError(`--cors: ${(error as Error).message}`, 2);
  }
  return origins;
}

/** The `auth` option of `--oauth-issuer`, `--oauth-audience` and `--oauth-scope`, validated. */
function oauthOption(
  issuer: string | undefined,
  audience: string | undefined,
  scopes: string[] | undefined,
  served: boolean,
): ResourceGuardOptions | undefined {
  if (issuer === undefined) {
    if (audience !== undefined) throw new CliError(`--oauth-audience needs --oauth-issuer\n\n${USAGE['run']}`, 2);
    if (scopes !== undefined) throw new CliError(`--oauth-scope needs --oauth-issuer\n\n${USAGE['run']}`, 2);
    return undefined;
  }
  if (!served) throw new CliError(`--oauth-issuer applies to rxmcp run --port only\n\n${USAGE['run']}`, 2);
  if (!URL.canParse(issuer)) throw new CliError(`--oauth-issuer expects a URL, got '${issuer}'`, 2);
  const bad = scopes?.find((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope));
  if (bad !== undefined)
    throw new CliError(`--oauth-scope expects one scope token (no spaces or quotes), got '${bad}'`, 2);
  return {
    authorizationServers: [issuer],
    verify: jwtVerifier({ issuer }),
    resource: audience,
    audience,
    ...(scopes && { requiredScopes: scopes, scopesSupported: scopes }),
  };
}
