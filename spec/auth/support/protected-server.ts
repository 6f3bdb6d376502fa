/**
 * The protected rxmcp server of the real-provider specs: tools that report the verified identity,
 * one needing a scope the provider grants on request (`files:write`) and one needing a scope it
 * never grants (`files:admin`), one that never answers (`hang`), served by `serveMcp` with JWTs verified against the provider.
 */
import { jwtVerifier } from '../../../lib/auth/server/index.js';
import { serveMcp, type McpHttpServer } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/mcp-server.js';

/** What `whoami` answers (JSON). */
export interface Identity {
  subject?: string;
  clientId?: string;
  scopes?: string[];
  scheme?: string;
}

/** An McpServer whose tools report `ctx.auth`. */
export function protectedServer(): McpServer {
  const server = new McpServer({ name: 'protected', version: '1.0.0' });
  server.tool('whoami', {}, (_args, ctx) =>
    JSON.stringify({
      subject: ctx.auth?.subject,
      clientId: ctx.auth?.clientId,
      scopes: ctx.auth?.scopes,
      scheme: ctx.auth?.scheme,
    }),
  );
  server.tool('token-id', {}, (_args, ctx) => String(ctx.auth?.claims['jti']));
  server.tool('write-file', { scopes: ['files:write'] }, (_args, ctx) => `written for ${ctx.auth?.subject}`);
  server.tool('administer', { scopes: ['files:admin'] }, () => 'administered');
  // Never answers: a request still in flight when the connection ends.
  server.tool('hang', {}, () => new Promise<string>(() => undefined));
  return server;
}

/** A protected server listening on a free port, tokens verified as JWTs from `issuer`. */
export interface ProtectedServing {
  readonly server: McpServer;
  readonly served: McpHttpServer;
  /** The Streamable HTTP endpoint, which is also the resource identifier. */
  readonly mcp: string;
  /** The WebSocket endpoint. */
  readonly ws: string;
  close(): Promise<void>;
}

/**
 * Serves {@link protectedServer} (every transport, `/mcp` the resource) for `issuer`.
 * `clockTolerance` is the verifier's leeway on `exp`, in seconds.
 */
export async function serveProtected(issuer: string, clockTolerance?: number): Promise<ProtectedServing> {
  const server = protectedServer();
  const served = await serveMcp(server, {
    auth: {
      authorizationServers: [issuer],
      verify: jwtVerifier({ issuer, ...(clockTolerance !== undefined && { clockTolerance }) }),
      requiredScopes: ['mcp:tools'],
      scopesSupported: ['mcp:tools', 'files:write'],
    },
  });
  return {
    server,
    served,
    mcp: `${served.url}/mcp`,
    ws: `${served.url.replace(/^http/, 'ws')}/ws`,
    async close() {
      await served.close();
      server.close();
    },
  };
}
