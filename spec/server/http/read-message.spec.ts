import { VirtualTimeScheduler } from 'rxjs';
import type { HttpAnswer } from '../../../lib/server/http/http-answer.js';
import { DeadlineQueue } from '../../../lib/server/http/deadline-queue.js';
import {
  keepReadBody,
  readJsonBody,
  readMessage,
  readMessageThen,
  type CallbackBodyRequest,
} from '../../../lib/server/http/read-message.js';
import { isThenable } from '../../../lib/server/http/session-stream.js';

const MAX = 1024;

/** A POST whose adapter hands its body over by callback (as `rxmcp/node`'s do); `text()` must not be used. */
function callbackRequest(headers: Record<string, string> = {}) {
  let deliver: { onText: (text: string) => void; onError: (error: unknown) => void } | undefined;
  let reads = 0;
  const request = new Request('http://localhost/mcp', { method: 'POST', headers, body: 'unused' });
  Object.defineProperty(request, 'text', { value: () => Promise.reject(new Error('text() was called')) });
  (request as unknown as CallbackBodyRequest).readTextInto = (onText, onError) => {
    reads++;
    deliver = { onText, onError };
  };
  return {
    request,
    reads: () => reads,
    send: (text: string) => deliver!.onText(text),
    fail: (error: Error) => deliver!.onError(error),
  };
}

const sized = (text: string) => ({ 'content-type': 'application/json', 'content-length': String(text.length) });
const errorOf = (answer: unknown) => JSON.parse((answer as HttpAnswer).body!).error as { code: number };

describe('readMessage', () => {
  it('answers a body kept earlier (by the resource guard) at once, with no promise', () => {
    const request = new Request('http://localhost/mcp', { method: 'POST', body: '{}' });
    keepReadBody(request, { jsonrpc: '2.0', id: 1, method: 'ping' });
    const message = readMessage(request, { maxBytes: MAX });
    expect(isThenable(message)).toBe(false);
    expect(message).toMatchObject({ id: 1, method: 'ping' });
  });

  it('reads a body by callback where the request offers one, never through text()', async () => {
    const body = '{"jsonrpc":"2.0","id":7,"method":"ping"}';
    const source = callbackRequest(sized(body));
    const message = readMessage(source.request, { maxBytes: MAX });
    expect(source.reads()).toBe(1);
    source.send(body);
    await expect(message).resolves.toMatchObject({ id: 7, method: 'ping' });
  });

  it('reads a plain web Request through text()', async () => {
    const body = '{"jsonrpc":"2.0","id":8,"method":"ping"}';
    const request = new Request('http://localhost/mcp', { method: 'POST', headers: sized(body), body });
    await expect(readMessage(request, { maxBytes: MAX })).resolves.toMatchObject({ id: 8 });
  });

  it.each([
    ['invalid JSON', '{"jsonrpc":', 400, -32700],
    ['a batch', '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', 400, -32600],
    ['not a message', '{"hello":1}', 400, -32600],
  ])('refuses %s with the error the spec names', async (_name, body, status, code) => {
    const source = callbackRequest(sized(body));
    const answer = readMessage(source.request, { maxBytes: MAX });
    source.send(body);
    const refused = (await answer) as HttpAnswer;
    expect(refused.status).toBe(status);
    expect(errorOf(refused).code).toBe(code);
  });

  it('answers 400 when the body fails to arrive', async () => {
    const source = callbackRequest(sized('{}'));
    const answer = readMessage(source.request, { maxBytes: MAX });
    source.fail(new Error('socket hang up'));
    const refused = (await answer) as HttpAnswer;
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('socket hang up');
  });

  it('refuses a declared length over the limit with 413, reading no text', async () => {
    const source = callbackRequest({ 'content-type': 'application/json', 'content-length': String(MAX + 1) });
    const answer = (await readMessage(source.request, { maxBytes: MAX })) as HttpAnswer;
    expect(answer.status).toBe(413);
    expect(source.reads()).toBe(0);
  });

  it('answers 408 once the timeout passes in virtual time, and ignores the body that comes after', async () => {
    const scheduler = new VirtualTimeScheduler();
    const deadlines = new DeadlineQueue(scheduler, 5_000);
    const source = callbackRequest(sized('{}'));
    const answer = readMessage(source.request, { maxBytes: MAX, timeout: 5_000, scheduler, deadlines });
    scheduler.flush();
    expect(scheduler.now()).toBe(5_000);
    const refused = (await answer) as HttpAnswer;
    expect(refused.status).toBe(408);
    expect(refused.headers).toMatchObject({ connection: 'close' });
    source.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    await expect(answer).resolves.toBe(refused);
  });

  it('cancels the timeout when the body arrives in time', async () => {
    const scheduler = new VirtualTimeScheduler();
    const source = callbackRequest(sized('{}'));
    const answer = readMessage(source.request, { maxBytes: MAX, timeout: 5_000, scheduler });
    source.send('{"jsonrpc":"2.0","id":2,"method":"ping"}');
    await expect(answer).resolves.toMatchObject({ id: 2 });
    scheduler.flush();
    expect(scheduler.now()).toBe(0); // nothing was left scheduled
  });
});

describe('readMessageThen', () => {
  it('applies the next step inside the read’s one promise', async () => {
    const body = '{"jsonrpc":"2.0","id":3,"method":"ping"}';
    const source = callbackRequest(sized(body));
    const answered = readMessageThen(source.request, { maxBytes: MAX }, (message) => ({ served: message }));
    source.send(body);
    await expect(answered).resolves.toEqual({ served: expect.objectContaining({ id: 3 }) });
  });

  it('rejects when the next step throws, and runs it without a promise for a kept body', async () => {
    const source = callbackRequest(sized('{}'));
    const failing = readMessageThen(source.request, { maxBytes: MAX }, () => {
      throw new Error('next failed');
    });
    source.send('{"jsonrpc":"2.0","id":4,"method":"ping"}');
    await expect(failing).rejects.toThrow('next failed');

    const kept = new Request('http://localhost/mcp', { method: 'POST', body: '{}' });
    keepReadBody(kept, { jsonrpc: '2.0', id: 5, method: 'ping' });
    expect(readMessageThen(kept, { maxBytes: MAX }, (message) => ('id' in message ? message.id : null))).toBe(5);
  });
});

describe('readJsonBody', () => {
  it('reads a body of no declared length chunk by chunk', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.enqueue(new TextEncoder().encode('1}'));
        controller.close();
      },
    });
    const request = new Request('http://localhost/mcp', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expect(readJsonBody(request, { maxBytes: MAX })).resolves.toEqual({ ok: true, value: { a: 1 } });
  });
});
