// rxmcp over WebSocket: McpServer + attachMcpWebSocket (lib/node/websocket) on a plain node:http
// server, at /mcp, with its defaults (DNS-rebinding checks, 30 s pings).
import { createServer } from 'node:http';
import { attachMcpWebSocket } from 'rxmcp/node';
import { serveNetwork } from './network.js';
import { createRxmcpServer } from './rxmcp-common.js';

const mcp = createRxmcpServer();
const server = createServer((_req, res) => res.writeHead(426).end());
const ws = attachMcpWebSocket(server, mcp, { path: '/mcp' });
serveNetwork(server, {
  url: (port) => `ws://127.0.0.1:${port}/mcp`,
  sessions: () => mcp.sessionCount,
  shutdown: () => ws.close(),
});
