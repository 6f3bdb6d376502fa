/**
 * The interop matrix: every pairing of client and server implementation (the official TypeScript
 * SDK, the official Python SDK and rxmcp) over every transport both sides speak, each cell running
 * the same checks (tools, progress, logging, sampling, cancellation, resources, prompts; see
 * `checks.ts`) against the same fixture server (`fixtures/rxmcp-server.ts`, `fixtures/sdk-server.ts`,
 * `fixtures/python-server.py`). The Python client runs its own battery against the everything
 * server (`fixtures/python-client.py`, asserted in `python-checks.ts`).
 *
 * | client → server             | stdio | Streamable HTTP | legacy SSE | WebSocket | memory |
 * |-----------------------------|-------|-----------------|------------|-----------|--------|
 * | official SDK → rxmcp        |   ✓   |        ✓        |     ✓      |     ✓     |   –    |
 * | official Python SDK → rxmcp |   ✓²  |        ✓²       |     –      |    –¹     |   –    |
 * | rxmcp → official SDK        |   ✓   |        ✓        |     ✓      |    –¹     |   –    |
 * | rxmcp → official Python SDK |   ✓   |        ✓        |     –      |    –¹     |   –    |
 * | rxmcp → rxmcp               |   ✓   |        ✓        |     ✓      |     ✓     |   ✓    |
 *
 * ¹ the official SDKs have no WebSocket server transport (and the Python one no WebSocket client).
 * ² against `demo/everything-server.ts` under the built CLI (`rxmcp run`, `--port` for HTTP).
 * stdio servers: rxmcp's fixture runs under the CLI (`rxmcp run`, from source through tsx), the
 * SDK's on its `StdioServerTransport`, the Python one on `MCPServer.run("stdio")`.
 *
 * The Python SDK (PyPI `mcp`, pinned in `fixtures/requirements.txt`) runs from `.venv`, which
 * `npm run setup:python` creates (`npm test` runs it first); without it the Python cells fail,
 * naming that command. Each cell starts its server once (stdio servers as child processes, HTTP
 * servers on 127.0.0.1:0) and closes everything in `afterAll`.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import type { Transport as SdkTransport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { filter, firstValueFrom, lastValueFrom } from 'rxjs';
import { WebSocket as NodeWebSocket } from 'ws';
import { McpClient } from '../../lib/client/index.js';
import { createNodeWebSocketClientTransport } from '../../lib/node/clients/index.js';
import {
  createStdioClientTransport,
  type StdioClientTransport as RxmcpStdioTransport,
} from '../../lib/node/stdio/index.js';
import { createSseClientTransport, createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';
import type { Transport } from '../../lib/transport/transport.js';
import { answerSampling, rxmcpClientChecks, sdkClientChecks, type Opened, type SdkOpened } from './checks.js';
import { createRxmcpInteropServer, RXMCP_SERVER_NAME } from './fixtures/rxmcp-server.js';
import { SDK_SERVER_NAME } from './fixtures/sdk-server.js';
import {
  hostPython,
  hostRxmcp,
  hostSdk,
  PYTHON_SERVER_NAME,
  pythonStdio,
  RXMCP_STDIO,
  SDK_STDIO,
  type HttpHost,
  type StdioCommand,
} from './hosts.js';
import { pythonClientChecks, pythonModernClientChecks, runPythonClient, type PythonReport } from './python-checks.js';
import { ensureBuiltCli, everythingServer, serveEverythingCli } from '../everything/built-cli.js';

type Side = 'official SDK' | 'official Python SDK' | 'rxmcp';

interface Cell<O> {
  server: Side;
  transport: string;
  /** Starts the server and connects a client; `close` ends both. */
  open(): Promise<O>;
}

const serverName = (side: Side) =>
  ({ rxmcp: RXMCP_SERVER_NAME, 'official SDK': SDK_SERVER_NAME, 'official Python SDK': PYTHON_SERVER_NAME })[side];

// ─── official SDK client ────────────────────────────────────────────────────────────────────────

/** Connects an SDK client over `transport`; closing it also runs `after` and closes `host`. */
async function connectSdk(
  transport: SdkTransport,
  host?: HttpHost,
  after?: () => void,
  stderr?: string[],
): Promise<SdkOpened> {
  const client = new Client({ name: 'sdk-interop-client', version: '1.0.0' }, { capabilities: { sampling: {} } });
  const errors: Error[] = [];
  const close = async () => {
    await client.close();
    after?.();
    await host?.close();
  };
  try {
    await client.connect(transport);
  } catch (error) {
    await close();
    throw withStderr(error, stderr);
  }
  client.onerror = (error) => void errors.push(error);
  return { client, errors, close };
}

