// Raw baseline over Streamable HTTP: node:http, a session id per `initialize`, each POSTed request
// answered with a JSON body (`--response json`) or a one-event SSE stream (`--response sse`).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { flag } from '../support/common.js';
import { rawHandle, type RawMessage } from '../support/raw-rpc.js';
import { readBody, serveNetwork } from './network.js';

const json = flag('response') === 'json';
const sessions = new Set<string>();

const server = createServer(async (req, res) => {
  if (!req.url?.startsWith('/mcp')) return void res.writeHead(404).end();
  const sessionId = req.headers['mcp-session-id'] as string | undefined;
  if (req.method === 'DELETE') {
    if (sessionId) sessions.delete(sessionId);
    return void res.writeHead(200).end();
  }
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST, DELETE' }).end();
  let message: RawMessage;
  try {
    message = JSON.parse(await readBody(req)) as RawMessage;
  } catch {
    return void res
      .writeHead(400, { 'content-type': 'application/json' })
      .end('{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}');
  }
  const headers: Record<string, string> = {};
  if (message.method === 'initialize') {
    const id = randomUUID();
    sessions.add(id);
    headers['mcp-session-id'] = id;
  } else if (!sessionId || !sessions.has(sessionId)) {
    return void res.writeHead(404).end();
  }
  const response = rawHandle(message);
  if (!response) return void res.writeHead(202).end();
  const body = JSON.stringify(response);
  if (json) {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(body);
  } else {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.end(`event: message\ndata: ${body}\n\n`);
  }
});
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/mcp`, sessions: () => sessions.size });
