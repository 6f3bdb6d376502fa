import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import {
  DEFAULT_RECONNECT_OPTIONS,
  fetchExchange,
  reconnectDelay,
  sseEvents,
} from '../../../lib/transport/http/index.js';
import { parseMessages } from '../../../lib/transport/http/http-messages.js';
import { controlledStream, createFakeFetch, settle } from './fake-fetch.js';

describe('sseEvents', () => {
  it('parses events split anywhere across chunks, with ids, names, retry and CRLF', async () => {
    const body = controlledStream();
    const items = lastValueFrom(sseEvents(body.stream).pipe(toArray()));
    for (const chunk of [
      'id: 1\r\nretry: 25',
      '0\r\ndata: \r\n\r\nevent: endpoint\nda',
      'ta: /m?x=1\n\n',
      'data: {"a":',
      '1}\n',
      'data: 2\n\n',
      'data: incomplete',
    ]) {
      body.push(chunk);
      await settle(1);
    }
    body.close();
    expect(await items).toEqual([
      { type: 'retry', retry: 250 },
      { type: 'event', id: '1', data: '' },
      { type: 'event', event: 'endpoint', data: '/m?x=1' },
      { type: 'event', data: '{"a":1}\n2' },
    ]);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo ✓\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8, 16));
        controller.enqueue(bytes.slice(16));
        controller.close();
      },
    });
    expect(await firstValueFrom(sseEvents(stream))).toEqual({ type: 'event', data: 'héllo ✓' });
  });

  it('errors when reading fails and cancels the body on unsubscribe', async () => {
    const failing = controlledStream();
    const result = lastValueFrom(sseEvents(failing.stream)).catch((error: Error) => error.message);
    failing.fail(new Error('reset'));
    expect(await result).toBe('reset');

    const open = controlledStream();
    const subscription = sseEvents(open.stream).subscribe();
    await settle(1);
    subscription.unsubscribe();
    await settle(1);
    expect(open.cancelled).toBe(true);
  });
});

describe('fetchExchange', () => {
  it('aborts the request when unsubscribed before the handler ends, not after', async () => {
    const body = controlledStream();
    const fake = createFakeFetch(() => new Response(body.stream));
    const subscription = fetchExchange(fake.fetch, 'http://x/', { method: 'GET' }, (response) =>
      sseEvents(response.body!),
    ).subscribe();
    await settle();
    expect(fake.calls[0]!.signal.aborted).toBe(false);
    subscription.unsubscribe();
    expect(fake.calls[0]!.signal.aborted).toBe(true);

    const done = createFakeFetch(() => new Response('ok'));
    const text = await lastValueFrom(fetchExchange(done.fetch, 'http://x/', {}, (response) => response.text()));
    expect(text).toBe('ok');
    expect(done.calls[0]!.signal.aborted).toBe(false);
  });

  it('errors when fetch rejects', async () => {
    const fake = createFakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    await expect(firstValueFrom(fetchExchange(fake.fetch, 'http://x/', {}, () => []))).rejects.toThrow('fetch failed');
  });
});

describe('reconnectDelay', () => {
  it("is the server's retry exactly, else exponential backoff capped at maxDelay", () => {
    expect([0, 1, 2, 3].map((attempt) => reconnectDelay(DEFAULT_RECONNECT_OPTIONS, attempt))).toEqual([
      1000, 1500, 2250, 3375,
    ]);
    expect(reconnectDelay(DEFAULT_RECONNECT_OPTIONS, 20)).toBe(30_000);
    expect(reconnectDelay(DEFAULT_RECONNECT_OPTIONS, 5, 0)).toBe(0);
    expect(reconnectDelay(DEFAULT_RECONNECT_OPTIONS, 5, 7)).toBe(7);
  });
});

describe('http messages', () => {
  it('parses one message, an array, or reports a parse error', () => {
    expect(parseMessages('{"jsonrpc":"2.0","method":"a"}')).toEqual([{ jsonrpc: '2.0', method: 'a' }]);
    expect(parseMessages('[{"jsonrpc":"2.0","method":"a"},{"x":1}]')).toEqual([
      { jsonrpc: '2.0', method: 'a' },
      expect.objectContaining({ kind: 'invalid-frame', reason: 'invalid' }),
    ]);
    expect(parseMessages('nope')).toEqual([
      expect.objectContaining({ kind: 'invalid-frame', reason: 'parse', id: null }),
    ]);
  });
});
