// The official SDK v2's client driver (`@modelcontextprotocol/client`): pinned to 2026-07-28 on
// the `*-2026` cells, its default legacy mode (the 2025 handshake) otherwise; `callTool`.
import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ECHO_TOOL, MODERN_PROTOCOL_VERSION } from '../support/common.js';
import { runDriver, type BenchConnection } from '../support/driver.js';
import { MODERN_TRANSPORTS, type DriverConfig } from '../support/types.js';

function transportFor(config: DriverConfig): Transport {
  switch (config.transport) {
    case 'stdio':
    case 'stdio-2026':
      return new StdioClientTransport({
        command: config.serverCommand!.command,
        args: config.serverCommand!.args,
        stderr: 'inherit',
      });
    case 'http-json':
    case 'http-2026':
      return new StreamableHTTPClientTransport(new URL(config.url!));
    default:
      throw new Error(`v2 client: no ${config.transport} cell`);
  }
}

async function connect(config: DriverConfig): Promise<BenchConnection> {
  const modern = MODERN_TRANSPORTS.includes(config.transport);
  const client = new Client(
    { name: 'v2-bench-client', version: '1.0.0' },
    { versionNegotiation: { mode: modern ? { pin: MODERN_PROTOCOL_VERSION } : 'legacy' } },
  );
  const transport = transportFor(config);
  await client.connect(transport);
  if (modern && client.getNegotiatedProtocolVersion() !== MODERN_PROTOCOL_VERSION)
    throw new Error(`v2 client: negotiated ${client.getNegotiatedProtocolVersion()}`);
  return {
    call: async (text) => {
      const result = await client.callTool({ name: ECHO_TOOL, arguments: { text } });
      return (result.content as Array<{ text: string }>)[0]!.text;
    },
    close: () => client.close(),
    serverPid: transport instanceof StdioClientTransport ? (transport.pid ?? undefined) : undefined,
  };
}

runDriver(connect);
