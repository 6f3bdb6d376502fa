/**
 * Node 20 has no global `WebSocket`, and the official SDK's WebSocketClientTransport uses the
 * global one: {@link lendGlobalWebSocket} lends it `ws`'s for the enclosing file or describe.
 */
import { WebSocket } from 'ws';

/** Sets `globalThis.WebSocket` to `ws`'s in `beforeAll` where there is none, and removes it in `afterAll`. */
export function lendGlobalWebSocket(): void {
  const globals = globalThis as { WebSocket?: unknown };
  const hadWebSocket = 'WebSocket' in globals;
  beforeAll(() => {
    if (!hadWebSocket) globals.WebSocket = WebSocket;
  });
  afterAll(() => {
    if (!hadWebSocket) delete globals.WebSocket;
  });
}