/** Adds what a stdio child wrote on stderr to a failure to connect. */
function withStderr(error: unknown, stderr: string[] | undefined): unknown {
  if (!stderr?.length || !(error instanceof Error)) return error;
  return new Error(`${error.message}\nserver stderr:\n${stderr.join('\n')}`, { cause: error });
}

function sdkStdio({ command, args, cwd }: StdioCommand): Promise<SdkOpened> {
  const transport = new StdioClientTransport({ command, args, cwd, stderr: 'pipe' });
  const stderr: string[] = [];
  transport.stderr?.on('data', (chunk: Buffer) => void stderr.push(String(chunk)));
  return connectSdk(transport, undefined, undefined, stderr);
}

/** The SDK's WebSocketClientTransport needs a global `WebSocket`, which Node 20 lacks: lend it `ws`'s. */
async function sdkWebSocket(host: HttpHost): Promise<SdkOpened> {
  const scope = globalThis as { WebSocket?: unknown };
  const had = 'WebSocket' in scope;
  const previous = scope.WebSocket;
  if (!had) scope.WebSocket = NodeWebSocket;
  const restore = () => {
    if (!had) delete scope.WebSocket;
    else scope.WebSocket = previous;
  };
  return connectSdk(new WebSocketClientTransport(new URL(`${host.url.replace(/^http/, 'ws')}/ws`)), host, restore);
}

const sdkClientCells: Cell<SdkOpened>[] = [
  { server: 'rxmcp', transport: 'stdio (rxmcp run)', open: () => sdkStdio(RXMCP_STDIO) },
  {
    server: 'rxmcp',
    transport: 'Streamable HTTP',
    open: async () => {
      const host = await hostRxmcp();
      return connectSdk(new StreamableHTTPClientTransport(new URL(`${host.url}/mcp`)), host);
    },
  },
  {
    server: 'rxmcp',
    transport: 'legacy HTTP+SSE',
    open: async () => {
      const host = await hostRxmcp();
      return connectSdk(new SSEClientTransport(new URL(`${host.url}/sse`)), host);
    },
  },
  { server: 'rxmcp', transport: 'WebSocket', open: async () => sdkWebSocket(await hostRxmcp()) },
];

// ─── rxmcp client ───────────────────────────────────────────────────────────────────────────────

/** Connects an McpClient made with `factory`; closing it waits for the connection to end, then runs `cleanup`. */
async function connectRxmcp(
  factory: () => Transport,
  cleanup: () => Promise<void> = async () => undefined,
  stderr?: string[],
): Promise<Opened<McpClient>> {
  const client = new McpClient(factory, {
    clientInfo: { name: 'rxmcp-interop-client', version: '1.0.0' },
    handlers: { sampling: answerSampling },
  });
  const connection = client.connect();
  const close = async () => {
    connection.unsubscribe();
    await firstValueFrom(client.state$.pipe(filter((state) => state.status === 'closed' || state.status === 'idle')));
    await cleanup();
  };
  try {
    await firstValueFrom(client.connection$);
  } catch (error) {
    await close();
    throw withStderr(error, stderr);
  }
  return { client, close };
}

function rxmcpStdio({ command, args, cwd }: StdioCommand): Promise<Opened<McpClient>> {
  let transport: RxmcpStdioTransport | undefined;
  const stderr: string[] = [];
  return connectRxmcp(
    () => {
      transport = createStdioClientTransport({ command, args, cwd, stderr: 'pipe' });
      transport.stderr$.subscribe((line) => void stderr.push(line));
      return transport;
    },
    // stderr$ completes once the child is gone: no process outlives the cell.
    async () => void (transport && (await lastValueFrom(transport.stderr$, { defaultValue: undefined }))),
    stderr,
  );
}

async function rxmcpHttp(host: HttpHost, factory: (url: string) => Transport): Promise<Opened<McpClient>> {
  return connectRxmcp(
    () => factory(host.url),
    () => host.close(),
  );
}

const wsUrl = (url: string) => `${url.replace(/^http/, 'ws')}/ws`;

