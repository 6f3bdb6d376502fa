// A body over `maxBodyBytes` sent with `Content-Length` must reach Node's global fetch as a 413
// response, not as a write error (EPIPE / ECONNRESET) from a socket the server closed while the
// upload was still arriving. The client runs in a child process: in the server's own event loop
// the response is always read before the reset, which hides the race.
import { spawn } from 'node:child_process';
import { streamableHost } from './helpers/streamable-host.js';
import { callTool, openLegacySession, openSession, sessionHeaders } from './helpers/raw-http.js';

/**
 * POSTs a tools/call of about `size` bytes `times` times from a separate Node process, with
 * `Content-Length` or, when `chunked`, as a stream; resolves with each outcome.
 */
function postFromChild(
  url: string,
  headers: Record<string, string>,
  size: number,
  times: number,
  chunked = false,
): Promise<string[]> {
  const script = `
    const [url, headers, size, times, chunked] = JSON.parse(process.argv[1]);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x'.repeat(size) } } });
    const outcomes = [];
    for (let i = 0; i < times; i++) {
      const sent = chunked ? new Blob([body]).stream() : body;
      outcomes.push(await fetch(url, { method: 'POST', headers, body: sent, duplex: 'half' }).then(
        async (response) => response.status + ' ' + (await response.text()),
        (error) => error.message + ': ' + (error.cause?.code ?? error.cause?.message),
      ));
    }
    process.stdout.write(JSON.stringify(outcomes));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      '--input-type=module',
      '-e',
      script,
      JSON.stringify([url, headers, size, times, chunked]),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`client exited ${code}: ${err}`)),
    );
  });
}

const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const tooLarge = expect.stringMatching(
  /^413 \{"jsonrpc":"2.0","id":null,"error":\{"code":-32000,"message":"Payload Too Large/,
);

describe('body limit over real sockets', () => {
  const host = streamableHost();
  afterEach(() => host.stop());

  it('answers 413 to fetch for a declared body over the limit, every time (/mcp)', async () => {
    await host.start({ maxBodyBytes: 1024 });
    const sessionId = await openSession(host.url);
    const outcomes = await postFromChild(host.url, { ...json, ...sessionHeaders(sessionId) }, 4 * 1024 * 1024, 10);
    expect(outcomes).toEqual(Array(10).fill(tooLarge));
    expect(host.server.sessions).toHaveLength(1);
    // The session carries on.
    const after = await fetch(host.url, {
      method: 'POST',
      headers: { ...json, ...sessionHeaders(sessionId) },
      body: JSON.stringify(callTool(2, 'echo', { text: 'ok' })),
    });
    await expect(after.json()).resolves.toMatchObject({ id: 2, result: { content: [{ text: 'ok' }] } });
  });

  it('answers 413 to fetch for a streamed (chunked) body over the limit', async () => {
    await host.start({ maxBodyBytes: 1024 });
    const sessionId = await openSession(host.url);
    const outcomes = await postFromChild(host.url, { ...json, ...sessionHeaders(sessionId) }, 4 * 1024 * 1024, 5, true);
    expect(outcomes).toEqual(Array(5).fill(tooLarge));
  });

  it('answers 413 on the legacy /messages endpoint too', async () => {
    await host.start({ maxBodyBytes: 1024 });
    const { stream, endpoint } = await openLegacySession(host.running!.url);
    const outcomes = await postFromChild(endpoint, { 'content-type': 'application/json' }, 4 * 1024 * 1024, 6);
    expect(outcomes).toEqual(Array(6).fill(tooLarge));
    await stream.cancel();
  });
});
