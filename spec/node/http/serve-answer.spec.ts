import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { serveAnswer } from '../../../lib/node/http/web-exchange.js';
import { jsonAnswer } from '../../../lib/server/http/http-utils.js';

/** A request and its response on a socket that keeps what is written. */
function exchange() {
  let written = '';
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  const req = new IncomingMessage(socket as never);
  req.method = 'POST';
  req.url = '/mcp';
  const res = new ServerResponse(req);
  res.assignSocket(socket as never);
  return { req, res, written: () => written };
}

describe('serveAnswer', () => {
  it('writes an answer that is ready at once before it returns (no promise in between)', () => {
    const { req, res, written } = exchange();
    serveAnswer(req, res, () => jsonAnswer({ ok: 1 }, 201));
    expect(res.writableEnded).toBe(true);
    expect(written()).toMatch(/^HTTP\/1\.1 201/);
    expect(written()).toMatch(/\r\ncontent-length: 8\r\n/);
    expect(written()).toMatch(/\r\ncontent-type: application\/json\r\n/);
    expect(written()).toContain('{"ok":1}');
  });

  it('writes a promised answer once it settles', async () => {
    const { req, res, written } = exchange();
    serveAnswer(req, res, () => Promise.resolve(jsonAnswer({ ok: 2 })));
    expect(res.writableEnded).toBe(false);
    await new Promise((resolve) => res.once('finish', resolve));
    expect(written()).toContain('{"ok":2}');
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('boom');
      },
    ],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ])('answers 500 with JSON-RPC -32603 when the handler %s', async (_name, answer) => {
    const { req, res, written } = exchange();
    serveAnswer(req, res, answer);
    if (!res.writableEnded) await new Promise((resolve) => res.once('finish', resolve));
    expect(written()).toMatch(/^HTTP\/1\.1 500/);
    expect(written()).toContain('"code":-32603');
    expect(written()).toContain('Internal error: boom');
  });
});
