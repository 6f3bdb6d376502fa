// The everything server served by `rxmcp run … --port N`, checked by the official SDK's clients on
// every network transport: Streamable HTTP at /mcp, legacy HTTP+SSE at /sse, WebSocket at /ws.
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { createBatteryClient, everythingBattery } from './battery.js';
import { lendGlobalWebSocket } from '../support/global-websocket.js';
import { everythingCliAround } from './built-cli.js';

lendGlobalWebSocket();

const base = everythingCliAround();

const connectWith = (transport: () => ConstructorParameters<typeof Object>[0]) => async () => {
  const client = createBatteryClient();
  await client.connect(transport() as never);
  return client;
};

describe('everything server over Streamable HTTP (/mcp), official SDK client', () => {
  everythingBattery(connectWith(() => new StreamableHTTPClientTransport(new URL(`${base()}/mcp`))));
});

describe('everything server over legacy HTTP+SSE (/sse), official SDK client', () => {
  everythingBattery(connectWith(() => new SSEClientTransport(new URL(`${base()}/sse`))));
});

describe('everything server over WebSocket (/ws), official SDK client', () => {
  everythingBattery(connectWith(() => new WebSocketClientTransport(new URL(`${base().replace(/^http/, 'ws')}/ws`))));
});
