import { Writable } from 'node:stream';
import { corkPerTick } from '../../lib/node/cork-per-tick.js';

function recorder() {
  const writes: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push([chunk.toString()]);
      callback();
    },
    writev(chunks, callback) {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      callback();
    },
  });
  return { stream, writes };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('corkPerTick', () => {
  it('sends what is written in one tick in one write, on the next tick', async () => {
    const { stream, writes } = recorder();
    const beforeWrite = corkPerTick(stream);
    for (const line of ['a\n', 'b\n', 'c\n']) {
      beforeWrite();
      stream.write(line);
    }
    expect(writes).toEqual([]);
    await nextTick();
    expect(writes).toEqual([['a\n', 'b\n', 'c\n']]);

    beforeWrite();
    stream.write('d\n');
    await nextTick();
    expect(writes).toEqual([['a\n', 'b\n', 'c\n'], ['d\n']]);
  });

  it('nests with writers that cork themselves, and end() flushes at once', async () => {
    const { stream, writes } = recorder();
    const beforeWrite = corkPerTick(stream);
    beforeWrite();
    stream.cork();
    stream.write('header');
    stream.write('body');
    stream.uncork();
    expect(writes).toEqual([]);
    beforeWrite();
    stream.write('last');
    stream.end();
    await new Promise((resolve) => stream.on('finish', resolve));
    expect(writes).toEqual([['header', 'body', 'last']]);
  });
});
