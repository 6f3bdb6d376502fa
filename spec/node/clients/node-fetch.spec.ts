import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeFetch } from '../../../lib/node/clients/node-fetch.js';

describe('createNodeFetch', () => {
  let server: Server;
  let url: string;
  const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        switch (req.url) {
          case '/json':
            res
              .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'abc' })
              .end(JSON.stringify({ echo: body }));
            return;
          case '/accepted':
            res.writeHead(202).end();
            return;
          case '/no-content':
            res.writeHead(204).end();
            return;
          case '/stream':
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            res.write('data: one\n\n');
            setTimeout(() => res.end('data: two\n\n'), 30);
            return;
          case '/hang':
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            res.write('data: first\n\n');
            return;
          case '/slow':
            return; // never answers
          default:
            res.writeHead(404, 'Nope').end('missing');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const fetch = createNodeFetch();

  it('sends the method, headers (a Headers or a record) and body, and returns status, headers and body', async () => {
    const response = await fetch(`${url}/json`, {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'application/json', 'X-A': '1' }),
      body: '{"a":1}',
    });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-a': '1' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('Mcp-Session-Id')).toBe('abc');
    await expect(response.json()).resolves.toEqual({ echo: '{"a":1}' });

    await fetch(`${url}/json`, { method: 'DELETE', headers: { 'X-B': '2' } }).then((r) => r.text());
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', headers: { 'x-b': '2' }, body: '' });
  });

  it('answers 202, 204 and errors with their status and text', async () => {
    const accepted = await fetch(`${url}/accepted`, { method: 'POST', body: '{}' });
    expect(accepted.status).toBe(202);
    await expect(accepted.text()).resolves.toBe('');
    const empty = await fetch(`${url}/no-content`);
    expect([empty.status, empty.body]).toEqual([204, null]);
    const missing = await fetch(`${url}/nowhere`);
    expect([missing.status, missing.ok, missing.statusText]).toEqual([404, false, 'Nope']);
    await expect(missing.text()).resolves.toBe('missing');
  });

  it('streams the body as it arrives', async () => {
    const response = await fetch(`${url}/stream`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: one\n\n');
    const second = await reader.read();
    expect(decoder.decode(second.value)).toBe('data: two\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('aborts a request before its response, and a body being read', async () => {
    const early = new AbortController();
    const pending = fetch(`${url}/slow`, { signal: early.signal });
    setTimeout(() => early.abort(new Error('gave up')), 20);
    await expect(pending).rejects.toThrow('gave up');

    const late = new AbortController();
    const response = await fetch(`${url}/hang`, { signal: late.signal });
    const reader = response.body!.getReader();
    await reader.read();
    late.abort(new Error('enough'));
    await expect(reader.read()).rejects.toThrow();

    const already = new AbortController();
    already.abort(new Error('before'));
    await expect(fetch(`${url}/json`, { signal: already.signal })).rejects.toThrow('before');
  });

  it('reads a body once, whole or as a stream, and rejects a second read', async () => {
    const whole = await fetch(`${url}/json`, { method: 'POST', body: 'x' });
    expect(whole.bodyUsed).toBe(false);
    await expect(whole.text()).resolves.toBe('{"echo":"x"}');
    expect(whole.bodyUsed).toBe(true);
    await expect(whole.text()).rejects.toThrow(TypeError);

    const bytes = await fetch(`${url}/json`, { method: 'POST', body: 'y' });
    expect(new TextDecoder().decode(await bytes.arrayBuffer())).toBe('{"echo":"y"}');

    const streamed = await fetch(`${url}/json`, { method: 'POST', body: 'z' });
    const reader = streamed.body!.getReader();
    expect(streamed.bodyUsed).toBe(true);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"echo":"z"}');
    await expect(streamed.text()).rejects.toThrow(TypeError);
  });

  it('rejects a whole-body read that an abort cuts short', async () => {
    const controller = new AbortController();
    const response = await fetch(`${url}/hang`, { signal: controller.signal });
    const text = response.text();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(text).rejects.toThrow('stop');
  });

  it('keeps the connection when a finished body is discarded, and cuts an endless one', async () => {
    const sockets = new Set<unknown>();
    const count = (socket: unknown) => sockets.add(socket);
    server.on('connection', count);
    try {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${url}/accepted`, { method: 'POST', body: '{}' });
        await response.body!.cancel();
        await new Promise((resolve) => setImmediate(resolve)); // the drained socket goes back to the agent
      }
      expect(sockets.size).toBeLessThanOrEqual(1);
      const endless = await fetch(`${url}/hang`);
      await endless.body!.cancel();
      const after = await fetch(`${url}/json`, { method: 'POST', body: 'ok' });
      await expect(after.text()).resolves.toBe('{"echo":"ok"}');
    } finally {
      server.off('connection', count);
    }
  });

  it('rejects when the server cannot be reached', async () => {
    await expect(fetch('http://127.0.0.1:1/')).rejects.toThrow();
  });
});
