// The official SDK over Streamable HTTP (stateful): one StreamableHTTPServerTransport + McpServer
// per session, as in the SDK's examples, on a plain node:http server. `--response json` sets
// `enableJsonResponse`; `--response sse` answers POSTs with SSE streams (the SDK default).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { flag } from '../support/common.js';
import { readBody, serveNetwork } from './network.js';
import { createSdkServer } from './sdk-common.js';

const enableJsonResponse = flag('response') === 'json';
const transports = new Map<string, StreamableHTTPServerTransport>();

const server = createServer(async (req, res) => {
  if (!req.url?.startsWith('/mcp')) return void res.writeHead(404).end();
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  const existing = sessionId ? transports.get(sessionId) : undefined;
  let body: unknown;
  if (req.method === 'POST') {
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return void res.writeHead(400).end();
    }
  }
  if (existing) return void existing.handleRequest(req, res, body);
  if (sessionId || req.method !== 'POST' || !isInitializeRequest(body)) {
    return void res
      .writeHead(sessionId ? 404 : 400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message: 'No valid session' } }));
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse,
    onsessioninitialized: (id) => void transports.set(id, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId) transports.delete(transport.sessionId);
  };
  await createSdkServer().connect(transport);
  await transport.handleRequest(req, res, body);
});
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/mcp`, sessions: () => transports.size });
