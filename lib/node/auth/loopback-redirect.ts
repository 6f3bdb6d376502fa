/**
 * @module
 * The user-agent step of the OAuth authorization code grant for Node programs (RFC 8252 §7.3):
 * a loopback HTTP listener receives the redirect, and the authorization URL is shown to the user
 * (printed, or opened by the caller's `open`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authorize } from '../../auth/client/authorization-code.js';

/** Options of {@link loopbackRedirect}. */
export interface LoopbackRedirectOptions {
  /** The port to listen on, on 127.0.0.1 (0 picks a free one). @defaultValue 0 */
  port?: number;
  /** The callback path. @defaultValue `'/callback'` */
  path?: string;
  /** Shows the authorization URL to the user. @defaultValue prints it to stderr */
  open?: (authorizationUrl: URL) => void | Promise<void>;
}

/** A listening loopback redirect: its URI for the client metadata, the step, and `close`. */
export interface LoopbackRedirect {
  readonly redirectUri: string;
  readonly authorize: Authorize;
  close(): Promise<void>;
}

/**
 * Listens on a loopback port for the authorization server's redirect.
 *
 * @example
 * const loopback = await loopbackRedirect({ open: (url) => spawn('xdg-open', [url.href]) });
 * const auth = createOAuthClient({ ...loopback, metadata: { client_name: 'cli', redirect_uris: [loopback.redirectUri] } });
 */
export async function loopbackRedirect(options: LoopbackRedirectOptions = {}): Promise<LoopbackRedirect> {
  const path = options.path ?? '/callback';
  const waiting = new Set<{ resolve: (url: URL) => void; reject: (error: Error) => void }>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', redirectUri);
    if (url.pathname !== path) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><p>Authorization complete. You can close this window.</p>');
    for (const waiter of waiting) waiter.resolve(url);
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const open = options.open ?? ((url: URL) => void process.stderr.write(`Open this URL to authorize: ${url.href}\n`));
  return {
    redirectUri,
    authorize: async (authorizationUrl) => {
      const callback = new Promise<URL>((resolve, reject) => waiting.add({ resolve, reject }));
      await open(authorizationUrl);
      return callback;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const waiter of waiting) waiter.reject(new Error('The loopback redirect was closed'));
        waiting.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
