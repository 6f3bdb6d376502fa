import {
  httpFailure,
  httpStatusError,
  networkError,
  requireHttpUrl,
  rootCause,
} from '../../../lib/transport/http/http-failures.js';

/** What Node's `fetch` (undici) rejects with when nothing listens on the port. */
function refused(port: number): TypeError {
  const socket = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
    code: 'ECONNREFUSED',
    address: '127.0.0.1',
    port,
  });
  return new TypeError('fetch failed', { cause: socket });
}

describe('rootCause', () => {
  it('follows the cause chain to the socket error', () => {
    expect(rootCause(refused(3999))).toBe('connect ECONNREFUSED 127.0.0.1:3999');
  });

  it('lists the errors of an AggregateError (one per address tried) and adds a code the message lacks', () => {
    const both = Object.assign(
      new AggregateError(
        [new Error('connect ECONNREFUSED ::1:3999'), new Error('connect ECONNREFUSED 127.0.0.1:3999')],
        '',
      ),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(rootCause(new TypeError('fetch failed', { cause: both }))).toBe(
      'connect ECONNREFUSED ::1:3999; connect ECONNREFUSED 127.0.0.1:3999',
    );
    expect(rootCause(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      'socket hang up (ECONNRESET)',
    );
    expect(rootCause('plain')).toBe('plain');
  });
});

describe('networkError', () => {
  it('names the method, the URL and the root cause, kind transport, the original as cause', () => {
    const original = refused(3999);
    const error = networkError({ method: 'POST', url: new URL('http://127.0.0.1:3999/mcp') }, original);
    expect(error).toMatchObject({
      kind: 'transport',
      message: 'POST http://127.0.0.1:3999/mcp failed: connect ECONNREFUSED 127.0.0.1:3999',
    });
    expect(error.cause).toBe(original);
  });
});

describe('httpStatusError and httpFailure', () => {
  const name = { method: 'POST', url: 'http://mcp.test/mcp' };

  it('say the URL, the status and a hint, kind transport, with status, url and body as data', () => {
    const error = httpStatusError(name, 401, 'Unauthorized', '');
    expect(error.kind).toBe('transport');
    expect(error.message).toBe(
      'POST http://mcp.test/mcp answered HTTP 401 Unauthorized: the server wants credentials (pass an Authorization header or an auth provider)',
    );
    expect(httpStatusError(name, 500, 'Internal Server Error', 'boom\n')).toMatchObject({
      message:
        'POST http://mcp.test/mcp answered HTTP 500 Internal Server Error: the server failed (see its logs) (the server said: boom)',
      data: { status: 500, url: 'http://mcp.test/mcp', body: 'boom\n' },
    });
    expect(httpStatusError(name, 405, '', '').message).toContain('does not take POST');
  });

  it("fail the request with kind transport, or answer it with the server's JSON-RPC error when the body holds one", () => {
    expect(httpFailure(3, name, 502, 'Bad Gateway', '')).toEqual({
      kind: 'request-failed',
      id: 3,
      error: expect.objectContaining({ kind: 'transport', data: { status: 502, url: name.url } }),
    });
    expect(
      httpFailure(
        3,
        name,
        400,
        'Bad Request',
        '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"bad","data":1}}',
      ),
    ).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32600, message: 'bad', data: { status: 400, data: 1 } },
    });
  });
});

describe('requireHttpUrl', () => {
  it('parses http and https URLs and refuses anything else with a clear error', () => {
    expect(requireHttpUrl('https://mcp.test/mcp', 'f').href).toBe('https://mcp.test/mcp');
    expect(() => requireHttpUrl('ws://mcp.test/mcp', 'createStreamableHttpClientTransport')).toThrow(
      expect.objectContaining({
        kind: 'transport',
        message:
          'createStreamableHttpClientTransport needs an http: or https: URL, not ws: (ws://mcp.test/mcp); for a WebSocket endpoint use createWebSocketClientTransport',
      }),
    );
    expect(() => requireHttpUrl('localhost:3000/mcp', 'f')).toThrow(/needs an http: or https: URL, not localhost:/);
    expect(() => requireHttpUrl('/mcp', 'f')).toThrow(
      'f: "/mcp" is not an absolute URL (expected http://… or https://…)',
    );
  });
});
