/**
 * Where the interop fixtures run: rxmcp's `serveMcp` (Streamable HTTP, legacy SSE, WebSocket on
 * one port), an express host of the official SDK's server transports (Streamable HTTP at `/mcp`,
 * legacy SSE at `/sse` + `/messages`), the Python fixture on the Python SDK's Streamable HTTP
 * (`/mcp`, in a child process), and the commands that run each fixture as a stdio child.
 * Everything binds 127.0.0.1 on an ephemeral port.
 */
import { resolve } from 'node:path';
import express from 'express';
import type { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { serveMcp } from '../../lib/node/http/index.js';
import { spawnServing } from '../support/serving-child.js';
import { type ConnectSdkServer, listenLocal, mountLegacySse, mountStreamableHttp } from '../support/sdk-hosting.js';
import { createRxmcpInteropServer } from './fixtures/rxmcp-server.js';
import { createSdkInteropServer, type SdkFixtureState } from './fixtures/sdk-server.js';
import { pythonEnv, pythonEnvProblem } from './python-env.js';

export const ROOT = resolve(__dirname, '../..');
const fixture = (name: string) => resolve(__dirname, 'fixtures', name);

/** A command line that runs a fixture server over stdio. */
export interface StdioCommand {
  command: string;
  args: string[];
  cwd: string;
}

/** The rxmcp fixture served by the CLI (`rxmcp run`), from source through tsx. */
export const RXMCP_STDIO: StdioCommand = {
  command: process.execPath,
  args: ['--import', 'tsx', resolve(ROOT, 'lib/node/cli/bin.ts'), 'run', fixture('rxmcp-server.ts')],
  cwd: ROOT,
};

/** The official SDK fixture on the SDK's `StdioServerTransport`. */
export const SDK_STDIO: StdioCommand = {
  command: process.execPath,
  args: ['--import', 'tsx', fixture('sdk-server.ts'), '--stdio'],
  cwd: ROOT,
};

/** The Python interop fixture's name (`SERVER_NAME` in `fixtures/python-server.py`). */
export const PYTHON_SERVER_NAME = 'python-interop';

/** Fails, naming the setup command, when the Python SDK's `.venv` is missing or stale. */
export function requirePythonEnv(): string {
  const problem = pythonEnvProblem(ROOT);
  if (problem) throw new Error(problem);
  return pythonEnv(ROOT).python;
}

/** The Python fixture on the Python SDK's stdio server (checks the venv first). */
export function pythonStdio(): StdioCommand {
  return { command: requirePythonEnv(), args: [fixture('python-server.py'), '--stdio'], cwd: ROOT };
}

/** A server listening on 127.0.0.1. */
export interface HttpHost {
  /** e.g. `http://127.0.0.1:41234`; endpoints are below it. */
  readonly url: string;
  close(): Promise<void>;
}

/** The rxmcp fixture behind `serveMcp`: `/mcp`, `/sse`, `/ws`. */
export function hostRxmcp(): Promise<HttpHost> {
  return serveMcp(createRxmcpInteropServer(), { port: 0, host: '127.0.0.1' });
}

/**
 * The official SDK fixture behind express: a stateful Streamable HTTP endpoint at `/mcp` and the
 * legacy HTTP+SSE endpoints `/sse` and `/messages`, one SDK McpServer per session.
 */
export function hostSdk(): Promise<HttpHost> {
  const state: SdkFixtureState = { cancellations: 0 };
  const streamable = new Map<string, StreamableHTTPServerTransport>();
  const legacy = new Map<string, SSEServerTransport>();
  const connect: ConnectSdkServer = (transport) => createSdkInteropServer(state).connect(transport);
  const app = express();
  mountStreamableHttp(app, '/mcp', streamable, connect);
  mountLegacySse(app, legacy, connect);
  return listenLocal(app, () => [...streamable.values(), ...legacy.values()]);
}

/** The Python fixture on the Python SDK's Streamable HTTP server (uvicorn), endpoint `/mcp`. */
export async function hostPython(): Promise<HttpHost> {
  const served = await spawnServing(requirePythonEnv(), [fixture('python-server.py'), '--http'], ROOT);
  return { url: served.url, close: () => served.stop() };
}
