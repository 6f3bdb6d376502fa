// The official SDK over WebSocket: one McpServer per connection on the `ws` server, through the
// minimal server transport of sdk-ws-transport.ts (the SDK has none of its own).
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { serveNetwork } from './network.js';
import { createSdkServer } from './sdk-common.js';
import { WebSocketServerTransport } from './sdk-ws-transport.js';

let open = 0;
const server = createServer((_req, res) => res.writeHead(426).end());
const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false) });
wss.on('connection', (socket) => {
  const mcp = createSdkServer();
  open++;
  socket.once('close', () => {
    open--;
    void mcp.close();
  });
  void mcp.connect(new WebSocketServerTransport(socket));
});
serveNetwork(server, { url: (port) => `ws://127.0.0.1:${port}/mcp`, sessions: () => open });
