/**
 * @module
 * `node:http` ↔ web `Request` / `Response`: how rxmcp's fetch handler serves a Node request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { internalError } from '../../server/http/http-utils.js';
import { corkPerTick } from '../cork-per-tick.js';

/** What a Node request carries when a body parser (such as `express.json()`) already read it. */
type ParsedRequest = IncomingMessage & { body?: unknown };

/**
 * A web `Request` for a Node request. Its body streams from `req` (or is the JSON a body parser
 * already read); its `signal` aborts when the client goes away before `res` has been sent.
 *
 * @example
 * const response = await handler(toWebRequest(req, res));
 */
export function toWebRequest(req: IncomingMessage, res: ServerResponse, url = req.url ?? '/'): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = (req as ParsedRequest).body;
    if (parsed !== undefined && req.readableEnded) init.body = JSON.stringify(parsed);
    else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  return new Request(absoluteUrl(req, url), init);
}

/** The request's body as a web stream, with back-pressure. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const settle = (end: () => void) => {
        if (!open) return;
        open = false;
        end();
      };
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => settle(() => controller.close()));
      req.once('error', (error) => settle(() => controller.error(error)));
      req.once('close', () => settle(() => controller.error(new Error('the request closed before its body ended'))));
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Drop the rest of the upload, so the connection can carry the answer.
      open = false;
      req.resume();
    },
  });
}

function absoluteUrl(req: IncomingMessage, path: string): string {
  const host = req.headers.host;
  const base = `http://${host && /^[\w.:[\]-]+$/.test(host) ? host : 'localhost'}`;
  return path.startsWith('/') ? `${base}${path}` : `${base}/${path}`;
}

/**
 * Sends a web `Response` on `res`. An event stream's headers leave at once and its events as they
 * come (what one tick writes in one system call); any other body is sent whole, with its length.
 * If the client goes away first, the body is cancelled.
 *
 * @example
 * sendWebResponse(await handler(toWebRequest(req, res)), res);
 */
export function sendWebResponse(response: Response, res: ServerResponse): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    void response.body?.cancel().catch(() => undefined);
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = response.body;
  if (!body) {
    res.end();
    return;
  }
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  if (streaming) {
    // The headers leave at once, together with what this tick writes (the priming event, and
    // often the response itself and the end of the stream): one write instead of up to four.
    const beforeWrite = corkPerTick(res);
    beforeWrite();
    res.flushHeaders();
    void pump(body, res, beforeWrite);
  } else {
    void response.arrayBuffer().then(
      (bytes) => res.end(Buffer.from(bytes)),
      () => res.destroy(),
    );
  }
}

async function pump(body: ReadableStream<Uint8Array>, res: ServerResponse, beforeWrite: () => void): Promise<void> {
  const reader = body.getReader();
  const onClose = () => void reader.cancel().catch(() => undefined);
  res.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      beforeWrite();
      res.write(value);
    }
    if (!res.writableEnded) res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', onClose);
  }
}

/**
 * A `node:http` request listener serving a fetch handler.
 *
 * @example
 * http.createServer(toNodeListener(createMcpFetchHandler(server))).listen(3000);
 */
export function toNodeListener(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => serveWeb(req, res, handler);
}

/** Serves `req` with `handle`, answering 500 if it fails unexpectedly. */
export function serveWeb(req: IncomingMessage, res: ServerResponse, handle: (request: Request) => Promise<Response>, url?: string): void {
  let request: Request;
  try {
    request = toWebRequest(req, res, url);
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end(`Bad Request: ${(error as Error).message}`);
    return;
  }
  handle(request).then(
    (response) => sendWebResponse(response, res),
    (error: unknown) => sendWebResponse(internalError(error), res),
  );
}
