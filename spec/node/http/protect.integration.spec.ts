import WebSocket from 'ws';
import { refuseToken, type AuthInfo } from '../../../lib/auth/server/index.js';
import { serveMcp, type McpHttpServer } from '../../../lib/node/http/index.js';
import { McpServer } from '../../../lib/server/mcp-server.js';
import { callTool, initializeRequest, post, readSse, sessionHeaders } from './helpers/raw-http.js';

const TOKENS: Record<string, { subject: string; scopes: string[] }> = {
  reader: { subject: 'alice', scopes: ['mcp:tools'] },
  deployer: { subject: 'bob', scopes: ['mcp:tools', 'deploy'] },
};
const ISSUER = 'https://auth.example.com';

function protectedServer() {
  const server = new McpServer({ name: 'protected', version: '1.0.0' });
  server.tool('whoami', {}, (_args, ctx) =>
    JSON.stringify({ subject: ctx.auth?.subject, scopes: ctx.auth?.scopes, trace: ctx.http?.headers.get('x-trace') }),
  );
  server.tool('deploy', { scopes: ['deploy'] }, (_args, ctx) => `deployed by ${ctx.auth?.subject}`);
  return server;
}

const verify = (token: string): AuthInfo => {
  const known = TOKENS[token];
  if (!known) throw refuseToken('unknown token');
  return { token, scheme: 'Bearer', subject: known.subject, scopes: known.scopes, claims: {} };
};

const MODERN = '2026-07-28';
const modernCall = (name: string) => ({
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: {
    name,
    arguments: {},
    _meta: {
      'io.modelcontextprotocol/protocolVersion': MODERN,
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': { name: 'spec', version: '1' },
    },
  },
});
const modernHeaders = (name: string) => ({
  'mcp-protocol-version': MODERN,
  'mcp-method': 'tools/call',
  'mcp-name': name,
});
const textOf = (body: { result?: { content?: { text?: string }[] } }) => body.result?.content?.[0]?.text;

