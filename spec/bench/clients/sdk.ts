// The official SDK's client driver: `Client` + the SDK's transport for each cell, `callTool`.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { WebSocket } from 'ws';
import { ECHO_TOOL } from '../support/common.js';
import { runDriver, type BenchConnection } from '../support/driver.js';
import type { DriverConfig } from '../support/types.js';
import type { InProcessServer } from '../servers/in-process.js';

// Node 20 has no global WebSocket (without --experimental-websocket); the SDK's client transport
// uses the global one, so give it `ws`'s (the same library the WebSocket servers run on).
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

async function transportFor(config: DriverConfig): Promise<Transport> {
  switch (config.transport) {
    case 'memory':
      return memoryTransport(config);
    case 'stdio':
      return new StdioClientTransport({
        command: config.serverCommand!.command,
        args: config.serverCommand!.args,
        stderr: 'inherit',
      });
    case 'ws':
      return new WebSocketClientTransport(new URL(config.url!));
    case 'http-sse':
    case 'http-json':
      return new StreamableHTTPClientTransport(new URL(config.url!));
    case 'sse':
      return new SSEClientTransport(new URL(config.url!));
    default:
      throw new Error(`no ${config.transport} cell for this client`);
  }
}

/** The SDK's InMemoryTransport with an SDK server; otherwise a Transport on the in-process bridge. */
async function memoryTransport(config: DriverConfig): Promise<Transport> {
  if (config.server === 'sdk') {
    const { createSdkServer } = await import('../servers/sdk-memory.js');
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createSdkServer().connect(serverSide);
    return clientSide;
  }
  const { serveInProcess } = (await import(`../servers/${config.server}-memory.js`)) as {
    serveInProcess: InProcessServer;
  };
  let connection: Awaited<ReturnType<InProcessServer>> | undefined;
  const transport: Transport = {
    start: async () => {
      connection = await serveInProcess((message) => transport.onmessage?.(message as JSONRPCMessage));
    },
    send: async (message) => connection!.send(message),
    close: async () => {
      connection?.close();
      transport.onclose?.();
    },
  };
  return transport;
}

async function connect(config: DriverConfig): Promise<BenchConnection> {
  const client = new Client({ name: 'sdk-bench-client', version: '1.0.0' });
  const transport = await transportFor(config);
  await client.connect(transport);
  return {
    call: async (text) => {
      const result = await client.callTool({ name: ECHO_TOOL, arguments: { text } });
      return (result.content as Array<{ text: string }>)[0].text;
    },
    close: async () => {
      if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession();
      await client.close();
    },
    serverPid: transport instanceof StdioClientTransport ? (transport.pid ?? undefined) : undefined,
  };
}

runDriver(connect);
