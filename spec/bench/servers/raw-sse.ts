// Raw baseline over legacy HTTP+SSE: GET /sse opens the stream and names the POST endpoint;
// POST /messages?sessionId=… is acknowledged with 202 and answered on the stream.
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { rawHandle, type RawMessage } from '../support/raw-rpc.js';
import { readBody, serveNetwork } from './network.js';

const streams = new Map<string, ServerResponse>();

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/sse') {
    const id = randomUUID();
    streams.set(id, res);
    res.on('close', () => streams.delete(id));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`event: endpoint\ndata: /messages?sessionId=${id}\n\n`);
    return;
  }
  if (req.method === 'POST' && url.pathname === '/messages') {
    const stream = streams.get(url.searchParams.get('sessionId') ?? '');
    if (!stream) return void res.writeHead(404).end('Unknown session');
    let message: RawMessage;
    try {
      message = JSON.parse(await readBody(req)) as RawMessage;
    } catch {
      return void res.writeHead(400).end('Invalid JSON');
    }
    res.writeHead(202).end('Accepted');
    const response = rawHandle(message);
    if (response) stream.write(`event: message\ndata: ${JSON.stringify(response)}\n\n`);
    return;
  }
  res.writeHead(404).end();
});
serveNetwork(server, { url: (port) => `http://127.0.0.1:${port}/sse`, sessions: () => streams.size });
