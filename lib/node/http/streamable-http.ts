/**
 * @module
 * The Streamable HTTP endpoint as a Node request handler: the web-standard endpoint of
 * `rxmcp`, adapted to `IncomingMessage` / `ServerResponse`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectableServer } from '../../server/connectable.js';
import { createStreamableHttpEndpoint, type StreamableHttpOptions } from '../../server/http/streamable-http.js';
import { unrefScheduler } from './unref-scheduler.js';
import { serveAnswer } from './web-exchange.js';

export type { StreamableHttpOptions };

/** A Streamable HTTP endpoint for `node:http`. Create with {@link createStreamableHttpHandler}. */
export interface StreamableHttpHandler {
  /** Serves one HTTP request to the endpoint (any method). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The number of open sessions. */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams and not yet sent. */
  readonly queuedBytes: number;
  /** Closes every session and stream; later requests for them get 404. */
  close(): void;
}

/**
 * Creates a Streamable HTTP endpoint serving `server` (see `createStreamableHttpEndpoint` for
 * what it answers), for a plain `node:http` server; its timers never keep the process alive.
 *
 * @example
 * const mcp = createStreamableHttpHandler(server, { sessionIdleTimeout: 60_000 });
 * http.createServer((req, res) => (req.url === '/mcp' ? mcp.handle(req, res) : res.writeHead(404).end())).listen(3000);
 */
export function createStreamableHttpHandler(
  server: ConnectableServer,
  options: StreamableHttpOptions = {},
): StreamableHttpHandler {
  const endpoint = createStreamableHttpEndpoint(server, { scheduler: unrefScheduler, ...options });
  const answer = (request: Request) => endpoint.answer(request);
  return {
    handle: (req, res) => serveAnswer(req, res, answer),
    get sessionCount() {
      return endpoint.sessionCount;
    },
    get queuedBytes() {
      return endpoint.queuedBytes;
    },
    close: () => endpoint.close(),
  };
}
