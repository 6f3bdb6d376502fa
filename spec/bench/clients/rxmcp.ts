// rxmcp's client driver: `McpClient` over rxmcp's transport for each cell. The connection is held
// open with `client.connect()`; each call is the cold `client.callTool(…)` turned into a Promise
// with `firstValueFrom` (the measuring loop is shared by all drivers).
import { firstValueFrom, Subject } from 'rxjs';
// rxmcp's public entry points, as users import them ('rxmcp' and 'rxmcp/node').
import { createMemoryTransportPair, McpClient, type JSONRPCMessage, type Transport } from 'rxmcp';
import {
  createNodeSseClientTransport,
  createNodeStreamableHttpClientTransport,
  createNodeWebSocketClientTransport,
  createStdioClientTransport,
} from 'rxmcp/node';
import { ECHO_TOOL, MODERN_PROTOCOL_VERSION } from '../support/common.js';
import { runDriver, type BenchConnection } from '../support/driver.js';
import { MODERN_TRANSPORTS, programImpl, type DriverConfig } from '../support/types.js';
import type { InProcessServer } from '../servers/in-process.js';

async function transportFor(config: DriverConfig): Promise<Transport> {
  switch (config.transport) {
    case 'memory':
      return memoryTransport(config);
    case 'stdio':
    case 'stdio-2026':
      return createStdioClientTransport({ command: config.serverCommand!.command, args: config.serverCommand!.args });
    case 'ws':
      return createNodeWebSocketClientTransport(config.url!);
    case 'http-sse':
    case 'http-json':
    case 'http-2026':
      return createNodeStreamableHttpClientTransport(config.url!);
    case 'sse':
      return createNodeSseClientTransport(config.url!);
    default:
      throw new Error(`no ${config.transport} cell for this client`);
  }
}

/** rxmcp's memory pair with an rxmcp server; otherwise a Transport on the in-process bridge. */
async function memoryTransport(config: DriverConfig): Promise<Transport> {
  // rxmcp's own pair also for `rxmcp@<rev> → rxmcp@<rev>`: 'rxmcp' resolves to that build here.
  if (programImpl(config.server) === 'rxmcp') {
    const { serveRxmcp } = await import('../servers/rxmcp-memory.js');
    const [clientSide, serverSide] = createMemoryTransportPair();
    serveRxmcp(serverSide);
    return clientSide;
  }
  const { serveInProcess } = (await import(`../servers/${config.server}-memory.js`)) as {
    serveInProcess: InProcessServer;
  };
  const inbound = new Subject<JSONRPCMessage>();
  const connection = await serveInProcess((message) => inbound.next(message as JSONRPCMessage));
  return {
    inbound$: inbound.asObservable(),
    outbound: {
      next: (message) => connection.send(message),
      error: () => connection.close(),
      complete: () => {
        connection.close();
        inbound.complete();
      },
    },
  };
}

async function connect(config: DriverConfig): Promise<BenchConnection> {
  const transport = await transportFor(config);
  // Pinned to 2026-07-28 on the `*-2026` cells (no probe round trip), the 2025 handshake otherwise.
  const modern = MODERN_TRANSPORTS.includes(config.transport);
  const client = new McpClient(() => transport, {
    clientInfo: { name: 'rxmcp-bench-client', version: '1.0.0' },
    versionNegotiation: modern ? { pin: MODERN_PROTOCOL_VERSION } : 'legacy',
  });
  const hold = client.connect();
  const server = await firstValueFrom(client.connection$);
  if (modern && server.protocolVersion !== MODERN_PROTOCOL_VERSION)
    throw new Error(`rxmcp client: negotiated ${server.protocolVersion}`);
  return {
    call: async (text) => {
      const result = await firstValueFrom(client.callTool({ name: ECHO_TOOL, arguments: { text } }));
      return (result.content[0] as { text: string }).text;
    },
    // Releasing the last holder closes the transport (stdio: ends the child's stdin; Streamable
    // HTTP: DELETE; WebSocket: close frame; legacy SSE: aborts the stream).
    close: async () => hold.unsubscribe(),
    serverPid: (transport as { pid?: number }).pid,
  };
}

runDriver(connect);
