import { checkDnsRebinding, type ServeMcpOptions } from '../../../lib/node/http/index.js';
import { streamableHost } from './helpers/streamable-host.js';
import { ACCEPT_BOTH, initializeRequest } from './helpers/raw-http.js';
import { send } from './helpers/raw-request.js';

const initialize = JSON.stringify(initializeRequest());
const postHeaders = { 'content-type': 'application/json', accept: ACCEPT_BOTH };

describe('DNS-rebinding protection', () => {
  const served = streamableHost();
  const start = async (options: ServeMcpOptions = {}) => {
    await served.start(options);
    return served.running!.url;
  };
  afterEach(() => served.stop());

  it('is on by default on 127.0.0.1: foreign Host or Origin → 403 on every endpoint', async () => {
    const base = await start();
    const port = served.running!.port;
    const cases: [string, string, Record<string, string>, string?][] = [
      ['/mcp', 'POST', { ...postHeaders, host: 'evil.example' }, initialize],
      ['/mcp', 'POST', { ...postHeaders, host: `evil.example:${port}` }, initialize],
      ['/mcp', 'POST', { ...postHeaders, origin: 'http://evil.example' }, initialize],
      ['/mcp', 'POST', { ...postHeaders, origin: 'null' }, initialize],
      ['/mcp', 'GET', { accept: 'text/event-stream', host: 'evil.example' }],
      ['/mcp', 'DELETE', { host: 'evil.example' }],
      ['/sse', 'GET', { accept: 'text/event-stream', host: 'evil.example' }],
      ['/sse', 'GET', { accept: 'text/event-stream', origin: 'https://evil.example' }],
      ['/messages?sessionId=x', 'POST', { 'content-type': 'application/json', host: 'evil.example' }, '{}'],
    ];
    for (const [path, method, headers, body] of cases) {
      const response = await send(`${base}${path}`, method, headers, body);
      expect({ path, method, headers, status: response.status }).toEqual({ path, method, headers, status: 403 });
      expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    }
    // One line per refused origin (or host, without an Origin), never the query string.
    expect(served.logs).toEqual([
      expect.stringMatching(
        /^rxmcp: refused POST \/mcp \(403 Invalid Host header: evil\.example\); if this host is yours/,
      ),
      `rxmcp: refused POST /mcp (403 Invalid Host header: evil.example:${port}); if this host is yours, add it to allowedHosts`,
      expect.stringMatching(
        /^rxmcp: refused POST \/mcp from origin http:\/\/evil\.example \(403 Invalid Origin header: http:\/\/evil\.example\); to let a browser app there call this server, add it to the cors option \(rxmcp run --cors http:\/\/evil\.example\)$/,
      ),
      expect.stringContaining('refused POST /mcp from origin null (403 Invalid Origin header: null)'),
      expect.stringContaining('refused GET /sse from origin https://evil.example (403'),
    ]);
  });

  it('allows localhost, 127.0.0.1 and [::1] with any port, and their http(s) origins', async () => {
    const base = await start();
    for (const host of [
      'localhost',
      'localhost:1234',
      '127.0.0.1',
      `127.0.0.1:${served.running!.port}`,
      '[::1]:8080',
    ]) {
      for (const origin of [undefined, 'http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:3000']) {
        const response = await send(
          `${base}/mcp`,
          'POST',
          { ...postHeaders, host, ...(origin ? { origin } : {}) },
          initialize,
        );
        expect({ host, origin, status: response.status }).toEqual({ host, origin, status: 200 });
      }
    }
  });

  it('uses configured allow-lists', async () => {
    const base = await start({
      allowedHosts: ['mcp.example.com', 'localhost:9999'],
      allowedOrigins: ['https://app.example.com'],
    });
    const ok = await send(
      `${base}/mcp`,
      'POST',
      { ...postHeaders, host: 'mcp.example.com', origin: 'https://app.example.com' },
      initialize,
    );
    expect(ok.status).toBe(200);
    expect((await send(`${base}/mcp`, 'POST', { ...postHeaders, host: 'localhost:9999' }, initialize)).status).toBe(
      200,
    );
    expect((await send(`${base}/mcp`, 'POST', { ...postHeaders, host: 'localhost:9998' }, initialize)).status).toBe(
      403,
    );
    expect((await send(`${base}/mcp`, 'POST', { ...postHeaders, host: '127.0.0.1' }, initialize)).status).toBe(403);
    expect(
      (
        await send(
          `${base}/mcp`,
          'POST',
          { ...postHeaders, host: 'mcp.example.com', origin: 'http://app.example.com' },
          initialize,
        )
      ).status,
    ).toBe(403);
  });

  it('can be turned off', async () => {
    const base = await start({ dnsRebindingProtection: false });
    const response = await send(
      `${base}/mcp`,
      'POST',
      { ...postHeaders, host: 'evil.example', origin: 'http://evil.example' },
      initialize,
    );
    expect(response.status).toBe(200);
  });
});

describe('checkDnsRebinding', () => {
  it('checks Host, and Origin only when present', () => {
    expect(checkDnsRebinding({ host: 'localhost:3000' })).toBeUndefined();
    expect(checkDnsRebinding({})).toMatch(/Host/);
    expect(checkDnsRebinding({ host: 'localhost.evil.example' })).toMatch(/Host/);
    expect(checkDnsRebinding({ host: 'user@localhost' })).toMatch(/Host/);
    expect(checkDnsRebinding({ host: 'localhost', origin: 'http://localhost.evil.example' })).toMatch(/Origin/);
    expect(checkDnsRebinding({ host: 'localhost', origin: 'file://' })).toMatch(/Origin/);
  });

  it('derives allowed origins from port-less allowed hosts; explicit ports must match', () => {
    const options = { allowedHosts: ['example.com', 'localhost:3000'] };
    expect(checkDnsRebinding({ host: 'example.com', origin: 'https://example.com:8443' }, options)).toBeUndefined();
    expect(checkDnsRebinding({ host: 'localhost:3000', origin: 'http://localhost:3000' }, options)).toMatch(/Origin/);
    expect(
      checkDnsRebinding({ host: 'localhost:3000' }, { ...options, allowedOrigins: ['http://localhost:3000'] }),
    ).toBeUndefined();
    expect(
      checkDnsRebinding(
        { host: 'localhost:3000', origin: 'http://localhost:3001' },
        { ...options, allowedOrigins: ['http://localhost:3000'] },
      ),
    ).toMatch(/Origin/);
    expect(
      checkDnsRebinding({ host: 'localhost:3000', origin: 'http://anything' }, { ...options, allowedOrigins: ['*'] }),
    ).toBeUndefined();
  });
});
