/**
 * @module
 * A standalone express 5 app serving one MCP server.
 */
import type { Express } from 'express';
import type express from 'express';
import { loadPeer } from '../optional-peer.js';
import type { ConnectableServer } from '../../server/connectable.js';
import { protectsByDefault } from '../../server/http/dns-rebinding.js';
import { createMcpRouter, type McpRouterOptions } from './router.js';

/** Options of {@link createMcpExpressApp}. */
export interface McpExpressAppOptions extends McpRouterOptions {
  /**
   * The host the app will listen on. DNS-rebinding protection defaults to on when it is a
   * loopback name (`localhost`, `127.x.x.x`, `::1`) and to off otherwise (set `allowedHosts`
   * and `dnsRebindingProtection: true` for a public host name).
   *
   * @defaultValue '127.0.0.1'
   */
  host?: string;
}

/** An express app with a way to close every MCP session it serves. */
export type McpExpressApp = Express & {
  /** Closes every session and stream. */
  close(): void;
  /** The number of open sessions (both HTTP transports). */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams and not yet sent. */
  readonly queuedBytes: number;
};

/**
 * Creates an express app serving `server` (see {@link createMcpRouter} for the endpoints).
 *
 * @example
 * const app = createMcpExpressApp(server);
 * const listener = app.listen(3000, '127.0.0.1');
 * process.on('SIGINT', () => { app.close(); listener.close(); });
 */
export function createMcpExpressApp(server: ConnectableServer, options: McpExpressAppOptions = {}): McpExpressApp {
  const host = options.host ?? '127.0.0.1';
  const router = createMcpRouter(server, {
    ...options,
    dnsRebindingProtection: options.dnsRebindingProtection ?? protectsByDefault(host, options.allowedHosts),
  });
  const app = loadPeer<typeof express>('express', 'createMcpExpressApp')();
  app.disable('x-powered-by');
  app.use(router);
  return Object.defineProperties(app, {
    close: { value: () => router.close() },
    sessionCount: { get: () => router.sessionCount },
    queuedBytes: { get: () => router.queuedBytes },
  }) as McpExpressApp;
}