const rxmcpToSdkCells: Cell<Opened<McpClient>>[] = [
  { server: 'official SDK', transport: 'stdio', open: () => rxmcpStdio(SDK_STDIO) },
  {
    server: 'official SDK',
    transport: 'Streamable HTTP',
    open: async () => rxmcpHttp(await hostSdk(), (url) => createStreamableHttpClientTransport(`${url}/mcp`)),
  },
  {
    server: 'official SDK',
    transport: 'legacy HTTP+SSE',
    open: async () => rxmcpHttp(await hostSdk(), (url) => createSseClientTransport(`${url}/sse`)),
  },
];

const rxmcpToPythonCells: Cell<Opened<McpClient>>[] = [
  { server: 'official Python SDK', transport: 'stdio', open: async () => rxmcpStdio(pythonStdio()) },
  {
    server: 'official Python SDK',
    transport: 'Streamable HTTP',
    open: async () => rxmcpHttp(await hostPython(), (url) => createStreamableHttpClientTransport(`${url}/mcp`)),
  },
];

const rxmcpToRxmcpCells: Cell<Opened<McpClient>>[] = [
  {
    server: 'rxmcp',
    transport: 'WebSocket',
    open: async () => rxmcpHttp(await hostRxmcp(), (url) => createNodeWebSocketClientTransport(wsUrl(url))),
  },
  {
    server: 'rxmcp',
    transport: 'memory',
    open: () => {
      const server = createRxmcpInteropServer();
      return connectRxmcp(
        () => {
          const [clientSide, serverSide] = createMemoryTransportPair();
          server.connect(serverSide);
          return clientSide;
        },
        async () => server.close(),
      );
    },
  },
  { server: 'rxmcp', transport: 'stdio (rxmcp run)', open: () => rxmcpStdio(RXMCP_STDIO) },
  {
    server: 'rxmcp',
    transport: 'Streamable HTTP',
    open: async () => rxmcpHttp(await hostRxmcp(), (url) => createStreamableHttpClientTransport(`${url}/mcp`)),
  },
  {
    server: 'rxmcp',
    transport: 'legacy HTTP+SSE',
    open: async () => rxmcpHttp(await hostRxmcp(), (url) => createSseClientTransport(`${url}/sse`)),
  },
];

// ─── official Python SDK client ─────────────────────────────────────────────────────────────────

const pythonClientCells: Array<{ transport: string; run(): Promise<PythonReport> }> = [
  {
    transport: 'stdio (rxmcp run)',
    run: async () => runPythonClient(['--stdio', process.execPath, await ensureBuiltCli(), 'run', everythingServer]),
  },
  {
    transport: 'Streamable HTTP (rxmcp run --port)',
    run: async () => {
      const served = await serveEverythingCli();
      try {
        return await runPythonClient(['--url', `${served.url}/mcp`]);
      } finally {
        await served.stop();
      }
    },
  },
];

/** The same client in its 2026-07-28 mode (`--mode auto` negotiates it with server/discover). */
const pythonModernClientCells: typeof pythonClientCells = [
  {
    transport: 'stdio (rxmcp run)',
    run: async () =>
      runPythonClient(['--mode', 'auto', '--stdio', process.execPath, await ensureBuiltCli(), 'run', everythingServer]),
  },
  {
    transport: 'Streamable HTTP (rxmcp run --port)',
    run: async () => {
      const served = await serveEverythingCli();
      try {
        return await runPythonClient(['--mode', 'auto', '--url', `${served.url}/mcp`]);
      } finally {
        await served.stop();
      }
    },
  },
];

// ─── the matrix ─────────────────────────────────────────────────────────────────────────────────

describe('interop matrix', () => {
  describe.each(sdkClientCells)('official SDK client → $server server over $transport', (cell) => {
    sdkClientChecks(() => cell.open(), serverName(cell.server));
  });

  describe.each(pythonClientCells)('official Python SDK client → rxmcp everything server over $transport', (cell) => {
    pythonClientChecks(() => cell.run());
  });

  describe.each(pythonModernClientCells)(
    'official Python SDK client (2026-07-28) → rxmcp everything server over $transport',
    (cell) => {
      pythonModernClientChecks(() => cell.run());
    },
  );

  describe.each([...rxmcpToSdkCells, ...rxmcpToPythonCells, ...rxmcpToRxmcpCells])(
    'rxmcp client → $server server over $transport',
    (cell) => {
      rxmcpClientChecks(() => cell.open(), serverName(cell.server));
    },
  );
});
