// stdio backpressure: once stdout holds more than highWaterBytes the client has not taken, stdin
// stops being read; it resumes when stdout drains, and every request is still answered.
import { PassThrough, Writable } from 'node:stream';
import { createStdioServerTransport } from '../../lib/node/stdio/index.js';
import { createSession } from '../../lib/session/session.js';
import { until } from '../support/until.js';

/** A stdout whose reader takes nothing until `release()`. */
function stalledStdout() {
  const taken: string[] = [];
  const held: (() => void)[] = [];
  let reading = false;
  const stdout = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      taken.push(chunk.toString());
      if (reading) done();
      else held.push(done);
    },
  });
  return {
    stdout,
    taken,
    release() {
      reading = true;
      for (const done of held.splice(0)) done();
    },
  };
}

describe('limits: stdio backpressure', () => {
  it('stops reading stdin past highWaterBytes of unread output, and answers everything once stdout drains', async () => {
    const stdin = new PassThrough();
    const out = stalledStdout();
    const highWaterBytes = 64 * 1024;
    const session = createSession(
      createStdioServerTransport({ stdin, stdout: out.stdout, highWaterBytes, guardConsole: false }),
    );
    session.setRequestHandler('echo', (params) => params);
    const connection = session.connect();
    const total = 2000;
    const pad = 'x'.repeat(500);
    let maxQueued = 0;
    let written = 0;
    // Fed in small batches, as a pipe delivers them, sampling the queue after each.
    while (written < total && !stdin.isPaused()) {
      const lines = Array.from({ length: 20 }, (_, i) =>
        JSON.stringify({ jsonrpc: '2.0', id: written + i + 1, method: 'echo', params: { pad } }),
      ).join('\n');
      stdin.write(`${lines}\n`);
      written += 20;
      await new Promise((resolve) => setImmediate(resolve));
      maxQueued = Math.max(maxQueued, out.stdout.writableLength);
    }
    expect(stdin.isPaused()).toBe(true);
    expect(written).toBeLessThan(total);
    // Bounded: the mark plus the answers to one batch.
    expect(maxQueued).toBeGreaterThan(highWaterBytes);
    expect(maxQueued).toBeLessThan(highWaterBytes + 20 * 600);
    out.release();
    await until(() => !stdin.isPaused(), 'stdin to resume');
    await until(() => out.taken.join('').split('\n').filter(Boolean).length === written, 'every answer');
    connection.unsubscribe();
  });
});
