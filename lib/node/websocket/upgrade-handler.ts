/**
 * @module
 * Serving MCP over WebSocket on an existing `http.Server`: the upgrade at one path, the `mcp`
 * subprotocol, the Host / Origin check (CORS origins pass it), one session per connection.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Subscription } from 'rxjs';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConnectableServer } from '../../server/connectable.js';
import { createAccessGate, type AccessGateOptions } from '../../server/http/access-gate.js';
import { createWebSocketServerTransport } from './server-transport.js';

/** The WebSocket subprotocol of MCP. */
export const MCP_SUBPROTOCOL = 'mcp';

/** Options of {@link createMcpWebSocketHandler} and {@link attachMcpWebSocket}. */
export interface McpWebSocketOptions extends AccessGateOptions {
  /** The path upgraded to WebSocket. @defaultValue '/ws' */
  path?: string;
  /**
   * Refuse (400) clients that do not offer the `mcp` subprotocol. When off, such clients are
   * still served (without a subprotocol); clients offering only other subprotocols always fail
   * the handshake, as the WebSocket protocol requires.
   *
   * @defaultValue false
   */
  requireSubprotocol?: boolean;
  /** Milliseconds between pings; unresponsive peers are terminated. 0 disables. @defaultValue 30 000 */
  pingInterval?: number;
  /** The largest frame accepted, in bytes (larger closes the connection with 1009). @defaultValue 4 MiB */
  maxMessageBytes?: number;
}

/** Serves WebSocket upgrades. Create with {@link createMcpWebSocketHandler}. */
export interface McpWebSocketHandler {
  /**
   * Handles an `upgrade` event if it targets the handler's path, returning `true`; returns
   * `false` (touching nothing) otherwise.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** The number of open connections. */
  readonly connectionCount: number;
  /** Closes every connection (code 1001) and the underlying `WebSocketServer`. */
  close(): void;
}

/**
 * Creates a WebSocket endpoint serving `server`, for an `http.Server`'s `upgrade` event.
 *
 * @example
 * const ws = createMcpWebSocketHandler(server);
 * httpServer.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head) || socket.destroy());
 */
export function createMcpWebSocketHandler(server: ConnectableServer, options: McpWebSocketOptions = {}): McpWebSocketHandler {
  const path = options.path ?? '/ws';
  const sockets = new Map<WebSocket, Subscription>();
  const gate = createAccessGate(options);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? 4 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(MCP_SUBPROTOCOL) ? MCP_SUBPROTOCOL : false),
  });

  return {
    handleUpgrade(req, socket, head) {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return false;
      if (gate({ method: 'GET', url: req.url ?? '/', headers: req.headers }).type === 'refuse') {
        refuseUpgrade(socket, '403 Forbidden');
        return true;
      }
      const offered = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((protocol) => protocol.trim());
      if (options.requireSubprotocol && !offered.includes(MCP_SUBPROTOCOL)) {
        refuseUpgrade(socket, '400 Bad Request');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const connection = server.connect(createWebSocketServerTransport(ws, { pingInterval: options.pingInterval, stream: socket }));
        sockets.set(ws, connection);
        ws.once('close', () => {
          sockets.delete(ws);
          connection.unsubscribe();
        });
      });
      return true;
    },
    get connectionCount() {
      return sockets.size;
    },
    close() {
      for (const [ws, connection] of sockets) {
        ws.close(1001);
        connection.unsubscribe();
        // A peer that never answers the closing handshake is cut off.
        setTimeout(() => ws.terminate(), 1000).unref();
      }
      sockets.clear();
      wss.close();
    },
  };
}

/**
 * Serves MCP over WebSocket on `httpServer` at `options.path`, leaving other upgrade paths to
 * other listeners. Returns a handle whose `close()` closes every connection and removes the
 * listener.
 *
 * @example
 * const httpServer = app.listen(3000, '127.0.0.1');
 * const ws = attachMcpWebSocket(httpServer, server);
 */
export function attachMcpWebSocket(httpServer: Server, server: ConnectableServer, options: McpWebSocketOptions = {}): McpWebSocketHandler {
  const handler = createMcpWebSocketHandler(server, options);
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void handler.handleUpgrade(req, socket, head);
  httpServer.on('upgrade', onUpgrade);
  return {
    handleUpgrade: handler.handleUpgrade,
    get connectionCount() {
      return handler.connectionCount;
    },
    close() {
      httpServer.off('upgrade', onUpgrade);
      handler.close();
    },
  };
}

/**
 * Answers an HTTP upgrade request with `status` (such as `'404 Not Found'`) and closes the socket.
 *
 * @example
 * server.on('upgrade', (req, socket, head) => handler.handleUpgrade(req, socket, head) || refuseUpgrade(socket, '404 Not Found'));
 */
export function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
