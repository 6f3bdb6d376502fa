// CORS over real sockets: preflights and actual requests through serveMcp and through the express
// router mounted in an app, as a browser page at APP would send them (raw requests: a browser's
// Origin header cannot be set on fetch portably).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createMcpRouter, type McpRouter, type ServeMcpOptions } from '../../../lib/node/http/index.js';
import { ACCEPT_BOTH, callTool, initializeRequest, LATEST } from './helpers/raw-http.js';
import { send, type RawResponse } from './helpers/raw-request.js';
import { streamableHost } from './helpers/streamable-host.js';
import { createTestServer } from './helpers/test-server.js';

const APP = 'http://localhost:5173';
const EXPOSED = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, DPoP-Nonce';
const json = { 'content-type': 'application/json', accept: ACCEPT_BOTH };

const preflight = (url: string, method: string, requestHeaders: string, origin = APP) =>
  send(url, 'OPTIONS', {
    origin,
    'access-control-request-method': method,
    'access-control-request-headers': requestHeaders,
  });

/** Expects a preflight answer that lets APP send `method` with `headers`. */
function expectPreflightAllows(response: RawResponse, method: string, headers: string[]): void {
  expect(response.status).toBe(204);
  expect(response.headers['access-control-allow-origin']).toBe(APP);
  expect(response.headers['access-control-allow-methods']?.split(', ')).toContain(method);
  const allowed = response.headers['access-control-allow-headers']?.split(', ') ?? [];
  for (const name of headers) expect(allowed).toContain(name);
  expect(response.headers['vary']).toContain('Origin');
}

/** Walks a browser session at APP through `/mcp`: preflight, initialize, a call, DELETE. */
async function browserSession(mcp: string): Promise<void> {
  expectPreflightAllows(await preflight(mcp, 'POST', 'content-type'), 'POST', ['content-type']);
  const init = await send(mcp, 'POST', { ...json, origin: APP }, JSON.stringify(initializeRequest()));
  expect(init.status).toBe(200);
  expect(init.headers['access-control-allow-origin']).toBe(APP);
  expect(init.headers['access-control-expose-headers']).toBe(EXPOSED);
  const sessionId = String(init.headers['mcp-session-id']);
  expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const session = { 'mcp-session-id': sessionId, 'mcp-protocol-version': LATEST };
  expectPreflightAllows(
    await preflight(mcp, 'POST', 'content-type,mcp-protocol-version,mcp-session-id,authorization'),
    'POST',
    ['mcp-session-id', 'mcp-protocol-version', 'authorization'],
  );
  const call = await send(
    mcp,
    'POST',
    { ...json, ...session, origin: APP },
    JSON.stringify(callTool(2, 'echo', { text: 'from the page' })),
  );
  expect(call.status).toBe(200);
  expect(call.headers['access-control-allow-origin']).toBe(APP);
  expect(JSON.parse(call.body)).toMatchObject({ id: 2, result: { content: [{ text: 'from the page' }] } });

  expectPreflightAllows(await preflight(mcp, 'GET', 'last-event-id,mcp-protocol-version,mcp-session-id'), 'GET', [
    'last-event-id',
  ]);
  const stream = await send(mcp, 'GET', { accept: 'text/event-stream', ...session, origin: APP });
  expect(stream.status).toBe(200);
  expect(stream.headers['access-control-allow-origin']).toBe(APP);

  expectPreflightAllows(await preflight(mcp, 'DELETE', 'mcp-protocol-version,mcp-session-id'), 'DELETE', [
    'mcp-session-id',
  ]);
  const deleted = await send(mcp, 'DELETE', { ...session, origin: APP });
  expect(deleted.status).toBe(200);
  expect(deleted.headers['access-control-allow-origin']).toBe(APP);
  // An error answer carries the headers too, so the page can read it.
  const gone = await send(mcp, 'POST', { ...json, ...session, origin: APP }, JSON.stringify(callTool(3, 'echo')));
  expect(gone.status).toBe(404);
  expect(gone.headers['access-control-allow-origin']).toBe(APP);
}

