import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createNodeFetch } from '../../../lib/node/clients/node-fetch.js';
import { until } from '../../support/until.js';

/**
 * NodeResponse (through createNodeFetch, as the client transports use it) side by side with the
 * plain forms it stands for: undici's `Response` over the Node stream (`Readable.toWeb`), and
 * Node's own `fetch`, on the same server and the same routes.
 */
type Get = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

const NULL_BODY = new Set([101, 204, 205, 304]);
/** The plain form: a node:http response wrapped in undici's `Response` over `Readable.toWeb`. */
const plainResponse: Get = (url) =>
  new Promise((resolve, reject) => {
    request(url, (res) => {
      const headers = new Headers();
      for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const status = res.statusCode ?? 0;
      const body = NULL_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
      if (!body) res.resume();
      resolve(new Response(body, { status, statusText: res.statusMessage ?? '', headers }));
    })
      .on('error', reject)
      .end();
  });

const forms: Array<[string, Get]> = [
  ['NodeResponse', createNodeFetch()],
  ['Readable.toWeb Response', plainResponse],
  ['fetch', (url, init) => fetch(url, init)],
];

/** 300 KB of every byte value: several chunks, and not UTF-8. */
const BYTES = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => (i * 7) % 256));

/** What the server knows of each request, by its `?id=`. */
const held = new Map<string, { res: ServerResponse; closed: boolean }>();

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url!, 'http://x');
  const id = url.searchParams.get('id') ?? '';
  const entry = { res, closed: false };
  held.set(id, entry);
  res.on('close', () => (entry.closed = true));
  switch (url.pathname) {
    case '/json':
      res.setHeader('x-late', '1');
      res.writeHead(200, 'Fine', { 'content-type': 'application/json', 'x-multi': 'a' });
      res.end(JSON.stringify({ hello: 'wörld', n: [1, 2] }));
      return;
    case '/cookies':
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.setHeader('x-multi', ['one', 'two']);
      res.end('ok');
      return;
    case '/bytes':
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BYTES);
      return;
    case '/not-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{nope');
      return;
    case '/empty':
      res.writeHead(204).end();
      return;
    case '/missing':
      res.writeHead(404, 'Nope').end('missing');
      return;
    case '/chunks':
      // The first chunk now; the rest when the spec asks (after the client has read the first).
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      return;
    case '/events':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      return; // never ends
    case '/cut':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('partial');
      return; // the spec destroys it
  }
}

let server: Server;
let base: string;
let next = 0;
const idOf = () => `r${next++}`;

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The parts of a response every form must agree on (headers without the connection's own). */
function head(response: Response) {
  const own = new Set(['date', 'connection', 'keep-alive']);
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => own.has(name) || headers.push([name, value]));
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers,
    setCookie: response.headers.getSetCookie(),
    bodyNull: response.body === null,
    bodyUsed: response.bodyUsed,
  };
}

/** Runs `read` with every form and expects one answer from all. */
async function sameForAll<T>(read: (get: Get) => Promise<T>): Promise<T> {
  const results: Array<[string, T]> = [];
  for (const [name, get] of forms) results.push([name, await read(get)]);
  for (const [form, result] of results.slice(1)) expect({ form, result }).toEqual({ form, result: results[0]![1] });
  return results[0]![1];
}

