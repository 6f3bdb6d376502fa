/**
 * @module
 * Serving MCP over WebSocket on an existing `http.Server`: the upgrade at one path, the `mcp`
 * subprotocol, the Host / Origin check (CORS origins pass it), one session per connection.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SchedulerLike, Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import type * as Ws from 'ws';
import type { AuthInfo } from '../../auth/server/auth-info.js';
import { TOKEN_EXPIRED_CLOSE_CODE, TOKEN_EXPIRED_CLOSE_REASON, tokenExpiry } from '../../auth/server/token-expiry.js';
import { unrefScheduler } from '../http/unref-scheduler.js';
import { loadPeer } from '../optional-peer.js';
import type { ConnectableServer, ServerTransportInfo } from '../../server/connectable.js';
import { createAccessGate, type AccessGateOptions } from '../../server/http/access-gate.js';
import { hostLimits, type HostLimitOptions } from '../../server/http/host-limits.js';
import { createWebSocketServerTransport } from './server-transport.js';
import { checkNodeRequest, requestFactsOf } from '../http/protect.js';
import { guardOf, type McpAuthOption } from '../../server/http/protect.js';

/** The WebSocket subprotocol of MCP. */
export const MCP_SUBPROTOCOL = 'mcp';

/** Options of {@link createMcpWebSocketHandler} and {@link attachMcpWebSocket}. */
export interface McpWebSocketOptions extends AccessGateOptions, HostLimitOptions {
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
  /**
   * The largest frame accepted, in bytes (larger closes the connection with 1009).
   *
   * @deprecated use `limits.maxMessageBytes`
   * @defaultValue 4 MiB
   */
  maxMessageBytes?: number;
  /**
   * Protect the upgrade with OAuth (a resource guard, or its options): the upgrade request needs a
   * valid access token (else 401 / 403 with `WWW-Authenticate`), and every handler of the
   * connection sees its identity as `ctx.auth`. When the token expires the connection is closed
   * with code {@link TOKEN_EXPIRED_CLOSE_CODE} (4401), so the client upgrades again with a fresh
   * one (see `tokenExpiry` for why a close rather than JSON-RPC errors). @defaultValue unprotected
   */
  auth?: McpAuthOption;
  /** The clock of token expiry. @defaultValue Node timers that never keep the process alive */
  scheduler?: SchedulerLike;
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
  /** Bytes sent on open connections and not yet written (see `limits.highWaterBytes` and `maxQueuedBytes`). */
  readonly queuedBytes: number;
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
export function createMcpWebSocketHandler(
  server: ConnectableServer,
  options: McpWebSocketOptions = {},
): McpWebSocketHandler {
  const path = options.path ?? '/ws';
  const sockets = new Map<WebSocket, Subscription>();
  const gate = createAccessGate(options);
  const resourceGuard = options.auth && guardOf(options.auth);
  const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxMessageBytes });
  const { WebSocketServer } = loadPeer<typeof Ws>('ws', 'createMcpWebSocketHandler');
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
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
      if (budget.used >= budget.max) {
        refuseUpgrade(socket, '503 Service Unavailable', {}, `Limit reached: maxSessions (${budget.max})`);
        return true;
      }
      const upgrade = (auth?: AuthInfo) =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          // Taken once the handshake has succeeded (a failed one has no close to give it back).
          if (!budget.tryAcquire()) {
            ws.close(1013, `Limit reached: maxSessions (${budget.max})`);
            return;
          }
          const transport = createWebSocketServerTransport(ws, {
            pingInterval: options.pingInterval,
            stream: socket,
            highWaterBytes: limits.highWaterBytes,
            maxQueuedBytes: limits.maxQueuedBytes,
          });
          const facts = requestFactsOf(req);
          const info: ServerTransportInfo = { requestFacts: () => facts };
          const connection = server.connect({ inbound$: transport.inbound$, outbound: transport.outbound, info });
          sockets.set(ws, connection);
          // The token was checked once, at the upgrade: the connection lasts as long as it does.
          if (auth)
            connection.add(
              tokenExpiry(auth, options.scheduler ?? unrefScheduler).subscribe(() =>
                ws.close(TOKEN_EXPIRED_CLOSE_CODE, TOKEN_EXPIRED_CLOSE_REASON),
              ),
            );
          ws.once('close', () => {
            budget.release();
            sockets.delete(ws);
            connection.unsubscribe();
          });
        });
      if (!resourceGuard) upgrade();
      else {
        checkNodeRequest(resourceGuard, server, req, undefined).then(
          (outcome) =>
            outcome?.type === 'allow'
              ? upgrade(outcome.auth)
              : outcome &&
                refuseUpgrade(
                  socket,
                  `${outcome.status} ${outcome.status === 403 ? 'Forbidden' : 'Unauthorized'}`,
                  outcome.headers,
                ),
          () => refuseUpgrade(socket, '500 Internal Server Error'),
        );
      }
      return true;
    },
    get connectionCount() {
      return sockets.size;
    },
    get queuedBytes() {
      let bytes = 0;
      for (const ws of sockets.keys()) bytes += ws.bufferedAmount;
      return bytes;
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
export function attachMcpWebSocket(
  httpServer: Server,
  server: ConnectableServer,
  options: McpWebSocketOptions = {},
): McpWebSocketHandler {
  const handler = createMcpWebSocketHandler(server, options);
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    void handler.handleUpgrade(req, socket, head);
  httpServer.on('upgrade', onUpgrade);
  return {
    handleUpgrade: handler.handleUpgrade,
    get connectionCount() {
      return handler.connectionCount;
    },
    get queuedBytes() {
      return handler.queuedBytes;
    },
    close() {
      httpServer.off('upgrade', onUpgrade);
      handler.close();
    },
  };
}

/**
 * Answers an HTTP upgrade request with `status` (such as `'404 Not Found'`) and an optional
 * plain-text `reason` as its body, and closes the socket.
 *
 * @example
 * server.on('upgrade', (req, socket, head) => handler.handleUpgrade(req, socket, head) || refuseUpgrade(socket, '404 Not Found'));
 */
export function refuseUpgrade(
  socket: Duplex,
  status: string,
  headers: Readonly<Record<string, string>> = {},
  reason = '',
): void {
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const body = Buffer.from(reason);
  const type = reason ? 'Content-Type: text/plain\r\n' : '';
  socket.end(
    `HTTP/1.1 ${status}\r\n${extra}Connection: close\r\n${type}Content-Length: ${body.length}\r\n\r\n${reason}`,
  );
  socket.destroy();
}
