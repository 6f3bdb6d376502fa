import { corsPolicy, decideCors, type CorsRequest } from '../../../lib/server/http/cors.js';

const APP = 'http://localhost:5173';
const preflight = (extra: Partial<CorsRequest> = {}): CorsRequest => ({
  method: 'OPTIONS',
  origin: APP,
  requestMethod: 'POST',
  requestHeaders: 'content-type,mcp-protocol-version,mcp-session-id',
  ...extra,
});

describe('corsPolicy', () => {
  it('accepts http(s) origins and "*", one or many', () => {
    expect(corsPolicy(APP)).toEqual({ origins: [APP], anyOrigin: false });
    expect(corsPolicy(['https://app.example.com/', 'http://[::1]:8080'])).toEqual({
      origins: ['https://app.example.com', 'http://[::1]:8080'],
      anyOrigin: false,
    });
    expect(corsPolicy('*')).toEqual({ origins: [], anyOrigin: true });
    expect(corsPolicy([APP, '*'])).toEqual({ origins: [APP], anyOrigin: true });
  });

  it('refuses entries that are not origins', () => {
    for (const entry of [
      'localhost:5173',
      'app.example.com',
      'http://app.example.com/path',
      'ftp://app.example.com',
      'http://user@app.example.com',
      '',
      'http://',
    ]) {
      expect(() => corsPolicy(entry)).toThrow(TypeError);
    }
  });
});

describe('decideCors', () => {
  const named = corsPolicy([APP, 'https://app.example.com']);

  it('answers a preflight from a named origin with the MCP methods and headers', () => {
    expect(decideCors(preflight(), named)).toEqual({
      type: 'preflight',
      status: 204,
      headers: {
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers':
          'content-type, accept, authorization, dpop, mcp-session-id, mcp-protocol-version, last-event-id, mcp-method, mcp-name',
        'access-control-max-age': '600',
      },
    });
  });

  it('allows every MCP request header, in any case, and the Mcp-Param-* headers of 2026-07-28', () => {
    // DPoP: the proof a DPoP-bound token travels with (Chromium refused the request before it was listed).
    const all =
      'Content-Type, Authorization, DPoP, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name, Mcp-Param-Region';
    const decision = decideCors(preflight({ requestHeaders: all }), named);
    expect(decision.type).toBe('preflight');
    expect(decision.headers['access-control-allow-headers']).toMatch(/, mcp-param-region$/);
    for (const method of ['GET', 'POST', 'DELETE', 'delete'])
      expect(decideCors(preflight({ requestMethod: method, requestHeaders: null }), named).type).toBe('preflight');
  });

  it('matches origins as the Origin check does: a port-less entry allows any port', () => {
    expect(decideCors(preflight({ origin: 'https://app.example.com:8443' }), named).type).toBe('preflight');
    expect(decideCors(preflight({ origin: 'http://app.example.com' }), named).type).toBe('refused');
    const exact = corsPolicy('http://localhost:3000');
    expect(decideCors(preflight({ origin: 'http://localhost:3000' }), exact).type).toBe('preflight');
    expect(decideCors(preflight({ origin: 'http://localhost:3001' }), exact).type).toBe('refused');
  });

  it('refuses a preflight from another origin, for another method or with another header, saying why', () => {
    expect(decideCors(preflight({ origin: 'https://evil.example' }), named)).toEqual({
      type: 'refused',
      status: 403,
      reason: 'origin https://evil.example is not among the CORS origins',
      headers: { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' },
    });
    expect(decideCors(preflight({ origin: 'null' }), named).type).toBe('refused');
    expect(decideCors(preflight({ requestMethod: 'PUT' }), named)).toMatchObject({
      type: 'refused',
      reason: 'method PUT is not allowed',
    });
    expect(decideCors(preflight({ requestHeaders: 'content-type, x-custom' }), named)).toMatchObject({
      type: 'refused',
      reason: 'request header x-custom is not allowed',
    });
  });

  it('adds Allow-Origin and exposes the headers a client reads to actual requests from named origins only', () => {
    expect(decideCors({ method: 'POST', origin: APP }, named)).toEqual({
      type: 'actual',
      headers: {
        vary: 'Origin',
        'access-control-allow-origin': APP,
        'access-control-expose-headers': 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, DPoP-Nonce',
      },
    });
    expect(decideCors({ method: 'GET', origin: 'https://evil.example' }, named)).toEqual({
      type: 'actual',
      headers: { vary: 'Origin' },
    });
    expect(decideCors({ method: 'POST' }, named)).toEqual({ type: 'actual', headers: { vary: 'Origin' } });
  });

  it('treats OPTIONS without Origin or Access-Control-Request-Method as an actual request', () => {
    expect(decideCors({ method: 'OPTIONS', origin: APP }, named).type).toBe('actual');
    expect(decideCors({ method: 'OPTIONS', requestMethod: 'POST' }, named).type).toBe('actual');
  });

  it('answers "*" with Access-Control-Allow-Origin: * for any origin, null included, without Vary: Origin', () => {
    const any = corsPolicy('*');
    const decision = decideCors(preflight({ origin: 'https://anywhere.example' }), any);
    expect(decision).toMatchObject({
      type: 'preflight',
      headers: {
        'access-control-allow-origin': '*',
        vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
      },
    });
    expect(decideCors({ method: 'POST', origin: 'null' }, any).headers).toEqual({
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, DPoP-Nonce',
    });
  });
});
