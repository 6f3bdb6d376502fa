import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { toWebRequest } from '../../../lib/node/http/node-request.js';
import type { CallbackBodyRequest } from '../../../lib/server/http/read-message.js';

/** The plain form `text()` stands for: every chunk collected, joined, decoded once. */
function plainText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.readableEnded) reject(new Error('the request closed before its body ended'));
    });
  });
}

/** A POST whose body arrives as `chunks`, then ends (or is destroyed with `failure`). */
function post(chunks: Buffer[], failure?: Error | 'close'): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = 'POST';
  req.url = '/mcp';
  setImmediate(() => {
    for (const chunk of chunks) req.push(chunk);
    if (failure === undefined) req.push(null);
    else req.destroy(failure === 'close' ? undefined : failure);
  });
  return req;
}

const settled = (text: Promise<string>) =>
  text.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.message }),
  );

describe('the Node Request adapter: text() reads the body as the plain collect-and-join does', () => {
  const euro = Buffer.from('{"a":"€"}');
  it.each<[string, Buffer[], Error | 'close' | undefined]>([
    ['one chunk', [Buffer.from('{"jsonrpc":"2.0"}')], undefined],
    ['several chunks', [Buffer.from('{"a":'), Buffer.from('1,"b":'), Buffer.from('2}')], undefined],
    ['a character split across chunks', [euro.subarray(0, 7), euro.subarray(7)], undefined],
    ['no body', [], undefined],
    ['closed before the end', [Buffer.from('{"a"')], 'close'],
    ['failed', [Buffer.from('{"a"')], new Error('socket hang up')],
  ])('%s', async (_name, chunks, failure) => {
    const ours = await settled(toWebRequest(post(chunks, failure)).text());
    const plain = await settled(plainText(post(chunks, failure)));
    expect(ours).toEqual(plain);
  });

  it('is the text of a multi-chunk body, whole', async () => {
    await expect(toWebRequest(post([euro.subarray(0, 7), euro.subarray(7)])).text()).resolves.toBe('{"a":"€"}');
  });
});

describe('the Node Request adapter: readTextInto() is text() by callback', () => {
  const calls = (req: IncomingMessage) =>
    new Promise<{ calls: string[]; synchronous: boolean }>((resolve) => {
      const seen: string[] = [];
      let returned = false;
      let synchronous = false;
      const note = (what: string) => {
        if (!returned) synchronous = true;
        seen.push(what);
        // Wait a little longer: a second call would come after the first.
        setImmediate(() => setImmediate(() => resolve({ calls: seen, synchronous })));
      };
      (toWebRequest(req) as unknown as CallbackBodyRequest).readTextInto(
        (text) => note(`text:${text}`),
        (error) => note(`error:${(error as Error).message}`),
      );
      returned = true;
    });

  it.each<[string, Buffer[], Error | 'close' | undefined, string]>([
    ['a body', [Buffer.from('{"a":'), Buffer.from('1}')], undefined, 'text:{"a":1}'],
    ['no body', [], undefined, 'text:'],
    ['closed before the end', [Buffer.from('{"a"')], 'close', 'error:the request closed before its body ended'],
    ['failed', [Buffer.from('{"a"')], new Error('socket hang up'), 'error:socket hang up'],
  ])('%s: one callback, once, never synchronously', async (_name, chunks, failure, expected) => {
    await expect(calls(post(chunks, failure))).resolves.toEqual({ calls: [expected], synchronous: false });
  });

  it('serves the JSON a body parser already read, later', async () => {
    const req = new IncomingMessage(new Socket()) as IncomingMessage & { body?: unknown };
    req.method = 'POST';
    req.body = { a: 1 };
    req.push(null);
    req.resume();
    await new Promise((resolve) => req.once('end', resolve));
    await expect(calls(req)).resolves.toEqual({ calls: ['text:{"a":1}'], synchronous: false });
  });
});
