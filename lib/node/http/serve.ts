/**
 * @module
 * One call to serve an MCP server over Streamable HTTP, legacy HTTP+SSE and WebSocket on one port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ConnectableServer } from '../../server/connectable.js';
import type { AccessGateOptions } from '../../server/http/access-gate.js';
import { protectsByDefault } from '../../server/http/dns-rebinding.js';
import { createMcpFetchHandler } from '../../server/http/fetch-handler.js';
import { createMcpWebSocketHandler, type McpWebSocketOptions, refuseUpgrade } from '../websocket/upgrade-handler.js';
import { hostLimits, type HostLimitOptions } from '../../server/http/host-limits.js';
import type { McpExpressAppOptions } from './express-app.js';
import { unrefScheduler } from './unref-scheduler.js';
import { serveAnswer } from './web-exchange.js';

/** Options of {@link serveMcp}. */
export interface ServeMcpOptions extends McpExpressAppOptions {
  /** The port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** The interface to bind. @defaultValue '127.0.0.1' */
  host?: string;
  /**
   * Serve WebSocket at `websocket.path` (default `/ws`); `false` turns it off. Host and Origin
   * checks follow `dnsRebindingProtection`, `allowedHosts`, `allowedOrigins` and `cors`.
   *
   * @defaultValue `{}`
   */
  websocket?: Omit<McpWebSocketOptions, keyof AccessGateOptions | keyof HostLimitOptions> | false;
  /**
   * Tried before the endpoints on every HTTP request; returning `true` means it has taken the
   * request (e.g. `rxmcp/redis` forwarding a session's request to the node that holds it). It may
   * still hand the request to the endpoints later with `next` (a session it took over).
   */
  intercept?: (req: IncomingMessage, res: ServerResponse, next: () => void) => boolean;
}

/** A running MCP HTTP server. */
export interface McpHttpServer {
  /** The base URL, e.g. `http://127.0.0.1:3000` (endpoints: `/mcp`, `/sse`, `/ws`). */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** The underlying `node:http` server. */
  readonly httpServer: Server;
  /** Open sessions over every transport (WebSocket connections included). */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams and WebSockets and not yet sent. */
  readonly queuedBytes: number;
  /** Closes every session, stream and connection, then the listening socket. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server for `server`: Streamable HTTP at `/mcp`, legacy HTTP+SSE at `/sse` and
 * `/messages` (the fetch handler of `createMcpFetchHandler` on `node:http`), and WebSocket
 * (subprotocol `mcp`) at `/ws`, all on one port. The three share one budget of
 * `limits.maxSessions`; the `node:http` server gets `limits.headersTimeout` and a
 * `requestTimeout` of `headersTimeout + bodyTimeout` (both enforced, checked every second).
 *
 * @example
 * const { url, close } = await serveMcp(server, { port: 3000, cors: ['http://localhost:5173'] });
 * console.log(`MCP at ${url}/mcp`);
 * process.on('SIGINT', () => void close());
 */
export async function serveMcp(server: ConnectableServer, options: ServeMcpOptions = {}): Promise<McpHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const protection = options.dnsRebindingProtection ?? protectsByDefault(host, options.allowedHosts);
  const { limits, budget } = hostLimits(server, options);
  const handler = createMcpFetchHandler(server, {
    scheduler: unrefScheduler,
    ...options,
    dnsRebindingProtection: protection,
    sessionBudget: budget,
  });
  const ws =
    options.websocket === false
      ? undefined
      : createMcpWebSocketHandler(server, {
          ...options.websocket,
          limits: options.limits,
          sessionBudget: budget,
          dnsRebindingProtection: protection,
          allowedHosts: options.allowedHosts,
          allowedOrigins: options.allowedOrigins,
          cors: options.cors,
          logger: options.logger,
          auth: options.auth,
        });
  const intercept = options.intercept;
  const serve = (req: IncomingMessage, res: ServerResponse) => serveAnswer(req, res, handler.answer);
  const httpServer = createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.headersTimeout + limits.bodyTimeout,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeout),
    },
    intercept
      ? (req, res) => {
          if (!intercept(req, res, () => serve(req, res))) serve(req, res);
        }
      : serve,
  );
  httpServer.on('upgrade', (req, socket, head) => {
    if (!ws?.handleUpgrade(req, socket, head)) refuseUpgrade(socket, '404 Not Found');
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    httpServer,
    get sessionCount() {
      return handler.sessionCount + (ws?.connectionCount ?? 0);
    },
    get queuedBytes() {
      return handler.queuedBytes + (ws?.queuedBytes ?? 0);
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        handler.close();
        ws?.close();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      })),
  };
}
