/**
 * @module
 * `rxmcp run --port`: serves a server over Streamable HTTP, legacy SSE and WebSocket on one port.
 */
import type { ConnectableServer } from '../../server/connectable.js';
import type { Limits } from '../../server/limits.js';
import { serveMcp, type ServeMcpOptions } from '../http/index.js';
import type { ResourceGuardOptions } from '../../auth/server/resource-guard.js';

/** What `--redis` adds to serving (see use-redis.ts). */
export interface SharedServing extends Pick<
  ServeMcpOptions,
  'sessionIdGenerator' | 'intercept' | 'eventStore' | 'sessionStore'
> {
  /** Called with the URL once the port is bound. */
  listening(url: string): Promise<void>;
}

/**
 * Serves `server` on `host:port` (answering browsers from the `cors` origins), prints the
 * endpoint URLs and every refused origin on stderr, and resolves after SIGINT or SIGTERM has
 * closed every session.
 *
 * @example
 * await serveHttp(server, { port: 3000, host: '127.0.0.1', cors: ['http://localhost:5173'] });
 */
export async function serveHttp(
  server: ConnectableServer,
  options: {
    port: number;
    host: string;
    cors?: readonly string[];
    auth?: ResourceGuardOptions;
    limits?: Limits;
    shared?: SharedServing;
  },
  err: NodeJS.WritableStream = process.stderr,
): Promise<void> {
  const { shared } = options;
  const running = await serveMcp(server, {
    port: options.port,
    host: options.host,
    cors: options.cors,
    auth: options.auth,
    limits: options.limits,
    logger: (message) => err.write(`${message}\n`),
    sessionIdGenerator: shared?.sessionIdGenerator,
    intercept: shared?.intercept,
    eventStore: shared?.eventStore,
    sessionStore: shared?.sessionStore,
  });
  await shared?.listening(running.url);
  err.write(
    `rxmcp: serving on ${running.url}\n` +
      `  Streamable HTTP  ${running.url}/mcp\n` +
      `  legacy HTTP+SSE  ${running.url}/sse\n` +
      `  WebSocket        ${running.url.replace(/^http/, 'ws')}/ws\n` +
      (options.cors ? `  CORS origins     ${options.cors.join(', ')}\n` : '') +
      (options.auth
        ? `  OAuth            tokens from ${options.auth.authorizationServers.join(', ')}; metadata at ${running.url}/.well-known/oauth-protected-resource/mcp\n`
        : ''),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
