/**
 * @module
 * One MCP server over HTTP as a web-standard fetch handler, `(Request) => Promise<Response>`:
 * Streamable HTTP (both eras) and the legacy HTTP+SSE transport behind the Host / Origin check
 * and CORS. It runs wherever `Request` and `Response` do: Node (through `rxmcp/node`), Deno, Bun,
 * Cloudflare Workers.
 */
import { asyncScheduler } from 'rxjs';
import type { ConnectableServer } from '../connectable.js';
import { createAccessGate, type AccessGateOptions } from './access-gate.js';
import { hostLimits } from './host-limits.js';
import { toResponse, withHeaders, type HttpAnswer } from './http-answer.js';
import { emptyAnswer, answerOrInternalError, jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';
import { createLegacySseHandler } from './legacy-sse.js';
import { checkRequest, denialAnswer, guardOf, resourceMetadataAnswer, type McpAuthOption } from './protect.js';
import { bodyReadOptions } from './read-message.js';
import { thenOrNow } from './session-stream.js';
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
  /**
   * Protect the endpoints with OAuth (a resource guard, or its options): requests need a valid
   * access token (401 / 403 with `WWW-Authenticate` otherwise), tools registered with `scopes`
   * need those, handlers see `ctx.auth`, and the Protected Resource Metadata is served at
   * `/.well-known/oauth-protected-resource` (root and path-suffixed). @defaultValue unprotected
   */
  auth?: McpAuthOption;
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
   * Serves `request` and returns its answer (or a promise of it) before it becomes a `Response`,
   * for hosts that write answers themselves (`rxmcp/node` on `node:http`): no promise when the
   * answer is ready at once, and an unexpected failure thrown or rejected rather than answered. Routed by path, or, with `endpoint`,
   * served by that endpoint whatever the path (a host that routes by itself, such as an express
   * router mounted under a prefix): `basePath` is put before the messages path the legacy stream
   * announces.
   */
  answer(
    request: Request,
    endpoint?: McpEndpoint,
    basePath?: string,
    waitUntil?: WaitUntil,
  ): HttpAnswer | Promise<HttpAnswer>;
  /** The Protected Resource Metadata answer if `request` asks for it (with `auth` only). */
  resourceMetadata(request: Request): HttpAnswer | undefined;
  /** The number of open sessions over both transports. */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams of both transports and not yet sent. */
  readonly queuedBytes: number;
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
export function createMcpFetchHandler(
  server: ConnectableServer,
  options: McpFetchHandlerOptions = {},
): McpFetchHandler {
  // One session budget for both transports (and for WebSocket, when serveMcp passes its own).
  const { limits, budget } = hostLimits(server, options, { maxMessageBytes: options.maxBodyBytes });
  const shared = { ...options, sessionBudget: budget };
  const streamable = createStreamableHttpEndpoint(server, shared);
  const legacy = options.legacySse === false ? undefined : createLegacySseHandler(server, shared);
  const guard = options.auth && guardOf(options.auth);
  const body = bodyReadOptions(limits.maxMessageBytes, limits.bodyTimeout, options.scheduler ?? asyncScheduler);
  const path = options.path ?? '/mcp';
  const ssePath = options.ssePath ?? '/sse';
  const messagesPath = options.messagesPath ?? '/messages';
  const gate = createAccessGate(options);

  const serve = (
    request: Request,
    endpoint: McpEndpoint,
    basePath: string,
    waitUntil: WaitUntil | undefined,
  ): HttpAnswer | Promise<HttpAnswer> => {
    const decision = gate({ method: request.method, url: pathOf(request.url), headers: request.headers });
    if (decision.type === 'refuse') {
      void request.body?.cancel().catch(() => undefined);
      return jsonRpcError(decision.status, TRANSPORT_ERROR, `Forbidden: ${decision.reason}`, {
        headers: { ...decision.headers },
      });
    }
    if (decision.type === 'preflight') return emptyAnswer(decision.status, decision.headers);
    if (guard) return serveGuarded(request, endpoint, basePath, waitUntil, decision.headers);
    return withHeadersOf(serveEndpoint(request, endpoint, basePath, waitUntil), decision.headers);
  };

  /** {@link serve} past the gate, with `auth`: the token is checked before the body is judged. */
  const serveGuarded = async (
    request: Request,
    endpoint: McpEndpoint,
    basePath: string,
    waitUntil: WaitUntil | undefined,
    headers: Readonly<Record<string, string>>,
  ): Promise<HttpAnswer> => {
    const outcome = await checkRequest(guard!, server, request, body);
    if (!('type' in outcome)) return withHeaders(outcome, headers);
    if (outcome.type === 'deny') {
      void request.body?.cancel().catch(() => undefined);
      return withHeaders(denialAnswer(outcome), headers);
    }
    return withHeaders(await serveEndpoint(request, endpoint, basePath, waitUntil), headers);
  };

  const serveEndpoint = (
    request: Request,
    endpoint: McpEndpoint,
    basePath: string,
    waitUntil: WaitUntil | undefined,
  ): Promise<HttpAnswer> | HttpAnswer => {
    if (endpoint === 'streamable-http') return streamable.answer(request, waitUntil);
    if (!legacy) return notFound();
    if (endpoint === 'sse' && request.method === 'GET')
      return legacy.handleStream(request, `${basePath}${messagesPath}`);
    if (endpoint === 'messages' && request.method === 'POST') return legacy.handleMessage(request);
    return jsonRpcError(405, TRANSPORT_ERROR, 'Method Not Allowed', {
      headers: { allow: endpoint === 'sse' ? 'GET' : 'POST' },
    });
  };

  const answer = (
    request: Request,
    endpoint?: McpEndpoint,
    basePath = '',
    waitUntil?: WaitUntil,
  ): HttpAnswer | Promise<HttpAnswer> => {
    if (endpoint) return serve(request, endpoint, basePath, waitUntil);
    const metadata = resourceMetadata(request);
    if (metadata) return metadata;
    const pathname = pathOf(request.url);
    if (pathname === path) return serve(request, 'streamable-http', basePath, waitUntil);
    if (legacy && pathname === ssePath) return serve(request, 'sse', basePath, waitUntil);
    if (legacy && pathname === messagesPath) return serve(request, 'messages', basePath, waitUntil);
    return notFound();
  };

  const resourceMetadata = (request: Request): HttpAnswer | undefined =>
    guard ? resourceMetadataAnswer(guard, request) : undefined;

  const handler = (request: Request, _env?: unknown, ctx?: ExecutionContextLike): Promise<Response> => {
    const waitUntil = ctx && ((promise: Promise<unknown>) => ctx.waitUntil(promise));
    return answerOrInternalError(() => answer(request, undefined, '', waitUntil)).then(toResponse);
  };
  return Object.defineProperties(handler, {
    answer: { value: answer },
    resourceMetadata: { value: resourceMetadata },
    sessionCount: { get: () => streamable.sessionCount + (legacy?.sessionCount ?? 0) },
    queuedBytes: { get: () => streamable.queuedBytes + (legacy?.queuedBytes ?? 0) },
    close: {
      value: () => {
        streamable.close();
        legacy?.close();
        body.deadlines?.close();
      },
    },
  }) as McpFetchHandler;
}

/** `answer` with `headers` added, whether it is ready or still to come. */
function withHeadersOf(
  answer: HttpAnswer | Promise<HttpAnswer>,
  headers: Readonly<Record<string, string>>,
): HttpAnswer | Promise<HttpAnswer> {
  return thenOrNow(answer, (ready) => withHeaders(ready, headers));
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
