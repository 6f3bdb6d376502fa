// The official SDK over legacy HTTP+SSE: SSEServerTransport per GET /sse, POSTs routed by sessionId.
import { createServer } from 'node:http';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { serveNetwork } from './network.js';
import { createSdkServer } from './sdk-common.js';

const transports = new Map<string, SSEServerTransport>();

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/sse') {
    const transport = new SSEServerTransport('/messages', res);
    transports.set(transport.sessionId, transport);
    const mcp = createSdkServer();
    res.on('close', () => {
      transports.delete(transport.sessionId);
      void mcp.close();
    });
    await mcp.connect(transport);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/messages') {
    const transport = transports.get(url.searchParams.get('sessionId') ?? '');
    if (!transport) return void res.writeHead(404).end('Unknown session');
    await transport.handlePostMessage(req, res);
    return;
  }
  res.writeHead(404).end();
});
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/sse`, sessions: () => transports.size });
