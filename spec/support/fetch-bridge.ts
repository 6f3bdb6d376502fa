/**
 * A node:http request listener over a web-standard `(Request) => Promise<Response>` handler, for
 * hosting servers that only offer a fetch handler (the official SDK v2's `createMcpHandler`)
 * in specs and the benchmark. Requests outside `path` get 404; the response body is streamed.
 *
 * @example
 * createServer(fetchBridge((request) => handler.fetch(request), '/mcp')).listen(0);
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Reads a request body as a string. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function bridge(
  fetch: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const body = req.method === 'POST' ? await readBody(req) : undefined;
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const response = await fetch(
    new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body, signal: abort.signal }),
  );
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

/** The listener: `fetch` for requests under `path`, 404 for the rest, 500 if `fetch` throws. */
export function fetchBridge(fetch: (request: Request) => Promise<Response>, path: string): RequestListener {
  return (req, res) => {
    if (!req.url?.startsWith(path)) return void res.writeHead(404).end();
    bridge(fetch, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
}