/** The error a promise rejects with, as its name (or `'resolved'`). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => error.name,
  );

describe('NodeResponse side by side with undici Response and fetch', () => {
  it('status, statusText, headers and text()', async () => {
    const seen = await sameForAll(async (get) => {
      const response = await get(`${base}/json?id=${idOf()}`);
      return { head: head(response), text: await response.text(), after: response.bodyUsed };
    });
    expect(seen.head).toMatchObject({ status: 200, statusText: 'Fine', ok: true, bodyNull: false, bodyUsed: false });
    expect(seen.head.headers).toEqual(expect.arrayContaining([['x-late', '1']]));
    expect(seen).toMatchObject({ text: JSON.stringify({ hello: 'wörld', n: [1, 2] }), after: true });
  });

  it('repeated headers, set-cookie apart', async () => {
    const seen = await sameForAll(async (get) => head(await get(`${base}/cookies?id=${idOf()}`)));
    expect(seen.setCookie).toEqual(['a=1', 'b=2']);
    expect(seen.headers).toEqual(expect.arrayContaining([['x-multi', 'one, two']]));
  });

  it('json(), and a SyntaxError for a body that is not JSON', async () => {
    const seen = await sameForAll(async (get) => ({
      json: await (await get(`${base}/json?id=${idOf()}`)).json(),
      bad: await failure((await get(`${base}/not-json?id=${idOf()}`)).json()),
    }));
    expect(seen).toEqual({ json: { hello: 'wörld', n: [1, 2] }, bad: 'SyntaxError' });
  });

  it('arrayBuffer() of a binary body of several chunks', async () => {
    const seen = await sameForAll(async (get) => {
      const buffer = await (await get(`${base}/bytes?id=${idOf()}`)).arrayBuffer();
      return { isArrayBuffer: buffer instanceof ArrayBuffer, same: Buffer.from(buffer).equals(BYTES) };
    });
    expect(seen).toEqual({ isArrayBuffer: true, same: true });
  });

  it('the body as a stream, read as it arrives', async () => {
    const seen = await sameForAll(async (get) => {
      const id = idOf();
      const response = await get(`${base}/chunks?id=${id}`);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const first = decoder.decode((await reader.read()).value);
      const locked = { bodyUsed: response.bodyUsed, again: await failure(response.text()) };
      held.get(id)!.res.end('second');
      let rest = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        rest += decoder.decode(chunk.value);
      return { first, rest, locked };
    });
    expect(seen).toEqual({ first: 'first;', rest: 'second', locked: { bodyUsed: true, again: 'TypeError' } });
  });

  it('a body read twice: the second read rejects with a TypeError', async () => {
    const seen = await sameForAll(async (get) => {
      const response = await get(`${base}/json?id=${idOf()}`);
      await response.text();
      return { text: await failure(response.text()), json: await failure(response.json()) };
    });
    expect(seen).toEqual({ text: 'TypeError', json: 'TypeError' });
  });

  it('null-body statuses and errors', async () => {
    const seen = await sameForAll(async (get) => {
      const empty = await get(`${base}/empty?id=${idOf()}`);
      const missing = await get(`${base}/missing?id=${idOf()}`);
      return { empty: head(empty), emptyText: await empty.text(), missing: head(missing), text: await missing.text() };
    });
    expect(seen).toMatchObject({
      empty: { status: 204, ok: true, bodyNull: true },
      emptyText: '',
      missing: { status: 404, statusText: 'Nope', ok: false },
      text: 'missing',
    });
  });

  it('cancelling an endless event stream closes the connection', async () => {
    const seen = await sameForAll(async (get) => {
      const id = idOf();
      const response = await get(`${base}/events?id=${id}`);
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      await reader.cancel();
      await until(() => held.get(id)!.closed, `the server to see ${id} closed`);
      return { first, closed: held.get(id)!.closed };
    });
    expect(seen).toEqual({ first: 'data: one\n\n', closed: true });
  });

  it('a body cut off by the server: text() and the stream reject', async () => {
    const seen = await sameForAll(async (get) => {
      const whole = idOf();
      const wholeResponse = await get(`${base}/cut?id=${whole}`);
      const text = failure(wholeResponse.text());
      held.get(whole)!.res.destroy();
      const streamed = idOf();
      const reader = (await get(`${base}/cut?id=${streamed}`)).body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      held.get(streamed)!.res.destroy();
      return { text: (await text) !== 'resolved', first, stream: (await failure(reader.read())) !== 'resolved' };
    });
    expect(seen).toEqual({ text: true, first: 'partial', stream: true });
  });
});

describe('NodeResponse aborted like fetch', () => {
  const withSignal = forms.filter(([name]) => name !== 'Readable.toWeb Response');

  it('an abort while the body is read rejects the read with the abort reason, and closes the connection', async () => {
    const seen: unknown[] = [];
    for (const [, get] of withSignal) {
      const id = idOf();
      const controller = new AbortController();
      const response = await get(`${base}/events?id=${id}`, { signal: controller.signal });
      const reader = response.body!.getReader();
      await reader.read();
      const pending = reader.read().then(
        () => 'resolved',
        (error: Error) => error.name,
      );
      controller.abort();
      const text = await pending;
      await until(() => held.get(id)!.closed, `the server to see ${id} closed`);
      seen.push({ text, closed: true });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toEqual({ text: 'AbortError', closed: true });
  });

  it('url, redirected and type as fetch has them, and an abort during text() rejects it', async () => {
    const seen: unknown[] = [];
    for (const [, get] of withSignal) {
      const controller = new AbortController();
      const url = `${base}/events?id=${idOf()}`;
      const response = await get(url, { signal: controller.signal });
      const text = failure(response.text());
      controller.abort();
      seen.push({ url: response.url === url, redirected: response.redirected, type: response.type, text: await text });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toMatchObject({ url: true, redirected: false, type: 'basic', text: 'AbortError' });
  });

  it('an already aborted signal rejects before anything is sent', async () => {
    const seen: string[] = [];
    for (const [, get] of withSignal)
      seen.push(await failure(get(`${base}/json?id=${idOf()}`, { signal: AbortSignal.abort() })));
    expect(seen).toEqual(['AbortError', 'AbortError']);
  });
});
