/**
 * @module
 * One MCP server over HTTP as a web-standard fetch handler, `(Request) => Promise<Response>`:
 * Streamable HTTP (both eras) and the legacy HTTP+SSE transport behind the Host / Origin check
 * and CORS. It runs wherever `Request` and `Response` do: Node (through `rxmcp/node`), Deno, Bun,
 * Cloudflare Workers.
 */
import type { ConnectableServer } from '../connectable.js';
import { createAccessGate, type AccessGateOptions } from './access-gate.js';
import { toResponse, withHeaders, type HttpAnswer } from './http-answer.js';
import { emptyAnswer, jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';
import { createLegacySseHandler } from './legacy-sse.js';
import { createStreamableHttpEndpoint, type StreamableHttpOptions } from './streamable-http.js';
import type { WaitUntil } from './streamable-session.js';

/** Options of {@link createMcpFetchHandler}. */
export interface McpFetchHandlerOptions extends StreamableHttpOptions, AccessGateOptions {
  /** The Streamable HTTP endpoint. @defaultValue '/mcp' */
  path?: string;
  /** Serve the 2024-11-05 HTTP+SSE transport too. @defaultValue true */
  legacySse?: boolean;
  /** The legacy transport's stream endpoint. @defaultValue '/sse' */
  ssePath?: string;
  /** The legacy transport's message endpoint. @defaultValue '/messages' */
  messagesPath?: string;
}

/** The endpoints of {@link McpFetchHandler}. */
export type McpEndpoint = 'streamable-http' | 'sse' | 'messages';

/** What a Worker's `fetch` gets as its third argument; rxmcp uses `waitUntil` only. */
export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}

/** A fetch handler serving one MCP server, with a way to close every session it serves. */
export interface McpFetchHandler {
  /**
   * Serves one request; a path that is none of the endpoints gets 404. On Cloudflare Workers,
   * pass the `ctx` of `fetch(request, env, ctx)`: a request that goes on after its response
   * stream closed (`ctx.closeStream()`) is kept alive with `ctx.waitUntil`.
   */
  (request: Request, env?: unknown, ctx?: ExecutionContextLike): Promise<Response>;
  /**
   * Serves `request` and resolves to its answer before it becomes a `Response`, for hosts that
   * write answers themselves (`rxmcp/node` on `node:http`). Routed by path, or, with `endpoint`,
   * served by that endpoint whatever the path (a host that routes by itself, such as an express
   * router mounted under a prefix): `basePath` is put before the messages path the legacy stream
   * announces.
   */
  answer(request: Request, endpoint?: McpEndpoint, basePath?: string, waitUntil?: WaitUntil): Promise<HttpAnswer>;
  /** The number of open sessions over both transports. */
  readonly sessionCount: number;
  /** Closes every session and stream of both transports. */
  close(): void;
}

/**
 * Creates a fetch handler serving `server`: Streamable HTTP at `path` (2025-11-25 sessions with
 * lazy SSE upgrade and resumable streams, and the sessionless requests of 2026-07-28), the legacy
 * HTTP+SSE transport at `ssePath` + `messagesPath`, all behind the Host / Origin check (on
 * unless `dnsRebindingProtection: false`) and, with `cors`, answering browsers' preflights. Call
 * `close()` when shutting down. Its timers (idle eviction, keep-alive comments) run on
 * `scheduler`.
 *
 * @example
 * const handler = createMcpFetchHandler(server, { allowedHosts: ['localhost', 'mcp.example.com'] });
 * Deno.serve({ port: 3000 }, handler);            // Deno
 * export default { fetch: handler };              // Bun, Cloudflare Workers (fetch(request, env, ctx))
 */
export function createMcpFetchHandler(server: ConnectableServer, options: McpFetchHandlerOptions = {}): McpFetchHandler {
  const streamable = createStreamableHttpEndpoint(server, options);
  const legacy = options.legacySse === false ? undefined : createLegacySseHandler(server, options);
  const path = options.path ?? '/mcp';
  const ssePath = options.ssePath ?? '/sse';
  const messagesPath = options.messagesPath ?? '/messages';
  const gate = createAccessGate(options);

  const serve = async (request: Request, endpoint: McpEndpoint, basePath: string, waitUntil: WaitUntil | undefined): Promise<HttpAnswer> => {
    const decision = gate({ method: request.method, url: pathOf(request.url), headers: request.headers });
    if (decision.type === 'refuse') {
      void request.body?.cancel().catch(() => undefined);
      return jsonRpcError(decision.status, TRANSPORT_ERROR, `Forbidden: ${decision.reason}`, { headers: { ...decision.headers } });
    }
    if (decision.type === 'preflight') return emptyAnswer(decision.status, decision.headers);
    return withHeaders(await serveEndpoint(request, endpoint, basePath, waitUntil), decision.headers);
  };

  const serveEndpoint = (request: Request, endpoint: McpEndpoint, basePath: string, waitUntil: WaitUntil | undefined): Promise<HttpAnswer> | HttpAnswer => {
    if (endpoint === 'streamable-http') return streamable.handle(request, waitUntil);
    if (!legacy) return notFound();
    if (endpoint === 'sse' && request.method === 'GET') return legacy.handleStream(request, `${basePath}${messagesPath}`);
    if (endpoint === 'messages' && request.method === 'POST') return legacy.handleMessage(request);
    return jsonRpcError(405, TRANSPORT_ERROR, 'Method Not Allowed', { headers: { allow: endpoint === 'sse' ? 'GET' : 'POST' } });
  };

  const answer = (request: Request, endpoint?: McpEndpoint, basePath = '', waitUntil?: WaitUntil): Promise<HttpAnswer> => {
    if (endpoint) return serve(request, endpoint, basePath, waitUntil);
    const pathname = pathOf(request.url);
    if (pathname === path) return serve(request, 'streamable-http', basePath, waitUntil);
    if (legacy && pathname === ssePath) return serve(request, 'sse', basePath, waitUntil);
    if (legacy && pathname === messagesPath) return serve(request, 'messages', basePath, waitUntil);
    return Promise.resolve(notFound());
  };

  const handler = (request: Request, _env?: unknown, ctx?: ExecutionContextLike): Promise<Response> =>
    answer(request, undefined, '', ctx && ((promise) => ctx.waitUntil(promise))).then(toResponse);
  return Object.defineProperties(handler, {
    answer: { value: answer },
    sessionCount: { get: () => streamable.sessionCount + (legacy?.sessionCount ?? 0) },
    close: {
      value: () => {
        streamable.close();
        legacy?.close();
      },
    },
  }) as McpFetchHandler;
}

function notFound(): HttpAnswer {
  return jsonRpcError(404, TRANSPORT_ERROR, 'Not Found');
}

/** The path of an absolute URL, without parsing it in full. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}
