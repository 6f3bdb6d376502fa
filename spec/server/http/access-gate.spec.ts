import { createAccessGate, type AccessGateOptions } from '../../../lib/server/http/access-gate.js';

const APP = 'http://app.example.com:5173';
const gateWithLog = (options: AccessGateOptions = {}) => {
  const logs: string[] = [];
  const gate = createAccessGate({ logger: (message) => logs.push(message), ...options });
  return { gate, logs };
};
const post = (headers: Record<string, string>, url = '/mcp') => ({
  method: 'POST',
  url,
  headers: { host: 'localhost:3000', ...headers },
});
const preflight = (origin: string, url = '/mcp') => ({
  method: 'OPTIONS',
  url,
  headers: {
    host: 'localhost:3000',
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type',
  },
});

describe('createAccessGate', () => {
  it('without cors: the DNS-rebinding check only, no CORS headers', () => {
    const { gate, logs } = gateWithLog();
    expect(gate(post({}))).toEqual({ type: 'proceed', headers: {} });
    expect(gate(post({ origin: 'http://localhost:5173' }))).toEqual({ type: 'proceed', headers: {} });
    expect(gate(post({ origin: APP }))).toEqual({
      type: 'refuse',
      status: 403,
      reason: `Invalid Origin header: ${APP}`,
      headers: {},
    });
    expect(gate(preflight('http://localhost:5173'))).toEqual({ type: 'proceed', headers: {} });
    expect(logs).toEqual([
      `rxmcp: refused POST /mcp from origin ${APP} (403 Invalid Origin header: ${APP}); to let a browser app there call this server, add it to the cors option (rxmcp run --cors ${APP})`,
      'rxmcp: refused a CORS preflight for OPTIONS /mcp from origin http://localhost:5173: CORS is off; enable it with the cors option (rxmcp run --cors http://localhost:5173)',
    ]);
  });

  it('lets CORS origins through the Origin check and adds their headers; other origins still get 403', () => {
    const { gate, logs } = gateWithLog({ cors: [APP] });
    expect(gate(preflight(APP))).toMatchObject({
      type: 'preflight',
      status: 204,
      headers: { 'access-control-allow-origin': APP },
    });
    expect(gate(post({ origin: APP }))).toMatchObject({
      type: 'proceed',
      headers: {
        'access-control-allow-origin': APP,
        'access-control-expose-headers': expect.stringContaining('Mcp-Session-Id'),
      },
    });
    expect(gate(post({ origin: 'https://evil.example' }))).toMatchObject({
      type: 'refuse',
      status: 403,
      reason: 'Invalid Origin header: https://evil.example',
    });
    expect(gate(preflight('https://evil.example'))).toMatchObject({ type: 'refuse', status: 403 });
    // The loopback origins allowed by default still pass the Origin check, without CORS headers.
    expect(gate(post({ origin: 'http://localhost:5173' }))).toEqual({ type: 'proceed', headers: { vary: 'Origin' } });
    expect(gate(preflight('http://localhost:5173'))).toMatchObject({
      type: 'refuse',
      reason: 'CORS preflight refused: origin http://localhost:5173 is not among the CORS origins',
    });
    expect(logs).toEqual([
      expect.stringContaining('refused POST /mcp from origin https://evil.example (403 Invalid Origin header'),
      expect.stringContaining(
        'refused a CORS preflight for OPTIONS /mcp from origin http://localhost:5173 (403 origin http://localhost:5173 is not among the CORS origins)',
      ),
    ]);
  });

  it('keeps the Host check with cors "*"', () => {
    const { gate, logs } = gateWithLog({ cors: '*' });
    expect(gate(post({ origin: 'https://anywhere.example' }))).toMatchObject({
      type: 'proceed',
      headers: { 'access-control-allow-origin': '*' },
    });
    expect(gate(post({ origin: 'null' })).type).toBe('proceed');
    expect(gate(post({ host: 'evil.example', origin: 'http://evil.example' }))).toMatchObject({
      type: 'refuse',
      status: 403,
      reason: 'Invalid Host header: evil.example',
    });
    expect(logs).toEqual([
      expect.stringContaining(
        'refused POST /mcp from origin http://evil.example (403 Invalid Host header: evil.example); if this host is yours, add it to allowedHosts',
      ),
    ]);
  });

  it('adds CORS origins to configured allowedOrigins', () => {
    const { gate } = gateWithLog({ cors: APP, allowedOrigins: ['https://other.example'] });
    expect(gate(post({ origin: 'https://other.example' })).type).toBe('proceed');
    expect(gate(post({ origin: APP })).type).toBe('proceed');
    expect(gate(post({ origin: 'http://localhost:5173' })).type).toBe('refuse');
  });

  it('with protection off, answers preflights of CORS origins only and refuses no actual request', () => {
    const { gate } = gateWithLog({ cors: APP, dnsRebindingProtection: false });
    expect(gate(preflight(APP)).type).toBe('preflight');
    expect(gate(preflight('https://evil.example')).type).toBe('refuse');
    expect(gate(post({ host: 'evil.example', origin: 'https://evil.example' }))).toEqual({
      type: 'proceed',
      headers: { vary: 'Origin' },
    });
  });

  it('logs once per origin (or host), never the query string, and stops after 100 origins', () => {
    const { gate, logs } = gateWithLog();
    for (let i = 0; i < 3; i++) gate(post({ origin: 'https://evil.example' }, '/messages?sessionId=secret'));
    gate(post({ host: 'evil.example' }));
    gate(post({ host: 'evil.example' }));
    expect(logs).toHaveLength(2);
    expect(logs.join('\n')).not.toContain('secret');
    expect(logs[0]).toContain('POST /messages from origin https://evil.example');
    for (let i = 0; i < 200; i++) gate(post({ origin: `https://evil${i}.example` }));
    expect(logs).toHaveLength(101);
    expect(logs.at(-1)).toBe('rxmcp: refusals from further origins are not logged');
  });

  it('logs on console.error by default', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      createAccessGate()(post({ origin: APP }));
      expect(spy).toHaveBeenCalledWith(expect.stringContaining(`refused POST /mcp from origin ${APP}`));
    } finally {
      spy.mockRestore();
    }
  });

  it('throws for an invalid cors origin', () => {
    expect(() => createAccessGate({ cors: ['localhost:5173'] })).toThrow("Invalid CORS origin: 'localhost:5173'");
  });
});
