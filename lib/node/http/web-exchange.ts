/**
 * @module
 * Writing the HTTP core's answers, and web `Response`s, on a Node `ServerResponse`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpAnswer } from '../../server/http/http-answer.js';
import { isThenable } from '../../server/http/session-stream.js';
import { internalError } from '../../server/http/http-utils.js';
import { corkPerTick } from '../cork-per-tick.js';
import { toWebRequest } from './node-request.js';

/**
 * Writes an answer of the HTTP core on `res`, with no web `Response` in between: a string body
 * with its length, an event stream's headers at once and its events as they come (what one tick
 * writes in one system call). If the client goes away first, the stream is cancelled.
 *
 * @example
 * sendAnswer(await handler.answer(toWebRequest(req, res)), res);
 */
export function sendAnswer(answer: HttpAnswer, res: ServerResponse): void {
  const { stream } = answer;
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    stream?.cancel();
    return;
  }
  if (!stream) {
    const body = answer.body ?? '';
    // A body too slow to arrive (408): the client may still be trickling it in; drop the connection once answered.
    if (answer.status === 408) res.once('finish', () => res.socket?.destroy());
    // The length first, then the answer's headers: spreading them first and adding the length
    // after made V8 keep about 100 KB more of each young generation alive through every scavenge
    // (`--trace-gc-nvp`, `promoted`), work for the GC threads (`npm run bench:http-core`).
    res.writeHead(answer.status, { 'content-length': String(Buffer.byteLength(body)), ...answer.headers }).end(body);
    return;
  }
  res.writeHead(answer.status, answer.headers);
  // The headers leave at once, together with what this tick writes (the priming event, and
  // often the response itself and the end of the stream): one write instead of up to four.
  const beforeWrite = corkPerTick(res);
  beforeWrite();
  res.flushHeaders();
  const onGone = () => stream.cancel();
  res.once('close', onGone);
  res.once('error', onGone);
  stream.attach({
    write: (chunk) => {
      if (res.writableEnded || res.destroyed) return;
      beforeWrite();
      res.write(chunk);
    },
    end: () => {
      res.off('close', onGone);
      res.off('error', onGone);
      if (!res.writableEnded) res.end();
    },
    queuedBytes: () => res.writableLength,
    abort: () => {
      res.off('close', onGone);
      res.off('error', onGone);
      res.destroy();
    },
  });
}

/**
 * Sends a web `Response` on `res`: an event stream as it comes, any other body whole.
 *
 * @example
 * sendWebResponse(await fetchHandler(toWebRequest(req, res)), res);
 */
export function sendWebResponse(response: Response, res: ServerResponse): void {
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
  if (!(response.headers.get('content-type')?.startsWith('text/event-stream') ?? false)) {
    void response.arrayBuffer().then(
      (bytes) => res.end(Buffer.from(bytes)),
      () => res.destroy(),
    );
    return;
  }
  const beforeWrite = corkPerTick(res);
  beforeWrite();
  res.flushHeaders();
  void pump(body, res, beforeWrite);
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
 * A `node:http` request listener serving any fetch handler, `(Request) => Promise<Response>`.
 *
 * @example
 * http.createServer(toNodeListener(createMcpFetchHandler(server))).listen(3000);
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handler(toWebRequest(req, res)).then(
      (response) => sendWebResponse(response, res),
      (error: unknown) => sendAnswer(internalError(error), res),
    );
  };
}

/**
 * Serves `req` with `answer` (the HTTP core's answer for a request, or its promise), writing it on
 * `res`; 500 if it fails unexpectedly. `url` is the request target when a router rewrote `req.url`.
 *
 * @example
 * serveAnswer(req, res, (request) => endpoint.answer(request));
 */
export function serveAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  answer: (request: Request) => HttpAnswer | Promise<HttpAnswer>,
  url?: string,
): void {
  let answered: HttpAnswer | Promise<HttpAnswer>;
  try {
    answered = answer(toWebRequest(req, res, url));
  } catch (error) {
    return sendAnswer(internalError(error), res);
  }
  if (!isThenable(answered)) return sendAnswer(answered, res);
  answered.then(
    (result) => sendAnswer(result, res),
    (error: unknown) => sendAnswer(internalError(error), res),
  );
}
