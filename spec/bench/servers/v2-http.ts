// The official SDK v2 over Streamable HTTP: `createMcpHandler` with a server factory (one
// instance per request), which serves 2026-07-28 requests and 2025 ones (its stateless legacy
// fallback, the default), on a plain node:http server through a minimal fetch bridge (v2's
// `toNodeHandler` lives in `@modelcontextprotocol/node`, not published at this version).
// `--response json` is accepted for symmetry with the other HTTP servers: v2 picks its answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { readBody, serveNetwork } from './network.js';
import { createV2Server } from './v2-common.js';

const handler = createMcpHandler(() => createV2Server());

async function bridge(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const body = req.method === 'POST' ? await readBody(req) : undefined;
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const response = await handler.fetch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body, signal: abort.signal }));
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, out);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}

const server = createServer((req, res) => {
  if (!req.url?.startsWith('/mcp')) return void res.writeHead(404).end();
  bridge(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/mcp`, shutdown: () => void handler.close() });
