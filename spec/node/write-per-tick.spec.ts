import { Writable } from 'node:stream';
import { TickWriter } from '../../lib/node/write-per-tick.js';

function recorder() {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.toString());
      callback();
    },
  });
  return { stream, writes };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('TickWriter', () => {
  it('joins what is written in one tick into one write, on the next tick', async () => {
    const { stream, writes } = recorder();
    const writer = new TickWriter(stream);
    for (const line of ['a\n', 'b\n', 'c\n']) writer.write(line);
    expect(writes).toEqual([]);
    await nextTick();
    expect(writes).toEqual(['a\nb\nc\n']);

    writer.write('d\n');
    await nextTick();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('flushes at once when asked (before the stream ends), and writes nothing twice', async () => {
    const { stream, writes } = recorder();
    const writer = new TickWriter(stream);
    writer.write('last\n');
    writer.flush();
    stream.end();
    await nextTick();
    expect(writes).toEqual(['last\n']);
    writer.flush();
    expect(writes).toEqual(['last\n']);
  });
});