describe('CORS over serveMcp', () => {
  const served = streamableHost();
  const start = async (options: ServeMcpOptions = {}) => {
    await served.start(options);
    return served.running!.url;
  };
  afterEach(() => served.stop());

  it('serves a browser session from a named origin on /mcp', async () => {
    const base = await start({ cors: [APP, 'https://app.example.com'] });
    await browserSession(`${base}/mcp`);
    expect(served.logs).toEqual([]);
  });

  it('answers preflights on /sse and /messages, and adds the headers to the legacy stream and its POSTs', async () => {
    const base = await start({ cors: APP });
    expectPreflightAllows(await preflight(`${base}/sse`, 'GET', ''), 'GET', []);
    expectPreflightAllows(await preflight(`${base}/messages?sessionId=x`, 'POST', 'content-type'), 'POST', [
      'content-type',
    ]);
    const stream = await send(`${base}/sse`, 'GET', { accept: 'text/event-stream', origin: APP });
    expect(stream.status).toBe(200);
    expect(stream.headers['access-control-allow-origin']).toBe(APP);
    const unknown = await send(
      `${base}/messages?sessionId=nope`,
      'POST',
      { 'content-type': 'application/json', origin: APP },
      '{}',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers['access-control-allow-origin']).toBe(APP);
  });

  it('still refuses origins not named (403, logged once), and a foreign Host with cors "*"', async () => {
    const base = await start({ cors: APP });
    const evil = 'https://evil.example';
    expect((await preflight(`${base}/mcp`, 'POST', 'content-type', evil)).status).toBe(403);
    const post = await send(`${base}/mcp`, 'POST', { ...json, origin: evil }, JSON.stringify(initializeRequest()));
    expect(post.status).toBe(403);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(served.logs).toEqual([
      expect.stringContaining(`refused OPTIONS /mcp from origin ${evil} (403 Invalid Origin header: ${evil})`),
    ]);
    await served.running!.close();

    const any = await start({ cors: '*' });
    const anywhere = await send(`${any}/mcp`, 'POST', { ...json, origin: evil }, JSON.stringify(initializeRequest()));
    expect(anywhere.status).toBe(200);
    expect(anywhere.headers['access-control-allow-origin']).toBe('*');
    const rebound = await send(
      `${any}/mcp`,
      'POST',
      { ...json, host: 'evil.example', origin: 'http://evil.example' },
      JSON.stringify(initializeRequest()),
    );
    expect(rebound.status).toBe(403);
  });

  it('changes nothing without cors: the preflight gets 405 without CORS headers, and a log line says why', async () => {
    const base = await start();
    const refused = await preflight(`${base}/mcp`, 'POST', 'content-type');
    expect(refused.status).toBe(405);
    expect(Object.keys(refused.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const legacy = await preflight(`${base}/messages?sessionId=x`, 'POST', 'content-type');
    expect(legacy.headers['access-control-allow-origin']).toBeUndefined();
    const post = await send(`${base}/mcp`, 'POST', { ...json, origin: APP }, JSON.stringify(initializeRequest()));
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(served.logs).toEqual([
      `rxmcp: refused a CORS preflight for OPTIONS /mcp from origin ${APP}: CORS is off; enable it with the cors option (rxmcp run --cors ${APP})`,
    ]);
  });
});

describe('CORS over createMcpRouter in an express app', () => {
  let http: Server;
  let router: McpRouter;
  afterEach(async () => {
    router.close();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  });

  it('serves a browser session under a prefix, next to the app routes', async () => {
    const logs: string[] = [];
    router = createMcpRouter(createTestServer(), { cors: [APP], logger: (message) => logs.push(message) });
    const app = express();
    app.get('/health', (_req, res) => void res.send('ok'));
    app.use('/api', router);
    http = await new Promise<Server>((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server));
    });
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    await browserSession(`${base}/api/mcp`);
    expectPreflightAllows(await preflight(`${base}/api/sse`, 'GET', ''), 'GET', []);
    expect((await send(`${base}/api/mcp`, 'POST', { ...json, origin: 'https://evil.example' }, '{}')).status).toBe(403);
    expect(logs).toEqual([expect.stringContaining('refused POST /api/mcp from origin https://evil.example (403')]);
    // The app's own routes are untouched.
    expect(
      (await send(`${base}/health`, 'GET', { origin: APP })).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});
