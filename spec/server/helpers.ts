/**
 * Shared set-up of the server specs: a server connected to a client session over the memory
 * transport, and the official 2025-11-25 JSON Schema as an oracle of what goes on the wire.
 */
import { firstValueFrom } from 'rxjs';
import type { ClientCapabilities } from '../../lib/protocol/lifecycle.js';
import type { McpServer } from '../../lib/server/mcp-server.js';
import { createClientSession, type ClientSession } from '../../lib/session/client-session.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';
import { createMcpTestScheduler, createFakeTransport, notification, request } from '../../lib/testing/index.js';
import { LATEST_PROTOCOL_VERSION } from '../../lib/protocol/versions.js';
import { officialAccepts, officialErrors } from '../protocol/oracle.js';

export const clientInfo = { name: 'spec-client', version: '1.0.0' };

/** A marble scheduler that asserts with jest's diffs. */
export const marbles = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Connects a client session to `server` over a memory pair (not yet initialized). */
export function connectClient(
  server: McpServer,
  capabilities: ClientCapabilities = {},
): { client: ClientSession; close: () => void } {
  const [clientTransport, serverTransport] = createMemoryTransportPair();
  const connection = server.connect(serverTransport);
  const client = createClientSession(clientTransport, { clientInfo, capabilities });
  const clientConnection = client.connect();
  return {
    client,
    close: () => {
      clientConnection.unsubscribe();
      connection.unsubscribe();
    },
  };
}

/** Connects and initializes a client session. */
export async function initializedClient(
  server: McpServer,
  capabilities: ClientCapabilities = {},
): Promise<ClientSession> {
  const { client } = connectClient(server, capabilities);
  await firstValueFrom(client.initialize());
  return client;
}

/** A request and its answer, as a Promise. */
export function call<R = any>(client: ClientSession, method: string, params?: Record<string, unknown>): Promise<R> {
  return firstValueFrom(client.request<R>(method, params));
}

/** A server on a fake transport that has been initialized by the "client" test code. */
export function fakeClient(server: McpServer, capabilities: ClientCapabilities = {}) {
  const fake = createFakeTransport();
  const connection = server.connect(fake.transport);
  fake.receive(request('init', 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities, clientInfo }));
  fake.receive(notification('notifications/initialized'));
  fake.sent.length = 0;
  fake.outbound.length = 0;
  return { fake, connection };
}

/** Asserts that the official 2025-11-25 schema accepts `value` as `#/$defs/<def>`. */
export function expectOfficial(def: string, value: unknown): void {
  if (!officialAccepts(def, value))
    throw new Error(`${def} rejected by the official schema: ${officialErrors(def)}\n${JSON.stringify(value)}`);
}
