/**
 * A scripted MCP server peer for client specs: every transport the client's factory creates is
 * served by a fresh `createServerSession` with the handlers given, and everything the client
 * sends is recorded per connection.
 */
import { tap } from 'rxjs';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import type { ServerCapabilities } from '../../lib/protocol/index.js';
import type { RequestHandler } from '../../lib/session/session-api.js';
import { createServerSession, type ServerSession } from '../../lib/session/server-session.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';
import type { Transport } from '../../lib/transport/transport.js';

export const serverInfo = { name: 'peer', version: '1.0.0' };

export interface PeerOptions {
  capabilities?: ServerCapabilities;
  handlers?: Record<string, RequestHandler<any, any>>;
  instructions?: string;
  protocolVersions?: readonly string[];
}

/** One connection as the server saw it. */
export interface PeerConnection {
  readonly server: ServerSession;
  /** What the client sent on this connection, in order. */
  readonly received: JSONRPCMessage[];
  /** True once the client closed this connection's transport. */
  closed: boolean;
  /** The server side's transport, to fail or close it. */
  readonly transport: Transport;
}

export interface Peer {
  readonly factory: () => Transport;
  readonly connections: PeerConnection[];
  /** The latest connection. */
  readonly last: PeerConnection;
  /** Methods the client sent on connection `index` (default: the latest). */
  methods(index?: number): string[];
  /** Requests of `method` the client sent on every connection. */
  requests(method: string): Array<Record<string, unknown> | undefined>;
}

export function createPeer(options: PeerOptions = {}): Peer {
  const connections: PeerConnection[] = [];
  const factory = () => {
    const [clientSide, serverSide] = createMemoryTransportPair();
    const received: JSONRPCMessage[] = [];
    const connection: PeerConnection = {
      server: undefined as unknown as ServerSession,
      received,
      closed: false,
      transport: serverSide,
    };
    const recorded: Transport = {
      inbound$: serverSide.inbound$.pipe(
        tap({
          next: (message) => received.push(message as JSONRPCMessage),
          complete: () => (connection.closed = true),
        }),
      ),
      outbound: serverSide.outbound,
    };
    const server = createServerSession(recorded, {
      serverInfo,
      capabilities: options.capabilities ?? {},
      ...(options.instructions !== undefined && { instructions: options.instructions }),
      ...(options.protocolVersions !== undefined && { protocolVersions: options.protocolVersions }),
    });
    for (const [method, handler] of Object.entries(options.handlers ?? {})) server.setRequestHandler(method, handler);
    (connection as { server: ServerSession }).server = server;
    server.connect();
    connections.push(connection);
    return clientSide;
  };
  const methodsOf = (connection: PeerConnection | undefined) =>
    (connection?.received ?? []).flatMap((message) => ('method' in message ? [message.method] : []));
  return {
    factory,
    connections,
    get last() {
      return connections[connections.length - 1]!;
    },
    methods: (index) => methodsOf(index === undefined ? connections[connections.length - 1] : connections[index]),
    requests: (method) =>
      connections.flatMap((c) =>
        c.received.flatMap((message) =>
          'method' in message && 'id' in message && message.method === method ? [message.params] : [],
        ),
      ),
  };
}

/** A tool for specs. */
export const tool = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  inputSchema: { type: 'object' as const },
  ...extra,
});
