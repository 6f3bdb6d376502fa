/**
 * @module
 * An express 5 router serving one MCP server over Streamable HTTP and, for older clients, the
 * legacy HTTP+SSE transport, behind DNS-rebinding protection: the fetch handler of `rxmcp`,
 * routed by express.
 */
import type { Request, Response, Router } from 'express';
import type * as Express from 'express';
import { loadPeer } from '../optional-peer.js';
import type { ConnectableServer } from '../../server/connectable.js';
import {
  createMcpFetchHandler,
  type McpEndpoint,
  type McpFetchHandlerOptions,
} from '../../server/http/fetch-handler.js';
import { unrefScheduler } from './unref-scheduler.js';
import { toWebRequest } from './node-request.js';
import { sendAnswer, serveAnswer } from './web-exchange.js';

/** Options of {@link createMcpRouter}: those of `createMcpFetchHandler`. */
export type McpRouterOptions = McpFetchHandlerOptions;

/** An express router with a way to close every session it serves. */
export type McpRouter = Router & {
  /** Closes every session and stream of both transports. */
  close(): void;
  /** The number of open sessions over both transports. */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams of both transports and not yet sent. */
  readonly queuedBytes: number;
};

/**
 * Creates an express router that serves `server`: Streamable HTTP at `path`, and the legacy
 * HTTP+SSE transport at `ssePath` + `messagesPath`, behind the Host / Origin check and, with
 * `cors`, answering browsers' CORS preflights. Mount it in an existing express 5 app (it
 * reads request bodies itself; a JSON body parser mounted before it is honoured), and call
 * `close()` when shutting down.
 *
 * @example
 * const app = express();
 * const mcp = createMcpRouter(server, { allowedHosts: ['localhost', 'mcp.example.com'], cors: ['https://app.example.com'] });
 * app.use(mcp);
 * app.listen(3000);
 */
export function createMcpRouter(server: ConnectableServer, options: McpRouterOptions = {}): McpRouter {
  const handler = createMcpFetchHandler(server, { scheduler: unrefScheduler, ...options });
  const router = loadPeer<typeof Express>('express', 'createMcpRouter').Router();
  if (options.auth) {
    // The Protected Resource Metadata, at its well-known URLs (root and path-suffixed).
    router.use((req, res, next) => {
      const metadata = handler.resourceMetadata(toWebRequest(req, res, req.originalUrl));
      if (metadata) sendAnswer(metadata, res);
      else next();
    });
  }
  const to = (endpoint: McpEndpoint) => (req: Request, res: Response) =>
    serveAnswer(req, res, (request) => handler.answer(request, endpoint, req.baseUrl), req.originalUrl);

  router.all(options.path ?? '/mcp', to('streamable-http'));
  if (options.legacySse !== false) {
    const ssePath = options.ssePath ?? '/sse';
    const messagesPath = options.messagesPath ?? '/messages';
    // Preflights of the legacy endpoints; other methods fall through to express's answer.
    router.options([ssePath, messagesPath], to('sse'));
    router.get(ssePath, to('sse'));
    router.post(messagesPath, to('messages'));
  }

  return Object.defineProperties(router, {
    close: { value: () => handler.close() },
    sessionCount: { get: () => handler.sessionCount },
    queuedBytes: { get: () => handler.queuedBytes },
  }) as McpRouter;
}
