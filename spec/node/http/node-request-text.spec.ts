import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { toWebRequest } from '../../../lib/node/http/node-request.js';

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
