/**
 * @module
 * What a transport host (stdio runner, HTTP app, WebSocket server) needs from a server:
 * a way to serve one transport.
 */
import type { Subscription } from 'rxjs';
import type { Transport } from '../transport/transport.js';

/** Per-connection options a transport host passes to {@link ConnectableServer.connect}. */
export interface ConnectOptions {
  /**
   * Refuse requests other than `ping` before `initialize`. Stateless HTTP turns this off.
   * @defaultValue true
   */
  requireInitialize?: boolean;
}

/** Anything that can serve a transport: `McpServer` implements it. */
export interface ConnectableServer {
  /**
   * Serves one transport with a new session. Unsubscribing the returned Subscription closes the
   * session and the transport; the session also ends by itself when the transport closes.
   */
  connect(transport: Transport, options?: ConnectOptions): Subscription;
}
