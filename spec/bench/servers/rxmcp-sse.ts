// rxmcp over legacy HTTP+SSE: McpServer + createLegacySseHandler (lib/node/http) on a plain
// node:http server: GET /sse, POST /messages?sessionId=….
import { createServer } from 'node:http';
import { createLegacySseHandler } from 'rxmcp/node';
import { serveNetwork } from './network.js';
import { createRxmcpServer } from './rxmcp-common.js';

const mcp = createRxmcpServer();
const legacy = createLegacySseHandler(mcp);
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/sse') legacy.handleStream(req, res, '/messages');
  else if (req.method === 'POST' && path === '/messages') legacy.handleMessage(req, res);
  else res.writeHead(404).end();
});
serveNetwork(server, {
  url: (port) => `http://127.0.0.1:${port}/sse`,
  sessions: () => mcp.sessionCount,
  shutdown: () => legacy.close(),
});