describe('serveMcp with auth', () => {
  let served: McpHttpServer;
  let server: McpServer;
  beforeEach(async () => {
    server = protectedServer();
    served = await serveMcp(server, {
      auth: { authorizationServers: [ISSUER], verify, scopesSupported: ['mcp:tools', 'deploy'] },
    });
  });
  afterEach(async () => {
    await served.close();
    server.close();
  });
  const metadataUrl = () => `${served.url}/.well-known/oauth-protected-resource/mcp`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('serves the Protected Resource Metadata at the path-suffixed and root well-known URLs', async () => {
    for (const url of [metadataUrl(), `${served.url}/.well-known/oauth-protected-resource`]) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        resource: `${served.url}/mcp`,
        authorization_servers: [ISSUER],
        scopes_supported: ['mcp:tools', 'deploy'],
      });
    }
  });

  it('answers /mcp without a valid token with 401 and the challenge', async () => {
    const none = await post(`${served.url}/mcp`, initializeRequest());
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${metadataUrl()}", scope="mcp:tools deploy"`,
    );
    const bad = await post(`${served.url}/mcp`, initializeRequest(), bearer('forged'));
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="unknown token"');
  });

  it('gives handlers ctx.auth and ctx.http on a 2025 session, and answers a scoped tool with 403 until the token has the scope', async () => {
    const opened = await post(`${served.url}/mcp`, initializeRequest(), bearer('reader'));
    expect(opened.status).toBe(200);
    const session = opened.headers.get('mcp-session-id')!;
    await opened.json();
    const headers = { ...sessionHeaders(session), ...bearer('reader') };
    expect(
      (await post(`${served.url}/mcp`, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers)).status,
    ).toBe(202);
    const who = await post(`${served.url}/mcp`, callTool(2, 'whoami'), { ...headers, 'x-trace': 'abc' });
    expect(JSON.parse(textOf(await who.json())!)).toEqual({ subject: 'alice', scopes: ['mcp:tools'], trace: 'abc' });
    const refused = await post(`${served.url}/mcp`, callTool(3, 'deploy'), headers);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${metadataUrl()}", scope="mcp:tools deploy", error="insufficient_scope", error_description="The access token lacks scope deploy"`,
    );
    // The same session carries on with a stepped-up token.
    const stepped = await post(`${served.url}/mcp`, callTool(4, 'deploy'), {
      ...sessionHeaders(session),
      ...bearer('deployer'),
    });
    expect(textOf(await stepped.json())).toBe('deployed by bob');
  });

  it('gives handlers ctx.auth and ctx.http on a 2026-07-28 request, and refuses a scoped tool with 403', async () => {
    const who = await post(`${served.url}/mcp`, modernCall('whoami'), {
      ...modernHeaders('whoami'),
      ...bearer('deployer'),
      'x-trace': 'modern',
    });
    expect(who.status).toBe(200);
    expect(JSON.parse(textOf(await who.json())!)).toEqual({
      subject: 'bob',
      scopes: ['mcp:tools', 'deploy'],
      trace: 'modern',
    });
    const refused = await post(`${served.url}/mcp`, modernCall('deploy'), {
      ...modernHeaders('deploy'),
      ...bearer('reader'),
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });

  it('protects the legacy /sse stream and /messages, with ctx.auth for each POST', async () => {
    expect((await fetch(`${served.url}/sse`, { headers: { accept: 'text/event-stream' } })).status).toBe(401);
    const stream = await fetch(`${served.url}/sse`, { headers: { accept: 'text/event-stream', ...bearer('reader') } });
    expect(stream.status).toBe(200);
    const sse = readSse(stream);
    const [endpoint] = await sse.until((events) => events.length > 0);
    const messages = new URL(endpoint!.data, served.url).href;
    expect((await post(messages, initializeRequest(1, '2024-11-05'))).status).toBe(401);
    expect((await post(messages, initializeRequest(1, '2024-11-05'), bearer('reader'))).status).toBe(202);
    expect(
      (await post(messages, { jsonrpc: '2.0', method: 'notifications/initialized' }, bearer('reader'))).status,
    ).toBe(202);
    expect((await post(messages, callTool(2, 'whoami'), { ...bearer('deployer'), 'x-trace': 'legacy' })).status).toBe(
      202,
    );
    const refused = await post(messages, callTool(3, 'deploy'), bearer('reader'));
    expect(refused.status).toBe(403);
    const events = await sse.until((all) => all.some((event) => event.data.includes('"id":2')));
    const reply = JSON.parse(events.find((event) => event.data.includes('"id":2'))!.data);
    expect(JSON.parse(textOf(reply)!)).toEqual({ subject: 'bob', scopes: ['mcp:tools', 'deploy'], trace: 'legacy' });
    await sse.cancel();
  });

  it('protects the WebSocket upgrade, and a connection without a scope gets a JSON-RPC error for a scoped tool', async () => {
    const wsUrl = `${served.url.replace(/^http/, 'ws')}/ws`;
    const refusal = await new Promise<{ status?: number; challenge?: string }>((resolve) => {
      const socket = new WebSocket(wsUrl, 'mcp');
      socket.on('error', () => undefined);
      socket.on('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode, challenge: res.headers['www-authenticate'] });
        res.destroy();
      });
      socket.on('open', () => resolve({}));
    });
    expect(refusal).toEqual({
      status: 401,
      challenge: `Bearer resource_metadata="${metadataUrl()}", scope="mcp:tools deploy"`,
    });

    const socket = new WebSocket(wsUrl, 'mcp', { headers: { ...bearer('reader'), 'x-trace': 'ws' } });
    const replies = new Map<
      number,
      { result?: { content?: { text?: string }[] }; error?: { code: number; data?: unknown } }
    >();
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.id !== undefined) replies.set(message.id, message);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify(initializeRequest()));
    await waitFor(() => replies.has(1));
    socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    socket.send(JSON.stringify(callTool(2, 'whoami')));
    socket.send(JSON.stringify(callTool(3, 'deploy')));
    await waitFor(() => replies.has(2) && replies.has(3));
    expect(JSON.parse(textOf(replies.get(2)!)!)).toEqual({ subject: 'alice', scopes: ['mcp:tools'], trace: 'ws' });
    expect(replies.get(3)!.error).toMatchObject({
      code: -32600,
      data: { error: 'insufficient_scope', scope: 'deploy' },
    });
    socket.close();
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  const { until } = await import('../../support/until.js');
  await until(check);
}
