/**
 * @module
 * An express 5 router serving one MCP server over Streamable HTTP and, for older clients, the
 * legacy HTTP+SSE transport, behind DNS-rebinding protection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { ConnectableServer } from '../../server/connectable.js';
import { createAccessGate, type AccessGateOptions } from './access-gate.js';
import { sendJsonRpcError, serveAsync, TRANSPORT_ERROR } from './http-utils.js';
import { hostLimits } from './host-limits.js';
import { createLegacySseHandler } from './legacy-sse.js';
import { createStreamableHttpHandler, type StreamableHttpOptions } from './streamable-http.js';
import { checkNodeRequest, guardOf, sendDenial, serveResourceMetadata, type McpAuthOption } from './protect.js';

/** Options of {@link createMcpRouter}. */
export interface McpRouterOptions extends StreamableHttpOptions, AccessGateOptions {
  /** The Streamable HTTP endpoint. @defaultValue '/mcp' */
  path?: string;
  /** Serve the 2024-11-05 HTTP+SSE transport too. @defaultValue true */
  legacySse?: boolean;
  /** The legacy transport's stream endpoint. @defaultValue '/sse' */
  ssePath?: string;
  /** The legacy transport's message endpoint. @defaultValue '/messages' */
  messagesPath?: string;
  /**
   * Protect the endpoints with OAuth (a resource guard, or its options): requests need a valid
   * access token (401 / 403 with `WWW-Authenticate` otherwise), tools registered with `scopes`
   * need those, handlers see `ctx.auth`, and the Protected Resource Metadata is served at
   * `/.well-known/oauth-protected-resource` (root and path-suffixed). @defaultValue unprotected
   */
  auth?: McpAuthOption;
}

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
  // One session budget for both transports (and for WebSocket, when serveMcp passes its own).
  const shared = { ...options, sessionBudget: hostLimits(server, options).budget };
  const streamable = createStreamableHttpHandler(server, shared);
  const legacy = options.legacySse === false ? undefined : createLegacySseHandler(server, shared);
  const messagesPath = options.messagesPath ?? '/messages';
  const router = Router();

  const gate = createAccessGate(options);
  const guard = (req: Request, res: Response, next: NextFunction) => {
    const decision = gate({ method: req.method, url: req.originalUrl, headers: req.headers });
    if (decision.type === 'refuse') {
      req.resume();
      sendJsonRpcError(res as ServerResponse, decision.status, TRANSPORT_ERROR, `Forbidden: ${decision.reason}`, { headers: { ...decision.headers } });
      return;
    }
    if (decision.type === 'preflight') {
      res.writeHead(decision.status, decision.headers).end();
      return;
    }
    for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
    next();
  };

  const resourceGuard = options.auth && guardOf(options.auth);
  const protect = (req: Request, res: Response, next: NextFunction) => {
    if (!resourceGuard || req.method === 'OPTIONS') return next();
    serveAsync(
      res as ServerResponse,
      checkNodeRequest(resourceGuard, server, req, res as ServerResponse, req.originalUrl, options.maxBodyBytes).then((outcome) => {
        if (outcome?.type === 'deny') sendDenial(res as ServerResponse, outcome);
        else if (outcome) next();
      }),
    );
  };
  if (resourceGuard) router.use((req, res, next) => serveResourceMetadata(resourceGuard, req, res as ServerResponse, req.originalUrl) || next());

  router.all(options.path ?? '/mcp', guard, protect, (req, res) => streamable.handle(req as IncomingMessage, res as ServerResponse));
  if (legacy) {
    const ssePath = options.ssePath ?? '/sse';
    // Preflights of the legacy endpoints; other OPTIONS requests fall through to express's answer.
    router.options([ssePath, messagesPath], guard);
    router.get(ssePath, guard, protect, (req, res) => legacy.handleStream(req, res, `${req.baseUrl}${messagesPath}`));
    router.post(messagesPath, guard, protect, (req, res) => legacy.handleMessage(req, res));
  }

  return Object.defineProperties(router, {
    close: {
      value: () => {
        streamable.close();
        legacy?.close();
      },
    },
    sessionCount: { get: () => streamable.sessionCount + (legacy?.sessionCount ?? 0) },
    queuedBytes: { get: () => streamable.queuedBytes + (legacy?.queuedBytes ?? 0) },
  }) as McpRouter;
}
